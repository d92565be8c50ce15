package itest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cli"
)

// TestBadInputWritesNothing loads the seed parser's corpus of broken files
// (each beside the valid base it was written against) through the load
// command against the real database: every one must be refused with its
// file:line and leave the graph's fingerprint exactly as it was.
func TestBadInputWritesNothing(t *testing.T) {
	s := openStore(t)
	const good = "../seed/testdata/good"
	const broken = "../seed/testdata/broken"
	loadDir(t, s, good, graph.LoadOptions{})
	before := fingerprint(t, s)
	if before.Ties == 0 {
		t.Fatal("the valid base loaded no ties")
	}
	entries, err := os.ReadDir(broken)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 40 {
		t.Fatalf("the broken corpus has %d files, want at least 40", len(entries))
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			dir := copyDir(t, good)
			b, err := os.ReadFile(filepath.Join(broken, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			err = cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr},
				[]string{"load", dir})
			if code := cli.ExitCode(err); code != cli.ExitError {
				t.Fatalf("exit %d, want %d; stderr: %s", code, cli.ExitError, stderr.String())
			}
			if !strings.Contains(stderr.String(), e.Name()+":") {
				t.Errorf("no %s:LINE in the error: %s", e.Name(), stderr.String())
			}
			if after := fingerprint(t, s); after != before {
				t.Errorf("fingerprint changed: %v -> %v", before, after)
			}
		})
	}
}
