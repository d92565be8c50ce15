package app

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/usage"
)

// ListQueries lists the named questions with their parameters and the
// first sentence of each description.
func ListQueries(out io.Writer) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
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

// ShowQuery prints a named question's Cypher with its header.
func ShowQuery(w io.Writer, name string) error {
	q, ok := queries.Get(name)
	if !ok {
		return usage.Errorf("no named question %q; `relmap queries` lists them", name)
	}
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
