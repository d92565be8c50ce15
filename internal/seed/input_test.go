package seed

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/relmap/relmap/seeds"
)

func copyFiles(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustInputHash(t *testing.T, paths ...string) string {
	t.Helper()
	h, err := InputHash(paths)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestInputHash(t *testing.T) {
	h := mustInputHash(t, good)
	if h2 := mustInputHash(t, good); h2 != h {
		t.Errorf("two hashes of the same files: %s, %s", h, h2)
	}
	// Where the files lie does not matter; their names and bytes do.
	dir := copyFiles(t, good)
	if h2 := mustInputHash(t, dir); h2 != h {
		t.Errorf("the same files elsewhere hash to %s, not %s", h2, h)
	}
	path := filepath.Join(dir, "core.yaml")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, append(b, ' '), 0o644)
	if mustInputHash(t, dir) == h {
		t.Error("a byte more did not change the hash")
	}
	os.WriteFile(path, b, 0o644)
	os.Rename(path, filepath.Join(dir, "core.yml"))
	if mustInputHash(t, dir) == h {
		t.Error("a renamed file did not change the hash")
	}
	os.Rename(filepath.Join(dir, "core.yml"), path)
	if mustInputHash(t, dir) != h {
		t.Fatal("the files put back do not hash as before")
	}
	// A relmap with other rules must not take the files as read already.
	defer func(v string) { rulesVersion = v }(rulesVersion)
	rulesVersion += "+1"
	if mustInputHash(t, dir) == h {
		t.Error("other rules did not change the hash")
	}
}

func TestInputHashFailsWhereLoadWould(t *testing.T) {
	if _, err := InputHash([]string{filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Error("a missing path hashed")
	}
	if _, err := InputHash([]string{t.TempDir()}); err == nil {
		t.Error("an empty folder hashed")
	}
	if h, err := InputHashFS(seeds.FS); err != nil || h == "" {
		t.Errorf("the built-in dataset: %q, %v", h, err)
	}
}
