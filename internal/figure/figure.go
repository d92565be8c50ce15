// Package figure is what the commands that draw (render, compare -o,
// report) share: the format an output file asks for, the print flags that
// go with it, readying Graphviz, and turning a subgraph into the bytes of
// a figure.
package figure

import (
	"context"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/relmap/relmap/internal/pdf"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/usage"
)

// PrintFlags checks --dpi and --page against the output format, so that a
// flag that would be ignored is refused instead. dpiGiven and pageGiven
// say whether the flags were given at all.
func PrintFlags(format string, dpi float64, dpiGiven bool, page string, pageGiven bool) error {
	if dpiGiven {
		if format != "png" {
			return usage.Errorf("--dpi is for PNG output (-o FILE.png)")
		}
		if dpi < 1 || dpi > 1200 {
			return usage.Errorf("--dpi %g: want 1 to 1200", dpi)
		}
	}
	if pageGiven {
		if format != "pdf" {
			return usage.Errorf("--page is for PDF output (-o FILE.pdf)")
		}
		if !slices.Contains(pdf.Pages, page) {
			return usage.Errorf("--page %q: want one of %s", page, strings.Join(pdf.Pages, ", "))
		}
	}
	return nil
}

// Prepare readies a command that will draw: Graphviz starts loading
// in the background while the database answers, and the garbage collector
// runs less often. Loading Graphviz decodes and validates a large
// WebAssembly module, which with the default GOGC=100 meant collections
// competing for the two cores with the load and the database; at 400 a
// view drew in 112-121 ms instead of 128-166 (median of 15), at the same
// peak RSS (35 MB: the module's memory is not Go heap).
func Prepare() {
	render.Prepare()
	if os.Getenv("GOGC") == "" { // the user's setting wins
		debug.SetGCPercent(400)
	}
}

// Draw renders sg in format: the DOT itself, or what Graphviz makes of it.
func Draw(ctx context.Context, sg render.Subgraph, opts render.Options, format string) ([]byte, error) {
	dot, err := render.DOT(sg, opts)
	if err != nil || format == "dot" {
		return dot, err
	}
	return render.Render(ctx, dot, format, opts)
}
