package cli

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/explore"
)

type exploreOptions struct {
	g      *Globals
	at     string
	output string
	title  string
}

func newExploreCmd(g *Globals) *cobra.Command {
	o := &exploreOptions{g: g}
	cmd := &cobra.Command{
		Use:     "explore -o FILE.html",
		Short:   "Write an interactive explorer: one self-contained HTML file with a date slider, filters, search and citations",
		Long:    help.Text("explore.long"),
		Example: help.Text("explore.example"),
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	f.StringVar(&o.at, "at", "today", "the day the page opens on (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVarP(&o.output, "output", "o", "", "the HTML file to write (- for stdout)")
	f.StringVar(&o.title, "title", "", "title (default: relmap explorer)")
	cmd.MarkFlagRequired("output")
	return cmd
}

func (o *exploreOptions) run(cmd *cobra.Command) error {
	if o.output != "-" {
		switch strings.ToLower(filepath.Ext(o.output)) {
		case ".html", ".htm":
		default:
			return usage.Errorf("-o %s: the explorer is HTML; name a .html file (or - for stdout)", o.output)
		}
	}
	at, err := app.ParseDay("at", o.at)
	if err != nil {
		return err
	}
	return o.g.WithStore(cmd.Context(), func(s graph.Store) error {
		ds, err := app.LoadedData(cmd.Context(), s)
		if err != nil {
			return err
		}
		data := explore.Build(ds, explore.Options{At: at, Through: graph.Today(), Title: o.title, Generator: "relmap " + buildinfo.Version})
		var b bytes.Buffer
		if err := explore.Write(&b, data); err != nil {
			return err
		}
		if o.output == "-" {
			_, err = o.g.Out.Write(b.Bytes())
			return err
		}
		if err := writeFileAtomic(o.output, b.Bytes()); err != nil {
			return err
		}
		o.g.Status("Wrote %s (%d actors, %d ties, %d KB).", o.output, len(data.Actors), len(data.Ties), b.Len()/1024)
		return nil
	})
}
