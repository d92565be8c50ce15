package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

// builtInStore is a fake store holding the built-in dataset.
func builtInStore(t *testing.T) *fakeStore {
	t.Helper()
	ds := seedtest.Sets(t)
	return &fakeStore{loaded: ds}
}

func TestAnalyse(t *testing.T) {
	f := builtInStore(t)
	stdout, stderr, code := run(t, f, "analyse", "--at", "2012-02-01", "--bridges", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		t.Fatalf("%v:\n%s", err, stdout)
	}
	bridges := map[string]string{}
	for _, r := range rows {
		if r["bridge"] != true {
			t.Errorf("--bridges listed %v", r)
		}
		bridges[r["actor"].(string)] = r["spheres"].(string)
	}
	// Early 2012: Kazakhstan in all three spheres (IPAP with NATO);
	// Uzbekistan still in the CSTO and the SCO.
	if bridges["kazakhstan"] != "nato csto sco" || !strings.Contains(bridges["uzbekistan"], "csto sco") {
		t.Errorf("bridges %v", bridges)
	}
	if !strings.Contains(stderr, "As of 2012-02-01:") || !strings.Contains(stderr, "Kazakhstan") {
		t.Errorf("status %q", stderr)
	}
	for _, args := range [][]string{
		{"analyse", "--at", "2012-13"},
		{"analyse", "--format", "xml"},
		{"analyse", "--top", "-1"},
		{"analyse", "nowhere", "--at", "2012"},
	} {
		if _, stderr, code := run(t, f, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, ExitUsage, stderr)
		}
	}
	// An organisation nothing is a member of has no sphere to measure.
	if _, stderr, code := run(t, f, "analyse", "nato", "eu", "--at", "2012-02-01"); code != 1 || !strings.Contains(stderr, "organisations with members") {
		t.Errorf("analyse nato eu: exit %d, %s", code, stderr)
	}
	if _, stderr, code := run(t, &fakeStore{loaded: []*graph.Dataset{}}, "analyse"); code != ExitUsage || !strings.Contains(stderr, "relmap load") {
		t.Errorf("empty graph: exit %d, %s", code, stderr)
	}
}
