package app

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/figure"
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

// Report writes the analyst's report, HTML or PDF, built from the loaded data.
func Report(ctx context.Context, g *Env, o ReportOptions) error {
	format := strings.ToLower(o.Format)
	if format == "" {
		switch strings.ToLower(filepath.Ext(o.Output)) {
		case ".html", ".htm":
			format = "html"
		case ".pdf":
			format = "pdf"
		default:
			if o.Output != "-" {
				return usage.Errorf("-o %s: name a .html or .pdf file, or say which with --format html|pdf", o.Output)
			}
			format = "html"
		}
	}
	if format != "html" && format != "pdf" {
		return usage.Errorf("--format %q: want html or pdf", o.Format)
	}
	at, err := ParseDay("at", o.At)
	if err != nil {
		return err
	}
	opts := report.Options{At: at, Region: o.Region, Orgs: lowerAll(o.Orgs), Title: o.Title, Network: o.Network,
		NetworkAsked: o.NetworkAsked, Renderer: o.Renderer, Generator: "relmap " + buildinfo.Version}
	figure.Prepare()
	return g.WithStore(ctx, func(s graph.Store) error {
		ds, err := LoadedData(ctx, s)
		if err != nil {
			return err
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
