package itest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/neo4jstore"
	"github.com/relmap/relmap/internal/localdb"
)

// conn finds the test database: NEO4J_URI first, then the local database of
// RELMAP_DATA.
func conn() (neo4jstore.Config, bool, string) {
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		user := os.Getenv("NEO4J_USERNAME")
		if user == "" {
			user = "neo4j"
		}
		return neo4jstore.Config{URI: uri, User: user, Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE")}, os.Getenv("RELMAP_TEST_WIPE") == "1", "NEO4J_URI=" + uri
	}
	dir := os.Getenv("RELMAP_DATA")
	if dir == "" {
		return neo4jstore.Config{}, false, "neither NEO4J_URI nor RELMAP_DATA is set (run `make test`)"
	}
	st, err := localdb.ReadState(dir)
	if err != nil {
		return neo4jstore.Config{}, false, "no local database in RELMAP_DATA: " + err.Error()
	}
	// A throwaway database under the temporary directory may be emptied.
	wipe := strings.HasPrefix(st.DataDir, os.TempDir()) || os.Getenv("RELMAP_TEST_WIPE") == "1"
	return neo4jstore.Config{URI: st.URI(), User: st.User, Password: st.Password}, wipe, st.URI()
}

// required reports whether a missing database is a failure rather than a skip.
func required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("RELMAP_REQUIRE_DB") == "1"
}

// openStore connects to the test database and empties it, or skips the test
// when no database is configured (fails instead under CI or make test).
func openStore(t testing.TB) *neo4jstore.Store {
	t.Helper()
	cfg, wipe, where := conn()
	if cfg.URI == "" {
		if required() {
			t.Fatalf("integration test needs Neo4j: %s", where)
		}
		t.Skipf("integration test skipped: %s", where)
	}
	s, err := neo4jstore.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Info(ctx); err != nil {
		if required() {
			t.Fatalf("integration test cannot reach Neo4j at %s: %v", where, err)
		}
		t.Skipf("integration test skipped: %v", err)
	}
	if !wipe {
		t.Fatalf("the tests empty their database; %s is not a throwaway one. Set RELMAP_TEST_WIPE=1 to allow it", where)
	}
	// Batches keep each transaction small on a large leftover graph.
	for {
		rows := mustQuery(t, s, "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*)", nil)
		if rows[0][0].(int64) == 0 {
			break
		}
	}
	return s
}

// mustQuery runs a write statement (auto-commit capable) and returns its rows.
func mustQuery(t testing.TB, s graph.Store, cypher string, params map[string]any) [][]any {
	t.Helper()
	var rows [][]any
	_, err := s.Query(context.Background(), cypher, params, graph.QueryOptions{Write: true}, func(r graph.Record) error {
		rows = append(rows, r.Values)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return rows
}

func readRows(t testing.TB, s graph.Store, cypher string, params map[string]any) [][]any {
	t.Helper()
	var rows [][]any
	_, err := s.Query(context.Background(), cypher, params, graph.QueryOptions{}, func(r graph.Record) error {
		rows = append(rows, r.Values)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return rows
}

func count(t testing.TB, s graph.Store, cypher string) int64 {
	t.Helper()
	rows := readRows(t, s, cypher, nil)
	return rows[0][0].(int64)
}

// copyDir copies a test dataset into a temporary directory so a test can edit it.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}
