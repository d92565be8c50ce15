package cli

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/report"
)

type reportOptions struct {
	g        *Globals
	at       string
	region   string
	output   string
	title    string
	network  string
	renderer string
	only     app.ConfirmedOnly
	format   string
}

func newReportCmd(g *Globals) *cobra.Command {
	o := &reportOptions{g: g}
	cmd := &cobra.Command{
		Use:     "report [ORG...] -o FILE.html|FILE.pdf",
		Short:   "Write an analyst's report: one self-contained HTML file with the comparison, diagrams, states and sources",
		Long:    help.Text("report.long"),
		Example: help.Text("report.example"),
		RunE:    func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.at, "at", "today", "the day the report is about (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.region, "region", graph.RegionCentralAsia, "region of the states to report on (all: every state)")
	f.StringVarP(&o.output, "output", "o", "", "the file to write, .html or .pdf (- for stdout)")
	f.StringVar(&o.format, "format", "", "html or pdf (default: from the extension of -o; html for -)")
	f.StringVar(&o.title, "title", "", "title (default: from the organisations and the region)")
	f.StringVar(&o.network, "network", "ndn", "the route whose legs the network diagram draws")
	f.StringVar(&o.renderer, "renderer", "auto", "auto, wasm (built in) or native (Graphviz's dot on PATH)")
	bindConfirmedOnly(f, &o.only)
	cmd.MarkFlagRequired("output")
	return cmd
}

func (o *reportOptions) run(cmd *cobra.Command, orgs []string) error {
	format := strings.ToLower(o.format)
	if format == "" {
		switch strings.ToLower(filepath.Ext(o.output)) {
		case ".html", ".htm":
			format = "html"
		case ".pdf":
			format = "pdf"
		default:
			if o.output != "-" {
				return usage.Errorf("-o %s: name a .html or .pdf file, or say which with --format html|pdf", o.output)
			}
			format = "html"
		}
	}
	if format != "html" && format != "pdf" {
		return usage.Errorf("--format %q: want html or pdf", o.format)
	}
	at, err := app.ParseDay("at", o.at)
	if err != nil {
		return err
	}
	for i := range orgs {
		orgs[i] = strings.ToLower(orgs[i])
	}
	opts := report.Options{At: at, Region: o.region, Orgs: orgs, Title: o.title, Network: o.network,
		NetworkAsked: cmd.Flags().Changed("network"), Renderer: o.renderer, Generator: "relmap " + buildinfo.Version}
	prepareDrawing()
	return o.g.WithStore(cmd.Context(), func(s graph.Store) error {
		ds, err := app.LoadedData(cmd.Context(), s)
		if err != nil {
			return err
		}
		rep, err := report.Build(cmd.Context(), o.only.Apply(ds, at), opts)
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
		if o.output == "-" {
			_, err = o.g.Out.Write(b.Bytes())
			return err
		}
		if err := writeFileAtomic(o.output, b.Bytes()); err != nil {
			return err
		}
		if pages > 0 {
			o.g.Status("Wrote %s (%d pages: %d states, %d diagrams, %d sources).", o.output, pages, len(rep.States), len(rep.Diagrams), len(rep.Sources))
			return nil
		}
		o.g.Status("Wrote %s (%d states, %d diagrams, %d sources).", o.output, len(rep.States), len(rep.Diagrams), len(rep.Sources))
		return nil
	})
}
