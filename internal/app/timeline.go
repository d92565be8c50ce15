package app

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/timeline"
	"github.com/relmap/relmap/internal/usage"
)

// The formats timeline writes.
var timelineFormats = []string{"svg", "csv", "json"}

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
	format := strings.ToLower(o.Format)
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(o.Output)), ".")
		if o.Output == "-" || !slices.Contains(timelineFormats, format) {
			return usage.Errorf("-o %s: say which format with --format (%s)", o.Output, strings.Join(timelineFormats, ", "))
		}
	}
	if !slices.Contains(timelineFormats, format) {
		return usage.Errorf("--format %q: want one of %s", o.Format, strings.Join(timelineFormats, ", "))
	}
	opts := timeline.Options{Region: o.Region}
	var err error
	if o.From != "" {
		if opts.From, err = graph.ParseDate(o.From); err != nil {
			return usage.Errorf("--from: %v", err)
		}
	}
	if opts.To, err = ParseDay("to", o.To); err != nil {
		return err
	}
	opts.Orgs = lowerAll(o.Orgs)
	return g.WithData(ctx, func(ds *graph.Dataset) error {
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
