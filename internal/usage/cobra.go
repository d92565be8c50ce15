package usage

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Typed makes every mistake in the command line an Error at its source,
// so that it exits with ExitUsage: flag errors through cobra's flag-error
// hook, argument counts through the commands' validators, required flags
// and flag groups before the command runs, and unknown commands through
// the validator of each command that has subcommands.
func Typed(root *cobra.Command) {
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
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
					return Error{fmt.Errorf("%s: %w", c.CommandPath(), err)}
				}
				return nil
			}
		}
		pre := c.PreRunE
		c.PreRunE = func(c *cobra.Command, args []string) error {
			if err := c.ValidateRequiredFlags(); err != nil {
				return Error{fmt.Errorf("%s: %w", c.CommandPath(), err)}
			}
			if err := c.ValidateFlagGroups(); err != nil {
				return Error{fmt.Errorf("%s: %w", c.CommandPath(), err)}
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
	return Error{errors.New(msg)}
}
