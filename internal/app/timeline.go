package app

import (
	"bytes"
	"context"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/outfile"
	"github.com/relmap/relmap/internal/timeline"
	"github.com/relmap/relmap/internal/usage"
)

// timelineSpec is what timeline writes: the figure as SVG, or its spans and
// events as CSV or JSON; standard output needs --format.
var timelineSpec = outfile.Spec{Formats: []string{"svg", "csv", "json"}, Stdout: outfile.NeedsFormat}

// TimelineOptions say which states, organisations and years the timeline draws.
type TimelineOptions struct {
	Orgs          []string
	Region        string
	From, To      string
	Format        string
	Output        string
	ConfirmedOnly ConfirmedOnly
}

// Timeline draws where each state of a region stood towards the
// organisations over the years, or writes it as rows.
func Timeline(ctx context.Context, g *Env, o TimelineOptions) error {
	if o.Output == "" {
		return usage.Errorf("-o/--output: name the file to write (.svg, .csv or .json), or - with --format")
	}
	target, err := g.Target(timelineSpec, o.Output, o.Format)
	if err != nil {
		return err
	}
	format := target.Format
	opts := timeline.Options{Region: o.Region}
	if o.From != "" {
		if opts.From, err = graph.ParseDate(o.From); err != nil {
			return usage.Errorf("--from: %v", err)
		}
	}
	if opts.To, err = ParseDay("to", o.To); err != nil {
		return err
	}
	return g.WithData(ctx, func(ds *graph.Dataset) error {
		if opts.Orgs, err = findOrgs(ds, o.Orgs); err != nil {
			return err
		}
		tl, err := timeline.Build(o.ConfirmedOnly.Apply(ds, graph.Date{}), opts)
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
		if err := g.WriteOutput(o.Output, buf.Bytes()); err != nil || o.Output == "-" {
			return err
		}
		if len(tl.Spans) == 0 {
			g.Status("No state of the region stood in any relation to these organisations from %d to %s: the figure has rows but no bands.",
				tl.From.Year(), tl.To.Format("2006-01-02"))
		}
		g.Status("Wrote %s (%d states, %d organisations, %d spans, %d events, %d to %s).", o.Output,
			len(tl.States), len(tl.Orgs), len(tl.Spans), len(tl.Events), tl.From.Year(), tl.To.Format("2006-01-02"))
		return nil
	})
}
