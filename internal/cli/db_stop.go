package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
)

func newDBStopCmd(g *Globals) *cobra.Command {
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "stop",
		Short: "Shut the local Neo4j down cleanly",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return app.DBStop(cmd.Context(), g, timeout) },
	}
	cmd.Flags().DurationVar(&timeout, "timeout", time.Minute, "how long to wait before killing it")
	return cmd
}
