package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/params"
	"github.com/relmap/relmap/internal/queries"
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
	only       confirmedOnly
}

func newQueryCmd(g *Globals) *cobra.Command {
	o := &queryOptions{g: g}
	cmd := &cobra.Command{
		Use:   "query [CYPHER]",
		Short: "Run Cypher (an argument, -f FILE, stdin or --named NAME) and print the result",
		Long: `Runs Cypher read-only unless --write is given: the server itself refuses writes in
a read transaction. Each statement is its own auto-commit transaction, as in
cypher-shell, so CALL { … } IN TRANSACTIONS works (with --write). Values reach
Cypher only as parameters (--param name=value, typed: 42 is an integer, 2.5 a
float, true/false/null, [..] and {..} as JSON, anything else a string;
--params-file FILE.json|yaml).

Records are streamed: memory does not grow with the result. Output is a table on
a terminal and CSV when piped, unless --format says otherwise; the row count and
timing go to stderr. A file may hold several statements separated by ';': they
run in order and the first failure stops the rest (--keep-going runs them all);
with json each prints its own array, one after another (jq reads them in turn),
while jsonl is one record per line throughout.

--at DATE is the parameter $at as a Cypher DATE, for named questions and your
own Cypher alike. A named question whose answer is empty checks the actor ids it
was given and says which name no actor, with what may have been meant.

'relmap queries' lists the named questions; --named runs one with its defaults.`,
		Example: `  relmap query 'MATCH (s:State {region: $r}) RETURN s.id, s.name' --param r=central-asia
  relmap query --named members-at --param org=csto --param at=2012-02-01
  relmap query -f questions.cypher --format jsonl > answers.jsonl
  echo 'RETURN 1 AS one' | relmap query --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "read Cypher from FILE (- for stdin)")
	f.StringVar(&o.named, "named", "", "run the named question NAME (see relmap queries)")
	f.StringArrayVarP(&o.params, "param", "p", nil, "a parameter, name=value (repeatable)")
	f.StringVar(&o.paramsFile, "params-file", "", "parameters from a JSON or YAML file (--param wins)")
	f.StringVar(&o.format, "format", "", "table, csv, tsv, json or jsonl (default: table on a terminal, csv otherwise)")
	f.BoolVar(&o.write, "write", false, "allow the statement to write, and print what it changed")
	f.DurationVar(&o.timeout, "timeout", 0, "stop a statement that runs longer (e.g. 30s); 0: the server's limit")
	f.Int64Var(&o.limit, "limit", 0, "print at most N records (0: all)")
	f.StringVar(&o.at, "at", "", "the day asked about, as the Cypher DATE $at (YYYY-MM-DD, YYYY-MM, YYYY or today)")
	f.BoolVar(&o.keepGoing, "keep-going", false, "with several statements, run the rest after one fails")
	o.only.bind(f)
	return cmd
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

func (o *queryOptions) statements(cmd *cobra.Command, args []string) ([]statement, error) {
	user, err := params.Collect(o.paramsFile, o.params)
	if err != nil {
		return nil, usageError{err}
	}
	if cmd.Flags().Changed("at") {
		// A date, not text: the graph's dates are Cypher DATEs, and a string
		// compared with one is null, which would silently match nothing.
		at, err := parseDay("at", o.at)
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
		return nil, usagef("give Cypher one way only: an argument, -f FILE or --named NAME")
	}
	switch {
	case o.named != "":
		q, ok := queries.Get(o.named)
		if !ok {
			return nil, usagef("no named question %q; `relmap queries` lists them", o.named)
		}
		p, err := q.Params(user)
		if err != nil {
			return nil, usagef("--named %s: %v", o.named, err)
		}
		return []statement{{text: q.Cypher, origin: q.Name, params: p, actors: q.ActorIDs(p)}}, nil
	case len(args) == 1:
		return []statement{{text: args[0], origin: "argument", params: user}}, nil
	}
	var src []byte
	origin := o.file
	if o.file == "" || o.file == "-" {
		origin = "stdin"
		src, err = io.ReadAll(o.g.In)
	} else {
		src, err = os.ReadFile(o.file)
	}
	if err != nil {
		return nil, err
	}
	var out []statement
	for i, text := range splitStatements(string(src)) {
		out = append(out, statement{text: text, origin: fmt.Sprintf("%s, statement %d", origin, i+1), params: user})
	}
	if len(out) == 0 {
		return nil, usagef("no Cypher in %s", origin)
	}
	return out, nil
}

func (o *queryOptions) run(cmd *cobra.Command, args []string) (err error) {
	if o.limit < 0 {
		return usagef("--limit %d: want a number of records, or 0 for all", o.limit)
	}
	if o.timeout < 0 {
		return usagef("--timeout %s: want a duration such as 30s, or 0 for the server's limit", o.timeout)
	}
	stmts, err := o.statements(cmd, args)
	if err != nil {
		return err
	}
	format := o.format
	if format == "" {
		format = output.AutoFormat(o.g.OutTTY)
	}
	if _, err := output.New(format, io.Discard, nil); err != nil {
		return usageError{err}
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
	return o.g.withStore(cmd.Context(), func(s graph.Store) error {
		var firstErr error
		for _, st := range stmts {
			err := o.runOne(cmd, s, st, format)
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
				firstErr = silentError{ExitCode(err)}
			}
		}
		return firstErr
	})
}

func (o *queryOptions) runOne(cmd *cobra.Command, s graph.Store, st statement, format string) error {
	var w output.Writer
	var printed int64
	tally := attestTally{hide: bool(o.only)}
	start := time.Now()
	sum, err := s.Query(cmd.Context(), st.text, st.params, graph.QueryOptions{Write: o.write, Timeout: o.timeout},
		func(r graph.Record) error {
			if w == nil {
				var err error
				if w, err = output.New(format, o.g.Out, r.Keys); err != nil {
					return err
				}
			}
			if tally.skip(r) || o.limit > 0 && printed >= o.limit {
				return nil
			}
			printed++
			return w.Write(r)
		})
	if err != nil {
		if w != nil {
			w.Close()
		}
		return explainQueryError(err, st.text)
	}
	if w == nil {
		// No records: still print the header (or an empty JSON array).
		if w, err = output.New(format, o.g.Out, sum.Keys); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	note := ""
	if o.limit > 0 && sum.Records > printed {
		note = fmt.Sprintf(" (%d printed, --limit %d)", printed, o.limit)
	}
	o.g.status("%d row(s)%s in %s (server %s)", sum.Records, note, elapsed, (sum.ResultAvail + sum.ResultCons).Round(time.Millisecond))
	if o.write && len(sum.Counters) > 0 {
		var parts []string
		for _, k := range sortedKeys(sum.Counters) {
			parts = append(parts, fmt.Sprintf("%s=%d", k, sum.Counters[k]))
		}
		o.g.status("changed: %s", strings.Join(parts, " "))
	}
	if line := tally.summary(); line != "" {
		o.g.status("%s", line)
	}
	for _, n := range sum.Notification {
		o.g.status("note: %s", n)
	}
	if sum.Records == 0 {
		return unknownActors(cmd.Context(), s, st.actors)
	}
	return nil
}

// explainQueryError marks the position the server names in the statement, and
// points at --write when a read-only statement tried to write.
func explainQueryError(err error, text string) error {
	qe, ok := err.(*graph.QueryError)
	if !ok {
		return err
	}
	msg := qe.Message
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", qe.Code, msg)
	if qe.Line > 0 {
		lines := strings.Split(text, "\n")
		if qe.Line <= len(lines) {
			line := lines[qe.Line-1]
			fmt.Fprintf(&b, "\n  %d | %s\n  %s | %s^", qe.Line, line, strings.Repeat(" ", len(fmt.Sprint(qe.Line))),
				strings.Repeat(" ", max(0, len([]rune(line[:min(len(line), max(0, qe.Column-1))])))))
		}
	}
	if strings.Contains(qe.Code, "ForbiddenDueToTransactionType") || strings.Contains(qe.Message, "read access mode") ||
		strings.Contains(qe.Code, "WriteOnReadOnlyAccessDbException") {
		b.WriteString("\n  the statement writes: run it with --write if that is intended")
	}
	return &graph.QueryError{Code: qe.Code, Message: b.String()[len(qe.Code)+2:]}
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// splitStatements splits Cypher on semicolons outside strings, quoted names
// and comments.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" && !onlyComments(s) {
			out = append(out, s)
		}
		cur.Reset()
	}
	rs := []rune(src)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			cur.WriteRune(c)
			for i++; i < len(rs); i++ {
				cur.WriteRune(rs[i])
				if rs[i] == '\\' && c != '`' && i+1 < len(rs) {
					i++
					cur.WriteRune(rs[i])
					continue
				}
				if rs[i] == c {
					break
				}
			}
		case c == '/' && i+1 < len(rs) && rs[i+1] == '/':
			for ; i < len(rs) && rs[i] != '\n'; i++ {
				cur.WriteRune(rs[i])
			}
			if i < len(rs) {
				cur.WriteRune('\n')
			}
		case c == '/' && i+1 < len(rs) && rs[i+1] == '*':
			end := strings.Index(string(rs[i+2:]), "*/")
			if end < 0 {
				cur.WriteString(string(rs[i:]))
				i = len(rs)
				break
			}
			seg := string(rs[i:])
			seg = seg[:strings.Index(seg, "*/")+2]
			cur.WriteString(seg)
			i += len([]rune(seg)) - 1
		case c == ';':
			flush()
		default:
			cur.WriteRune(c)
		}
	}
	flush()
	return out
}

func onlyComments(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimSpace(line)
		if l != "" && !strings.HasPrefix(l, "//") {
			return false
		}
	}
	return true
}
