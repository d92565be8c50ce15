package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cypher"
	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/params"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/queryrun"
	"github.com/relmap/relmap/internal/usage"
)

// QueryOptions say which Cypher to run and how to print its records.
type QueryOptions struct {
	// Cypher is the statement given as an argument; File a file (- for
	// standard input); Named a named question. At most one is given, and
	// without any the statements are read from standard input.
	Cypher, File, Named string
	CypherGiven         bool
	Params              []string
	ParamsFile          string
	Format              string
	Write               bool
	Timeout             time.Duration
	Limit               int64
	// At is $at as a Cypher DATE, when AtGiven.
	At            string
	AtGiven       bool
	KeepGoing     bool
	ConfirmedOnly ConfirmedOnly
}

// maxScript bounds the Cypher read from a file or stdin.
const maxScript = 32 << 20

// CollectParams gathers --params-file and --param. As for seed paths, a
// mistake in the command line exits 2: a malformed --param, or a file named
// that does not exist; a file that exists but cannot be read or decoded is
// bad input (exit 1). -f FILE follows the same rule (fileError).
func CollectParams(file string, args []string) (map[string]any, error) {
	p, err := params.Collect(file, args)
	var fe *params.FileError
	if err != nil && !errors.As(err, &fe) {
		return nil, usage.Wrap(err)
	}
	return p, fileError(err)
}

// fileError makes a file named on the command line that does not exist a
// usage error.
func fileError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return usage.Wrap(err)
	}
	return err
}

// statement is one Cypher statement with where it came from.
type statement struct {
	text   string
	origin string
	params map[string]any
	// actors are the actor ids a named question was given, by parameter:
	// checked when it answers nothing.
	actors map[string]string
}

// run is st as queryrun runs it: a named question that answers nothing
// checks the actor ids it was given.
func (st statement) run() queryrun.Statement {
	r := queryrun.Statement{Text: st.text, Params: st.params}
	if len(st.actors) > 0 {
		r.OnEmpty = func(ctx context.Context, s graph.Store) error { return UnknownActors(ctx, s, st.actors) }
	}
	return r
}

func (o QueryOptions) statements(ctx context.Context, g *Env) ([]statement, error) {
	user, err := CollectParams(o.ParamsFile, o.Params)
	if err != nil {
		return nil, err
	}
	if o.AtGiven {
		// A date, not text: the graph's dates are Cypher DATEs, and a string
		// compared with one is null, which would silently match nothing.
		at, err := ParseDay("at", o.At)
		if err != nil {
			return nil, err
		}
		user["at"] = at
	}
	sources := 0
	for _, set := range []bool{o.CypherGiven, o.File != "", o.Named != ""} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return nil, usage.Errorf("give Cypher one way only: an argument, -f FILE or --named NAME")
	}
	switch {
	case o.Named != "":
		q, ok := queries.Get(o.Named)
		if !ok {
			return nil, usage.Errorf("no named question %q; `relmap queries` lists them", o.Named)
		}
		p, err := q.Params(user)
		if err != nil {
			return nil, usage.Errorf("--named %s: %v", o.Named, err)
		}
		return []statement{{text: q.Cypher, origin: q.Name, params: p, actors: q.ActorIDs(p)}}, nil
	case o.CypherGiven:
		if len(cypher.Tokens(o.Cypher)) == 0 {
			return nil, usage.Errorf("the statement is empty: give Cypher, -f FILE or --named NAME")
		}
		return []statement{{text: o.Cypher, origin: "argument", params: user}}, nil
	}
	var src []byte
	origin := o.File
	if o.File == "" && g.InTTY {
		return nil, usage.Errorf("no Cypher given: pass it as an argument, -f FILE or --named NAME, pipe it in, or type it in `relmap shell`")
	}
	if o.File == "" || o.File == "-" {
		origin = "stdin"
		src, err = readInput(ctx, func() ([]byte, error) { return fileio.ReadAll(g.In, maxScript) })
	} else {
		src, err = fileio.ReadFile(o.File, maxScript)
	}
	if err != nil && origin == "stdin" {
		return nil, fmt.Errorf("stdin: %w", err)
	} else if err != nil {
		return nil, fileError(err) // it names the file
	}
	var out []statement
	for i, text := range cypher.Split(string(src)) {
		out = append(out, statement{text: text, origin: fmt.Sprintf("%s, statement %d", origin, i+1), params: user})
	}
	if len(out) == 0 {
		return nil, usage.Errorf("no Cypher in %s", origin)
	}
	return out, nil
}

// Query runs Cypher (an argument, a file, standard input or a named
// question) and prints the records as o.Format asks.
func Query(ctx context.Context, g *Env, o QueryOptions) (err error) {
	if o.Limit < 0 {
		return usage.Errorf("--limit %d: want a number of records, or 0 for all", o.Limit)
	}
	if o.Timeout < 0 {
		return usage.Errorf("--timeout %s: want a duration such as 30s, or 0 for the server's limit", o.Timeout)
	}
	stmts, err := o.statements(ctx, g)
	if err != nil {
		return err
	}
	if !o.Write {
		for _, st := range stmts {
			if err := cypher.CheckRead(st.text); err != nil {
				return fmt.Errorf("%s: %w", st.origin, err)
			}
		}
	}
	format := o.Format
	if format == "" {
		format = output.AutoFormat(g.OutTTY)
	}
	if _, err := output.New(format, io.Discard, nil); err != nil {
		return usage.Wrap(err)
	}
	if !g.OutTTY {
		// A pipe or file gets records in large writes rather than one system
		// call per row; a terminal keeps seeing rows as they arrive.
		bw := bufio.NewWriterSize(g.Out, 64<<10)
		out := g.Out
		g.Out = bw
		defer func() {
			if ferr := bw.Flush(); err == nil {
				err = ferr
			}
			g.Out = out
		}()
	}
	return g.WithStore(ctx, func(s graph.Store) error {
		var firstErr error
		for _, st := range stmts {
			err := queryrun.Run(ctx, s, st.run(), queryrun.Options{Format: format, Out: g.Out,
				Status: func(line string) { g.Status("%s", line) }, Write: o.Write, Timeout: o.Timeout, Limit: o.Limit,
				ConfirmedOnly: bool(o.ConfirmedOnly)})
			if err == nil {
				continue
			}
			if len(stmts) > 1 {
				err = fmt.Errorf("%s: %w", st.origin, err)
			}
			if !o.KeepGoing {
				return err
			}
			fmt.Fprintf(g.ErrOut, "relmap: %v\n", err)
			if firstErr == nil {
				firstErr = usage.Silent{Code: usage.ExitCode(err)}
			}
		}
		return firstErr
	})
}
