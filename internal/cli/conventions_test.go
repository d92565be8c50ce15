package cli

import (
	"strings"
	"testing"
)

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
	// A command that fails is not "done".
	_, errOut, code = run(t, f, "--verbose", "query", "RETURN 1", "--limit", "-1")
	if code == 0 || strings.Contains(errOut, "done in") || !strings.Contains(errOut, "failed after") {
		t.Errorf("-v, failing: exit %d, stderr %q", code, errOut)
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
