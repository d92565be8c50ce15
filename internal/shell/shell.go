// Package shell is relmap's interactive Cypher shell: statements typed over
// several lines and ended by ';', parameters kept between statements, the
// named questions at hand, read-only unless asked to write. It reads lines
// through a LineReader, so the same loop serves a terminal (with line
// editing, history and completion) and a script piped in or a test.
package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cypher"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/params"
	"github.com/relmap/relmap/internal/queries"
)

// ErrInterrupt is what a LineReader returns when the user pressed Ctrl-C
// while typing: the statement being typed is dropped, the shell goes on.
var ErrInterrupt = errors.New("interrupted")

// LineReader reads the lines the user types.
type LineReader interface {
	// ReadLine shows prompt and returns one line without its end: io.EOF
	// when input ends (Ctrl-D), ErrInterrupt on Ctrl-C.
	ReadLine(prompt string) (string, error)
	// Remember adds a whole statement or command to the history.
	Remember(entry string) error
}

// Config is what a shell needs.
type Config struct {
	Store  graph.Store
	Lines  LineReader
	Out    io.Writer // records
	ErrOut io.Writer // status lines and errors
	// Format is the initial output format (one of output.Formats).
	Format string
	// Write starts the shell in write mode.
	Write bool
	// Timeout stops a statement that runs longer (0: the server's limit).
	Timeout time.Duration
	// Prompt is false for input that is not a terminal: no prompts shown.
	Prompt bool
	// Interruptible returns a context that Ctrl-C cancels, for one
	// statement, and the function releasing it; nil: ctx itself.
	Interruptible func(ctx context.Context) (context.Context, context.CancelFunc)
	// Today fixes the date "today" for :at (zero: the clock's).
	Today graph.Date
	// Unanswered, when set, explains a named question's empty answer (an
	// actor id that names no actor, say) as an error; nil: it is not.
	Unanswered func(ctx context.Context, q queries.Query, params map[string]any) error
	// Resolve, when set, turns the actor names among a named question's
	// parameters into ids before it runs (graph.ResolveNames).
	Resolve func(ctx context.Context, q queries.Query, params map[string]any) (map[string]any, error)
}

// Shell is one session's state.
type Shell struct {
	cfg    Config
	params map[string]any
	format string
	write  bool
	// failed records the last statement's failure, for the exit status of
	// a script piped in.
	failed error
}

// New returns a shell for cfg.
func New(cfg Config) (*Shell, error) {
	if cfg.Format == "" {
		cfg.Format = output.Table
	}
	if _, err := output.New(cfg.Format, io.Discard, nil); err != nil {
		return nil, err
	}
	if cfg.Interruptible == nil {
		cfg.Interruptible = context.WithCancel
	}
	return &Shell{cfg: cfg, params: map[string]any{}, format: cfg.Format, write: cfg.Write}, nil
}

// errExit ends the loop from a command.
var errExit = errors.New("exit")

// Run reads and runs statements and commands until the input ends or :exit.
// It returns the last failure when the input is not a terminal (a script
// stops at its first failure, as cypher-shell does), nil otherwise.
func (s *Shell) Run(ctx context.Context) error {
	if s.cfg.Prompt {
		fmt.Fprintf(s.cfg.ErrOut, "relmap shell: Cypher ending in ';', :help for commands, :exit or Ctrl-D to leave (%s)\n", s.mode())
	}
	var buf strings.Builder
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		prompt := "relmap" + s.modeMark() + "> "
		if buf.Len() > 0 {
			prompt = strings.Repeat(" ", len(prompt)-2) + "| "
		}
		if !s.cfg.Prompt {
			prompt = ""
		}
		line, err := s.cfg.Lines.ReadLine(prompt)
		if errors.Is(err, ErrInterrupt) {
			buf.Reset()
			continue
		}
		if errors.Is(err, io.EOF) {
			if rest := strings.TrimSpace(buf.String()); rest != "" && len(cypher.Tokens(rest)) > 0 {
				fmt.Fprintf(s.cfg.ErrOut, "relmap: the last statement has no ';' and was not run\n")
			}
			if s.cfg.Prompt {
				fmt.Fprintln(s.cfg.ErrOut)
			}
			return s.result()
		}
		if err != nil {
			return err
		}
		if buf.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ":") {
			cmd := strings.TrimSpace(line)
			s.cfg.Lines.Remember(cmd)
			err := s.command(ctx, cmd)
			if errors.Is(err, errExit) {
				return s.result()
			}
			if s.report(err) && !s.cfg.Prompt {
				return s.failed
			}
			continue
		}
		if buf.Len() > 0 {
			buf.WriteByte('\n')
		}
		buf.WriteString(line)
		done, rest := complete(buf.String())
		if done == "" {
			continue
		}
		buf.Reset()
		buf.WriteString(rest)
		s.cfg.Lines.Remember(strings.Join(strings.Fields(done), " "))
		for _, st := range cypher.Split(done) {
			if s.report(s.statement(ctx, st, s.params)) && !s.cfg.Prompt {
				return s.failed
			}
		}
	}
}

// result is what Run returns at the end: a person at a terminal has seen
// every failure as it happened; a script's last failure is its exit status.
func (s *Shell) result() error {
	if s.cfg.Prompt {
		return nil
	}
	return s.failed
}

// complete splits typed text at its last ';' outside strings and comments:
// the statements ready to run, and the text that begins the next one.
func complete(text string) (done, rest string) {
	last := -1
	for _, t := range cypher.Tokens(text) {
		if t.Kind == cypher.Symbol && t.Text == ";" {
			last = t.Pos
		}
	}
	if last < 0 {
		return "", text
	}
	rest = text[last+1:]
	if len(cypher.Tokens(rest)) == 0 {
		rest = ""
	}
	return text[:last+1], strings.TrimLeft(rest, " \t\n")
}

// report prints err, if any, and says whether there was one.
func (s *Shell) report(err error) bool {
	if err == nil {
		return false
	}
	s.failed = err
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(s.cfg.ErrOut, "relmap: interrupted")
		return true
	}
	fmt.Fprintf(s.cfg.ErrOut, "relmap: %v\n", err)
	return true
}

func (s *Shell) mode() string {
	if s.write {
		return "write mode"
	}
	return "read-only; :write allows writes"
}

func (s *Shell) modeMark() string {
	if s.write {
		return "(write)"
	}
	return ""
}

// statement runs one Cypher statement and prints its records.
func (s *Shell) statement(ctx context.Context, text string, p map[string]any) error {
	_, err := s.run(ctx, text, p)
	return err
}

// run runs one statement, prints its records and returns how many there were.
func (s *Shell) run(ctx context.Context, text string, p map[string]any) (int64, error) {
	if !s.write {
		if err := cypher.CheckRead(text); err != nil {
			return 0, fmt.Errorf("%w (:write allows it)", err)
		}
	}
	ctx, cancel := s.cfg.Interruptible(ctx)
	defer cancel()
	var w output.Writer
	start := time.Now()
	sum, err := s.cfg.Store.Query(ctx, text, p, graph.QueryOptions{Write: s.write, Timeout: s.cfg.Timeout},
		func(r graph.Record) error {
			if w == nil {
				var err error
				if w, err = output.New(s.format, s.cfg.Out, r.Keys); err != nil {
					return err
				}
			}
			return w.Write(r)
		})
	if err != nil {
		if w != nil {
			w.Close()
		}
		if ctx.Err() != nil {
			return 0, context.Canceled
		}
		return 0, err
	}
	if w == nil {
		if w, err = output.New(s.format, s.cfg.Out, sum.Keys); err != nil {
			return 0, err
		}
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	fmt.Fprintf(s.cfg.ErrOut, "%d row(s) in %s\n", sum.Records, time.Since(start).Round(time.Millisecond))
	if len(sum.Counters) > 0 {
		keys := make([]string, 0, len(sum.Counters))
		for k := range sum.Counters {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%d", k, sum.Counters[k]))
		}
		fmt.Fprintf(s.cfg.ErrOut, "changed: %s\n", strings.Join(parts, " "))
	}
	for _, n := range sum.Notification {
		fmt.Fprintf(s.cfg.ErrOut, "note: %s\n", n)
	}
	return sum.Records, nil
}

// named runs the named question name with the shell's parameters that it
// declares and those given on the line (name=value ...), which win.
func (s *Shell) named(ctx context.Context, args []string) error {
	if len(args) == 0 {
		for _, q := range queries.All() {
			fmt.Fprintf(s.cfg.Out, "%-28s %s\n", q.Name, firstLine(q.Description))
		}
		return nil
	}
	q, ok := queries.Get(args[0])
	if !ok {
		return errors.New(queries.Unknown(args[0], ":named alone lists them"))
	}
	user := map[string]any{}
	for k, v := range s.params {
		if _, declared := q.Param(k); declared {
			user[k] = v
		}
	}
	given, err := params.ParseAll(args[1:])
	if err != nil {
		return err
	}
	for k, v := range given {
		user[k] = v
	}
	p, err := q.Params(user)
	if err != nil {
		return fmt.Errorf(":named %s: %v", q.Name, err)
	}
	if s.cfg.Resolve != nil {
		if p, err = s.cfg.Resolve(ctx, q, p); err != nil {
			return err
		}
	}
	n, err := s.run(ctx, q.Cypher, p)
	if err != nil || n > 0 || s.cfg.Unanswered == nil {
		return err
	}
	return s.cfg.Unanswered(ctx, q, p)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// ParamNames lists the parameters set, for completion after '$'.
func (s *Shell) ParamNames() []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.params))
	for k := range s.params {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
