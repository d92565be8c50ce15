package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
)

func bindVerbosity(root *cobra.Command, v *app.Verbosity) {
	pf := root.PersistentFlags()
	pf.BoolVarP(&v.Quiet, "quiet", "q", false, "no status lines or progress on standard error (errors and warnings remain)")
	pf.BoolVarP(&v.Verbose, "verbose", "v", false, "also say where relmap connects and how long the command took (never a password)")
	root.MarkFlagsMutuallyExclusive("quiet", "verbose")
}
