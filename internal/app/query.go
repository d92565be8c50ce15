package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cypher"
	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/outfile"
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
	// Output is the file to write (- or "" for standard output).
	Output  string
	Write   bool
	Timeout time.Duration
	Limit   int64
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
	origin string // "" for the statement given on the command line
	params map[string]any
	// named is the named question the statement asks, if any: its actor
	// parameters are looked up by name, and its empty answer explained.
	named *queries.Query
}

// run is st as queryrun runs it: the actor names of a named question
// become ids, and an empty answer is looked into before it is printed.
func (st statement) run(ctx context.Context, s graph.Store) (queryrun.Statement, error) {
	r := queryrun.Statement{Text: st.text, Params: st.params}
	q := st.named
	if q == nil {
		return r, nil
	}
	ids, err := resolveNames(ctx, s, q.ActorIDs(st.params))
	if err != nil {
		return r, err
	}
	r.Params = withIDs(st.params, ids)
	r.Recheck = func(ctx context.Context, s graph.Store) (*queryrun.Statement, error) {
		ids, err := recheck(ctx, s, *q, r.Params)
		if err != nil || ids == nil {
			return nil, err
		}
		return &queryrun.Statement{Text: r.Text, Params: withIDs(r.Params, ids)}, nil
	}
	return r, nil
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
			return nil, usage.Errorf("%s", queries.Unknown(o.Named, "`relmap queries` lists them"))
		}
		p, err := q.Params(user)
		if err != nil {
			return nil, usage.Errorf("--named %s: %v", o.Named, err)
		}
		return []statement{{text: q.Cypher, origin: q.Name, params: p, named: &q}}, nil
	case o.CypherGiven:
		if len(cypher.Tokens(o.Cypher)) == 0 {
			return nil, usage.Errorf("the statement is empty: give Cypher, -f FILE or --named NAME")
		}
		// The one statement of the command line: an error needs no origin.
		return []statement{{text: o.Cypher, params: user}}, nil
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
				if st.origin == "" {
					return err
				}
				return fmt.Errorf("%s: %w", st.origin, err)
			}
		}
	}
	target, err := g.Target(outfile.Tabular(output.Formats...), o.Output, o.Format)
	if err != nil {
		return err
	}
	// A terminal sees rows as they arrive; a pipe or file gets them in
	// large writes rather than one system call per row.
	out, err := g.Open(target, !g.OutTTY)
	if err != nil {
		return err
	}
	defer func() { err = out.Done(err) }()
	return g.WithStore(ctx, func(s graph.Store) error {
		var firstErr error
		for _, st := range stmts {
			run, err := st.run(ctx, s)
			if err == nil {
				err = queryrun.Run(ctx, s, run, queryrun.Options{Format: target.Format, Out: out,
					Status: func(line string) { g.Status("%s", line) }, Write: o.Write, Timeout: o.Timeout, Limit: o.Limit,
					ConfirmedOnly: bool(o.ConfirmedOnly), Width: g.TableWidth(target)})
			}
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
