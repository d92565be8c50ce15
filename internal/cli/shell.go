package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/completion"
	"github.com/relmap/relmap/internal/output"
)

func newShellCmd(g *Globals) *cobra.Command {
	var o app.ShellOptions
	cmd := &cobra.Command{
		Use:   "shell",
		Short: "Type Cypher interactively: multi-line statements, parameters, named questions",
		Long:  help.Text("shell.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return app.Shell(cmd.Context(), g, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", output.Table, "table, csv, tsv, json or jsonl")
	f.BoolVar(&o.Write, "write", false, "start in write mode")
	f.DurationVar(&o.Timeout, "timeout", 0, "stop a statement that runs longer (e.g. 30s); 0: the server's limit")
	f.StringVar(&o.History, "history", "", "the history file (default $XDG_STATE_HOME/relmap/history)")
	cmd.RegisterFlagCompletionFunc("format", completion.Fixed(output.Formats...))
	return cmd
}
