package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/explore"
	"github.com/relmap/relmap/internal/usage"
)

// ExploreOptions say which day the explorer opens on and where it goes.
type ExploreOptions struct {
	At     string
	Output string
	Title  string
}

// Explore writes the interactive explorer, one self-contained HTML file.
func Explore(ctx context.Context, g *Env, o ExploreOptions) error {
	if o.Output != "-" {
		switch strings.ToLower(filepath.Ext(o.Output)) {
		case ".html", ".htm":
		default:
			return usage.Errorf("-o %s: the explorer is HTML; name a .html file (or - for stdout)", o.Output)
		}
	}
	at, err := ParseDay("at", o.At)
	if err != nil {
		return err
	}
	return g.WithStore(ctx, func(s graph.Store) error {
		ds, err := LoadedData(ctx, s)
		if err != nil {
			return err
		}
		data := explore.Build(ds, explore.Options{At: at, Through: graph.Today(), Title: o.Title, Generator: "relmap " + buildinfo.Version})
		var b bytes.Buffer
		if err := explore.Write(&b, data); err != nil {
			return err
		}
		if err := g.WriteOutput(o.Output, b.Bytes()); err != nil || o.Output == "-" {
			return err
		}
		g.Status("Wrote %s (%d actors, %d ties, %d KB).", o.Output, len(data.Actors), len(data.Ties), b.Len()/1024)
		return nil
	})
}
