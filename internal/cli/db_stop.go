package cli

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/localdb"
)

type dbStopOptions struct {
	g       *Globals
	timeout time.Duration
}

func newDBStopCmd(g *Globals) *cobra.Command {
	o := &dbStopOptions{g: g}
	cmd := &cobra.Command{
		Use:   "stop",
		Short: "Shut the local Neo4j down cleanly",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	cmd.Flags().DurationVar(&o.timeout, "timeout", time.Minute, "how long to wait before killing it")
	return cmd
}

func (o *dbStopOptions) run(cmd *cobra.Command) error {
	err := localdb.Stop(cmd.Context(), o.g.DataDirPath(), o.timeout)
	if errors.Is(err, localdb.ErrNotRunning) {
		o.g.Status("The local Neo4j is not running (data %s).", o.g.DataDirPath())
		return nil
	}
	if err != nil {
		return err
	}
	o.g.Status("The local Neo4j has stopped.")
	return nil
}
