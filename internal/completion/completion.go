// Package completion completes the values of relmap's flags and arguments
// in the shell: views, named questions, formats, regions, layouts,
// parameters and organisations, from the dataset built into the binary so
// that completing never needs a database; and the actor ids the
// interactive Cypher shell completes.
package completion

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/views"
)

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

// Fixed completes a flag with the values given.
func Fixed(values ...string) completeFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

func lazy(values func() []string) completeFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values(), cobra.ShellCompDirectiveNoFileComp
	}
}

// formatWord is one format in a --format flag's help ("table, csv or json").
var formatWord = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// formatsOf reads the formats a --format flag offers from its help text,
// which every command writes as "a, b or c (…)" or "a|b|c": the help
// stays the one place a command lists them.
func formatsOf(usage string) []string {
	usage, _, _ = strings.Cut(usage, "(")
	usage, _, _ = strings.Cut(usage, ";")
	var out []string
	for _, w := range strings.FieldsFunc(usage, func(r rune) bool { return r == ',' || r == ' ' || r == '|' }) {
		if w != "or" && formatWord.MatchString(w) {
			out = append(out, w)
		}
	}
	return out
}

// paramCompletion completes --param: the named question's parameter names
// (with --named), then actor ids after the '='.
func paramCompletion(cmd *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	if name, _, ok := strings.Cut(typed, "="); ok {
		var out []string
		for _, id := range builtInIDs() {
			out = append(out, name+"="+id)
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	var out []string
	if f := cmd.Flags().Lookup("named"); f != nil {
		if q, ok := queries.Get(f.Value.String()); ok {
			for _, p := range q.ParamNames() {
				out = append(out, p+"=")
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// organisations are what the commands taking [ORG...] complete.
func organisations(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return builtInIDs(graph.KindOrganisation), cobra.ShellCompDirectiveNoFileComp
}

// Register gives every command's values their completion, by
// flag name, so that a command file need not repeat it: views, named
// questions, formats, regions, layouts, parameters and organisations.
func Register(root *cobra.Command) {
	byFlag := map[string]completeFunc{
		"named":   lazy(queries.Names),
		"view":    lazy(views.Names),
		"region":  lazy(regions),
		"layout":  Fixed("auto", "force", "dot", "neato", "fdp", "sfdp", "circo", "twopi"),
		"param":   paramCompletion,
		"network": lazy(func() []string { return builtInIDs(graph.KindRoute) }),
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for name, fn := range byFlag {
			if c.LocalFlags().Lookup(name) != nil {
				c.RegisterFlagCompletionFunc(name, fn) // an error: the command registered its own
			}
		}
		if f := c.LocalFlags().Lookup("format"); f != nil {
			c.RegisterFlagCompletionFunc("format", Fixed(formatsOf(f.Usage)...))
		}
		if c.ValidArgsFunction == nil && strings.Contains(c.Use, "[ORG...]") {
			c.ValidArgsFunction = organisations
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
