package cli

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/localdb"
	"github.com/relmap/relmap/internal/usage"
)

type dbStartOptions struct {
	g           *Globals
	port        int
	heapMB      int
	pageCacheMB int
	timeout     time.Duration
}

func newDBStartCmd(g *Globals) *cobra.Command {
	o := &dbStartOptions{g: g}
	cmd := &cobra.Command{
		Use:   "start",
		Short: "Start the local Neo4j and wait until Bolt answers",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	f.IntVar(&o.port, "port", localdb.DefaultPort, "Bolt port on 127.0.0.1 (0 picks a free one)")
	f.IntVar(&o.heapMB, "heap", 768, "JVM heap in MiB")
	f.IntVar(&o.pageCacheMB, "page-cache", 256, "Neo4j page cache in MiB")
	f.DurationVar(&o.timeout, "timeout", 3*time.Minute, "how long to wait for Bolt to answer")
	return cmd
}

func (o *dbStartOptions) run(cmd *cobra.Command) error {
	if o.port < 0 || o.port > 65535 {
		return usage.Errorf("--port %d: a TCP port is 1-65535 (0 picks a free one)", o.port)
	}
	start := time.Now()
	st, err := localdb.Start(cmd.Context(), localdb.Config{
		DataDir: o.g.DataDirPath(), Port: o.port, HeapMB: o.heapMB, PageCacheMB: o.pageCacheMB,
		Timeout: o.timeout, Progress: o.g.ProgressOut(),
	})
	if errors.Is(err, localdb.ErrAlreadyRunning) {
		o.g.Status("The local Neo4j is already running at %s (pid %d, data %s).", st.URI(), st.PID, st.DataDir)
		return nil
	}
	if err != nil {
		return err
	}
	o.g.Status("Neo4j %s is running at %s (pid %d, data %s), started in %s.",
		st.Version, st.URI(), st.PID, st.DataDir, time.Since(start).Round(100*time.Millisecond))
	return nil
}
