// Package cli is relmap's command line: one file per command, each binding
// its flags to the options of the package that does the work (mostly
// internal/app) and calling one function of it. Run is the whole program,
// so tests can call it exactly as a user would.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/completion"
	"github.com/relmap/relmap/internal/usage"
)

// Streams are the program's standard streams (package app).
type Streams = app.Streams

// OSStreams are the process's own streams.
func OSStreams() Streams { return app.OSStreams() }

// Exit codes, documented in README.md (package usage).
const (
	ExitOK          = usage.ExitOK
	ExitError       = usage.ExitError
	ExitUsage       = usage.ExitUsage
	ExitUnavailable = usage.ExitUnavailable
	ExitAuth        = usage.ExitAuth
	ExitQuery       = usage.ExitQuery
	ExitTimeout     = usage.ExitTimeout
	ExitBusy        = usage.ExitBusy
	ExitInterrupted = usage.ExitInterrupted
)

// ExitCode maps an error returned by Run to the process exit code.
func ExitCode(err error) int { return usage.ExitCode(err) }

// Main runs relmap as a process: signals cancel the context, errors are
// printed once and mapped to the exit code.
func Main(args []string) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	streams := OSStreams()
	err := Run(ctx, streams, args)
	interrupted := ctx.Err() != nil // before stop, which cancels ctx too
	stop()
	switch {
	case err == nil, usage.IsSilent(err):
	case interrupted && errors.Is(err, context.Canceled):
		// Ctrl-C: the driver's account of the cut connection says nothing
		// the user does not know.
		fmt.Fprintln(streams.ErrOut, "relmap: interrupted")
	default:
		fmt.Fprintf(streams.ErrOut, "relmap: %s\n", usage.EscapeControls(err.Error()))
	}
	os.Exit(ExitCode(err))
}

// Run runs relmap with args (without the program name).
func Run(ctx context.Context, streams Streams, args []string) error {
	return RunWith(ctx, streams, args, nil)
}

// StoreFactory opens a graph.Store for a connection; tests substitute one
// that needs no database.
type StoreFactory = app.StoreFactory

// Conn is a resolved connection.
type Conn = app.Conn

// Globals are the options every command shares.
type Globals = app.Env

// RunWith is Run with a substitute store factory (nil: Neo4j).
func RunWith(ctx context.Context, streams Streams, args []string, factory StoreFactory) error {
	// Every command's output goes through one writer that remembers the
	// first failed write, so no command can end well with its output lost.
	out := &watchedWriter{w: streams.Out}
	streams.Out = out
	g := &Globals{Streams: streams, Factory: factory}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	start := time.Now()
	err := root.ExecuteContext(ctx)
	if took := time.Since(start).Round(time.Millisecond); err == nil {
		g.Verbosef("done in %s", took)
	} else {
		g.Verbosef("failed after %s", took) // not "done": the error follows
	}
	if err == nil && out.err != nil {
		err = fmt.Errorf("the output could not be written: %w", out.err)
	}
	return g.Hint(err)
}

func newRootCmd(g *Globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "relmap",
		Short:         "Map who is tied to whom: a cited, dated graph of states, organisations, programmes and routes",
		Long:          strings.Replace(help.Text("root.long"), "{{exit-codes}}", usage.CodesHelp(), 1),
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       buildinfo.Text(),
	}
	root.SetVersionTemplate("{{.Version}}")
	pf := root.PersistentFlags()
	pf.StringVar(&g.URI, "uri", "", "Bolt URI of the database (env NEO4J_URI; default: the local database)")
	pf.StringVar(&g.User, "user", "", "user name (env NEO4J_USERNAME; default neo4j)")
	pf.StringVar(&g.PasswordFile, "password-file", "", "read the password from this file (env NEO4J_PASSWORD holds the password itself)")
	pf.StringVar(&g.Database, "database", "", "database name (env NEO4J_DATABASE; default: the server's default)")
	pf.StringVar(&g.DataDir, "data", "", "data directory of the local database (env RELMAP_DATA; default $XDG_DATA_HOME/relmap/neo4j or ~/.local/share/relmap/neo4j)")

	bindVerbosity(root, &g.Verbosity)

	for _, c := range commands {
		root.AddCommand(c(g))
	}
	// cobra adds its completion command when the command line runs; added
	// now, usage.Typed sees it too, so `completion tcsh` is an unknown
	// command (exit 2) rather than the group's help.
	root.InitDefaultCompletionCmd()
	usage.Typed(root)
	completion.Register(root)
	return root
}
