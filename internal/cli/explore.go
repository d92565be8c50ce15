package cli

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

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
		Use:   "explore -o FILE.html",
		Short: "Write an interactive explorer: one self-contained HTML file with a date slider, filters, search and citations",
		Long: `Writes one HTML file that opens offline from disk and makes no request: every
actor and tie of the graph, placed once for all dates so that nothing moves
as ties come and go. A date slider (with a play button) shows the graph on any
day; states are marked by the NATO, CSTO and SCO spheres they are in on that
day (the comparison's rule); ties a source no longer confirms on that day are
faded. Filter by tie type, organisation and source; search by name or alias
(case and accents ignored); click an actor to read its ties with their dates
and citations.

The page embeds Cytoscape.js (MIT licence) at a pinned version whose bytes
relmap checks before writing. The slider runs from the first dated year to
today; the same data and options give a byte-identical file on the same day.`,
		Example: `  relmap explore -o explore.html
  relmap explore --at 2012-02-01 -o explore-2012.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
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
			return usagef("-o %s: the explorer is HTML; name a .html file (or - for stdout)", o.output)
		}
	}
	at, err := parseDay("at", o.at)
	if err != nil {
		return err
	}
	return o.g.withStore(cmd.Context(), func(s graph.Store) error {
		ds, err := loadedData(cmd.Context(), s)
		if err != nil {
			return err
		}
		data := explore.Build(ds, explore.Options{At: at, Through: graph.Today(), Title: o.title, Generator: "relmap " + Version})
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
		o.g.status("Wrote %s (%d actors, %d ties, %d KB).", o.output, len(data.Actors), len(data.Ties), b.Len()/1024)
		return nil
	})
}
