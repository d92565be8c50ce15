package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

type validateOptions struct{ g *Globals }

func newValidateCmd(g *Globals) *cobra.Command {
	o := &validateOptions{g: g}
	return &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check seed files without a database (default: the built-in dataset)",
		Long:  help.Text("validate.long"),
		RunE:  func(cmd *cobra.Command, args []string) error { return o.run(args) },
	}
}

func (o *validateOptions) run(args []string) error { return app.Validate(o.g, args) }
