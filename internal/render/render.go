package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"

	"github.com/relmap/relmap/internal/pdf"
)

// Formats lists the output formats Render accepts.
var Formats = []string{"svg", "png", "pdf", "dot"}

// Slide is the PNG size, in pixels, that a figure is fitted to when no
// resolution is asked for: a full-HD slide.
var Slide = [2]int{1920, 1080}

// slideDPI is the resolution the slide size is reckoned at.
const slideDPI = 96

// Renderers lists the values Options.Renderer accepts.
var Renderers = []string{"auto", "wasm", "native"}

// nativeAbove is the size from which auto prefers the native binary: below
// it the WebAssembly build is fast enough and needs nothing installed.
const nativeAbove = 500

// go-graphviz runs one WebAssembly module for the whole process. Calls into
// it are not safe concurrently (goccy/go-graphviz#117), and a context
// cancelled during a call leaves the module unusable for every later render
// (#118). So all calls hold wasmMu, the instance is made once and kept, and
// it only ever sees a context that cannot be cancelled.
var (
	wasmMu   sync.Mutex
	wasmOnce sync.Once
	wasmGV   *graphviz.Graphviz
	wasmErr  error
)

func wasmInstance() (*graphviz.Graphviz, error) {
	wasmOnce.Do(func() {
		wasmGV, wasmErr = graphviz.New(context.Background())
		if wasmErr != nil {
			wasmErr = fmt.Errorf("starting Graphviz (WebAssembly): %w", wasmErr)
		}
	})
	return wasmGV, wasmErr
}

// Prepare starts loading the WebAssembly Graphviz in the background (tens
// of milliseconds), so that a command can overlap it with its database
// queries. Render waits for it; a failure is reported by Render.
func Prepare() {
	go func() {
		wasmMu.Lock()
		defer wasmMu.Unlock()
		_, _ = wasmInstance()
	}()
}

// NativeAvailable reports whether the Graphviz `dot` binary is on PATH.
func NativeAvailable() bool {
	_, err := exec.LookPath("dot")
	return err == nil
}

// Render lays out a DOT document and renders it as svg, png or dot (the
// document with layout positions added). opts.Layout overrides the layout
// the document names (force means the document's own positions);
// opts.Renderer chooses the engine: wasm (the WebAssembly Graphviz bundled
// with go-graphviz), native (`dot` from PATH), or auto, which uses wasm
// unless the graph is large or the format is png and the binary exists.
// For svg, opts.Metadata is also written into the SVG's <metadata> element.
func Render(ctx context.Context, dot []byte, format string, opts Options) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch format {
	case "svg", "png", "dot":
	case "pdf":
		return renderPDF(ctx, dot, opts)
	default:
		return nil, fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	if err := checkLayout(opts.Layout); err != nil {
		return nil, err
	}
	switch opts.Renderer {
	case "", "auto", "wasm", "native":
	default:
		return nil, fmt.Errorf("unknown renderer %q (want one of %s)", opts.Renderer, strings.Join(Renderers, ", "))
	}
	if opts.DPI < 0 || opts.DPI > 1200 {
		return nil, fmt.Errorf("resolution %g dpi: want 1 to 1200", opts.DPI)
	}
	if opts.Renderer == "native" && !NativeAvailable() {
		return nil, errors.New("renderer native: the Graphviz `dot` binary is not on PATH (install Graphviz, or use --renderer wasm)")
	}

	// The document is parsed once, to count what a layout would face and
	// to read the layout it asks for (a syntax error surfaces here with
	// Graphviz's own message); the WebAssembly renderer then draws that
	// same parse, which for a thousand nodes saves a fifth of a second.
	var out []byte
	var layout, underlay string
	native := false
	err := withParsed(dot, func(g *graphviz.Graph) error {
		nodes, err := g.NodeNum()
		if err != nil {
			return err
		}
		edges, err := g.EdgeNum()
		if err != nil {
			return err
		}
		if err := checkSize(nodes, edges); err != nil {
			return err
		}
		layout = engineFor(opts.Layout, g.GetStr("layout"))
		underlay = g.GetStr(underlayAttr)
		switch opts.Renderer {
		case "native":
			native = true
		case "", "auto":
			// go-graphviz draws PNG with its own Go rasteriser,
			// which fills curved edges and lacks glyphs the legend
			// uses; native Graphviz (cairo) draws PNG properly.
			native = (nodes+edges > nativeAbove || format == "png") && NativeAvailable()
		}
		if native {
			return nil
		}
		var finish func() error
		if format == "png" {
			finish = func() error {
				dpi, size := pngScale(opts.DPI)
				g.SetDPI(dpi)
				return g.SafeSet("size", size, "")
			}
		}
		out, err = drawRouted(ctx, g, format, layout, finish)
		return err
	})
	if err == nil && native {
		var extra []string
		if format == "png" {
			dpi, size := pngScale(opts.DPI)
			extra = append(extra, "-Gdpi="+strconv.FormatFloat(dpi, 'f', -1, 64))
			if size != "" {
				extra = append(extra, "-Gsize="+size)
			}
		}
		out, err = renderNative(ctx, dot, format, layout, extra...)
	}
	if err != nil {
		return nil, err
	}
	if format == "svg" {
		if underlay != "" {
			out = withUnderlay(out, underlay)
		}
		out = withMetadata(out, opts.Metadata)
	}
	return out, nil
}

// engineFor is the Graphviz engine for a layout option and the layout the
// document names.
func engineFor(option, document string) string {
	switch option {
	case "", "auto":
	case "force", "geo":
		return placedEngine
	default:
		return option
	}
	if document != "" {
		return document
	}
	return "dot"
}

// withParsed parses dot with the WebAssembly Graphviz and hands the graph to
// f, holding wasmMu throughout.
func withParsed(dot []byte, f func(*graphviz.Graph) error) error {
	wasmMu.Lock()
	defer wasmMu.Unlock()
	if _, err := wasmInstance(); err != nil {
		return err
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("reading DOT: %w", err)
	}
	defer g.Close()
	return f(g)
}

// drawWasm lays out and renders g; the caller holds wasmMu.
func drawWasm(ctx context.Context, g *graphviz.Graph, format, layout string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	gv := wasmGV
	gv.SetLayout(graphviz.Layout(layout))
	var buf bytes.Buffer
	// A render cannot be interrupted safely; ctx was checked above and is
	// not handed on (see wasmMu).
	if err := gv.Render(context.Background(), g, graphviz.Format(format), &buf); err != nil {
		return nil, fmt.Errorf("rendering %s with %s (WebAssembly Graphviz): %w", format, layout, err)
	}
	if buf.Len() == 0 {
		return nil, fmt.Errorf("rendering %s with %s (WebAssembly Graphviz): no output", format, layout)
	}
	return buf.Bytes(), nil
}

// pngScale is the resolution and the Graphviz size attribute for a PNG:
// the asked resolution at the figure's own size, or, when none is asked,
// the figure scaled up or down to fit a slide.
func pngScale(dpi float64) (float64, string) {
	if dpi > 0 {
		return dpi, ""
	}
	return slideDPI, strconv.FormatFloat(float64(Slide[0])/slideDPI, 'f', -1, 64) + "," +
		strconv.FormatFloat(float64(Slide[1])/slideDPI, 'f', -1, 64) + "!"
}

// renderPDF draws the figure as SVG and puts it on a page with package
// pdf; with the native renderer asked for by name, Graphviz's own PDF
// writer (cairo) draws it instead, at the figure's size.
func renderPDF(ctx context.Context, dot []byte, opts Options) ([]byte, error) {
	if opts.Renderer == "native" {
		if !NativeAvailable() {
			return nil, errors.New("renderer native: the Graphviz `dot` binary is not on PATH (install Graphviz, or use --renderer wasm)")
		}
		var layout string
		if err := withParsed(dot, func(g *graphviz.Graph) error {
			layout = engineFor(opts.Layout, g.GetStr("layout"))
			return nil
		}); err != nil {
			return nil, err
		}
		return renderNative(ctx, dot, "pdf", layout)
	}
	o := opts
	o.Metadata = nil
	svg, err := Render(ctx, dot, "svg", o)
	if err != nil {
		return nil, err
	}
	return pdf.FromSVG(svg, pdf.Options{Page: opts.Page, Title: opts.Title})
}

func renderNative(ctx context.Context, dot []byte, format, layout string, extra ...string) ([]byte, error) {
	// The binary is a separate process, so cancelling it is safe.
	cmd := exec.CommandContext(ctx, "dot", append([]string{"-K" + layout, "-T" + format}, extra...)...)
	cmd.Stdin = bytes.NewReader(dot)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("rendering %s with %s (dot): %v: %s", format, layout, err, strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}

// withMetadata writes md into the SVG's <metadata> element, where tools look
// for it, escaped as XML character data.
func withMetadata(svg []byte, md map[string]string) []byte {
	if len(md) == 0 {
		return svg
	}
	i := bytes.Index(svg, []byte("<svg"))
	if i < 0 {
		return svg
	}
	j := bytes.IndexByte(svg[i:], '>')
	if j < 0 {
		return svg
	}
	at := i + j + 1
	keys := make([]string, 0, len(md))
	for k := range md {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("\n<metadata id=\"relmap-metadata\">")
	for _, k := range keys {
		fmt.Fprintf(&b, "\n<relmap:item xmlns:relmap=\"urn:relmap\" key=\"%s\">%s</relmap:item>", xmlEscape(k), xmlEscape(md[k]))
	}
	b.WriteString("\n</metadata>")
	out := make([]byte, 0, len(svg)+b.Len())
	out = append(out, svg[:at]...)
	out = append(out, b.Bytes()...)
	out = append(out, svg[at:]...)
	return out
}

// xmlEscape escapes character data and attribute values alike.
var xmlEscape = escaper{
	'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&quot;", '\'': "&#39;",
	'\n': "&#10;", '\t': "&#9;", '\r': "&#13;",
}.escape
