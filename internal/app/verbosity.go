package app

import (
	"fmt"
	"io"
	"strings"

	"github.com/relmap/relmap/graph/neo4jstore"
)

// Verbosity is what -q/--quiet and -v/--verbose ask of standard error.
type Verbosity struct {
	// Quiet drops status lines and progress: errors and warnings remain.
	Quiet bool
	// Verbose adds where relmap connects and how long the command took;
	// never a password.
	Verbose bool
}

// Status prints a status line to standard error, unless --quiet. A line
// beginning "relmap:" is a warning, which --quiet keeps.
func (g *Env) Status(format string, a ...any) {
	if g.Quiet && !strings.HasPrefix(format, "relmap:") {
		return
	}
	fmt.Fprintf(g.ErrOut, format+"\n", a...)
}

// Verbosef prints a line to standard error with --verbose only.
func (g *Env) Verbosef(format string, a ...any) {
	if g.Verbose {
		fmt.Fprintf(g.ErrOut, "relmap: "+format+"\n", a...)
	}
}

// ProgressOut is where progress goes: standard error, or nowhere with
// --quiet.
func (g *Env) ProgressOut() io.Writer {
	if g.Quiet {
		return io.Discard
	}
	return g.ErrOut
}

// describeConn says, for --verbose, where a connection goes and where its
// settings came from, without its password.
func describeConn(c Conn) string {
	db := c.Database
	if db == "" {
		db = "the server's default"
	}
	from := "flags or environment"
	if c.FromLocal {
		from = "the local database's state file"
	}
	return fmt.Sprintf("connecting to %s as %s, database %s (settings from %s)", neo4jstore.RedactURI(c.URI), c.User, db, from)
}
