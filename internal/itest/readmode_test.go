package itest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cli"
)

func relmapRun(args ...string) (string, string, int) {
	var stdout, stderr bytes.Buffer
	err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr}, args)
	if err != nil {
		fmt.Fprintf(&stderr, "relmap: %v\n", err)
	}
	return stdout.String(), stderr.String(), cli.ExitCode(err)
}

// TestReadModeHasNoSideEffects: without --write, statements that act on the
// server through a read transaction are refused before they reach it: a
// running transaction survives a TERMINATE, no URL is fetched, no cache is
// cleared. With --write the same TERMINATE does end the transaction, so the
// test can tell.
func TestReadModeHasNoSideEffects(t *testing.T) {
	s := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// A transaction of someone else's that runs for minutes.
	const marker = "relmap-readmode-victim"
	done := make(chan error, 1)
	go func() {
		_, err := s.Query(ctx, "UNWIND range(1, 10000000000) AS x WITH x WHERE x < -1 RETURN count(*) AS n, '"+marker+"' AS m",
			nil, graph.QueryOptions{}, func(graph.Record) error { return nil })
		done <- err
	}()
	running := func() bool {
		rows := readRows(t, s, `SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $m AND NOT currentQuery CONTAINS 'SHOW' RETURN count(*)`,
			map[string]any{"m": marker})
		return rows[0][0].(int64) > 0
	}
	for deadline := time.Now().Add(20 * time.Second); !running(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the victim transaction never showed")
		}
	}

	// Something that would notice a fetch.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var fetched atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			fetched.Add(1)
			c.Close()
		}
	}()
	url := "http://" + l.Addr().String() + "/x.csv"

	terminateAll := "SHOW TRANSACTIONS YIELD transactionId AS txId, currentQuery WHERE currentQuery CONTAINS '" + marker +
		"' AND NOT currentQuery CONTAINS 'SHOW' TERMINATE TRANSACTIONS txId YIELD transactionId, message RETURN transactionId, message"
	for _, c := range []struct{ stmt, says string }{
		{terminateAll, "TERMINATE TRANSACTIONS"},
		{"SHOW TRANSACTIONS YIELD * TERMINATE TRANSACTIONS transactionId", "TERMINATE TRANSACTIONS"},
		{"terminate /* in a comment: LOAD CSV */ transactions 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"},
		{"LOAD CSV FROM 'http://127.0.0.1:1/x' AS r RETURN r", "LOAD CSV"},
		{"LOAD // a comment\n CSV FROM '" + url + "' AS r RETURN r", "LOAD CSV"},
		{"CALL db.clearQueryCaches()", "CALL db.clearQueryCaches"},
		{"CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", "CALL dbms.setConfigValue"},
	} {
		_, stderr, code := relmapRun("query", c.stmt)
		if code != cli.ExitQuery || !strings.Contains(stderr, "read mode refuses "+c.says) || !strings.Contains(stderr, "--write") {
			t.Errorf("%s: exit %d, %s", c.stmt, code, stderr)
		}
	}
	if !running() {
		t.Error("the victim transaction ended although every TERMINATE was refused")
	}
	if n := fetched.Load(); n != 0 {
		t.Errorf("the server fetched the URL %d time(s)", n)
	}

	// What describes the server still runs.
	for _, stmt := range []string{
		"SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n",
		"CALL db.labels() YIELD label RETURN count(label) AS n",
		"RETURN 'LOAD CSV and TERMINATE TRANSACTIONS are only words here' AS n",
	} {
		if _, stderr, code := relmapRun("query", "--format", "csv", stmt); code != 0 {
			t.Errorf("%s: exit %d, %s", stmt, code, stderr)
		}
	}

	// With --write the TERMINATE reaches the server and ends the victim.
	if _, stderr, code := relmapRun("query", "--write", "--format", "csv", terminateAll); code != 0 {
		t.Fatalf("with --write: exit %d, %s", code, stderr)
	}
	select {
	case err := <-done:
		t.Logf("the victim ended with --write: %v", err)
	case <-time.After(30 * time.Second):
		t.Error("the victim still runs after TERMINATE with --write")
	}
}

// TestDateParameterIsADate: -p at=2012-02-01 compares with the graph's
// DATEs as --at does (it used to arrive as text and match nothing), and
// at:string keeps the text.
func TestDateParameterIsADate(t *testing.T) {
	loadBuiltIn(t)
	const q = "MATCH (m:Actor)-[r:MEMBER_OF]->(:Actor {id: 'csto'}) WHERE r.since <= $at AND (r.until IS NULL OR $at < r.until) RETURN count(*) AS n"
	for _, c := range []struct {
		param, want string
	}{
		{"at=2012-02-01", "n\n7\n"},
		{"at:date=2012-02-01", "n\n7\n"},
		{"at:string=2012-02-01", "n\n0\n"},
	} {
		out, stderr, code := relmapRun("query", "--format", "csv", "-p", c.param, q)
		if code != 0 || out != c.want {
			t.Errorf("-p %s: exit %d, %q, want %q (%s)", c.param, code, out, c.want, stderr)
		}
	}
	out, _, code := relmapRun("query", "--format", "csv", "-p", "at=2012-02-01", "RETURN $at AS at, valueType($at) AS type")
	if code != 0 || out != "at,type\n2012-02-01,DATE NOT NULL\n" {
		t.Errorf("the parameter's type: exit %d, %q", code, out)
	}
}
