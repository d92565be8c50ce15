//go:build unix

package seed

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
)

// TestSpecialFilesAreRefusedPromptly: a seed file that is a FIFO or a link
// to /dev/zero is refused with its name, by LoadPaths and by InputHash,
// instead of blocking or reading without end.
func TestSpecialFilesAreRefusedPromptly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, zero, dir} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			if _, err := LoadPaths([]string{p}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("LoadPaths(%s) = %v", p, err)
			}
			if _, err := InputHash([]string{p}); err == nil {
				t.Errorf("InputHash(%s) succeeded", p)
			}
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("reading %s still runs after 20s", p)
		}
	}
}

func TestFileNamesAreEscapedInErrors(t *testing.T) {
	e := Error{File: "seeds/\x1b[2J\nx\u202egpj.yaml", Line: 3, Msg: "bad"}
	got := e.Error()
	if strings.ContainsAny(got, "\x1b\n\u202e") {
		t.Errorf("raw control characters in %q", got)
	}
	if !strings.Contains(got, `\x1b[2J\nx\u202egpj.yaml":3: bad`) {
		t.Errorf("got %q", got)
	}
	if plain := (Error{File: "seeds/a b.yaml", Line: 1, Msg: "m"}).Error(); plain != "seeds/a b.yaml:1: m" {
		t.Errorf("a plain name changed: %q", plain)
	}
}

// TestWriteCSVWritesOnlyWhatLoads: a row no seed file could hold is refused
// before anything is written.
func TestWriteCSVWritesOnlyWhatLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ds := &graph.Dataset{Name: "big", Documents: []graph.Document{{ID: "d", Title: strings.Repeat("x", maxFileSize), Kind: "document"}}}
	err := WriteCSV(dir, ds)
	var tl *FileTooLargeError
	if !errors.As(err, &tl) || tl.Size <= tl.Max {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was written: %v", err)
	}
}

// TestWriteCSVSplitsLargeKinds: rows past one seed file's size go to
// numbered parts, each within the limit, that load back as the one dataset
// (synth --ties 1000000 wrote a 111 MB ties file that load then refused).
func TestWriteCSVSplitsLargeKinds(t *testing.T) {
	rows := [][]string{{"h1", "h2"}}
	for i := range 100 {
		rows = append(rows, []string{strings.Repeat("x", 10), fmt.Sprint(i)})
	}
	parts, err := splitRows(rows, 200)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) < 5 {
		t.Fatalf("%d parts, want the 100 rows spread over several", len(parts))
	}
	n := 0
	for i, p := range parts {
		if len(p) > 200 {
			t.Errorf("part %d is %d bytes, over 200", i, len(p))
		}
		if !strings.HasPrefix(string(p), "h1,h2\n") {
			t.Errorf("part %d lacks the header", i)
		}
		n += strings.Count(string(p), "\n") - 1
	}
	if n != 100 {
		t.Errorf("%d rows in the parts, want 100", n)
	}
	if got := partName("synthetic", "ties", 0, 1); got != "synthetic.ties.csv" {
		t.Errorf("one part: %s", got)
	}
	if got := partName("synthetic", "ties", 1, 3); got != "synthetic-02.ties.csv" {
		t.Errorf("second of three: %s", got)
	}
}
