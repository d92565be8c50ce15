package app

import (
	"fmt"
	"io"
	"strings"

	"github.com/relmap/relmap/internal/outfile"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/usage"
)

// ListOptions say how `relmap queries` prints the list.
type ListOptions struct {
	Format string
	Output string // the file to write (- or "" for standard output)
}

// ListSpec is what `relmap queries` writes: a table on a terminal, CSV when
// piped, or any other tabular format.
var ListSpec = outfile.Tabular(output.Formats...)

// ListQueries lists the named questions with their parameters and the
// first sentence of each description.
func ListQueries(g *Env, o ListOptions) error {
	t, err := g.Target(ListSpec, o.Output, o.Format)
	if err != nil {
		return err
	}
	return g.WriteTarget(t, func(w io.Writer) error {
		out, err := output.NewWith(t.Format, w, queries.ListKeys, output.TableOptions{Width: g.TableWidth(t)})
		if err != nil {
			return err
		}
		for _, r := range queries.Listing() {
			if err := out.Write(r); err != nil {
				return err
			}
		}
		return out.Close()
	})
}

// ShowQuery prints a named question's Cypher with its header.
func ShowQuery(w io.Writer, name string) error {
	q, ok := queries.Get(name)
	if !ok {
		return usage.Errorf("%s", queries.Unknown(name, "`relmap queries` lists them"))
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
