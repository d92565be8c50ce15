package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/usage"
)

type queriesOptions struct{ g *Globals }

func newQueriesCmd(g *Globals) *cobra.Command {
	o := &queriesOptions{g: g}
	cmd := &cobra.Command{
		Use:   "queries",
		Short: "List the analysts' named questions (run one with relmap query --named NAME)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.list() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show NAME",
		Short: "Print a named question's Cypher with its header, to learn from or adapt",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return queries.Names(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error { return o.show(args[0]) },
	})
	return cmd
}

func (o *queriesOptions) list() error {
	w := tabwriter.NewWriter(o.g.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tPARAMETERS\tDESCRIPTION")
	for _, q := range queries.All() {
		var ps []string
		for _, p := range q.Parameters {
			s := p.Name
			if !p.Required() {
				s += "=" + p.DefaultText()
			}
			ps = append(ps, s)
		}
		desc := q.Description
		if i := strings.Index(desc, ". "); i > 0 {
			desc = desc[:i+1]
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", q.Name, strings.Join(ps, " "), desc)
	}
	return w.Flush()
}

func (o *queriesOptions) show(name string) error {
	q, ok := queries.Get(name)
	if !ok {
		return usage.Errorf("no named question %q; `relmap queries` lists them", name)
	}
	w := o.g.Out
	fmt.Fprintf(w, "// name: %s\n", q.Name)
	for _, l := range strings.Split(q.Description, "\n") {
		fmt.Fprintf(w, "// %s\n", l)
	}
	for _, p := range q.Parameters {
		def := "(required)"
		if !p.Required() {
			def = "default " + p.DefaultText()
		}
		fmt.Fprintf(w, "// $%s: %s, %s\n", p.Name, p.Type, def)
	}
	_, err := fmt.Fprintln(w, strings.TrimSpace(q.Cypher))
	return err
}
