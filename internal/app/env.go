// Package app is relmap's application layer: what each command does, put
// together from the feature packages. The command line (internal/cli)
// binds flags to the options structs here and calls one function; this
// package resolves the connection (flags, environment, the local
// database), opens the store through a factory that tests replace, reads
// the loaded data and writes what the command produces.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/neo4jstore"
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

// StoreFactory opens a graph.Store for a connection; tests substitute one
// that needs no database.
type StoreFactory func(ctx context.Context, c Conn) (graph.Store, error)

// Env is what every command shares: the streams, the connection settings
// given on the command line and how much to say on standard error.
type Env struct {
	Streams
	URI          string
	User         string
	PasswordFile string
	Database     string
	DataDir      string
	Verbosity
	// Factory opens the store (nil: Neo4j).
	Factory StoreFactory
	// opened is the connection a store was opened for, which decides the
	// hint given when it cannot be reached.
	opened *Conn
}

// DataDirPath is the local database's data directory.
func (g *Env) DataDirPath() string {
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

// Conn resolves the connection: flags, then environment, then the local
// database's state file.
func (g *Env) Conn() (Conn, error) {
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
		st, err := localdb.ReadState(g.DataDirPath())
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
				g.Status("relmap: %s", st.Warning)
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

// Store opens the store for the resolved connection.
func (g *Env) Store(ctx context.Context) (graph.Store, error) {
	c, err := g.Conn()
	if err != nil {
		return nil, err
	}
	return g.StoreFor(ctx, c)
}

// StoreFor opens the store for a given connection.
func (g *Env) StoreFor(ctx context.Context, c Conn) (graph.Store, error) {
	g.opened = &c
	g.Verbosef("%s", describeConn(c))
	if g.Factory != nil {
		return g.Factory(ctx, c)
	}
	return neo4jstore.Open(neo4jstore.Config{URI: c.URI, User: c.User, Password: c.Password, Database: c.Database,
		BookmarkFile: localdb.BookmarkPath(g.DataDirPath())})
}

// WithStore opens the store, checks it answers, runs fn and closes it.
func (g *Env) WithStore(ctx context.Context, fn func(graph.Store) error) error {
	s, err := g.Store(ctx)
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

// WithData runs fn on everything relmap loaded, as LoadedData reads it.
func (g *Env) WithData(ctx context.Context, fn func(*graph.Dataset) error) error {
	return g.WithStore(ctx, func(s graph.Store) error {
		ds, err := LoadedData(ctx, s)
		if err != nil {
			return err
		}
		return fn(ds)
	})
}

// Hint adds the way out to an unreachable database, once for every command:
// how to start the local database, or to check the server named.
func (g *Env) Hint(err error) error {
	if !errors.Is(err, graph.ErrUnavailable) || g.opened == nil {
		return err
	}
	if g.opened.FromLocal {
		return fmt.Errorf("%w\nStart the local database with `relmap db start`, or set NEO4J_URI to use another Neo4j 5", err)
	}
	return fmt.Errorf("%w\nCheck that the server at NEO4J_URI/--uri is running and reachable", err)
}

// WriteOutput writes b to standard output for "-", otherwise to the file
// at path, atomically: a failed write never leaves a truncated file.
func (g *Env) WriteOutput(path string, b []byte) error {
	if path == "-" {
		_, err := g.Out.Write(b)
		return err
	}
	return fileio.WriteFile(path, b)
}
