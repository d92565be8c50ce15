package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserOpensTimeline opens the built-in data's timeline in headless
// Chromium: it renders (ink and the organisations' colours in the
// screenshot), asks for nothing, and its DOM holds the title, the states,
// the legend, the as-of stamp and the sources.
func TestBrowserOpensTimeline(t *testing.T) {
	chromium := browser(t)
	f := builtInStore(t)
	path := filepath.Join(t.TempDir(), "timeline.svg")
	if _, stderr, code := run(t, f, "timeline", "--to", "2020-01-01", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := newFileServer(t, map[string]served{"/timeline.svg": {"image/svg+xml", b}})
	v := open(t, chromium, srv.URL+"/timeline.svg")
	checkVisit(t, v, srv, "/timeline.svg", 3000, true)
	for _, want := range []string{"Central Asia and NATO, CSTO and SCO", "Kazakhstan", "Uzbekistan", "Turkmenistan",
		"as of 2020-01-01", "Legend", "IPAP", "suspended", "accession", "withdrawal", "Sources:", "EUCAM Watch No. 11"} {
		if !strings.Contains(v.dom, want) {
			t.Errorf("the DOM lacks %q", want)
		}
	}
}
