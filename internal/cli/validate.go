package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newValidateCmd(g *Globals) *cobra.Command {
	return &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check seed files without a database (default: the built-in dataset)",
		Long:  help.Text("validate.long"),
		RunE:  func(cmd *cobra.Command, args []string) error { return app.Validate(g, args) },
	}
}
