package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/report/reporttest"
)

// What the report holds is the report package's test; these check the
// command: its flags, where it writes, and its exit codes.

func reportDataset() *graph.Dataset { return reporttest.Dataset() }

// writeReport runs the report command on the dataset and returns the file.
func writeReport(t *testing.T, f *fakeStore, path string, args ...string) []byte {
	t.Helper()
	_, stderr, code := run(t, f, append([]string{"report", "--at", "2012-02-01", "-o", path}, args...)...)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReportCommandWrites(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{reportDataset()}}
	dir := t.TempDir()
	a := writeReport(t, f, filepath.Join(dir, "a.html"), "nato", "SCO")
	if !bytes.Contains(a, []byte(`id="fig-sphere-sco"`)) || bytes.Contains(a, []byte(`id="fig-sphere-csto"`)) {
		t.Errorf("organisations on the command line (any case) not taken")
	}
	out, _, code := run(t, f, "report", "--at", "2012-02-01", "-o", "-", "nato", "sco")
	if code != 0 || out != string(a) {
		t.Errorf("-o - (exit %d) does not write the same page to stdout", code)
	}
	// A network asked for by name must be a route in the data.
	if _, stderr, code := run(t, f, "report", "-o", filepath.Join(dir, "n.html"), "--network", "nowhere"); code != ExitUsage || !strings.Contains(stderr, "ndn-north") {
		t.Errorf("--network nowhere: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "n.html")); err == nil {
		t.Errorf("--network nowhere wrote a report")
	}
}

func TestReportUsageErrors(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{reportDataset()}}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"report"},
		{"report", "-o", filepath.Join(dir, "r.docx")},
		{"report", "--format", "docx", "-o", filepath.Join(dir, "r.html")},
		{"report", "--at", "2012-13", "-o", filepath.Join(dir, "r.html")},
		{"report", "--region", "atlantis", "-o", filepath.Join(dir, "r.html")},
		{"report", "no-such-org", "-o", filepath.Join(dir, "r.html")},
	} {
		if _, _, code := run(t, f, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if _, stderr, code := run(t, &fakeStore{}, "report", "-o", filepath.Join(dir, "r.html")); code != ExitUsage || !strings.Contains(stderr, "relmap load") {
		t.Errorf("empty graph: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.html")); err == nil {
		t.Errorf("a failed report left a file behind")
	}
	// An actor that nothing is a member of answers nothing, as in compare
	// (exit 1, naming the organisations that have members).
	if _, stderr, code := run(t, f, "report", "nato", "russia", "-o", filepath.Join(dir, "e.html")); code != 1 || !strings.Contains(stderr, "organisations with members") {
		t.Errorf("report nato russia: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "e.html")); err == nil {
		t.Errorf("an empty answer left a report behind")
	}
}

// -o FILE.pdf and --format pdf write the PDF report; the report package
// checks what it holds.
func TestReportCommandWritesPDF(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{reportDataset()}}
	dir := t.TempDir()
	a := writeReport(t, f, filepath.Join(dir, "a.pdf"))
	if !bytes.HasPrefix(a, []byte("%PDF-")) || !bytes.Contains(a, []byte("%%EOF")) {
		t.Fatalf("-o a.pdf did not write a PDF: %.20q", a)
	}
	out, stderr, code := run(t, f, "report", "--at", "2012-02-01", "--format", "pdf", "-o", "-")
	if code != 0 || out != string(a) {
		t.Errorf("--format pdf -o - (exit %d) does not write the same PDF to stdout: %s", code, stderr)
	}
	_, stderr, code = run(t, f, "report", "--at", "2012-02-01", "-o", filepath.Join(dir, "b.pdf"))
	if code != 0 || !strings.Contains(stderr, " pages: ") {
		t.Errorf("exit %d; the status does not count the pages: %s", code, stderr)
	}
}
