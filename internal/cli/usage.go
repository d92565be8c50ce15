package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
)

// typedUsageErrors makes every mistake in the command line a usageError at
// its source, so that it exits with ExitUsage: flag errors through cobra's
// flag-error hook, argument counts through the commands' validators,
// required flags and flag groups before the command runs, and unknown
// commands through the validator of each command that has subcommands.
func typedUsageErrors(root *cobra.Command) {
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch {
		case c.HasSubCommands():
			c.Args = unknownCommand
			if c.RunE == nil && c.Run == nil {
				c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
			}
		case c.Args != nil:
			check := c.Args
			c.Args = func(c *cobra.Command, args []string) error {
				if err := check(c, args); err != nil {
					return usageError{fmt.Errorf("%s: %w", c.CommandPath(), err)}
				}
				return nil
			}
		}
		pre := c.PreRunE
		c.PreRunE = func(c *cobra.Command, args []string) error {
			if err := c.ValidateRequiredFlags(); err != nil {
				return usageError{fmt.Errorf("%s: %w", c.CommandPath(), err)}
			}
			if err := c.ValidateFlagGroups(); err != nil {
				return usageError{fmt.Errorf("%s: %w", c.CommandPath(), err)}
			}
			if pre != nil {
				return pre(c, args)
			}
			return nil
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// unknownCommand is the argument validator of a command with subcommands:
// an argument there is a subcommand cobra did not find.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usageError{errors.New(msg)}
}

// hint adds the way out to an unreachable database, once for every command:
// how to start the local database, or to check the server named.
func (g *Globals) hint(err error) error {
	if !errors.Is(err, graph.ErrUnavailable) || g.opened == nil {
		return err
	}
	if g.opened.FromLocal {
		return fmt.Errorf("%w\nStart the local database with `relmap db start`, or set NEO4J_URI to use another Neo4j 5", err)
	}
	return fmt.Errorf("%w\nCheck that the server at NEO4J_URI/--uri is running and reachable", err)
}

// watchedWriter passes writes on and keeps the first error.
type watchedWriter struct {
	w   io.Writer
	err error
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// escapeControls shows control characters of a message as escapes, so that
// a file name or value holding ESC or a carriage return cannot act on the
// terminal. Line breaks and tabs of the message's own layout stay.
func escapeControls(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' || isBidiControl(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n', r == '\t':
			b.WriteRune(r)
		case r == '\r':
			b.WriteString(`\r`)
		case unicode.IsControl(r) || isBidiControl(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports the characters that reorder text on display, which
// can make a name read as another.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}
