package neo4jstore

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestBookmarksCarriedThroughTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bookmarks.json")
	if err := os.WriteFile(path, []byte(`{"servers": {"neo4j://other:7687 ": ["B1"], "neo4j://db:7687 neo4j": ["A1"]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	b := openBookmarks(path, "neo4j://db:7687", "neo4j")
	got, _ := b.current().GetBookmarks(ctx)
	if !reflect.DeepEqual(got, []string{"A1"}) {
		t.Fatalf("initial bookmarks %v, want the stored A1", got)
	}
	// What the driver does after a transaction that started from A1.
	if err := b.current().UpdateBookmarks(ctx, []string{"A1"}, []string{"A2"}); err != nil {
		t.Fatal(err)
	}
	if err := b.save(); err != nil {
		t.Fatal(err)
	}
	f, err := readBookmarkFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"neo4j://other:7687 ": {"B1"}, "neo4j://db:7687 neo4j": {"A2"}}
	if !reflect.DeepEqual(f.Servers, want) {
		t.Errorf("file holds %v, want %v", f.Servers, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o", fi.Mode().Perm())
	}

	// Forgotten bookmarks leave the file too.
	b.forget()
	if err := b.save(); err != nil {
		t.Fatal(err)
	}
	f, _ = readBookmarkFile(path)
	if _, ok := f.Servers["neo4j://db:7687 neo4j"]; ok || len(f.Servers) != 1 {
		t.Errorf("after forget: %v", f.Servers)
	}
}

// Without a file (or with an unchanged bookmark) nothing is written.
func TestBookmarksWithoutFile(t *testing.T) {
	if err := openBookmarks("", "bolt://x:1", "").save(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := openBookmarks(path, "bolt://x:1", "").save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a process that committed nothing wrote %s: %v", path, err)
	}
}
