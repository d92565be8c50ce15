package cli

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/timeline"
)

// The formats timeline writes.
var timelineFormats = []string{"svg", "csv", "json"}

type timelineOptions struct {
	g        *Globals
	region   string
	from, to string
	format   string
	output   string
	only     app.ConfirmedOnly
}

func newTimelineCmd(g *Globals) *cobra.Command {
	o := &timelineOptions{g: g}
	cmd := &cobra.Command{
		Use:     "timeline [ORG...] -o FILE.svg|.csv|.json",
		Short:   "Draw where each state of a region stood towards NATO, the CSTO and the SCO (or any organisations) over the years",
		Long:    help.Text("timeline.long"),
		Example: help.Text("timeline.example"),
		RunE:    func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	bindConfirmedOnly(f, &o.only)
	f.StringVar(&o.region, "region", graph.RegionCentralAsia, "region of the states to draw (all: every state)")
	f.StringVar(&o.from, "from", "", "first year (or month, or day) shown (default: the year of the earliest band)")
	f.StringVar(&o.to, "to", "today", "last day shown, the figure's as-of date (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.format, "format", "", "svg, csv or json (default: from the extension of -o)")
	f.StringVarP(&o.output, "output", "o", "", "the file to write (- for standard output, with --format)")
	return cmd
}

func (o *timelineOptions) run(cmd *cobra.Command, orgs []string) error {
	if o.output == "" {
		return usage.Errorf("-o/--output: name the file to write (.svg, .csv or .json), or - with --format")
	}
	format := strings.ToLower(o.format)
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(o.output)), ".")
		if o.output == "-" || !slices.Contains(timelineFormats, format) {
			return usage.Errorf("-o %s: say which format with --format (%s)", o.output, strings.Join(timelineFormats, ", "))
		}
	}
	if !slices.Contains(timelineFormats, format) {
		return usage.Errorf("--format %q: want one of %s", o.format, strings.Join(timelineFormats, ", "))
	}
	opts := timeline.Options{Region: o.region}
	var err error
	if o.from != "" {
		if opts.From, err = graph.ParseDate(o.from); err != nil {
			return usage.Errorf("--from: %v", err)
		}
	}
	if opts.To, err = app.ParseDay("to", o.to); err != nil {
		return err
	}
	opts.Orgs = lowerAll(orgs)
	return o.g.WithData(cmd.Context(), func(ds *graph.Dataset) error {
		tl, err := timeline.Build(o.only.Apply(ds, graph.Date{}), opts)
		if err != nil {
			return usage.Wrap(err)
		}
		var buf bytes.Buffer
		if format == "svg" {
			err = timeline.SVG(&buf, tl, timeline.SVGOptions{})
		} else {
			err = timeline.WriteRows(&buf, tl, format)
		}
		if err != nil {
			return err
		}
		if err := o.g.WriteOutput(o.output, buf.Bytes()); err != nil || o.output == "-" {
			return err
		}
		if len(tl.Spans) == 0 {
			o.g.Status("No state of the region stood in any relation to these organisations from %d to %s: the figure has rows but no bands.",
				tl.From.Year(), tl.To.Format("2006-01-02"))
		}
		o.g.Status("Wrote %s (%d states, %d organisations, %d spans, %d events, %d to %s).", o.output,
			len(tl.States), len(tl.Orgs), len(tl.Spans), len(tl.Events), tl.From.Year(), tl.To.Format("2006-01-02"))
		return nil
	})
}
