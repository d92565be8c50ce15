package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
)

func newDBStatusCmd(g *Globals) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Say whether the local Neo4j runs, where, and which version",
		Long:  "Prints key: value lines. Exits 0 when the database runs and answers, 3 when it does not.",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return app.DBStatus(cmd.Context(), g) },
	}
}
