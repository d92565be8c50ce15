package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestTimeline(t *testing.T) {
	f := builtInStore(t)
	stdout, stderr, code := run(t, f, "timeline", "--to", "2013-01-01", "-o", "-", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"state,organisation,what,label,from,until,open,confirmed,attested,sources",
		"uzbekistan,csto,suspension,suspension,2012-06-28,", "uzbekistan,csto,withdrawal,withdrawal,2012-12-19,"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the CSV lacks %q:\n%s", want, stdout)
		}
	}
	path := filepath.Join(t.TempDir(), "timeline.svg")
	stdout, stderr, code = run(t, f, "timeline", "--from", "2000", "--to", "2013-01-01", "-o", path)
	if code != ExitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, stdout, stderr)
	}
	if !regexp.MustCompile(`Wrote .*timeline.svg \(5 states, 3 organisations, \d+ spans, \d+ events, 2000 to 2013-01-01\)`).MatchString(stderr) {
		t.Errorf("status %q", stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "<?xml") || !strings.Contains(string(b), "as of 2013-01-01") {
		t.Errorf("%v: %.200s", err, b)
	}
	// An organisation nothing is a member of is refused, as compare and
	// report refuse it, rather than drawn as a row without bands.
	_, stderr, code = run(t, f, "timeline", "nato", "eu", "-o", filepath.Join(t.TempDir(), "eu.svg"))
	if code != 1 || !strings.Contains(stderr, "organisations with members") {
		t.Errorf("timeline nato eu: exit %d, %q", code, stderr)
	}
	_, stderr, code = run(t, f, "timeline", "--to", "1990", "-o", filepath.Join(t.TempDir(), "empty.svg"))
	if code != ExitOK || !strings.Contains(stderr, "no bands") {
		t.Errorf("a timeline with nothing to draw: exit %d, %q", code, stderr)
	}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"timeline"},
		{"timeline", "-o", "-"},
		{"timeline", "-o", filepath.Join(dir, "x.png")},
		{"timeline", "-o", "-", "--format", "pdf"},
		{"timeline", "-o", "-", "--format", "csv", "--from", "20x"},
		{"timeline", "-o", "-", "--format", "csv", "--to", "2012-13"},
		{"timeline", "-o", "-", "--format", "csv", "--from", "2014", "--to", "2013"},
		{"timeline", "nowhere", "-o", filepath.Join(dir, "x.svg")},
		{"timeline", "--region", "atlantis", "-o", filepath.Join(dir, "x.svg")},
	} {
		stdout, stderr, code := run(t, f, args...)
		if code != ExitUsage || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, want %d (%s)", args, code, stdout, ExitUsage, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a usage error wrote %v", entries)
	}
}
