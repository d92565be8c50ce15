package app

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/completion"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/shell"
	"github.com/relmap/relmap/internal/usage"
)

// ShellOptions are the interactive shell's settings.
type ShellOptions struct {
	Format  string
	Write   bool
	Timeout time.Duration
	History string
}

// Shell runs the interactive Cypher shell on the graph: with a line
// editor, history and completion when In is a terminal, as a script that
// stops at the first failure when it is not.
func Shell(ctx context.Context, g *Env, o ShellOptions) error {
	if _, err := output.New(o.Format, io.Discard, nil); err != nil {
		return usage.Wrap(err)
	}
	// Ctrl-C belongs to the statement running, never to the shell: the
	// shell's context ends on SIGTERM only.
	base, stop := signal.NotifyContext(context.WithoutCancel(ctx), syscall.SIGTERM)
	defer stop()
	return g.WithStore(base, func(s graph.Store) error {
		cfg := shell.Config{Store: s, Out: g.Out, ErrOut: g.ErrOut, Format: o.Format,
			Write: o.Write, Timeout: o.Timeout, Prompt: g.InTTY,
			Interruptible: func(ctx context.Context) (context.Context, context.CancelFunc) {
				return signal.NotifyContext(ctx, os.Interrupt)
			},
			Unanswered: func(ctx context.Context, q queries.Query, p map[string]any) error {
				return UnknownActors(ctx, s, q.ActorIDs(p))
			}}
		if !g.InTTY {
			cfg.Lines = shell.NewPlain(g.In)
			return runShell(base, nil, &cfg)
		}
		hist := o.History
		if hist == "" {
			var err error
			if hist, err = shell.HistoryPath(); err != nil {
				return err
			}
		}
		in, ok := g.In.(io.ReadCloser)
		if !ok {
			in = io.NopCloser(g.In)
		}
		var sh *shell.Shell
		comp := shell.Completer{Actors: completion.ActorIDs(base, s), Params: func() []string { return sh.ParamNames() }}
		t, err := shell.NewTerminal(in, g.Out, g.ErrOut, hist, comp)
		if err != nil {
			return err
		}
		defer t.Close()
		cfg.Lines = t
		sh, err = shell.New(cfg)
		if err != nil {
			return usage.Wrap(err)
		}
		return runShell(base, sh, nil)
	})
}

// runShell runs sh, or a shell for cfg when sh is nil.
func runShell(ctx context.Context, sh *shell.Shell, cfg *shell.Config) error {
	if sh == nil {
		var err error
		if sh, err = shell.New(*cfg); err != nil {
			return usage.Wrap(err)
		}
	}
	if err := sh.Run(ctx); err != nil {
		return usage.Silent{Code: usage.ExitCode(err)}
	}
	return nil
}
