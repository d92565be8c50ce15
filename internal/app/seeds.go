package app

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
)

func kindsText(ks []graph.Kind) string {
	if ks == nil {
		return "any"
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, "|")
}

// SeedTypes lists the actor kinds and tie types with the attributes each
// takes, as a table.
func SeedTypes(out io.Writer) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "KIND\tLABEL\tMEANING")
	for _, k := range graph.Kinds {
		fmt.Fprintf(w, "%s\t%s\t%s\n", k.Kind, k.Label, k.Description)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "TIE TYPE\tNEO4J TYPE\tFROM\tTO\tATTRIBUTES\tMEANING")
	for _, t := range graph.TieTypes {
		var attrs []string
		for _, a := range t.Attrs {
			s := a.Name
			if len(a.Values) > 0 {
				s += "=" + strings.Join(a.Values, "|")
			}
			if a.Required {
				s += " (required)"
			}
			attrs = append(attrs, s)
		}
		if len(attrs) == 0 {
			attrs = []string{"-"}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Type, t.RelType, kindsText(t.From), kindsText(t.To), strings.Join(attrs, "; "), t.Description)
	}
	return w.Flush()
}

// SeedStats counts, in seed files (the built-in dataset when paths is
// empty), the actors per kind, ties per type, citations per document and
// the ties confirmed today.
func SeedStats(g *Env, paths []string) error {
	ds, err := g.ReadDatasets(paths)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(g.Out, 0, 0, 2, ' ', 0)
	for _, d := range ds {
		kinds := map[graph.Kind]int{}
		for _, a := range d.Actors {
			kinds[a.Kind]++
		}
		types := map[graph.TieType]int{}
		cites := map[string]int{}
		undated, unsourced, open := 0, 0, 0
		for _, t := range d.Ties {
			types[t.Type]++
			if t.Since.IsZero() {
				undated++
			}
			if len(t.Sources) == 0 {
				unsourced++
			}
			if t.Until.IsZero() {
				open++
			}
			for _, c := range t.Sources {
				cites[c.Doc]++
			}
		}
		fmt.Fprintf(w, "dataset %s\t%d documents, %d actors, %d ties\n", d.Name, len(d.Documents), len(d.Actors), len(d.Ties))
		for _, k := range graph.Kinds {
			fmt.Fprintf(w, "  actors: %s\t%d\n", k.Kind, kinds[k.Kind])
		}
		for _, t := range graph.TieTypes {
			if types[t.Type] > 0 {
				fmt.Fprintf(w, "  ties: %s\t%d\n", t.Type, types[t.Type])
			}
		}
		docs := make([]string, 0, len(cites))
		for doc := range cites {
			docs = append(docs, doc)
		}
		sort.Strings(docs)
		for _, doc := range docs {
			fmt.Fprintf(w, "  citations: %s\t%d\n", doc, cites[doc])
		}
		fmt.Fprintf(w, "  ties without a source\t%d\n", unsourced)
		fmt.Fprintf(w, "  ties without a since date\t%d\n", undated)
		fmt.Fprintf(w, "  ties still in force (no until)\t%d\n", open)
		ts := seed.Time(d, graph.Today())
		fmt.Fprintf(w, "  ties that carry an end (until)\t%d\n", ts.Ended)
		fmt.Fprintf(w, "  ties no source dates\t%d\n", ts.Unattested)
		fmt.Fprintf(w, "  ties in force on %s\t%d\n", ts.At, ts.InForce)
		fmt.Fprintf(w, "    confirmed (a source attests them on or after that day)\t%d\n", ts.Confirmed)
		fmt.Fprintf(w, "    unconfirmed (open end, last attested before it)\t%d\n", ts.Unconfirmed)
		years := make([]int, 0, len(ts.LastByYear))
		for y := range ts.LastByYear {
			years = append(years, y)
		}
		sort.Ints(years)
		for _, y := range years {
			last := "never attested"
			if y != 0 {
				last = fmt.Sprintf("last attested in %d", y)
			}
			fmt.Fprintf(w, "      %s\t%d\n", last, ts.LastByYear[y])
		}
	}
	return w.Flush()
}
