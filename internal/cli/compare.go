package cli

import (
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

type compareOptions struct {
	g        *Globals
	at       string
	from, to string
	region   string
	format   string
	sources  bool
	output   string
	only     app.ConfirmedOnly
}

func newCompareCmd(g *Globals) *cobra.Command {
	o := &compareOptions{g: g}
	cmd := &cobra.Command{
		Use:     "compare [ORG...]",
		Short:   "Compare the NATO, CSTO and SCO spheres (or any organisations) at a date, or between two dates",
		Long:    help.Text("compare.long"),
		Example: help.Text("compare.example"),
		RunE:    func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.at, "at", "today", "the day to compare at (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.from, "from", "", "with --to: list the changes between two days")
	f.StringVar(&o.to, "to", "", "with --from: list the changes between two days")
	f.StringVar(&o.region, "region", "central-asia", "region of the states to compare (all: every state)")
	f.StringVar(&o.format, "format", "", "table, csv, json or markdown (default: table on a terminal, csv otherwise)")
	f.BoolVar(&o.sources, "sources", false, "add the citations behind each cell")
	f.StringVarP(&o.output, "output", "o", "", "also draw the comparison to FILE (.svg, .png, .pdf or .dot)")
	bindConfirmedOnly(f, &o.only)
	return cmd
}

func (o *compareOptions) run(cmd *cobra.Command, orgs []string) error {
	format := o.format
	if format == "" {
		format = "csv"
		if o.g.OutTTY {
			format = "table"
		}
	}
	f, err := compare.ParseFormat(format)
	if err != nil {
		return usage.Wrap(err)
	}
	for i := range orgs {
		orgs[i] = strings.ToLower(orgs[i])
	}
	changes := cmd.Flags().Changed("from")
	if changes != cmd.Flags().Changed("to") {
		return usage.Errorf("--from and --to go together")
	}
	if changes && cmd.Flags().Changed("at") {
		return usage.Errorf("give --at for one day or --from and --to for the changes between two, not both")
	}
	var at, from, to graph.Date
	if changes {
		if from, err = app.ParseDay("from", o.from); err != nil {
			return err
		}
		if to, err = app.ParseDay("to", o.to); err != nil {
			return err
		}
	} else if at, err = app.ParseDay("at", o.at); err != nil {
		return err
	}
	if o.output != "" && !strings.EqualFold(filepath.Ext(o.output), ".dot") {
		prepareDrawing()
	}
	return o.g.WithStore(cmd.Context(), func(s graph.Store) error {
		ds, err := app.LoadedData(cmd.Context(), s)
		if err != nil {
			return err
		}
		ds = o.only.Apply(ds, at) // at is zero for changes: every day
		if changes {
			ch, err := compare.Diff(ds, orgs, o.region, from, to)
			if err != nil {
				return usage.Wrap(err)
			}
			if o.output != "" {
				if err := o.drawFigure(cmd, ds, views.Changes(ds, ch)); err != nil {
					return err
				}
			}
			return compare.WriteDiff(o.g.Out, ch, f, o.sources)
		}
		res, err := compare.Compare(ds, orgs, o.region, at)
		if err != nil {
			return usage.Wrap(err)
		}
		if o.output != "" {
			if err := o.drawFigure(cmd, ds, views.Comparison(ds, res)); err != nil {
				return err
			}
		}
		return compare.Write(o.g.Out, res, f, o.sources)
	})
}

// drawFigure writes a comparison figure to -o beside the table on stdout.
func (o *compareOptions) drawFigure(cmd *cobra.Command, ds *graph.Dataset, f views.Figure) error {
	format, err := formatOf(o.output)
	if err != nil {
		return err
	}
	if o.output == "-" {
		return usage.Errorf("-o - would mix the drawing with the table on stdout; name a file")
	}
	snap := []*graph.Dataset{ds}
	opts := render.Options{Title: f.Title, AsOf: f.AsOf, Layout: f.Layout, Sources: views.Caption(f.Graph, snap),
		Metadata: map[string]string{"command": "relmap compare", "fingerprint": graph.FingerprintOf(snap).Hash}}
	return draw(o.g, cmd, f.Graph, opts, format, o.output)
}
