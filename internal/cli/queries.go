package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/queries"
)

func newQueriesCmd(g *Globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "queries",
		Short: "List the analysts' named questions (run one with relmap query --named NAME)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return app.ListQueries(g.Out) },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show NAME",
		Short: "Print a named question's Cypher with its header, to learn from or adapt",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return queries.Names(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error { return app.ShowQuery(g.Out, args[0]) },
	})
	return cmd
}
