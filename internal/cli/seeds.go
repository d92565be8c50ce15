package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
)

func newSeedsCmd(g *Globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "seeds",
		Short: "Describe the seed format and the dataset",
	}
	cmd.AddCommand(newSeedsTypesCmd(g), newSeedsStatsCmd(g))
	return cmd
}

func newSeedsTypesCmd(g *Globals) *cobra.Command {
	return &cobra.Command{
		Use:   "types",
		Short: "List the actor kinds and tie types with the attributes each takes",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return app.SeedTypes(g.Out) },
	}
}

func newSeedsStatsCmd(g *Globals) *cobra.Command {
	return &cobra.Command{
		Use:   "stats [PATH...]",
		Short: "Count the actors per kind, ties per type, citations per document, and ties confirmed today, in seed files",
		RunE:  func(cmd *cobra.Command, args []string) error { return app.SeedStats(g, args) },
	}
}
