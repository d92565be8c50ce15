package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newDBExecCmd(g *Globals) *cobra.Command {
	var keep bool
	cmd := &cobra.Command{
		Use:   "exec -- COMMAND [ARG...]",
		Short: "Run a command against a throwaway local Neo4j, then stop it",
		Long:  help.Text("db-exec.long"),
		Args:  cobra.MinimumNArgs(1),
		RunE:  func(cmd *cobra.Command, args []string) error { return app.DBExec(cmd.Context(), g, keep, args) },
	}
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the temporary data directory")
	return cmd
}
