package cli

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/completion"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/shell"
)

type shellOptions struct {
	g       *Globals
	format  string
	write   bool
	timeout time.Duration
	history string
}

func newShellCmd(g *Globals) *cobra.Command {
	o := &shellOptions{g: g}
	cmd := &cobra.Command{
		Use:   "shell",
		Short: "Type Cypher interactively: multi-line statements, parameters, named questions",
		Long:  help.Text("shell.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", output.Table, "table, csv, tsv, json or jsonl")
	f.BoolVar(&o.write, "write", false, "start in write mode")
	f.DurationVar(&o.timeout, "timeout", 0, "stop a statement that runs longer (e.g. 30s); 0: the server's limit")
	f.StringVar(&o.history, "history", "", "the history file (default $XDG_STATE_HOME/relmap/history)")
	cmd.RegisterFlagCompletionFunc("format", completion.Fixed(output.Formats...))
	return cmd
}

func (o *shellOptions) run(cmd *cobra.Command) error {
	if _, err := output.New(o.format, io.Discard, nil); err != nil {
		return usage.Wrap(err)
	}
	// Ctrl-C belongs to the statement running, never to the shell: the
	// shell's context ends on SIGTERM only.
	base, stop := signal.NotifyContext(context.WithoutCancel(cmd.Context()), syscall.SIGTERM)
	defer stop()
	return o.g.withStore(base, func(s graph.Store) error {
		cfg := shell.Config{Store: s, Out: o.g.Out, ErrOut: o.g.ErrOut, Format: o.format,
			Write: o.write, Timeout: o.timeout, Prompt: o.g.InTTY,
			Interruptible: func(ctx context.Context) (context.Context, context.CancelFunc) {
				return signal.NotifyContext(ctx, os.Interrupt)
			},
			Unanswered: func(ctx context.Context, q queries.Query, p map[string]any) error {
				return unknownActors(ctx, s, q.ActorIDs(p))
			}}
		if !o.g.InTTY {
			cfg.Lines = shell.NewPlain(o.g.In)
			return o.g.runShell(base, nil, &cfg)
		}
		hist := o.history
		if hist == "" {
			var err error
			if hist, err = shell.HistoryPath(); err != nil {
				return err
			}
		}
		in, ok := o.g.In.(io.ReadCloser)
		if !ok {
			in = io.NopCloser(o.g.In)
		}
		var sh *shell.Shell
		comp := shell.Completer{Actors: completion.ActorIDs(base, s), Params: func() []string { return sh.ParamNames() }}
		t, err := shell.NewTerminal(in, o.g.Out, o.g.ErrOut, hist, comp)
		if err != nil {
			return err
		}
		defer t.Close()
		cfg.Lines = t
		sh, err = shell.New(cfg)
		if err != nil {
			return usage.Wrap(err)
		}
		return o.g.runShell(base, sh, nil)
	})
}

// runShell runs sh, or a shell for cfg when sh is nil.
func (g *Globals) runShell(ctx context.Context, sh *shell.Shell, cfg *shell.Config) error {
	if sh == nil {
		var err error
		if sh, err = shell.New(*cfg); err != nil {
			return usage.Wrap(err)
		}
	}
	if err := sh.Run(ctx); err != nil {
		return usage.Silent{Code: ExitCode(err)}
	}
	return nil
}
