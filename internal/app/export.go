package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/export"
	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/outfile"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/usage"
)

// exportSpec is what export writes: a file in one of the graph formats
// (standard output too), or CSV seed files in a directory.
var exportSpec = outfile.Spec{Formats: []string{"graphml", "gexf", "json", "csv"}, Stdout: outfile.NeedsFormat,
	FileOnly:       map[string]string{"csv": "it writes three files per dataset; -o names a directory"},
	NotByExtension: map[string]string{"csv": "CSV is written as a directory of seed files (NAME.documents.csv, NAME.actors.csv, NAME.ties.csv), not one file; give --format csv -o DIR"}}

// ExportOptions are what export writes, and where.
type ExportOptions struct {
	Format string
	// Output is the file (- for standard output), or for csv the directory.
	Output string
	// At, when given, keeps the ties in force on that day.
	At            string
	Datasets      []string
	ConfirmedOnly ConfirmedOnly
}

// Export writes the graph's relmap data as GraphML, GEXF, JSON or CSV seed
// files.
func Export(ctx context.Context, g *Env, o ExportOptions) error {
	if o.Output == "" {
		return usage.Errorf("-o/--output: name the file or directory to write")
	}
	target, err := g.Target(exportSpec, o.Output, o.Format)
	if err != nil {
		return err
	}
	format := target.Format
	if format != "csv" && !target.Stdout() {
		if err := fileio.CheckTarget(o.Output); err != nil {
			return err
		}
	}
	var at graph.Date
	if o.At != "" {
		var err error
		if at, err = ParseDay("at", o.At); err != nil {
			return err
		}
	}
	if err := o.ConfirmedOnly.NeedsDay(o.At != ""); err != nil {
		return err
	}
	return g.WithStore(ctx, func(s graph.Store) error {
		snap, err := s.Snapshot(ctx, o.Datasets...)
		if err != nil {
			return err
		}
		ds, missing := selectDatasets(snap, o.Datasets)
		if missing != "" {
			// The snapshot holds only the datasets asked for; name the
			// others from a full one, on this error path only.
			all, err := s.Snapshot(ctx)
			if err != nil {
				return err
			}
			held := "none"
			if names := datasetNames(all); len(names) > 0 {
				held = strings.Join(names, ", ")
			}
			return fmt.Errorf("--dataset %s: the graph holds no such dataset (it holds: %s)", missing, held)
		}
		if o.At != "" {
			ds = tiesAt(ds, at)
		}
		for i := range ds {
			ds[i] = o.ConfirmedOnly.Apply(ds[i], at)
		}
		return writeExport(g, o, target, ds)
	})
}

func writeExport(g *Env, o ExportOptions, target outfile.Target, ds []*graph.Dataset) error {
	format := target.Format
	var actors, ties int
	for _, d := range ds {
		actors += len(d.Actors)
		ties += len(d.Ties)
	}
	summary := fmt.Sprintf("%d datasets, %d actors, %d ties", len(ds), actors, ties)
	if o.At != "" {
		summary += " in force on " + o.At
	}
	if format == "csv" {
		if err := os.MkdirAll(o.Output, 0o755); err != nil {
			return err
		}
		for _, d := range ds {
			if err := seed.WriteCSV(o.Output, d); err != nil {
				return fmt.Errorf("dataset %s: %w", d.Name, err)
			}
		}
		g.Status("Wrote %s as CSV to %s.", summary, o.Output)
		return nil
	}
	write := map[string]func(io.Writer, []*graph.Dataset) error{
		"graphml": export.GraphML, "gexf": export.GEXF, "json": export.JSON}[format]
	if err := g.WriteTarget(target, func(w io.Writer) error { return write(w, ds) }); err != nil || target.Stdout() {
		return err
	}
	g.Status("Wrote %s (%s).", o.Output, summary)
	return nil
}

// selectDatasets keeps the datasets named (all when names is empty), in
// name order; missing is the first name snap does not hold.
func selectDatasets(snap []*graph.Dataset, names []string) (out []*graph.Dataset, missing string) {
	byName := map[string]*graph.Dataset{}
	for _, d := range snap {
		byName[d.Name] = d
	}
	if len(names) == 0 {
		out = append(out, snap...)
	}
	seen := map[string]bool{}
	for _, n := range names {
		d := byName[n]
		if d == nil {
			return nil, n
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, ""
}

func datasetNames(ds []*graph.Dataset) []string {
	var names []string
	for _, d := range ds {
		names = append(names, d.Name)
	}
	sort.Strings(names)
	return names
}

// tiesAt returns copies of ds holding only the ties in force on day at;
// documents and actors are all kept. ds is left as it was.
func tiesAt(ds []*graph.Dataset, at graph.Date) []*graph.Dataset {
	out := make([]*graph.Dataset, len(ds))
	for i, d := range ds {
		c := &graph.Dataset{Name: d.Name, Documents: d.Documents, Actors: d.Actors}
		for _, t := range d.Ties {
			if t.ValidAt(at) {
				c.Ties = append(c.Ties, t)
			}
		}
		out[i] = c
	}
	return out
}
