// Package cli is relmap's command line: one file per command, each with an
// options struct, its flags and a run function. Run is the whole program, so
// tests can call it exactly as a user would.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/neo4jstore"
	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/completion"
	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/localdb"
	"github.com/relmap/relmap/internal/usage"
)

// Streams are the program's standard streams and what they are attached to.
type Streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY and ErrTTY say whether Out and ErrOut are terminals: tables and
	// progress bars for people, plain formats for pipes. InTTY says whether
	// In is one: a person typing rather than a script.
	OutTTY, ErrTTY, InTTY bool
}

// OSStreams are the process's own streams.
func OSStreams() Streams {
	return Streams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: isTerminal(os.Stdout), ErrTTY: isTerminal(os.Stderr), InTTY: isTerminal(os.Stdin)}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

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
type StoreFactory func(ctx context.Context, c Conn) (graph.Store, error)

// RunWith is Run with a substitute store factory (nil: Neo4j).
func RunWith(ctx context.Context, streams Streams, args []string, factory StoreFactory) error {
	// Every command's output goes through one writer that remembers the
	// first failed write, so no command can end well with its output lost.
	out := &watchedWriter{w: streams.Out}
	streams.Out = out
	g := &Globals{Streams: streams, factory: factory}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	start := time.Now()
	err := root.ExecuteContext(ctx)
	g.verbosef("done in %s", time.Since(start).Round(time.Millisecond))
	if err == nil && out.err != nil {
		err = fmt.Errorf("the output could not be written: %w", out.err)
	}
	return g.hint(err)
}

// Globals are the options every command shares.
type Globals struct {
	Streams
	URI          string
	User         string
	PasswordFile string
	Database     string
	DataDir      string
	Verbosity
	factory StoreFactory
	// opened is the connection a store was opened for, which decides the
	// hint given when it cannot be reached.
	opened *Conn
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
	usage.Typed(root)
	completion.Register(root)
	return root
}

// dataDir is the local database's data directory.
func (g *Globals) dataDir() string {
	if g.DataDir != "" {
		return g.DataDir
	}
	if d := os.Getenv("RELMAP_DATA"); d != "" {
		return d
	}
	return localdb.DefaultDataDir()
}

// Conn is a resolved connection.
type Conn struct {
	URI, User, Password, Database string
	// FromLocal is true when the settings came from the local database's state.
	FromLocal bool
}

// conn resolves the connection: flags, then environment, then the local
// database's state file.
func (g *Globals) conn() (Conn, error) {
	c := Conn{URI: g.URI, User: g.User, Database: g.Database}
	if c.URI == "" {
		c.URI = os.Getenv("NEO4J_URI")
	}
	if c.User == "" {
		c.User = os.Getenv("NEO4J_USERNAME")
	}
	if c.Database == "" {
		c.Database = os.Getenv("NEO4J_DATABASE")
	}
	if g.PasswordFile != "" {
		b, err := fileio.ReadFile(g.PasswordFile, 64<<10)
		if err != nil {
			return c, usage.Errorf("--password-file: %v", err)
		}
		c.Password = strings.TrimRight(string(b), "\r\n")
	} else {
		c.Password = os.Getenv("NEO4J_PASSWORD")
	}
	if c.URI == "" {
		st, err := localdb.ReadState(g.dataDir())
		switch {
		case err == nil:
			c.URI, c.FromLocal = st.URI(), true
			if c.User == "" {
				c.User = st.User
			}
			if c.Password == "" {
				c.Password = st.Password
			}
			if st.Warning != "" {
				g.status("relmap: %s", st.Warning)
			}
		case errors.Is(err, fs.ErrNotExist):
			c.URI = fmt.Sprintf("bolt://127.0.0.1:%d", localdb.DefaultPort)
			c.FromLocal = true
		default:
			return c, err
		}
	}
	if c.User == "" {
		c.User = "neo4j"
	}
	if err := checkURI(c.URI); err != nil {
		return c, err
	}
	return c, nil
}

// uriSchemes are the schemes of the Neo4j drivers' connection URIs.
var uriSchemes = []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}

// checkURI refuses a URI the driver cannot use before anything connects,
// and one that carries credentials: they would show wherever the URI is
// printed, and the drivers ignore them anyway. Its messages never repeat
// what stands before the '@'.
func checkURI(uri string) error {
	shown := neo4jstore.RedactURI(uri)
	if strings.Contains(uri, "@") {
		// Whatever url.Parse makes of it: a password holding '/' moves the
		// '@' out of what it calls the user information.
		return usage.Errorf("NEO4J_URI/--uri %s holds credentials; give the user in NEO4J_USERNAME or --user and the password in NEO4J_PASSWORD or --password-file", shown)
	}
	u, err := url.Parse(uri)
	if err != nil {
		return usage.Errorf("NEO4J_URI/--uri %q is not a URI (expected e.g. bolt://host:7687, neo4j://host, neo4j+s://host)", shown)
	}
	if !slices.Contains(uriSchemes, u.Scheme) || u.Host == "" {
		return usage.Errorf("NEO4J_URI/--uri %q is not a Neo4j URI: want %s://host[:port]", shown, strings.Join(uriSchemes, "|"))
	}
	return nil
}

// store opens the store for the resolved connection.
func (g *Globals) store(ctx context.Context) (graph.Store, error) {
	c, err := g.conn()
	if err != nil {
		return nil, err
	}
	return g.storeFor(ctx, c)
}

// storeFor opens the store for a given connection.
func (g *Globals) storeFor(ctx context.Context, c Conn) (graph.Store, error) {
	g.opened = &c
	g.verbosef("%s", describeConn(c))
	if g.factory != nil {
		return g.factory(ctx, c)
	}
	return neo4jstore.Open(neo4jstore.Config{URI: c.URI, User: c.User, Password: c.Password, Database: c.Database,
		BookmarkFile: localdb.BookmarkPath(g.dataDir())})
}

// withStore opens the store, checks it answers, runs fn and closes it.
func (g *Globals) withStore(ctx context.Context, fn func(graph.Store) error) error {
	s, err := g.store(ctx)
	if err != nil {
		return err
	}
	defer s.Close(context.WithoutCancel(ctx))
	// An unreachable server is reported now, with the way out, instead of
	// after the driver has spent its retry time on the first transaction.
	if err := s.Ping(ctx); err != nil {
		return err
	}
	return fn(s)
}
