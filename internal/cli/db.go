package cli

import "github.com/spf13/cobra"

func newDBCmd(g *Globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Run the local Neo4j (embedded Neo4j Community, fetched from Maven Central)",
		Long: `The local database is Neo4j Community in embedded mode with its Bolt connector,
listening on 127.0.0.1 only, with authentication on and a generated password kept
in a state file only you can read. It needs a JDK 17 and Maven on PATH; the first
start fetches Neo4j from Maven Central and caches the result.

Any other Neo4j 5 works too: set NEO4J_URI (Docker neo4j:5, Neo4j Desktop, Aura).`,
	}
	cmd.AddCommand(newDBStartCmd(g), newDBStopCmd(g), newDBStatusCmd(g), newDBExecCmd(g),
		newDBEnvCmd(g))
	return cmd
}
