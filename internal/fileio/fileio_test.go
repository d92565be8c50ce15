//go:build unix

package fileio

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test when fn does not return: a read that blocks is the
// defect these tests look for.
func within(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { fn(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("still blocked after 20s")
	}
}

func TestReadRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, says string }{
		{fifo, "a FIFO"},
		{zero, "a character device"},
		{dir, "a directory"},
	} {
		within(t, func() {
			_, err := ReadFile(c.path, 1<<20)
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), c.path) {
				t.Errorf("ReadFile(%s) = %v, want it refused as %s", c.path, err, c.says)
			}
		})
	}
}

func TestReadsStopAtTheLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(p, make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(p, 100); !errors.As(err, &tl) {
		t.Errorf("101 bytes with limit 100: %v", err)
	}
	if b, err := ReadFile(p, 101); err != nil || len(b) != 101 {
		t.Errorf("101 bytes with limit 101: %d, %v", len(b), err)
	}
	// A reader that never ends is cut at the limit.
	within(t, func() {
		zero, err := os.Open("/dev/zero")
		if err != nil {
			t.Skip(err)
		}
		defer zero.Close()
		if _, err := ReadAll(io.Reader(zero), 1<<20); !errors.As(err, &tl) {
			t.Errorf("ReadAll(/dev/zero) = %v", err)
		}
	})
}

func TestWriteKeepsModeAndFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)

	fresh := filepath.Join(dir, "new.svg")
	if err := WriteFile(fresh, []byte("a")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("a new file has mode %v, want 0644", fi.Mode().Perm())
	}

	private := filepath.Join(dir, "private.csv")
	if err := os.WriteFile(private, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(private, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 {
		t.Errorf("a 0600 file became %v", fi.Mode().Perm())
	}

	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("private.csv", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("via link")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(private); string(b) != "via link" {
		t.Errorf("the link's target holds %q", b)
	}

	dangling := filepath.Join(dir, "dangling.csv")
	if err := os.Symlink(filepath.Join(dir, "nowhere", "x"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, []byte("x")); err == nil || !strings.Contains(err.Error(), "symbolic link to nothing") {
		t.Errorf("a dangling link: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".relmap-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestWriteRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, says string }{
		{fifo, "a FIFO"},
		{dir, "a directory"},
		{"/dev/full", "a character device"},
		{"/dev/null", "a character device"},
	} {
		before, err := os.Lstat(c.path)
		if err != nil {
			t.Skip(err)
		}
		err = WriteFile(c.path, []byte("x"))
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("WriteFile(%s) = %v, want it refused as %s", c.path, err, c.says)
		}
		if after, err := os.Lstat(c.path); err != nil || after.Mode() != before.Mode() {
			t.Errorf("%s changed from %v to %v", c.path, before.Mode(), after.Mode())
		}
	}
}

// A streamed write replaces the file only on Commit; Abort leaves the old
// content and no temporary file behind.
func TestCreateCommitAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("half"))
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("before Commit: %q", b)
	}
	f.Abort()
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("after Abort: %q", b)
	}
	f, err = Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new\n"))
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new\n" || info.Mode().Perm() != 0o600 {
		t.Errorf("after Commit: %q %v", b, info.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// A file in a folder that does not exist is refused in the user's terms:
// the path given and the folder to create, not the temporary file's name.
func TestWriteIntoAMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no", "such")
	path := filepath.Join(dir, "x.csv")
	err := WriteFile(path, []byte("a\n"))
	want := "write " + path + ": there is no folder " + dir + " to write into; create it first or give another path"
	if err == nil || err.Error() != want {
		t.Errorf("%v\nwant %s", err, want)
	}
	if err != nil && strings.Contains(err.Error(), ".relmap-") {
		t.Errorf("the message names the temporary file: %v", err)
	}
}
