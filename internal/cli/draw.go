package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/usage"
)

// What the commands that draw (render, compare -o, report) share: the
// format an output file asks for, readying Graphviz, and writing a figure.

func formatOf(path string) (string, error) {
	if path == "-" {
		return "svg", nil
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg", ".png", ".pdf", ".dot":
		return ext[1:], nil
	case ".gv":
		return "dot", nil
	default:
		return "", usage.Errorf("-o %s: the extension says the format: .svg, .png, .pdf or .dot", path)
	}
}

// prepareDrawing readies a command that will draw: Graphviz starts loading
// in the background while the database answers, and the garbage collector
// runs less often. Loading Graphviz decodes and validates a large
// WebAssembly module, which with the default GOGC=100 meant collections
// competing for the two cores with the load and the database; at 400 a
// view drew in 112-121 ms instead of 128-166 (median of 15), at the same
// peak RSS (35 MB: the module's memory is not Go heap).
func prepareDrawing() {
	render.Prepare()
	if os.Getenv("GOGC") == "" { // the user's setting wins
		debug.SetGCPercent(400)
	}
}

// draw renders sg and writes it to path (- for stdout).
func draw(g *Globals, cmd *cobra.Command, sg render.Subgraph, opts render.Options, format, path string) error {
	dot, err := render.DOT(sg, opts)
	if err != nil {
		return err
	}
	out := dot
	if format != "dot" {
		if out, err = render.Render(cmd.Context(), dot, format, opts); err != nil {
			return err
		}
	}
	if path == "-" {
		_, err = g.Out.Write(out)
		return err
	}
	if err := writeFileAtomic(path, out); err != nil {
		return err
	}
	g.Status("Wrote %s (%d actors, %d ties).", path, len(sg.Nodes), len(sg.Edges))
	return nil
}

// writeFileAtomic writes beside the target and renames, so a failed write
// never leaves a truncated file behind (fileio.WriteFile).
func writeFileAtomic(path string, b []byte) error { return fileio.WriteFile(path, b) }
