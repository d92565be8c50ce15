package neo4jstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// bookmarks carries causal consistency between relmap processes. Within a
// process every session shares one bookmark manager, so each transaction
// sees what the ones before it committed. Against a cluster (neo4j://,
// Aura) a later process may be routed to a member that has not yet applied
// what an earlier process wrote; so Close stores the last bookmarks in a
// file (in relmap's data directory), and the next process starts from
// them: its first transaction waits until the member it reaches has caught
// up. The file is keyed by server and database; a bookmark the server does
// not know (the database was recreated) is forgotten, with a word.
type bookmarks struct {
	path, key string
	mu        sync.Mutex
	manager   neo4j.BookmarkManager
	initial   []string
	forgotten bool
}

// bookmarkFile is the file's layout: bookmarks per "URI database" key.
type bookmarkFile struct {
	Servers map[string][]string `json:"servers"`
}

func openBookmarks(path, uri, database string) *bookmarks {
	b := &bookmarks{path: path, key: RedactURI(uri) + " " + database}
	if path != "" {
		if f, err := readBookmarkFile(path); err == nil {
			b.initial = f.Servers[b.key]
		}
	}
	b.manager = neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{InitialBookmarks: slices.Clone(b.initial)})
	return b
}

func readBookmarkFile(path string) (bookmarkFile, error) {
	var f bookmarkFile
	data, err := os.ReadFile(path)
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, err
	}
	return f, nil
}

// forget drops every bookmark, stored or gathered: the server refused them.
// Sessions opened afterwards start without any.
func (b *bookmarks) forget() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.manager = neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{})
	b.forgotten = true
}

func (b *bookmarks) current() neo4j.BookmarkManager {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.manager
}

// save writes the last bookmarks to the file when they changed. Other
// servers' entries are kept; the file is replaced atomically and only its
// owner can read it.
func (b *bookmarks) save() error {
	if b.path == "" {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	last, err := b.manager.GetBookmarks(context.Background())
	if err != nil {
		return err
	}
	slices.Sort(last)
	initial := slices.Sorted(slices.Values(b.initial))
	if slices.Equal(last, initial) && !b.forgotten {
		return nil
	}
	f, err := readBookmarkFile(b.path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		f = bookmarkFile{} // unreadable: it only ever held bookmarks
	}
	if f.Servers == nil {
		f.Servers = map[string][]string{}
	}
	if len(last) == 0 {
		delete(f.Servers, b.key)
	} else {
		f.Servers[b.key] = last
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(b.path), 0o700); err != nil {
		return fmt.Errorf("keeping the last bookmark: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(b.path), ".bookmarks-*")
	if err != nil {
		return fmt.Errorf("keeping the last bookmark: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("keeping the last bookmark: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("keeping the last bookmark: %w", err)
	}
	if err := os.Rename(tmp.Name(), b.path); err != nil {
		return fmt.Errorf("keeping the last bookmark: %w", err)
	}
	b.initial, b.forgotten = last, false
	return nil
}

// bookmarkRefused reports whether the server refused the bookmarks it was
// given (unknown to it, or not reached in time).
func bookmarkRefused(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && strings.Contains(ne.Code, "Bookmark")
}
