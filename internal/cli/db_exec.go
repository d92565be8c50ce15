package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/internal/localdb"
)

type dbExecOptions struct {
	g    *Globals
	keep bool
}

func newDBExecCmd(g *Globals) *cobra.Command {
	o := &dbExecOptions{g: g}
	cmd := &cobra.Command{
		Use:   "exec -- COMMAND [ARG...]",
		Short: "Run a command against a throwaway local Neo4j, then stop it",
		Long:  help.Text("db-exec.long"),
		Args:  cobra.MinimumNArgs(1),
		RunE:  func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	cmd.Flags().BoolVar(&o.keep, "keep", false, "keep the temporary data directory")
	return cmd
}

func (o *dbExecOptions) run(cmd *cobra.Command, args []string) error {
	dir := o.g.DataDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "relmap-db-")
		if err != nil {
			return err
		}
		dir = tmp
		if !o.keep {
			defer os.RemoveAll(tmp)
		}
	}
	st, err := localdb.Start(cmd.Context(), localdb.Config{DataDir: dir, Port: 0, HeapMB: 1024, PageCacheMB: 256, Progress: o.g.ProgressOut()})
	if err != nil && !errors.Is(err, localdb.ErrAlreadyRunning) {
		return err
	}
	// Stop even if the context was cancelled by an interrupt.
	defer func() {
		if err := localdb.Stop(context.WithoutCancel(cmd.Context()), dir, time.Minute); err != nil && !errors.Is(err, localdb.ErrNotRunning) {
			o.g.Status("relmap: stopping the local Neo4j: %v", err)
		}
	}()
	o.g.Status("Neo4j %s is running at %s for this command.", st.Version, st.URI())
	c := exec.CommandContext(cmd.Context(), args[0], args[1:]...)
	c.Stdin, c.Stdout, c.Stderr = o.g.In, o.g.Out, o.g.ErrOut
	c.Env = append(os.Environ(), "RELMAP_DATA="+dir)
	c.Cancel = func() error { return c.Process.Signal(os.Interrupt) }
	c.WaitDelay = 30 * time.Second
	if err := c.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			return usage.Silent{Code: ee.ExitCode()}
		}
		return err
	}
	return nil
}
