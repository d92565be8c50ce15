package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
)

// svgDoc is what the tests read back from an SVG.
type svgDoc struct {
	nodes, edges map[string]bool // <title> of each node and edge group
	texts        []string        // character data of <text> elements
	metadata     map[string]string
}

// parseSVG reads an SVG strictly and fails the test on anything that could
// run script: a script or foreignObject element, an on* attribute, or a
// javascript: link.
func parseSVG(t *testing.T, svg []byte) svgDoc {
	t.Helper()
	doc := svgDoc{nodes: map[string]bool{}, edges: map[string]bool{}, metadata: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	type frame struct{ name, class, title, metaKey string }
	var stack []frame
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			f := frame{name: x.Name.Local}
			switch strings.ToLower(x.Name.Local) {
			case "script", "foreignobject", "iframe", "object", "embed":
				t.Errorf("SVG has a <%s> element", x.Name.Local)
			}
			for _, a := range x.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("SVG has an event attribute %s=%q", a.Name.Local, a.Value)
				}
				if strings.Contains(strings.ToLower(a.Value), "javascript:") {
					t.Errorf("SVG has a javascript: URL in %s", a.Name.Local)
				}
				if a.Name.Local == "class" {
					f.class = a.Value
				}
				if a.Name.Local == "key" {
					f.metaKey = a.Value
				}
			}
			stack = append(stack, f)
			cur.Reset()
		case xml.CharData:
			cur.Write(x)
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch f.name {
			case "title":
				if len(stack) > 0 {
					stack[len(stack)-1].title = cur.String()
				}
			case "text":
				doc.texts = append(doc.texts, cur.String())
			case "item":
				doc.metadata[f.metaKey] = cur.String()
			case "g":
				switch f.class {
				case "node":
					doc.nodes[f.title] = true
				case "edge":
					doc.edges[f.title] = true
				}
			}
			cur.Reset()
		}
	}
	return doc
}

func renderFixture(t *testing.T, f fixture, format, renderer string) []byte {
	t.Helper()
	dot, err := DOT(f.sg, f.opts)
	if err != nil {
		t.Fatal(err)
	}
	opts := f.opts
	opts.Renderer = renderer
	out, err := Render(context.Background(), dot, format, opts)
	if err != nil {
		t.Fatalf("%s: %v", f.name, err)
	}
	return out
}

func TestSVG(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			svg := renderFixture(t, f, "svg", "wasm")
			doc := parseSVG(t, svg)
			want := len(f.sg.Nodes)
			if f.opts.Layout == "geo" {
				want -= len(Unplaced(f.sg)) // a map leaves them out
			}
			if len(doc.nodes) != want {
				t.Errorf("SVG has %d node groups, want %d", len(doc.nodes), want)
			}
			// Edge titles may repeat (two ties between the same pair), so
			// count groups rather than titles.
			if n := bytes.Count(svg, []byte(`class="edge"`)); n != len(f.sg.Edges) {
				t.Errorf("SVG has %d edge groups, the subgraph %d edges", n, len(f.sg.Edges))
			}
			for k, v := range f.opts.Metadata {
				if doc.metadata[k] != v {
					t.Errorf("metadata %s = %q, want %q", k, doc.metadata[k], v)
				}
			}
			if f.opts.Title != "" && !containsText(doc.texts, f.opts.Title) {
				t.Errorf("title %q not drawn; texts: %q", f.opts.Title, doc.texts)
			}
			if !f.opts.AsOf.IsZero() && !containsText(doc.texts, "as of "+f.opts.AsOf.String()) {
				t.Error("date stamp not drawn")
			}
		})
	}
}

func containsText(texts []string, s string) bool {
	for _, x := range texts {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// Hostile names must be drawn as the very text they are, and appear in the
// SVG only escaped.
func TestSVGHostileText(t *testing.T) {
	f := fixtures()[3]
	for _, renderer := range []string{"wasm", "native"} {
		t.Run(renderer, func(t *testing.T) {
			if renderer == "native" && !NativeAvailable() {
				t.Skip("Graphviz dot is not installed")
			}
			svg := renderFixture(t, f, "svg", renderer)
			doc := parseSVG(t, svg)
			for _, name := range hostileNames {
				for _, line := range strings.Split(name, "\n") {
					if !containsText(doc.texts, line) {
						t.Errorf("%q is not drawn as text; texts: %q", line, doc.texts)
					}
				}
			}
			low := bytes.ToLower(svg)
			for _, raw := range []string{"<script", "<b>", "<img", "</text><script"} {
				if bytes.Contains(low, []byte(raw)) {
					t.Errorf("raw %q in SVG", raw)
				}
			}
		})
	}
}

func TestRenderDeterministic(t *testing.T) {
	f := fixtures()[0]
	for _, format := range []string{"svg", "png", "dot"} {
		a := renderFixture(t, f, format, "wasm")
		b := renderFixture(t, f, format, "wasm")
		if !bytes.Equal(a, b) {
			t.Errorf("two %s renders differ", format)
		}
	}
}

// The PNG must show the drawing, not only be a PNG: a blank or fully
// transparent image is a PNG too.
func TestRenderPNG(t *testing.T) {
	data := renderFixture(t, fixtures()[2], "png", "wasm")
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v (% x)", err, data[:min(8, len(data))])
	}
	b := img.Bounds()
	ink, colours := 0, map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a < 0x8000 || (r > 0xF000 && g > 0xF000 && bl > 0xF000) {
				continue // transparent or white: no ink
			}
			ink++
			colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
		}
	}
	total := b.Dx() * b.Dy()
	t.Logf("%dx%d, %d pixels with ink, %d colours", b.Dx(), b.Dy(), ink, len(colours))
	if ink*100 < total {
		t.Errorf("only %d of %d pixels carry ink: the drawing is blank", ink, total)
	}
	if len(colours) < 3 {
		t.Errorf("%d colours: the fills and lines of the drawing are missing", len(colours))
	}
}

// Native Graphviz must draw the same nodes and edges from the same DOT.
func TestRenderNativeMatchesWasm(t *testing.T) {
	if !NativeAvailable() {
		t.Skip("Graphviz dot is not installed")
	}
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			w := parseSVG(t, renderFixture(t, f, "svg", "wasm"))
			n := parseSVG(t, renderFixture(t, f, "svg", "native"))
			if a, b := keys(w.nodes), keys(n.nodes); a != b {
				t.Errorf("nodes differ:\nwasm   %s\nnative %s", a, b)
			}
			if a, b := keys(w.edges), keys(n.edges); a != b {
				t.Errorf("edges differ:\nwasm   %s\nnative %s", a, b)
			}
		})
	}
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " | ")
}

func TestRenderRefuses(t *testing.T) {
	ctx := context.Background()
	var big strings.Builder
	big.WriteString("digraph{")
	for i := 0; i <= MaxNodes; i++ {
		fmt.Fprintf(&big, "n%d;", i)
	}
	big.WriteString("}")
	var tl *TooLargeError
	if _, err := Render(ctx, []byte(big.String()), "svg", Options{}); !errors.As(err, &tl) {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := Render(ctx, []byte("digraph{a->b"), "svg", Options{}); err == nil {
		t.Error("broken DOT accepted")
	}
	if _, err := Render(ctx, []byte("digraph{a}"), "tiff", Options{}); err == nil {
		t.Error("unknown format accepted")
	}
	if _, err := Render(ctx, []byte("digraph{a}"), "svg", Options{Renderer: "gpu"}); err == nil {
		t.Error("unknown renderer accepted")
	}
}

// A cancelled context is refused before Graphviz starts, and does not break
// the renders after it (goccy/go-graphviz#118).
func TestRenderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, []byte("digraph{a->b}"), "svg", Options{Renderer: "wasm"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: %v", err)
	}
	renderFixture(t, fixtures()[0], "svg", "wasm")
}

// Renders from many goroutines are serialised (goccy/go-graphviz#117) and
// each gets its own complete result.
func TestRenderConcurrent(t *testing.T) {
	fs := fixtures()
	want := make([][]byte, len(fs))
	for i, f := range fs {
		want[i] = renderFixture(t, f, "svg", "wasm")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(fs))
	for round := 0; round < 4; round++ {
		for i, f := range fs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				dot, _ := DOT(f.sg, f.opts)
				opts := f.opts
				opts.Renderer = "wasm"
				got, err := Render(context.Background(), dot, "svg", opts)
				if err != nil || !bytes.Equal(got, want[i]) {
					errs <- fmt.Sprintf("%s: concurrent render differs (err %v)", f.name, err)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// nativeCap stops a native engine that has already lost: on the synthetic
// graph, native dot runs for more than twenty minutes.
const nativeCap = 20 * time.Second

// BenchmarkRender times the Graphviz step on a small fixture (the built-in
// WebAssembly Graphviz against native dot, each given the same DOT) and, on
// a synthetic 1,000-node / 2,000-edge graph, relmap's pure-Go path (force
// layout in Go, then the WebAssembly Graphviz drawing the placed nodes)
// against native Graphviz's fastest engine laying out the same graph, each
// engine a process given the DOT without positions; the last line reports
// the ratio against the fastest.
func BenchmarkRender(b *testing.B) {
	ctx := context.Background()
	small, err := DOT(spheresFixture().subgraph(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	// Start the WebAssembly module before anything is timed, whichever
	// sub-benchmarks run.
	if _, err := Render(ctx, small, "svg", Options{Renderer: "wasm"}); err != nil {
		b.Fatal(err)
	}
	for _, r := range []string{"wasm", "native"} {
		b.Run("small/"+r, func(b *testing.B) {
			if r == "native" && !NativeAvailable() {
				b.Skip("Graphviz dot is not installed")
			}
			for b.Loop() {
				if _, err := Render(ctx, small, "svg", Options{Renderer: r}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}

	sg := synthetic(1000, 2000)
	opts := Options{Title: "Synthetic", AsOf: graph.MustDate("2012-02-01")}
	dotFor := func(layout string) []byte {
		o := opts
		o.Layout = layout
		dot, err := DOT(sg, o)
		if err != nil {
			b.Fatal(err)
		}
		return dot
	}
	placedDOT := dotFor("force")
	took := map[string]time.Duration{}
	run := func(name string, f func(b *testing.B) error) {
		b.Run("1000n-2000e/"+name, func(b *testing.B) {
			for b.Loop() {
				if err := f(b); err != nil {
					b.Fatal(err)
				}
			}
			took[name] = b.Elapsed() / time.Duration(b.N)
		})
	}
	sorted := sortedCopy(sg)
	d := newDrawing(sorted, opts)
	run("go-layout", func(*testing.B) error { d.place(sorted); return nil })
	run("go-draw", func(*testing.B) error {
		_, err := Render(ctx, placedDOT, "svg", Options{Renderer: "wasm"})
		return err
	})
	// DOT and SVG, as relmap render does them.
	whole := func(layout string) func(*testing.B) error {
		return func(*testing.B) error {
			o := opts
			o.Layout, o.Renderer = layout, "wasm"
			dot, err := DOT(sg, o)
			if err == nil {
				_, err = Render(ctx, dot, "svg", o)
			}
			return err
		}
	}
	run("go-whole", whole("force"))
	run("wasm-sfdp", whole("sfdp"))
	stopped := map[string]bool{}
	engines := []string{"sfdp", "neato", "dot"}
	for _, engine := range engines {
		dot := dotFor(engine)
		run("native-"+engine, func(b *testing.B) error {
			if !NativeAvailable() {
				b.Skip("Graphviz dot is not installed")
			}
			cctx, cancel := context.WithTimeout(ctx, nativeCap)
			defer cancel()
			_, err := renderNative(cctx, dot, "svg", engine)
			if cctx.Err() != nil {
				stopped[engine] = true
				b.Skipf("native %s did not finish within %v", engine, nativeCap)
			}
			return err
		})
	}

	// The comparison, as metrics of its own so that it shows without -v.
	goWhole, ok := took["go-whole"]
	peer := ""
	for _, e := range engines {
		if t, ok := took["native-"+e]; ok && (peer == "" || t < took["native-"+peer]) {
			peer = e
		}
	}
	if !ok || peer == "" {
		return
	}
	b.Run("1000n-2000e/vs-native-"+peer, func(b *testing.B) {
		for b.Loop() {
		}
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(ms(goWhole), "go-ms")
		b.ReportMetric(ms(took["native-"+peer]), "native-ms")
		b.ReportMetric(float64(goWhole)/float64(took["native-"+peer]), "go/native-x")
		for _, e := range engines {
			if stopped[e] {
				b.ReportMetric(nativeCap.Seconds(), "native-"+e+"-stopped-after-s")
			}
		}
		b.Logf("pure-Go path %v (layout %v, drawing %v) against native %s %v: %.2fx (goal <= 2x)",
			goWhole.Round(time.Millisecond), took["go-layout"].Round(time.Millisecond), took["go-draw"].Round(time.Millisecond),
			peer, took["native-"+peer].Round(time.Millisecond), float64(goWhole)/float64(took["native-"+peer]))
	})
}
