package cli

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// -o FILE.pdf and -o FILE.png --dpi N write what they say; print flags that
// the output format would ignore are refused.
func TestRenderPrintFormats(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}, records: chainRecords(6)}
	dir := t.TempDir()
	q := "MATCH p=()-[:BORDERS]->() RETURN p"
	pdfPath := filepath.Join(dir, "f.pdf")
	if _, stderr, code := run(t, f, "render", q, "-o", pdfPath, "--page", "a4-landscape"); code != 0 {
		t.Fatalf("pdf: exit %d: %s", code, stderr)
	}
	doc, _ := os.ReadFile(pdfPath)
	if !bytes.HasPrefix(doc, []byte("%PDF-")) || !bytes.Contains(doc, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Errorf("not a landscape A4 PDF: %.60q", doc)
	}
	pngPath := filepath.Join(dir, "f.png")
	if _, stderr, code := run(t, f, "render", q, "-o", pngPath, "--dpi", "50", "--renderer", "wasm"); code != 0 {
		t.Fatalf("png: exit %d: %s", code, stderr)
	}
	small, _ := os.ReadFile(pngPath)
	if _, stderr, code := run(t, f, "render", q, "-o", pngPath, "--dpi", "100", "--renderer", "wasm"); code != 0 {
		t.Fatalf("png: exit %d: %s", code, stderr)
	}
	large, _ := os.ReadFile(pngPath)
	a, err1 := png.DecodeConfig(bytes.NewReader(small))
	b, err2 := png.DecodeConfig(bytes.NewReader(large))
	if err1 != nil || err2 != nil || b.Width < 2*a.Width-3 || b.Width > 2*a.Width+3 {
		t.Errorf("50 dpi %v (%v), 100 dpi %v (%v): want twice the width", a, err1, b, err2)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "x.svg"), "--dpi", "300"}, "--dpi is for PNG"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--dpi", "0"}, "want 1 to 1200"},
		{[]string{"-o", filepath.Join(dir, "x.png"), "--page", "a4"}, "--page is for PDF"},
		{[]string{"-o", filepath.Join(dir, "x.pdf"), "--page", "a3"}, "a4-landscape"},
	} {
		_, stderr, code := run(t, f, append([]string{"render", q}, c.args...)...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %s; want usage error %q", c.args, code, stderr, c.want)
		}
	}
}
