package cli

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestExportGEXF: --format gexf writes GEXF 1.3 to standard output with one
// edge per tie, and --at keeps only the ties in force that day.
func TestExportGEXF(t *testing.T) {
	f := exportStore(t)
	var ties int
	for _, d := range f.loaded {
		ties += len(d.Ties)
	}
	count := func(args ...string) int {
		t.Helper()
		stdout, stderr, code := run(t, f, append([]string{"export", "--format", "gexf", "-o", "-"}, args...)...)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, `<gexf xmlns="http://gexf.net/1.3"`) {
			t.Fatalf("not GEXF 1.3:\n%.300s", stdout)
		}
		var doc struct {
			Edges []struct{} `xml:"graph>edges>edge"`
		}
		if err := xml.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		return len(doc.Edges)
	}
	if got := count(); got != ties {
		t.Errorf("%d edges for %d ties", got, ties)
	}
	if got := count("--at", "1990"); got >= ties {
		t.Errorf("--at 1990 kept %d of %d edges", got, ties)
	}
}
