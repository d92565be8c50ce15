package cli

import "github.com/spf13/cobra"

// commands are relmap's commands, in the order `relmap --help` lists them.
// A new command is one line here: its constructor.
var commands = []func(*Globals) *cobra.Command{
	newVersionCmd,
	newDBCmd,
	newLoadCmd,
	newUnloadCmd,
	newValidateCmd,
	newQueryCmd,
	newQueriesCmd,
	newShellCmd,
	newDocsCmd,
	newRenderCmd,
	newCompareCmd,
	newReportCmd,
	newExploreCmd,
	newExportCmd,
	newAnalyseCmd,
	newTimelineCmd,
	newSynthCmd,
	newFingerprintCmd,
	newSeedsCmd,
}
