package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
)

func newDBCmd(g *Globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Run the local Neo4j (embedded Neo4j Community, fetched from Maven Central)",
		Long:  help.Text("db.long"),
	}
	cmd.AddCommand(newDBStartCmd(g), newDBStopCmd(g), newDBStatusCmd(g), newDBExecCmd(g),
		newDBEnvCmd(g))
	return cmd
}
