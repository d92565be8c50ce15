package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressShowsRateAndETAOnATerminal(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, true, "loading")
	clock := p.start
	p.now = func() time.Time { return clock }
	clock = clock.Add(500 * time.Millisecond)
	p.update(10, 400)
	if b.Len() != 0 {
		t.Fatalf("drawn before a second: %q", b.String())
	}
	clock = p.start.Add(2 * time.Second)
	p.update(100, 400)
	for _, want := range []string{"100/400", "50/s", "ETA 6s"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("bar %q lacks %q", b.String(), want)
		}
	}
	p.finish()
	if !strings.HasSuffix(b.String(), "\r\033[K") {
		t.Errorf("bar not cleared: %q", b.String())
	}
}

func TestProgressOnAPipeIsOneSummaryLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false, "loading")
	clock := p.start
	p.now = func() time.Time { return clock }
	for i := int64(1); i <= 4; i++ {
		clock = p.start.Add(time.Duration(i) * time.Second)
		p.update(i*100, 400)
	}
	p.finish()
	p.finish()
	if want := "loading: 400/400 in 4s (100/s)\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	empty := newProgress(&b, false, "loading")
	empty.finish()
	if b.Len() != 0 {
		t.Errorf("nothing counted, yet %q", b.String())
	}
}

func TestQuietAndVerbose(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://db.example:7687")
	t.Setenv("NEO4J_PASSWORD", "pw-never-shown")
	f := &fakeStore{records: nil}
	_, errOut, code := run(t, f, "query", "-q", "RETURN 1")
	if code != 0 || strings.Contains(errOut, "row(s)") {
		t.Errorf("-q: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = run(t, f, "query", "RETURN 1")
	if code != 0 || !strings.Contains(errOut, "row(s)") {
		t.Errorf("default: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = run(t, f, "--verbose", "query", "RETURN 1")
	if code != 0 || !strings.Contains(errOut, "connecting to bolt://db.example:7687 as neo4j") ||
		!strings.Contains(errOut, "done in") || strings.Contains(errOut, "pw-never-shown") {
		t.Errorf("-v: exit %d, stderr %q", code, errOut)
	}
	if _, _, code = run(t, f, "-q", "-v", "query", "RETURN 1"); code != ExitUsage {
		t.Errorf("-q -v: exit %d", code)
	}
}

// The table itself is checked against README.md in package usage.
func TestExitCodesInHelp(t *testing.T) {
	out, _, code := run(t, nil, "--help")
	if code != 0 || !strings.Contains(out, "Exit codes:") || !strings.Contains(out, "130  interrupted") ||
		!strings.Contains(out, "  5  the database refused a statement") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
}
