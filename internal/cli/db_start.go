package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/localdb"
)

func newDBStartCmd(g *Globals) *cobra.Command {
	var o app.DBStartOptions
	cmd := &cobra.Command{
		Use:   "start",
		Short: "Start the local Neo4j and wait until Bolt answers",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return app.DBStart(cmd.Context(), g, o) },
	}
	f := cmd.Flags()
	f.IntVar(&o.Port, "port", localdb.DefaultPort, "Bolt port on 127.0.0.1 (0 picks a free one)")
	f.IntVar(&o.HeapMB, "heap", 768, "JVM heap in MiB")
	f.IntVar(&o.PageCacheMB, "page-cache", 256, "Neo4j page cache in MiB")
	f.DurationVar(&o.Timeout, "timeout", 3*time.Minute, "how long to wait for Bolt to answer")
	return cmd
}
