package shell

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/params"
)

// command is one of the shell's ':' commands.
type command struct {
	name, args, help string
	run              func(s *Shell, ctx context.Context, args []string, rest string) error
}

// commands are the ':' commands, in the order :help lists them.
var commands []command

func init() {
	// Assigned here because :help lists the table it belongs to.
	commands = []command{
		{":param", "NAME=VALUE", "set a parameter, typed as relmap query --param types it (42, 2.5, true, null, [..], {..}, else text)", (*Shell).setParam},
		{":params", "[clear]", "list the parameters (clear: forget them all)", (*Shell).listParams},
		{":at", "DATE", "set $at, the day asked about (YYYY-MM-DD, YYYY-MM, YYYY or today)", (*Shell).setAt},
		{":format", "FORMAT", "print records as " + strings.Join(output.Formats, ", "), (*Shell).setFormat},
		{":named", "[NAME [NAME=VALUE...]]", "run a named question with the shell's parameters it takes (alone: list them)", func(s *Shell, ctx context.Context, args []string, _ string) error {
			return s.named(ctx, args)
		}},
		{":write", "", "allow statements to write", func(s *Shell, _ context.Context, _ []string, _ string) error {
			s.write = true
			fmt.Fprintln(s.cfg.ErrOut, "write mode: statements may change the graph")
			return nil
		}},
		{":read", "", "read-only again (the default)", func(s *Shell, _ context.Context, _ []string, _ string) error {
			s.write = false
			fmt.Fprintln(s.cfg.ErrOut, "read-only")
			return nil
		}},
		{":help", "", "this list", func(s *Shell, _ context.Context, _ []string, _ string) error {
			s.help(s.cfg.Out)
			return nil
		}},
		{":exit", "", "leave the shell (also :quit, Ctrl-D)", func(*Shell, context.Context, []string, string) error { return errExit }},
		{":quit", "", "", func(*Shell, context.Context, []string, string) error { return errExit }},
	}
}

// CommandNames lists the ':' commands, for completion.
func CommandNames() []string {
	out := make([]string, len(commands))
	for i, c := range commands {
		out[i] = c.name
	}
	return out
}

func (s *Shell) help(w io.Writer) {
	fmt.Fprintln(w, "Type Cypher over one or more lines and end it with ';'. Ctrl-C stops a running")
	fmt.Fprintln(w, "statement or drops the one being typed; Ctrl-D or :exit leaves. Tab completes")
	fmt.Fprintln(w, "labels (after '('…':'), relationship types (after '['…':'), actor ids (in quotes),")
	fmt.Fprintln(w, "$parameters, named questions and these commands:")
	for _, c := range commands {
		if c.help == "" {
			continue
		}
		fmt.Fprintf(w, "  %-34s %s\n", strings.TrimSpace(c.name+" "+c.args), c.help)
	}
}

// command runs a ':' line.
func (s *Shell) command(ctx context.Context, line string) error {
	fields := strings.Fields(line)
	name := strings.ToLower(fields[0])
	rest := strings.TrimSpace(line[len(fields[0]):])
	for _, c := range commands {
		if c.name == name {
			return c.run(s, ctx, splitArgs(rest), rest)
		}
	}
	return fmt.Errorf("unknown command %s; :help lists the commands", fields[0])
}

// splitArgs splits a command's arguments at spaces outside quotes, so that
// `:named members-at org="Collective Security Treaty"` gives the name whole;
// the quotes stay, for params.Parse to read the value as text.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune // the open quote, or 0
	escaped, in := false, false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && unicode.IsSpace(r):
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
			continue
		}
		cur.WriteRune(r)
		in = true
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

func (s *Shell) setParam(_ context.Context, _ []string, rest string) error {
	if rest == "" {
		return fmt.Errorf(":param NAME=VALUE, e.g. :param org=csto")
	}
	// cypher-shell writes `:param name => value`; both forms work.
	if name, value, ok := strings.Cut(rest, "=>"); ok && !strings.Contains(name, "=") {
		rest = strings.TrimSpace(name) + "=" + strings.TrimSpace(value)
	}
	name, v, err := params.Parse(rest)
	if err != nil {
		return err
	}
	s.params[name] = v
	fmt.Fprintf(s.cfg.ErrOut, "$%s = %s\n", name, params.Format(v))
	return nil
}

func (s *Shell) listParams(_ context.Context, args []string, _ string) error {
	if len(args) == 1 && args[0] == "clear" {
		s.params = map[string]any{}
		return nil
	}
	if len(args) > 0 {
		return fmt.Errorf(":params takes nothing or clear")
	}
	names := make([]string, 0, len(s.params))
	for k := range s.params {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(names) == 0 {
		fmt.Fprintln(s.cfg.ErrOut, "no parameters; :param NAME=VALUE sets one")
	}
	for _, k := range names {
		if d, ok := s.params[k].(graph.Date); ok && k == "at" {
			fmt.Fprintf(s.cfg.Out, ":at %s\n", d.First().Format("2006-01-02"))
			continue
		}
		fmt.Fprintf(s.cfg.Out, ":param %s=%s\n", k, params.Format(s.params[k]))
	}
	return nil
}

func (s *Shell) setAt(_ context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return fmt.Errorf(":at DATE, e.g. :at 2012-02-01 or :at today")
	}
	var d graph.Date
	var err error
	if strings.EqualFold(args[0], "today") {
		d = s.cfg.Today
		if d.IsZero() {
			d = graph.Today()
		}
	} else if d, err = graph.ParseDay(args[0]); err != nil {
		return fmt.Errorf(":at: %v", err)
	}
	// A DATE, not text: a string compared with the graph's dates is null
	// and would silently match nothing.
	s.params["at"] = graph.Day(d.First())
	fmt.Fprintf(s.cfg.ErrOut, "$at = date('%s')\n", d.First().Format("2006-01-02"))
	return nil
}

func (s *Shell) setFormat(_ context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return fmt.Errorf(":format takes one of %s (now %s)", strings.Join(output.Formats, ", "), s.format)
	}
	if _, err := output.New(args[0], io.Discard, nil); err != nil {
		return err
	}
	s.format = args[0]
	return nil
}
