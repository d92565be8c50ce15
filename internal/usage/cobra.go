package usage

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Typed makes every mistake in the command line an Error at its source,
// so that it exits with ExitUsage: flag errors through cobra's flag-error
// hook, argument counts through the commands' validators, required flags
// and flag groups before the command runs, and unknown commands through
// the validator of each command that has subcommands.
func Typed(root *cobra.Command) {
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if s := suggestFlag(c, err); s != "" {
			return Error{fmt.Errorf("%w; did you mean %s? (see '%s --help')", err, s, c.CommandPath())}
		}
		return Error{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
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
					return Error{fmt.Errorf("%s: %w; see '%s --help'", commandName(c), err, c.CommandPath())}
				}
				return nil
			}
		}
		pre := c.PreRunE
		c.PreRunE = func(c *cobra.Command, args []string) error {
			if err := c.ValidateRequiredFlags(); err != nil {
				return Error{missingFlags(c, err)}
			}
			if err := c.ValidateFlagGroups(); err != nil {
				return Error{fmt.Errorf("%s: %w; see '%s --help'", commandName(c), err, c.CommandPath())}
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

// missingFlags says which required flags a command line left out and what
// each is for, from the flag's own usage text: cobra's "required flag(s)
// "output" not set" names neither the short form nor what to give.
func missingFlags(c *cobra.Command, err error) error {
	var want []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if _, req := f.Annotations[cobra.BashCompOneRequiredFlag]; !req || f.Changed {
			return
		}
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + "/" + name
		}
		if f.Usage != "" {
			name += ": " + f.Usage
		}
		want = append(want, name)
	})
	if len(want) == 0 {
		return fmt.Errorf("%s: %w", commandName(c), err)
	}
	return fmt.Errorf("%s needs %s; see '%s --help'", commandName(c), strings.Join(want, ", and "), c.CommandPath())
}

// commandName is c's path without the program's name, which every message
// already begins with ("relmap: render: …", not "relmap: relmap render: …").
func commandName(c *cobra.Command) string {
	if !c.HasParent() {
		return c.Name()
	}
	return strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
}

// unknownCommand is the argument validator of a command with subcommands:
// an argument there is a subcommand cobra did not find.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
	if s := suggestCommands(c, args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return Error{errors.New(msg)}
}

// suggestFlag is the flag an unknown long flag (pflag's "unknown flag:
// --att") is a slip of, "--at", or "" when none is near.
func suggestFlag(c *cobra.Command, err error) string {
	typed, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if near := graph.Nearest(typed, names, 1); len(near) > 0 {
		return "--" + near[0]
	}
	return ""
}

// suggestCommands are c's subcommands that typed may have meant: cobra's
// (those it begins, by name or alias), then plausible typos by relmap's
// one suggester (graph.Nearest, which counts a swap of two letters as one
// slip: "comapre"), since cobra's own edit distance is off unless
// configured and counts a swap as two.
func suggestCommands(c *cobra.Command, typed string) []string {
	out := c.SuggestionsFor(typed)
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	for _, n := range graph.Nearest(strings.ToLower(typed), names, 3) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
