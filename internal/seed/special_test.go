//go:build unix

package seed

import (
	"errors"
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

// TestWriteCSVWritesOnlyWhatLoads: a file past the size loading accepts is
// refused before anything is written (synth --ties 1000000 wrote a ties
// file of 111 MB that load then refused).
func TestWriteCSVWritesOnlyWhatLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ds := &graph.Dataset{Name: "big", Documents: []graph.Document{{ID: "d", Title: strings.Repeat("x", maxFileSize), Kind: "document"}}}
	err := WriteCSV(dir, ds)
	var tl *FileTooLargeError
	if !errors.As(err, &tl) || tl.File != "big.documents.csv" {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was written: %v", err)
	}
}
