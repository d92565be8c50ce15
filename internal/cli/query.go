package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cypher"
	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/params"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/queryrun"
)

type queryOptions struct {
	g          *Globals
	file       string
	named      string
	params     []string
	paramsFile string
	format     string
	write      bool
	timeout    time.Duration
	limit      int64
	at         string
	keepGoing  bool
	only       app.ConfirmedOnly
}

func newQueryCmd(g *Globals) *cobra.Command {
	o := &queryOptions{g: g}
	cmd := &cobra.Command{
		Use:     "query [CYPHER]",
		Short:   "Run Cypher (an argument, -f FILE, stdin or --named NAME) and print the result",
		Long:    strings.Replace(help.Text("query.long"), "{{read-mode-rule}}", cypher.ReadModeRule(80), 1),
		Example: help.Text("query.example"),
		Args:    cobra.MaximumNArgs(1),
		RunE:    func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "read Cypher from FILE (- for stdin)")
	f.StringVar(&o.named, "named", "", "run the named question NAME (see relmap queries)")
	f.StringArrayVarP(&o.params, "param", "p", nil, "a parameter, name=value (repeatable; YYYY-MM-DD is a DATE, name:string=VALUE keeps text)")
	f.StringVar(&o.paramsFile, "params-file", "", "parameters from a JSON or YAML file (--param wins)")
	f.StringVar(&o.format, "format", "", "table, csv, tsv, json or jsonl (default: table on a terminal, csv otherwise)")
	f.BoolVar(&o.write, "write", false, "allow the statement to write, and print what it changed")
	f.DurationVar(&o.timeout, "timeout", 0, "stop a statement that runs longer (e.g. 30s); 0: the server's limit")
	f.Int64Var(&o.limit, "limit", 0, "print at most N records (0: all)")
	f.StringVar(&o.at, "at", "", "the day asked about, as the Cypher DATE $at (YYYY-MM-DD, YYYY-MM, YYYY or today)")
	f.BoolVar(&o.keepGoing, "keep-going", false, "with several statements, run the rest after one fails")
	bindConfirmedOnly(f, &o.only)
	return cmd
}

// maxScript bounds the Cypher read from a file or stdin.
const maxScript = 32 << 20

// collectParams gathers --params-file and --param. As for seed paths, a
// mistake in the command line exits 2: a malformed --param, or a file named
// that does not exist; a file that exists but cannot be read or decoded is
// bad input (exit 1). -f FILE follows the same rule (fileError).
func collectParams(file string, args []string) (map[string]any, error) {
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
		r.OnEmpty = func(ctx context.Context, s graph.Store) error { return app.UnknownActors(ctx, s, st.actors) }
	}
	return r
}

func (o *queryOptions) statements(cmd *cobra.Command, args []string) ([]statement, error) {
	user, err := collectParams(o.paramsFile, o.params)
	if err != nil {
		return nil, err
	}
	if cmd.Flags().Changed("at") {
		// A date, not text: the graph's dates are Cypher DATEs, and a string
		// compared with one is null, which would silently match nothing.
		at, err := app.ParseDay("at", o.at)
		if err != nil {
			return nil, err
		}
		user["at"] = at
	}
	sources := 0
	for _, set := range []bool{len(args) > 0, o.file != "", o.named != ""} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return nil, usage.Errorf("give Cypher one way only: an argument, -f FILE or --named NAME")
	}
	switch {
	case o.named != "":
		q, ok := queries.Get(o.named)
		if !ok {
			return nil, usage.Errorf("no named question %q; `relmap queries` lists them", o.named)
		}
		p, err := q.Params(user)
		if err != nil {
			return nil, usage.Errorf("--named %s: %v", o.named, err)
		}
		return []statement{{text: q.Cypher, origin: q.Name, params: p, actors: q.ActorIDs(p)}}, nil
	case len(args) == 1:
		if len(cypher.Tokens(args[0])) == 0 {
			return nil, usage.Errorf("the statement is empty: give Cypher, -f FILE or --named NAME")
		}
		return []statement{{text: args[0], origin: "argument", params: user}}, nil
	}
	var src []byte
	origin := o.file
	if o.file == "" && o.g.InTTY {
		return nil, usage.Errorf("no Cypher given: pass it as an argument, -f FILE or --named NAME, pipe it in, or type it in `relmap shell`")
	}
	if o.file == "" || o.file == "-" {
		origin = "stdin"
		src, err = readInput(cmd.Context(), func() ([]byte, error) { return fileio.ReadAll(o.g.In, maxScript) })
	} else {
		src, err = fileio.ReadFile(o.file, maxScript)
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

func (o *queryOptions) run(cmd *cobra.Command, args []string) (err error) {
	if o.limit < 0 {
		return usage.Errorf("--limit %d: want a number of records, or 0 for all", o.limit)
	}
	if o.timeout < 0 {
		return usage.Errorf("--timeout %s: want a duration such as 30s, or 0 for the server's limit", o.timeout)
	}
	stmts, err := o.statements(cmd, args)
	if err != nil {
		return err
	}
	if !o.write {
		for _, st := range stmts {
			if err := cypher.CheckRead(st.text); err != nil {
				return fmt.Errorf("%s: %w", st.origin, err)
			}
		}
	}
	format := o.format
	if format == "" {
		format = output.AutoFormat(o.g.OutTTY)
	}
	if _, err := output.New(format, io.Discard, nil); err != nil {
		return usage.Wrap(err)
	}
	if !o.g.OutTTY {
		// A pipe or file gets records in large writes rather than one system
		// call per row; a terminal keeps seeing rows as they arrive.
		bw := bufio.NewWriterSize(o.g.Out, 64<<10)
		out := o.g.Out
		o.g.Out = bw
		defer func() {
			if ferr := bw.Flush(); err == nil {
				err = ferr
			}
			o.g.Out = out
		}()
	}
	return o.g.WithStore(cmd.Context(), func(s graph.Store) error {
		var firstErr error
		for _, st := range stmts {
			err := queryrun.Run(cmd.Context(), s, st.run(), queryrun.Options{Format: format, Out: o.g.Out,
				Status: func(line string) { o.g.Status("%s", line) }, Write: o.write, Timeout: o.timeout, Limit: o.limit,
				ConfirmedOnly: bool(o.only)})
			if err == nil {
				continue
			}
			if len(stmts) > 1 {
				err = fmt.Errorf("%s: %w", st.origin, err)
			}
			if !o.keepGoing {
				return err
			}
			fmt.Fprintf(o.g.ErrOut, "relmap: %v\n", err)
			if firstErr == nil {
				firstErr = usage.Silent{Code: ExitCode(err)}
			}
		}
		return firstErr
	})
}
