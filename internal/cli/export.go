package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/export"
	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/seed"
)

// The formats export writes.
var exportFormats = []string{"graphml", "gexf", "json", "csv"}

type exportOptions struct {
	g        *Globals
	format   string
	output   string
	at       string
	datasets []string
	only     app.ConfirmedOnly
}

func newExportCmd(g *Globals) *cobra.Command {
	o := &exportOptions{g: g}
	cmd := &cobra.Command{
		Use:     "export --format graphml|gexf|json|csv -o PATH",
		Short:   "Write the graph's relmap data as GraphML (Gephi, NetworkX), dated GEXF (Gephi's timeline), JSON or CSV seed files",
		Long:    help.Text("export.long"),
		Example: help.Text("export.example"),
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	bindConfirmedOnly(f, &o.only)
	f.StringVar(&o.format, "format", "", "graphml, gexf, json or csv")
	f.StringVarP(&o.output, "output", "o", "", "file to write (- for standard output), or for csv the directory")
	f.StringVar(&o.at, "at", "", "keep only the ties in force on this day (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringArrayVar(&o.datasets, "dataset", nil, "export this dataset only (repeatable; default: all)")
	cmd.MarkFlagRequired("format")
	cmd.MarkFlagRequired("output")
	return cmd
}

func (o *exportOptions) run(cmd *cobra.Command) error {
	format := strings.ToLower(o.format)
	if !slices.Contains(exportFormats, format) {
		return usage.Errorf("--format %q: want one of %s", o.format, strings.Join(exportFormats, ", "))
	}
	if o.output == "" {
		return usage.Errorf("-o/--output: name the file or directory to write")
	}
	if format == "csv" && o.output == "-" {
		return usage.Errorf("--format csv writes three files per dataset: -o names a directory, not standard output")
	}
	if format != "csv" && o.output != "-" {
		if err := fileio.CheckTarget(o.output); err != nil {
			return err
		}
	}
	var at graph.Date
	if o.at != "" {
		var err error
		if at, err = app.ParseDay("at", o.at); err != nil {
			return err
		}
	}
	if err := o.only.NeedsDay(o.at != ""); err != nil {
		return err
	}
	return o.g.WithStore(cmd.Context(), func(s graph.Store) error {
		snap, err := s.Snapshot(cmd.Context(), o.datasets...)
		if err != nil {
			return err
		}
		ds, missing := selectDatasets(snap, o.datasets)
		if missing != "" {
			// The snapshot holds only the datasets asked for; name the
			// others from a full one, on this error path only.
			all, err := s.Snapshot(cmd.Context())
			if err != nil {
				return err
			}
			held := "none"
			if names := datasetNames(all); len(names) > 0 {
				held = strings.Join(names, ", ")
			}
			return fmt.Errorf("--dataset %s: the graph holds no such dataset (it holds: %s)", missing, held)
		}
		if o.at != "" {
			ds = tiesAt(ds, at)
		}
		for i := range ds {
			ds[i] = o.only.Apply(ds[i], at)
		}
		return o.write(format, ds)
	})
}

func (o *exportOptions) write(format string, ds []*graph.Dataset) error {
	var actors, ties int
	for _, d := range ds {
		actors += len(d.Actors)
		ties += len(d.Ties)
	}
	summary := fmt.Sprintf("%d datasets, %d actors, %d ties", len(ds), actors, ties)
	if o.at != "" {
		summary += " in force on " + o.at
	}
	if format == "csv" {
		if err := os.MkdirAll(o.output, 0o755); err != nil {
			return err
		}
		for _, d := range ds {
			if err := seed.WriteCSV(o.output, d); err != nil {
				return fmt.Errorf("dataset %s: %w", d.Name, err)
			}
		}
		o.g.Status("Wrote %s as CSV to %s.", summary, o.output)
		return nil
	}
	var buf bytes.Buffer
	write := map[string]func(io.Writer, []*graph.Dataset) error{
		"graphml": export.GraphML, "gexf": export.GEXF, "json": export.JSON}[format]
	if err := write(&buf, ds); err != nil {
		return err
	}
	if err := o.g.WriteOutput(o.output, buf.Bytes()); err != nil || o.output == "-" {
		return err
	}
	o.g.Status("Wrote %s (%s).", o.output, summary)
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
