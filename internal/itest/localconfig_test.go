package itest

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/localdb"
)

// localOnly skips a test of the local database's own configuration when
// the tests run against another server.
func localOnly(t *testing.T) localdb.State {
	t.Helper()
	dataDir := os.Getenv("RELMAP_DATA")
	if os.Getenv("NEO4J_URI") != "" || dataDir == "" {
		t.Skip("checks the local database's configuration (NEO4J_URI names another server)")
	}
	st, err := localdb.ReadState(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// LOAD CSV on the local database cannot make the server fetch a URL: a
// listener on this machine stands for "the network" and must see no
// connection, whatever the scheme or the way the host is written.
func TestLoadCSVCannotReachTheNetwork(t *testing.T) {
	localOnly(t)
	s := openStore(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Write([]byte("HTTP/1.0 200 OK\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n"))
			c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	for _, url := range []string{
		fmt.Sprintf("http://127.0.0.1:%d/x.csv", port),
		fmt.Sprintf("http://localhost:%d/x.csv", port),
		fmt.Sprintf("https://127.0.0.1:%d/x.csv", port),
		fmt.Sprintf("ftp://127.0.0.1:%d/x.csv", port),
		fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/x.csv", port),
		fmt.Sprintf("http://2130706433:%d/x.csv", port), // 127.0.0.1 as one number
	} {
		_, err := s.Query(context.Background(), "LOAD CSV FROM $url AS row RETURN count(row) AS n",
			map[string]any{"url": url}, graph.QueryOptions{Write: true}, func(graph.Record) error { return nil })
		if err == nil {
			t.Errorf("LOAD CSV FROM %s succeeded", url)
		} else {
			t.Logf("%s: %v", url, err)
		}
	}
	time.Sleep(200 * time.Millisecond)
	if n := accepted.Load(); n != 0 {
		t.Errorf("the database connected %d time(s) to a URL given to LOAD CSV", n)
	}
}

// Transaction logs are kept only as far as recovery needs them plus a
// bounded margin: written far past the retention, the log directory stays
// small after a checkpoint. With Neo4j's default (two days) it kept
// everything: 70 reloads left 12 GB.
func TestTransactionLogsAreBounded(t *testing.T) {
	st := localOnly(t)
	s := openStore(t)
	ctx := context.Background()
	exec := func(cypher string, params map[string]any) {
		t.Helper()
		_, err := s.Query(ctx, cypher, params, graph.QueryOptions{Write: true}, func(graph.Record) error { return nil })
		if err != nil {
			t.Fatalf("%s: %v", cypher, err)
		}
	}
	logDir := filepath.Join(st.DataDir, "home", "data", "transactions", "neo4j")
	before := dirSize(t, logDir)
	blob := strings.Repeat("x", 4000)
	const rounds, perRound = 6, 4000 // about 200 MiB of log, deletions included
	for i := 0; i < rounds; i++ {
		exec("UNWIND range(1, $n) AS i CREATE (:TxLogProbe {blob: $blob, i: i})", map[string]any{"n": perRound, "blob": blob})
		exec("MATCH (p:TxLogProbe) DELETE p", nil)
	}
	written := int64(rounds * perRound * len(blob))
	// Community has no db.checkpoint(): the checkpoint that follows a write
	// within 30 s prunes the old files; wait for it, with a deadline.
	const bound = 128 << 20
	after := dirSize(t, logDir)
	for deadline := time.Now().Add(90 * time.Second); after > bound && time.Now().Before(deadline); after = dirSize(t, logDir) {
		time.Sleep(500 * time.Millisecond)
	}
	t.Logf("transaction logs: %d MiB before, %d MiB after writing about %d MiB of properties", before>>20, after>>20, written>>20)
	if after > bound {
		t.Errorf("transaction logs take %d MiB, want at most %d MiB", after>>20, bound>>20)
	}
}

func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.Contains(d.Name(), "transaction") {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
