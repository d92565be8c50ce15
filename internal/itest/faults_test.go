package itest

// Fault and access tests: a loader or a database killed in the middle of a
// load, two loads at once, wrong credentials, an unreachable server, a
// statement past its timeout, writes in read-only mode, hostile text in seed
// files, and how the local database guards its port and password.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/neo4jstore"
	"github.com/relmap/relmap/internal/cli"
	"github.com/relmap/relmap/internal/localdb"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/synth"
)

// The synthetic dataset the kill tests interrupt: big enough that a load
// takes several seconds and many write transactions, small enough to keep
// the tests quick.
const (
	killActors = 2000
	killTies   = 16000
)

// synthDataset writes a synthetic dataset (named "synthetic") into a new
// directory and returns the directory and the dataset as the loader reads it.
func synthDataset(t *testing.T, actors, ties int, seedN uint64) (string, []*graph.Dataset) {
	t.Helper()
	dir := t.TempDir()
	if err := seed.WriteCSV(dir, synth.Generate(actors, ties, seedN)); err != nil {
		t.Fatal(err)
	}
	ds, err := seed.LoadPaths([]string{dir})
	if err != nil {
		t.Fatalf("synthetic dataset does not validate: %v", err)
	}
	return dir, ds
}

// buildRelmap builds the relmap binary from the current sources, so a stale
// bin/relmap can never stand in for the code under test.
func buildRelmap(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "relmap")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/relmap/relmap/cmd/relmap").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func countParams(t testing.TB, s graph.Store, cypher string, params map[string]any) int64 {
	t.Helper()
	rows := readRows(t, s, cypher, params)
	return rows[0][0].(int64)
}

// ownedTies counts the relationships a dataset owns.
func ownedTies(t testing.TB, s graph.Store, dataset string) int64 {
	return countParams(t, s, "MATCH ()-[r]->() WHERE r.dataset = $ds RETURN count(r)", map[string]any{"ds": dataset})
}

// duplicateKeys counts the tie keys of a dataset held by more than one
// relationship: a load that MERGEs concurrently with another can make them.
func duplicateKeys(t testing.TB, s graph.Store, dataset string) int64 {
	return countParams(t, s, `MATCH ()-[r]->() WHERE r.dataset = $ds
WITH r.key AS k, count(*) AS c WHERE c > 1 RETURN count(k)`, map[string]any{"ds": dataset})
}

// storedHash is the content hash the last complete load recorded, or nil.
func storedHash(t testing.TB, s graph.Store, dataset string) any {
	rows := readRows(t, s, "MATCH (d:Dataset {name: $ds}) RETURN d.hash", map[string]any{"ds": dataset})
	if len(rows) == 0 {
		return nil
	}
	return rows[0][0]
}

// checkConverged asserts that the graph holds exactly the files: the same
// fingerprint, every tie once.
func checkConverged(t *testing.T, s graph.Store, ds []*graph.Dataset) {
	t.Helper()
	want := graph.FingerprintOf(ds)
	if got := fingerprint(t, s); got != want {
		t.Errorf("graph fingerprint %+v, files %+v", got, want)
	}
	for _, d := range ds {
		if n := duplicateKeys(t, s, d.Name); n != 0 {
			t.Errorf("dataset %s: %d tie keys are held by more than one relationship", d.Name, n)
		}
		if n := ownedTies(t, s, d.Name); n != int64(len(d.Ties)) {
			t.Errorf("dataset %s: %d relationships, files have %d ties", d.Name, n, len(d.Ties))
		}
	}
}

// waitForProgress polls until the dataset owns at least one relationship,
// and fails if ended reports that the load ended first or the deadline
// passes. It returns the count it saw.
func waitForProgress(t *testing.T, s graph.Store, dataset string, ended func() (bool, string)) int64 {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for polls := 0; ; polls++ {
		if done, why := ended(); done {
			t.Fatalf("the load ended before any partial progress was seen (%d polls): %s", polls, why)
		}
		if n := ownedTies(t, s, dataset); n > 0 {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("no relationship appeared after %d polls", polls)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestLoaderKilledMidLoadConverges(t *testing.T) {
	s := openStore(t)
	bin := buildRelmap(t)
	dir, ds := synthDataset(t, killActors, killTies, 1)
	name := ds[0].Name

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out bytes.Buffer
	loader := exec.CommandContext(ctx, bin, "load", dir)
	loader.Env = os.Environ() // RELMAP_DATA or NEO4J_*, as the test itself connects
	loader.Stdout, loader.Stderr = &out, &out
	if err := loader.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- loader.Wait() }()
	var exitErr error
	ended := func() (bool, string) {
		select {
		case exitErr = <-exited:
			return true, fmt.Sprintf("loader exited: %v\n%s", exitErr, out.String())
		default:
			return false, ""
		}
	}
	seen := waitForProgress(t, s, name, ended)

	if err := loader.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9 the loader: %v (it finished before it could be killed?)\n%s", err, out.String())
	}
	exitErr = <-exited
	var ee *exec.ExitError
	if !errors.As(exitErr, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the loader was not killed mid-load: %v\n%s", exitErr, out.String())
	}
	partial := ownedTies(t, s, name)
	t.Logf("loader killed after %d relationships were seen; %d of %d in the graph after the kill", seen, partial, killTies)
	fpPartial := fingerprint(t, s)
	if h := storedHash(t, s, name); h == ds[0].Hash() && fpPartial != graph.FingerprintOf(ds) {
		t.Errorf("the interrupted load left the final content hash on an incomplete graph: a re-load would skip it")
	}
	if in, err := seed.InputHash([]string{dir}); err != nil {
		t.Fatal(err)
	} else if _, same, err := s.LoadedInput(context.Background(), in); err != nil || same {
		t.Errorf("the interrupted load left its input recognised (%v): a re-load would not read the files", err)
	}

	// Run again to completion: it must converge to the files.
	rctx, rcancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer rcancel()
	began := time.Now()
	rerun, err := exec.CommandContext(rctx, bin, "load", dir).CombinedOutput()
	t.Logf("re-load took %s", time.Since(began).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("re-load after the kill: %v (a lock left by the killed loader?)\n%s", err, rerun)
	}
	if partial < killTies && bytes.Contains(rerun, []byte("unchanged")) {
		t.Errorf("re-load of a partial graph reported it unchanged:\n%s", rerun)
	}
	checkConverged(t, s, ds)
}

func TestDatabaseKilledMidLoadConverges(t *testing.T) {
	// It starts a database of its own, but runs with the other integration
	// tests only: `make unit` and a bare `go test ./...` start no Neo4j.
	if cfg, _, where := conn(); cfg.URI == "" && !required() {
		t.Skipf("integration test skipped: %s", where)
	}
	if err := localdb.CheckPrerequisites(); err != nil {
		if required() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	dataDir := t.TempDir()
	ctx := context.Background()
	began := time.Now()
	st, err := localdb.Start(ctx, localdb.Config{DataDir: dataDir, Port: 0})
	if err != nil {
		t.Fatalf("start a database of the test's own: %v", err)
	}
	t.Logf("start took %s", time.Since(began).Round(time.Millisecond))
	// Registered after TempDir, so it runs before the directory is removed.
	t.Cleanup(func() {
		defer func(b time.Time) { t.Logf("stop took %s", time.Since(b).Round(time.Millisecond)) }(time.Now())
		if err := localdb.Stop(context.Background(), dataDir, time.Minute); err != nil && !errors.Is(err, localdb.ErrNotRunning) {
			t.Errorf("stop the test's database: %v", err)
		}
	})
	s, err := neo4jstore.Open(neo4jstore.Config{URI: st.URI(), User: st.User, Password: st.Password})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())

	_, ds := synthDataset(t, killActors, killTies, 2)
	name := ds[0].Name
	loadErr := make(chan error, 1)
	go func() {
		_, err := s.Load(ctx, ds, graph.LoadOptions{})
		loadErr <- err
	}()
	var lerr error
	ended := func() (bool, string) {
		select {
		case lerr = <-loadErr:
			return true, fmt.Sprintf("Load returned %v", lerr)
		default:
			return false, ""
		}
	}
	seen := waitForProgress(t, s, name, ended)
	if err := syscall.Kill(st.PID, syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9 the database (pid %d): %v", st.PID, err)
	}
	// Wait until the process is gone and its port closed. localdb.Running
	// turns false within a millisecond of the kill, while the dying JVM still
	// holds the port for tens of milliseconds: a restart in that window fails
	// with "port already in use".
	killedAt := time.Now()
	var notRunning, portClosed, gone time.Duration
	for deadline := time.Now().Add(30 * time.Second); notRunning == 0 || portClosed == 0 || gone == 0; {
		if time.Now().After(deadline) {
			t.Fatalf("the database (pid %d) still runs after kill -9", st.PID)
		}
		el := time.Since(killedAt)
		if notRunning == 0 && !localdb.Running(st) {
			notRunning = el
		}
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", st.Port), 100*time.Millisecond); err == nil {
			c.Close()
		} else if portClosed == 0 {
			portClosed = el
		}
		if gone == 0 && errors.Is(syscall.Kill(st.PID, 0), syscall.ESRCH) {
			gone = el
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("after kill -9: Running false after %s, port closed after %s, process gone after %s",
		notRunning.Round(time.Millisecond), portClosed.Round(time.Millisecond), gone.Round(time.Millisecond))
	// The loader must give up with an error, not hang or report success.
	select {
	case lerr = <-loadErr:
	case <-time.After(90 * time.Second):
		t.Fatal("Load did not return after its database was killed")
	}
	if lerr == nil {
		t.Fatal("Load reported success although its database was killed mid-load")
	}
	t.Logf("database killed after %d relationships were seen, %s after start; the load returned: %v",
		seen, time.Since(began).Round(time.Millisecond), lerr)
	if !errors.Is(lerr, graph.ErrUnavailable) {
		t.Errorf("a load whose database died should fail with ErrUnavailable (exit %d), got exit %d: %v",
			cli.ExitUnavailable, cli.ExitCode(lerr), lerr)
	}

	// Restart on the same data directory and port: the database recovers
	// what it committed.
	began = time.Now()
	st2, err := localdb.Start(ctx, localdb.Config{DataDir: dataDir, Port: st.Port})
	t.Logf("restart took %s", time.Since(began).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("restart after kill -9: %v", err)
	}
	if st2.Port != st.Port || st2.Password != st.Password || st2.PID == st.PID {
		t.Errorf("restart: port %d -> %d, password kept %v, pid %d -> %d", st.Port, st2.Port,
			st2.Password == st.Password, st.PID, st2.PID)
	}
	recovered := ownedTies(t, s, name)
	t.Logf("after recovery: %d of %d relationships", recovered, killTies)
	if recovered < seen {
		t.Errorf("committed relationships lost in the crash: %d seen before, %d after recovery", seen, recovered)
	}
	began = time.Now()
	if _, err := s.Load(ctx, ds, graph.LoadOptions{}); err != nil {
		t.Fatalf("re-load after the crash: %v", err)
	}
	t.Logf("re-load took %s", time.Since(began).Round(time.Millisecond))
	checkConverged(t, s, ds)
}

func TestTwoLoadsAtOnce(t *testing.T) {
	s := openStore(t)
	cfg, _, _ := conn()
	// Two versions of the same dataset: the same actor ids, different ties.
	_, dsA := synthDataset(t, 600, 6000, 3)
	_, dsB := synthDataset(t, 600, 6000, 4)
	// As on a new database, both loads also race to create the schema.
	for _, r := range readRows(t, s, "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'relmap_' RETURN name", nil) {
		mustQuery(t, s, "DROP CONSTRAINT "+r[0].(string), nil)
	}
	for _, r := range readRows(t, s, "SHOW INDEXES YIELD name WHERE name STARTS WITH 'relmap_' RETURN name", nil) {
		mustQuery(t, s, "DROP INDEX "+r[0].(string), nil)
	}
	if graph.FingerprintOf(dsA) == graph.FingerprintOf(dsB) {
		t.Fatal("the two versions are equal")
	}
	versions := [][]*graph.Dataset{dsA, dsB}

	var (
		mu    sync.Mutex
		order []int // indexes of the loads, in the order they returned
		errs  = make([]error, 2)
		wg    sync.WaitGroup
	)
	start := make(chan struct{})
	for i := range versions {
		// A store each, as two processes would have.
		si, err := neo4jstore.Open(cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer si.Close(context.Background())
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			// The second load replaces every tie of the first: --prune.
			_, err := si.Load(context.Background(), versions[i], graph.LoadOptions{Prune: true})
			mu.Lock()
			errs[i] = err
			order = append(order, i)
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()

	last := -1
	for _, i := range order {
		switch err := errs[i]; {
		case err == nil:
			last = i
		case errors.Is(err, graph.ErrBusy):
			t.Logf("load %d refused: %v", i, err)
		default:
			t.Errorf("load %d failed: %v", i, err)
		}
	}
	if last < 0 {
		t.Fatal("neither load succeeded")
	}
	t.Logf("loads returned in order %v; the graph must hold version %d", order, last)
	checkConverged(t, s, versions[last])
}

func TestWrongPassword(t *testing.T) {
	openStore(t)
	cfg, _, _ := conn()
	wrong := cfg.Password + "-not-it"
	ctx := context.Background()

	// Neo4j locks a user out for a while after a few failed logins; a good
	// login on a fresh connection resets the count, so the other tests can
	// still log in.
	goodLogin := func() {
		t.Helper()
		g, err := neo4jstore.Open(cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close(ctx)
		if _, err := g.Info(ctx); err != nil {
			t.Fatalf("the right password after a wrong one: %v", err)
		}
	}

	bad := cfg
	bad.Password = wrong
	bs, err := neo4jstore.Open(bad)
	if err != nil {
		t.Fatal(err)
	}
	_, err = bs.Info(ctx)
	bs.Close(ctx)
	goodLogin()
	if !errors.Is(err, graph.ErrAuth) {
		t.Errorf("store with a wrong password: want ErrAuth, got %v", err)
	}
	if err != nil && (strings.Contains(err.Error(), wrong) || cfg.Password != "" && strings.Contains(err.Error(), cfg.Password)) {
		t.Errorf("the error shows a password: %v", err)
	}

	pwFile := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(pwFile, []byte(wrong+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"--uri", cfg.URI, "--user", cfg.User, "--password-file", pwFile, "query", "RETURN 1"}
	err = cli.Run(ctx, cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr}, args)
	goodLogin()
	if code := cli.ExitCode(err); code != cli.ExitAuth {
		t.Errorf("relmap with a wrong password: exit %d, want %d (%v)", code, cli.ExitAuth, err)
	}
	// What the user sees: stderr, then the error Main prints.
	shown := stderr.String() + stdout.String()
	if err != nil {
		shown += "relmap: " + err.Error()
	}
	t.Logf("the user sees: %s", shown)
	for _, marker := range []string{"goroutine ", "panic", ".go:"} {
		if strings.Contains(shown, marker) {
			t.Errorf("output looks like a stack trace (%q): %s", marker, shown)
		}
	}
	if cfg.Password != "" && strings.Contains(shown, cfg.Password) {
		t.Errorf("the output shows the real password")
	}
	if strings.Contains(shown, wrong) {
		t.Errorf("the output shows the password that was tried")
	}
}

// closedPort returns a port on 127.0.0.1 that nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestUnreachable(t *testing.T) {
	// Needs no database: a port nothing listens on.
	uri := fmt.Sprintf("bolt://127.0.0.1:%d", closedPort(t))
	ctx := context.Background()
	s, err := neo4jstore.Open(neo4jstore.Config{URI: uri, User: "neo4j", Password: "irrelevant-password"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if _, err := s.Info(ctx); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("Info on a closed port: want ErrUnavailable, got %v", err)
	}

	for _, cmd := range [][]string{{"query", "RETURN 1"}, {"load", "testdata/slice"}, {"fingerprint"}} {
		var stdout, stderr bytes.Buffer
		err := cli.Run(ctx, cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr},
			append([]string{"--uri", uri}, cmd...))
		if code := cli.ExitCode(err); code != cli.ExitUnavailable {
			t.Errorf("relmap %s against a closed port: exit %d, want %d (%v)", cmd[0], code, cli.ExitUnavailable, err)
		}
		if err != nil && !strings.Contains(err.Error(), "NEO4J_URI") {
			t.Errorf("relmap %s: the error does not say what to check: %v", cmd[0], err)
		}
	}
}

func TestQueryTimeoutLeavesNoTransaction(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	// Counts nothing through a hundred million rows: runs far past 500ms.
	const slow = "UNWIND range(1, 100000000) AS x WITH x WHERE x < -4242 RETURN count(*) AS n"
	began := time.Now()
	_, err := s.Query(ctx, slow, nil, graph.QueryOptions{Timeout: 500 * time.Millisecond},
		func(graph.Record) error { return nil })
	t.Logf("the statement returned after %s: %v", time.Since(began).Round(time.Millisecond), err)
	if !errors.Is(err, graph.ErrTimeout) {
		t.Fatalf("want ErrTimeout, got %v", err)
	}
	if code := cli.ExitCode(err); code != cli.ExitTimeout {
		t.Errorf("exit code %d, want %d", code, cli.ExitTimeout)
	}

	// The server ends a timed-out transaction on its own schedule: poll, with
	// a deadline, until only the SHOW itself is listed.
	const show = "SHOW TRANSACTIONS YIELD transactionId, currentQuery, status RETURN transactionId, currentQuery, status"
	var others [][]any
	deadline := time.Now().Add(10 * time.Second)
	for polls := 1; ; polls++ {
		others = others[:0]
		for _, r := range readRows(t, s, show, nil) {
			if q, _ := r[1].(string); !strings.Contains(q, "SHOW TRANSACTIONS") {
				others = append(others, r)
			}
		}
		if len(others) == 0 {
			t.Logf("no transaction left after %d poll(s)", polls)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("transactions still open after the timeout: %v", others)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Cancelling the context (Ctrl-C in relmap query) ends a read that is
// waiting on the server, and the store stays usable on a new connection.
func TestQueryCancelledWhileWaiting(t *testing.T) {
	s := openStore(t)
	// Sends nothing until it has walked ten billion rows: many minutes on
	// any machine these tests run on. The marker finds it afterwards.
	const slow = "UNWIND range(1, 10000000000) AS x WITH x WHERE x < -4242 RETURN count(*) AS cancelProbe"
	t.Cleanup(func() { terminate(t, s, "cancelProbe") })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(500*time.Millisecond, cancel)
	done := make(chan error, 1)
	began := time.Now()
	go func() {
		_, err := s.Query(ctx, slow, nil, graph.QueryOptions{}, func(graph.Record) error { return nil })
		done <- err
	}()
	select {
	case err := <-done:
		t.Logf("the statement returned %s after the cancel: %v", (time.Since(began) - 500*time.Millisecond).Round(time.Millisecond), err)
		if err == nil {
			t.Fatal("a cancelled statement reported success")
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the error does not say the statement was cancelled: %v", err)
		}
		if code := cli.ExitCode(err); code != cli.ExitInterrupted {
			t.Errorf("exit code %d, want %d", code, cli.ExitInterrupted)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the statement was still waiting on the server 15s after its context was cancelled")
	}
	if n := count(t, s, "RETURN 7 AS n"); n != 7 {
		t.Errorf("after the cancel: RETURN 7 gave %d", n)
	}
}

// Ctrl-C on `relmap query` while the server computes: the process ends at
// once with exit code 130 and one plain line, and the server drops the
// statement.
func TestQueryInterruptedBySignal(t *testing.T) {
	s := openStore(t)
	bin := benchBinary(t)
	const slow = "UNWIND range(1, 10000000000) AS x WITH x WHERE x < -4242 RETURN count(*) AS signalProbe"
	t.Cleanup(func() { terminate(t, s, "signalProbe") })
	cfg, _, _ := conn()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "query", slow)
	cmd.Env, cmd.Stderr = benchEnv(cfg), &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("relmap query was still running 15s after Ctrl-C")
	}
	if code := cmd.ProcessState.ExitCode(); code != cli.ExitInterrupted {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, cli.ExitInterrupted, stderr.String())
	}
	if got := stderr.String(); got != "relmap: interrupted\n" {
		t.Errorf("stderr %q, want one line saying it was interrupted", got)
	}
}

// terminate ends the server's transactions whose statement contains marker,
// so an abandoned statement does not go on loading the shared server.
func terminate(t *testing.T, s graph.Store, marker string) {
	t.Helper()
	ids := readRows(t, s, `SHOW TRANSACTIONS YIELD transactionId, currentQuery
WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS'
RETURN transactionId`, map[string]any{"marker": marker})
	for _, r := range ids {
		_, err := s.Query(context.Background(), "TERMINATE TRANSACTION $id", map[string]any{"id": r[0]},
			graph.QueryOptions{Write: true}, func(graph.Record) error { return nil })
		if err != nil {
			t.Errorf("terminating %v: %v", r[0], err)
		}
	}
}

func TestReadOnlyIsServerEnforced(t *testing.T) {
	s := openStore(t)
	loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	ctx := context.Background()
	nodes := count(t, s, "MATCH (n) RETURN count(n)")
	rels := count(t, s, "MATCH ()-[r]->() RETURN count(r)")
	indexes := count(t, s, "SHOW INDEXES YIELD name RETURN count(name)")
	fp := fingerprint(t, s)

	writes := []string{
		"MATCH (n) DETACH DELETE n",
		"CREATE (:Evil {x: 1})",
		"MATCH (n) SET n.owned = true",
		"MATCH (n) WITH n LIMIT 1 CALL { WITH n DETACH DELETE n } RETURN 1",
		"UNWIND range(1, 3) AS i CALL (i) { CREATE (:Evil {x: i}) } IN TRANSACTIONS OF 2 ROWS",
		"MERGE (:Evil {x: 2})",
		"CREATE INDEX evil_index IF NOT EXISTS FOR (n:Evil) ON (n.x)",
	}
	for _, w := range writes {
		_, err := s.Query(ctx, w, nil, graph.QueryOptions{}, func(graph.Record) error { return nil })
		var qe *graph.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%s without Write: want a *graph.QueryError, got %v", w, err)
			continue
		}
		t.Logf("%s: %s", w, qe.Code)
	}

	var stdout, stderr bytes.Buffer
	err := cli.Run(ctx, cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr},
		[]string{"query", "MATCH (n) DETACH DELETE n"})
	if code := cli.ExitCode(err); code != cli.ExitQuery {
		t.Errorf("relmap query with a write and no --write: exit %d, want %d (%v)", code, cli.ExitQuery, err)
	}
	if err != nil && !strings.Contains(err.Error(), "--write") {
		t.Errorf("the error does not point at --write: %v", err)
	}

	if n := count(t, s, "MATCH (n) RETURN count(n)"); n != nodes {
		t.Errorf("nodes: %d, before %d", n, nodes)
	}
	if n := count(t, s, "MATCH ()-[r]->() RETURN count(r)"); n != rels {
		t.Errorf("relationships: %d, before %d", n, rels)
	}
	if n := count(t, s, "SHOW INDEXES YIELD name RETURN count(name)"); n != indexes {
		t.Errorf("indexes: %d, before %d", n, indexes)
	}
	if n := count(t, s, "MATCH (n) WHERE n.owned IS NOT NULL OR n:Evil RETURN count(n)"); n != 0 {
		t.Errorf("%d nodes written by read-only statements", n)
	}
	if got := fingerprint(t, s); got != fp {
		t.Errorf("fingerprint %v, before %v", got, fp)
	}
}

// A statement that commits in batches of its own needs an auto-commit
// transaction; with --write, relmap query runs it and reports the changes.
func TestQueryWriteInTransactions(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	t.Cleanup(func() {
		if _, err := s.Query(ctx, "MATCH (n:RelmapBatchProbe) DETACH DELETE n", nil, graph.QueryOptions{Write: true},
			func(graph.Record) error { return nil }); err != nil {
			t.Error(err)
		}
	})
	var stdout, stderr bytes.Buffer
	err := cli.Run(ctx, cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr},
		[]string{"query", "--write", "UNWIND range(1, 5) AS i CALL (i) { CREATE (:RelmapBatchProbe {i: i}) } IN TRANSACTIONS OF 2 ROWS"})
	if err != nil {
		t.Fatalf("relmap query --write with CALL … IN TRANSACTIONS: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "nodes_created=5") {
		t.Errorf("the counters do not report 5 nodes created:\n%s", stderr.String())
	}
	if n := count(t, s, "MATCH (n:RelmapBatchProbe) RETURN count(n)"); n != 5 {
		t.Errorf("%d probe nodes, want 5", n)
	}
}

func TestInjectionIsInert(t *testing.T) {
	s := openStore(t)
	loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	ctx := context.Background()
	slice, err := s.Snapshot(ctx, "itest-slice")
	if err != nil {
		t.Fatal(err)
	}
	sliceFP := graph.FingerprintOf(slice)
	nodes := count(t, s, "MATCH (n) RETURN count(n)")
	rels := count(t, s, "MATCH ()-[r]->() RETURN count(r)")

	ds, err := seed.LoadPaths([]string{"testdata/faults/hostile.yaml"})
	if err != nil {
		t.Fatalf("hostile seed file: %v", err)
	}
	h := ds[0]
	loadDir(t, s, "testdata/faults/hostile.yaml", graph.LoadOptions{})

	// Every string comes back exactly, by parameter.
	for _, a := range h.Actors {
		rows := readRows(t, s, `MATCH (a:Actor) WHERE a.name = $name
RETURN a.id, a.name, coalesce(a.note, ''), coalesce(a.short, ''), coalesce(a.aliases, [])`, map[string]any{"name": a.Name})
		if len(rows) != 1 {
			t.Errorf("actor named %q: %d rows", a.Name, len(rows))
			continue
		}
		r := rows[0]
		var aliases []string
		for _, x := range r[4].([]any) {
			aliases = append(aliases, x.(string))
		}
		if r[0] != a.ID || r[1] != a.Name || r[2] != a.Note || r[3] != a.Short ||
			strings.Join(aliases, "\x00") != strings.Join(a.Aliases, "\x00") {
			t.Errorf("actor %s: stored %q, files %q", a.ID, r, []any{a.ID, a.Name, a.Note, a.Short, a.Aliases})
		}
	}
	for _, d := range h.Documents {
		rows := readRows(t, s, "MATCH (d:Document {title: $title}) RETURN d.id, d.publisher, d.note",
			map[string]any{"title": d.Title})
		if len(rows) != 1 || rows[0][0] != d.ID || rows[0][1] != d.Publisher || rows[0][2] != d.Note {
			t.Errorf("document %s: stored %q", d.ID, rows)
		}
	}
	for _, tie := range h.Ties {
		rows := readRows(t, s, fmt.Sprintf(`MATCH (a:Actor {id: $from})-[r {key: $key}]->(b:Actor {id: $to})
RETURN coalesce(r.note, ''), r.%s, r.%s`, graph.PropSrcSect, graph.PropSrcEvid),
			map[string]any{"from": tie.From, "to": tie.To, "key": tie.Key})
		if len(rows) != 1 || rows[0][0] != tie.Note ||
			fmt.Sprint(rows[0][1]) != fmt.Sprint([]any{tie.Sources[0].Section}) ||
			fmt.Sprint(rows[0][2]) != fmt.Sprint([]any{tie.Sources[0].Evidence}) {
			t.Errorf("tie %s: stored %q", tie.Key, rows)
		}
	}
	// Item by item, in canonical form.
	got, err := s.Snapshot(ctx, h.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || graph.FingerprintOf(got) != graph.FingerprintOf(ds) {
		t.Errorf("hostile dataset read back differs from its file")
	}

	// Nothing else changed, and nothing was executed.
	if fp, err := s.Snapshot(ctx, "itest-slice"); err != nil || graph.FingerprintOf(fp) != sliceFP {
		t.Errorf("the other dataset changed (%v)", err)
	}
	wantNodes := nodes + int64(len(h.Documents)+len(h.Actors)) + 1 // and the Dataset node
	if n := count(t, s, "MATCH (n) RETURN count(n)"); n != wantNodes {
		t.Errorf("nodes: %d, want %d", n, wantNodes)
	}
	if n := count(t, s, "MATCH ()-[r]->() RETURN count(r)"); n != rels+int64(len(h.Ties)) {
		t.Errorf("relationships: %d, want %d", n, rels+int64(len(h.Ties)))
	}
	if n := count(t, s, "MATCH (n) WHERE n:Owned OR n.owned IS NOT NULL RETURN count(n)"); n != 0 {
		t.Errorf("%d nodes touched by the hostile text", n)
	}
	// And the stored hash matches the files: a re-load writes nothing.
	if again := loadDir(t, s, "testdata/faults/hostile.yaml", graph.LoadOptions{}); !again.Unchanged {
		t.Errorf("re-load of the hostile file was not recognised as unchanged: %+v", again)
	}
}

// listeners returns the local addresses of the sockets listening on port,
// from /proc/net/tcp and /proc/net/tcp6.
func listeners(t *testing.T, port int) []net.IP {
	t.Helper()
	var ips []net.IP
	for _, file := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(file)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // header
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 4 || fields[3] != "0A" { // 0A: LISTEN
				continue
			}
			addr, portHex, ok := strings.Cut(fields[1], ":")
			p, err := strconv.ParseUint(portHex, 16, 16)
			if !ok || err != nil || int(p) != port {
				continue
			}
			raw, err := hex.DecodeString(addr)
			if err != nil || (len(raw) != 4 && len(raw) != 16) {
				t.Fatalf("%s: cannot read address %q", file, addr)
			}
			// The kernel prints each 32-bit word in host (little-endian) order.
			for i := 0; i < len(raw); i += 4 {
				raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
			}
			ips = append(ips, net.IP(raw))
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return ips
}

func TestLocalDatabaseAccess(t *testing.T) {
	dataDir := os.Getenv("RELMAP_DATA")
	if os.Getenv("NEO4J_URI") != "" || dataDir == "" {
		t.Skip("needs the local database of RELMAP_DATA (NEO4J_URI names another server)")
	}
	openStore(t)
	st, err := localdb.ReadState(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Password) < 16 {
		t.Errorf("the generated password has %d characters", len(st.Password))
	}
	for _, f := range []string{localdb.StatePath(dataDir), st.LogFile} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %o, want 600", f, fi.Mode().Perm())
		}
	}

	ips := listeners(t, st.Port)
	if len(ips) == 0 {
		t.Errorf("nothing listens on port %d according to /proc/net/tcp*", st.Port)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			t.Errorf("port %d is bound to %s, not to the loopback address", st.Port, ip)
		}
	}
	t.Logf("port %d bound to %v", st.Port, ips)

	secret := []byte(st.Password)
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", st.PID))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(cmdline, []byte("relmap.Launcher")) {
		t.Fatalf("pid %d is not the launcher: %q", st.PID, cmdline)
	}
	if bytes.Contains(cmdline, secret) {
		t.Errorf("the password is in the database's command line")
	}
	environ, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", st.PID))
	switch {
	case errors.Is(err, os.ErrPermission):
		t.Logf("cannot read the database's environment: %v", err)
	case err != nil:
		t.Fatal(err)
	case bytes.Contains(environ, secret):
		t.Errorf("the password is in the database's environment")
	}
	if log, err := os.ReadFile(st.LogFile); err != nil {
		t.Fatal(err)
	} else if bytes.Contains(log, secret) {
		t.Errorf("the password is in %s", st.LogFile)
	}
	for _, args := range [][]string{{"db", "status"}, {"--help"}, {"db", "--help"}, {"db", "start"}} {
		var stdout, stderr bytes.Buffer
		err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr}, args)
		if err != nil {
			t.Errorf("relmap %s: %v", strings.Join(args, " "), err)
		}
		if strings.Contains(stdout.String()+stderr.String(), st.Password) {
			t.Errorf("relmap %s prints the password", strings.Join(args, " "))
		}
	}
}
