package app

import (
	"bytes"
	"context"
	"errors"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/figure"
	"github.com/relmap/relmap/internal/outfile"
	"github.com/relmap/relmap/internal/report"
	"github.com/relmap/relmap/internal/usage"
)

// ReportOptions say what the report is about and where it goes.
type ReportOptions struct {
	Orgs   []string
	At     string
	Region string
	// Output is the file, .html or .pdf (- for standard output); Format
	// says which when the extension does not.
	Output, Format string
	Title          string
	// Network is the route the network diagram draws; NetworkAsked says
	// it was named, so that a route without legs is an error.
	Network       string
	NetworkAsked  bool
	Renderer      string
	ConfirmedOnly ConfirmedOnly
}

// reportSpec is what report writes: HTML (also on standard output) or PDF.
var reportSpec = outfile.Spec{Formats: []string{"html", "pdf"}, Extensions: map[string]string{".htm": "html"}}

// Report writes the analyst's report, HTML or PDF, built from the loaded data.
func Report(ctx context.Context, g *Env, o ReportOptions) error {
	target, err := g.Target(reportSpec, o.Output, o.Format)
	if err != nil {
		return err
	}
	format := target.Format
	at, err := ParseDay("at", o.At)
	if err != nil {
		return err
	}
	opts := report.Options{At: at, Region: o.Region, Title: o.Title, Network: o.Network,
		NetworkAsked: o.NetworkAsked, Renderer: o.Renderer, Generator: "relmap " + buildinfo.Version}
	figure.Prepare()
	return g.WithStore(ctx, func(s graph.Store) error {
		ds, err := LoadedData(ctx, s)
		if err != nil {
			return err
		}
		if opts.Orgs, err = findOrgs(ds, o.Orgs); err != nil {
			return err
		}
		if o.NetworkAsked {
			// A name that fits no actor is left to report.Build, which
			// lists the routes there are.
			if network, err := findActors(ds, []string{o.Network}); err == nil {
				opts.Network = network[0]
			}
		}
		rep, err := report.Build(ctx, o.ConfirmedOnly.Apply(ds, at), opts)
		var bad *report.InputError
		if errors.As(err, &bad) {
			return usage.Wrap(bad)
		}
		if err != nil {
			return err
		}
		var b bytes.Buffer
		pages := 0
		if format == "pdf" {
			doc, n, err := report.PDF(rep)
			if err != nil {
				return err
			}
			b.Write(doc)
			pages = n
		} else if err := report.Write(&b, rep); err != nil {
			return err
		}
		if err := g.WriteOutput(o.Output, b.Bytes()); err != nil || o.Output == "-" {
			return err
		}
		if pages > 0 {
			g.Status("Wrote %s (%d pages: %d states, %d diagrams, %d sources).", o.Output, pages, len(rep.States), len(rep.Diagrams), len(rep.Sources))
			return nil
		}
		g.Status("Wrote %s (%d states, %d diagrams, %d sources).", o.Output, len(rep.States), len(rep.Diagrams), len(rep.Sources))
		return nil
	})
}
