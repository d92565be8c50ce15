package itest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/neo4jstore"
	"github.com/relmap/relmap/internal/localdb"
)

// storedBookmarks reads the bookmark file of a data directory: bookmarks
// per "URI database" key.
func storedBookmarks(t *testing.T, dataDir string) map[string][]string {
	t.Helper()
	var f struct {
		Servers map[string][]string `json:"servers"`
	}
	b, err := os.ReadFile(localdb.BookmarkPath(dataDir))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", localdb.BookmarkPath(dataDir), err)
	}
	return f.Servers
}

// Against a cluster address (neo4j://, routed, as Aura is reached), a
// process that follows a write starts from the write's bookmark: relmap
// keeps the last bookmark in the data directory. Here the local server
// stands for the cluster, so what is checked is the carrying: the writer
// stores a bookmark, the next process sends it (a bookmark the server does
// not know would fail its first transaction) and sees the write, and a
// stale bookmark is forgotten instead of failing every command after it.
func TestBookmarkCarriedBetweenProcesses(t *testing.T) {
	s := openStore(t)
	bin := benchBinary(t)
	if os.Getenv("NEO4J_URI") != "" {
		t.Skip("needs the local database (NEO4J_URI names another server)")
	}
	cfg, _, _ := conn()
	cfg.URI = "neo4j://127.0.0.1:" + cfg.URI[strings.LastIndex(cfg.URI, ":")+1:]
	dataDir := t.TempDir()
	relmap := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Env = append(benchEnv(cfg), "RELMAP_DATA="+dataDir)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("relmap %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return stdout.String()
	}
	key := cfg.URI + " " + cfg.Database
	stamp := strconv.FormatInt(time.Now().UnixNano(), 10)
	t.Cleanup(func() {
		_, err := s.Query(context.Background(), "MATCH (n:BookmarkProbe) DETACH DELETE n", nil,
			graph.QueryOptions{Write: true}, func(graph.Record) error { return nil })
		if err != nil {
			t.Error(err)
		}
	})

	relmap("query", "--write", "CREATE (:BookmarkProbe {stamp: $stamp})", "--param", "stamp="+stamp)
	first := storedBookmarks(t, dataDir)[key]
	if len(first) == 0 {
		t.Fatalf("no bookmark stored for %q after a write: %v", key, storedBookmarks(t, dataDir))
	}
	out := relmap("query", "--format", "csv", "MATCH (n:BookmarkProbe {stamp: $stamp}) RETURN count(n) AS n", "--param", "stamp="+stamp)
	if !strings.Contains(out, "\n1") {
		t.Errorf("the next process does not see the write: %q", out)
	}
	relmap("query", "--write", "CREATE (:BookmarkProbe {stamp: $stamp})", "--param", "stamp="+stamp+"b")
	second := storedBookmarks(t, dataDir)[key]
	if len(second) == 0 || strings.Join(second, ",") == strings.Join(first, ",") {
		t.Errorf("a second write left the stored bookmark at %v (first %v)", second, first)
	}
	if fi, err := os.Stat(localdb.BookmarkPath(dataDir)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("bookmark file: %v, %v", fi.Mode(), err)
	}

	// A bookmark of another life of the database: refused by the server,
	// forgotten by relmap, and the command still answers.
	const staleBookmark = "FB:kcwQnVq2KNBRwqBhQJ1a1w9KkJm5d0DcVPCQ"
	if err := refusedBookmark(cfg, staleBookmark); err == nil {
		t.Fatal("the server took a made-up bookmark: this part of the test would prove nothing")
	} else {
		t.Logf("the server refuses a made-up bookmark: %v", err)
	}
	b, _ := json.Marshal(map[string]any{"servers": map[string][]string{key: {staleBookmark}}})
	if err := os.WriteFile(localdb.BookmarkPath(dataDir), b, 0o600); err != nil {
		t.Fatal(err)
	}
	out = relmap("query", "--format", "csv", "RETURN 41 + 1 AS n")
	if !strings.Contains(out, "42") {
		t.Errorf("with a stale bookmark: %q", out)
	}
	if got := storedBookmarks(t, dataDir)[key]; strings.Join(got, ",") == staleBookmark {
		t.Errorf("the stale bookmark is still stored: %v", got)
	}
}

// refusedBookmark runs one statement in a session that starts from
// bookmark, with the driver as published and nothing of relmap's.
func refusedBookmark(cfg neo4jstore.Config, bookmark string) error {
	ctx := context.Background()
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		return err
	}
	defer drv.Close(ctx)
	sess := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database, Bookmarks: neo4j.BookmarksFromRawValues(bookmark)})
	defer sess.Close(ctx)
	r, err := sess.Run(ctx, "RETURN 1", nil)
	if err != nil {
		return err
	}
	_, err = r.Consume(ctx)
	return err
}
