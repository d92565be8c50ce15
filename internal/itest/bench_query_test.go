package itest

// The query benchmarks of BENCHMARKS.md (issue #5): what a whole relmap
// process costs over the server's own time for a trivial statement, and how
// fast and in how little memory relmap streams a million rows to CSV next to
// the official Neo4j Python driver doing the same. Run with `make bench-query`;
// they skip unless RELMAP_BENCH=1. Every figure is a whole process, started
// the way a user starts it, and timed from outside.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/neo4jstore"
)

const (
	// benchLatencyRuns is how many times the trivial statement runs.
	benchLatencyRuns = 20
	// benchLatencyWarmup is the number of unmeasured runs first.
	benchLatencyWarmup = 30
	// benchServerWarmConns is how many connections bring a newly started
	// server to its steady state (measured: the in-process cost of a
	// connection stops falling after about 3,000).
	benchServerWarmConns = 4000
	// benchStreamRows is the size of the streamed result.
	benchStreamRows   = 1_000_000
	benchStreamCypher = "UNWIND range(1, 1000000) AS i RETURN i, toString(i) AS s, i * 0.5 AS f"
	// benchStreamRuns is how many times each side streams it; the median counts.
	benchStreamRuns = 5
)

// benchDB skips unless RELMAP_BENCH=1 and returns the test database's
// connection, without emptying it.
func benchDB(b *testing.B) neo4jstore.Config {
	b.Helper()
	if os.Getenv("RELMAP_BENCH") != "1" {
		b.Skip("benchmark skipped: set RELMAP_BENCH=1 (make bench-query, make bench-render)")
	}
	cfg, _, where := conn()
	if cfg.URI == "" {
		if required() {
			b.Fatalf("benchmark needs Neo4j: %s", where)
		}
		b.Skipf("benchmark skipped: %s", where)
	}
	return cfg
}

// benchBinary is the relmap the Makefile built: the benchmarks, and the tests
// that signal a process, run what a user runs.
func benchBinary(b testing.TB) string {
	b.Helper()
	bin, err := filepath.Abs(filepath.Join("..", "..", "bin", "relmap"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		b.Fatalf("%v (run `make build` first)", err)
	}
	return bin
}

// benchEnv is the environment of a measured process: the test database's
// connection in the NEO4J_* variables, never on the command line.
func benchEnv(cfg neo4jstore.Config) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			env = append(env, kv)
		}
	}
	user := cfg.User
	if user == "" {
		user = "neo4j"
	}
	return append(env, "NEO4J_URI="+cfg.URI, "NEO4J_USERNAME="+user,
		"NEO4J_PASSWORD="+cfg.Password, "NEO4J_DATABASE="+cfg.Database)
}

// procResult is one measured process.
type procResult struct {
	wall   time.Duration
	maxRSS int64         // bytes
	cpu    time.Duration // user + system
	stderr string
}

// runProc runs cmd to completion and measures its wall time, CPU time and
// peak resident set; stdout goes where cmd says (io.Discard when unset). The
// peak, with watch, is the child's VmHWM, polled while it runs (see
// runRelmap for why not its rusage); the latency runs leave it out, so that
// polling does not share the two cores with what is timed.
func runProc(b *testing.B, cmd *exec.Cmd, watch bool) procResult {
	b.Helper()
	var errb bytes.Buffer
	if cmd.Stdout == nil {
		cmd.Stdout = io.Discard
	}
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatalf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	peak := func() int64 { return 0 }
	if watch {
		peak = watchHWM(cmd.Process.Pid)
	}
	err := cmd.Wait()
	wall := time.Since(start)
	rss := peak() * 1024
	if watch && rss == 0 {
		// No /proc (macOS): the rusage figure, an upper bound that may
		// include this process's own peak.
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = int64(ru.Maxrss)
			if runtime.GOOS != "darwin" { // Linux counts kilobytes, macOS bytes
				rss *= 1024
			}
		}
	}
	if err != nil {
		b.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, errb.String())
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return procResult{wall: wall, maxRSS: rss, cpu: cpu, stderr: errb.String()}
}

func benchMedian(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

func benchMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func benchMiB(n int64) float64 { return float64(n) / (1 << 20) }

var serverTimeRE = regexp.MustCompile(`\(server ([0-9.]+[µnm]?s)\)`)

// serverTime reads the "(server 3ms)" relmap query and the Python peer print
// on stderr: result_available_after + result_consumed_after.
func serverTime(b *testing.B, stderr string) time.Duration {
	b.Helper()
	m := serverTimeRE.FindStringSubmatch(stderr)
	if m == nil {
		b.Fatalf("no server time on stderr:\n%s", stderr)
	}
	d, err := time.ParseDuration(m[1])
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkQueryLatency: a whole `relmap query 'RETURN 1' --format csv`
// process against the server's own time for the statement. The difference is
// what relmap adds: starting, connecting, authenticating, printing.
//
// The server is started for the benchmark, and a JVM compiles the code it
// runs once per connection (the Bolt handshake, HELLO, LOGON and the password
// check, the auto-commit transaction around a statement) only after some
// thousands of connections: until then each connection costs it about ten
// milliseconds more, whichever client connects. The benchmark measures twice:
// after 30 runs, as the server is shortly after it starts, and after
// benchServerWarmConns further connections, the steady state of a server in
// service, which the goal is judged on. Both are printed, with the in-process
// cost of a connection at the start and the end of the warm-up to show that
// the difference is the server's.
func BenchmarkQueryLatency(b *testing.B) {
	cfg := benchDB(b)
	bin := benchBinary(b)
	env := benchEnv(cfg)
	ctx := context.Background()
	const stmt = "RETURN 1"

	relmap := func() procResult {
		var out bytes.Buffer
		cmd := exec.Command(bin, "query", stmt, "--format", "csv")
		cmd.Env, cmd.Stdout = env, &out
		r := runProc(b, cmd, false)
		if got := out.String(); got != "1\n1\n" {
			b.Fatalf("relmap query %q printed %q", stmt, got)
		}
		return r
	}
	measure := func() (wall, server []time.Duration) {
		for range benchLatencyRuns {
			r := relmap()
			wall = append(wall, r.wall)
			server = append(server, serverTime(b, r.stderr))
		}
		return wall, server
	}
	// connectRun is what relmap query does once started, in this process: a
	// new driver, the connectivity check (TCP, Bolt handshake, HELLO and
	// LOGON), the statement.
	connectRun := func() time.Duration {
		start := time.Now()
		s, err := neo4jstore.Open(cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Ping(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Query(ctx, stmt, nil, graph.QueryOptions{}, func(graph.Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
		s.Close(ctx)
		return time.Since(start)
	}

	// The first runs warm the server's query cache and the page cache.
	for range benchLatencyWarmup {
		relmap()
	}
	startWall, startServer := measure()

	const window = 250
	var firstConns, lastConns []time.Duration
	for i := range benchServerWarmConns {
		d := connectRun()
		switch {
		case i < window:
			firstConns = append(firstConns, d)
		case i >= benchServerWarmConns-window:
			lastConns = append(lastConns, d)
		}
	}
	wall, server := measure()

	// For the breakdown: a process that starts and exits without
	// connecting; connectRun; and the statement alone over a connection
	// already open.
	var startup []time.Duration
	for range benchLatencyRuns {
		cmd := exec.Command(bin, "version")
		cmd.Env = env
		startup = append(startup, runProc(b, cmd, false).wall)
	}
	var fresh []time.Duration
	for range benchLatencyRuns {
		fresh = append(fresh, connectRun())
	}
	s, err := neo4jstore.Open(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	var inproc []time.Duration
	for i := range benchLatencyRuns + 3 {
		start := time.Now()
		if _, err := s.Query(ctx, stmt, nil, graph.QueryOptions{}, func(graph.Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
		if i >= 3 {
			inproc = append(inproc, time.Since(start))
		}
	}

	mw, msrv := benchMedian(wall), benchMedian(server)
	overhead := mw - msrv
	sw, ssrv := benchMedian(startWall), benchMedian(startServer)
	b.ReportMetric(benchMS(mw), "process-ms")
	b.ReportMetric(benchMS(msrv), "server-ms")
	b.ReportMetric(benchMS(overhead), "overhead-ms")
	b.ReportMetric(benchMS(sw-ssrv), "overhead-new-server-ms")
	b.ReportMetric(benchMS(benchMedian(startup)), "startup-ms")
	b.ReportMetric(benchMS(benchMedian(fresh)), "connect-check-run-ms")
	b.ReportMetric(benchMS(benchMedian(inproc)), "open-conn-ms")
	b.Logf("relmap query %q --format csv, medians of %d on %d CPUs", stmt, benchLatencyRuns, runtime.NumCPU())
	b.Logf("server after %d runs: process %.1f ms (min %.1f, max %.1f), server %.1f ms, overhead %.1f ms",
		benchLatencyWarmup, benchMS(sw), benchMS(slices.Min(startWall)), benchMS(slices.Max(startWall)), benchMS(ssrv), benchMS(sw-ssrv))
	b.Logf("server warmed by %d more connections (in-process new driver + check + statement: %.1f ms for the first %d, %.1f ms for the last %d)",
		benchServerWarmConns, benchMS(benchMedian(firstConns)), window, benchMS(benchMedian(lastConns)), window)
	b.Logf("server in steady state: process %.1f ms (min %.1f, max %.1f), server %.1f ms, overhead %.1f ms (goal <= 20 ms: %s)",
		benchMS(mw), benchMS(slices.Min(wall)), benchMS(slices.Max(wall)), benchMS(msrv), benchMS(overhead), goalMet(benchMS(overhead) <= 20))
	b.Logf("breakdown, medians: bare process start+exit (relmap version) %.1f ms; in-process new driver + check + statement %.1f ms; statement over an open connection %.1f ms",
		benchMS(benchMedian(startup)), benchMS(benchMedian(fresh)), benchMS(benchMedian(inproc)))
}

func goalMet(met bool) string {
	if met {
		return "met"
	}
	return "MISSED"
}

// BenchmarkQueryCSV1M streams a million synthetic rows to CSV with relmap
// and with the official Neo4j Python driver (testdata/bench/query_csv.py),
// and compares rows per second and peak memory. The two files must be the
// same million rows.
func BenchmarkQueryCSV1M(b *testing.B) {
	cfg := benchDB(b)
	bin := benchBinary(b)
	env := benchEnv(cfg)
	python, pyVersion := benchPython(b)
	script, err := filepath.Abs(filepath.Join("testdata", "bench", "query_csv.py"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()

	type side struct {
		name  string
		args  []string
		file  string
		wall  []time.Duration
		srv   []time.Duration
		cpu   []time.Duration
		rss   int64
		lines int
		sum   [32]byte
	}
	sides := []*side{
		{name: "relmap", args: []string{bin, "query", benchStreamCypher, "--format", "csv"}},
		{name: "python", args: []string{python, script, benchStreamCypher}},
	}
	for run := range benchStreamRuns {
		for _, sd := range sides {
			sd.file = filepath.Join(dir, fmt.Sprintf("%s-%d.csv", sd.name, run))
			f, err := os.Create(sd.file)
			if err != nil {
				b.Fatal(err)
			}
			cmd := exec.Command(sd.args[0], sd.args[1:]...)
			cmd.Env, cmd.Stdout = env, f
			r := runProc(b, cmd, true)
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
			sd.wall = append(sd.wall, r.wall)
			sd.srv = append(sd.srv, serverTime(b, r.stderr))
			sd.cpu = append(sd.cpu, r.cpu)
			sd.rss = max(sd.rss, r.maxRSS)
			lines, sum := csvLines(b, sd.file)
			if lines != benchStreamRows+1 {
				b.Fatalf("%s wrote %d lines, want a header and %d rows", sd.name, lines, benchStreamRows)
			}
			if run > 0 && sum != sd.sum {
				b.Fatalf("%s wrote different CSV on run %d", sd.name, run+1)
			}
			sd.lines, sd.sum = lines, sum
			if err := os.Remove(sd.file); err != nil {
				b.Fatal(err)
			}
		}
	}
	rm, py := sides[0], sides[1]
	same := rm.sum == py.sum

	rate := func(sd *side) float64 { return benchStreamRows / benchMedian(sd.wall).Seconds() }
	ratio := rate(rm) / rate(py)
	b.ReportMetric(rate(rm), "relmap-rows/s")
	b.ReportMetric(rate(py), "python-rows/s")
	b.ReportMetric(ratio, "speedup-x")
	b.ReportMetric(benchMiB(rm.rss), "relmap-peak-MiB")
	b.ReportMetric(benchMiB(py.rss), "python-peak-MiB")
	for _, sd := range sides {
		b.Logf("%-6s %d rows to CSV, median of %d: %.2f s (min %.2f, max %.2f) = %.0f rows/s, CPU %.2f s, server %.2f s, peak RSS %.1f MiB",
			sd.name, benchStreamRows, benchStreamRuns, benchMedian(sd.wall).Seconds(), slices.Min(sd.wall).Seconds(),
			slices.Max(sd.wall).Seconds(), rate(sd), benchMedian(sd.cpu).Seconds(), benchMedian(sd.srv).Seconds(), benchMiB(sd.rss))
	}
	b.Logf("peer: %s; outputs byte-identical: %v", pyVersion, same)
	b.Logf("relmap/python rows/s = %.2fx (goal >= 3x: %s); relmap peak RSS %.1f MiB (goal <= 64 MB: %s); %d CPUs",
		ratio, goalMet(ratio >= 3), benchMiB(rm.rss), goalMet(rm.rss <= 64<<20), runtime.NumCPU())
	if !same {
		b.Errorf("relmap and the Python driver wrote different CSV for the same rows")
	}
}

// csvLines counts the lines of a file and hashes it.
func csvLines(b *testing.B, path string) (int, [32]byte) {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	r := bufio.NewReaderSize(io.TeeReader(f, h), 1<<20)
	n := 0
	for {
		line, err := r.ReadSlice('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			n++
		}
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			b.Fatal(err)
		}
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return n, sum
}

// benchPython finds a Python with the official Neo4j driver: a virtual
// environment in the user's cache directory, made and filled with pip on
// first use. Without Python or pip the benchmark skips, or fails under CI.
func benchPython(b *testing.B) (python, version string) {
	b.Helper()
	unavailable := func(format string, a ...any) {
		b.Helper()
		msg := fmt.Sprintf(format, a...)
		if os.Getenv("CI") == "true" {
			b.Fatalf("the Python peer is unavailable: %s", msg)
		}
		b.Skipf("skipped, the Python peer is unavailable: %s (needs python3 with venv and pip, and network access to PyPI once)", msg)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	venv := filepath.Join(cache, "relmap", "bench-python")
	python = filepath.Join(venv, "bin", "python")
	probe := func() (string, bool) {
		out, err := exec.Command(python, "-c", "import neo4j, sys; print('neo4j', neo4j.__version__, 'on Python', sys.version.split()[0])").Output()
		return strings.TrimSpace(string(out)), err == nil
	}
	if v, ok := probe(); ok {
		return python, v
	}
	sys, err := exec.LookPath("python3")
	if err != nil {
		unavailable("python3 is not on PATH")
	}
	if out, err := exec.Command(sys, "-m", "venv", venv).CombinedOutput(); err != nil {
		unavailable("python3 -m venv %s: %v: %s", venv, err, out)
	}
	b.Logf("installing the Neo4j Python driver into %s", venv)
	if out, err := exec.Command(filepath.Join(venv, "bin", "pip"), "install", "--quiet", "neo4j").CombinedOutput(); err != nil {
		unavailable("pip install neo4j: %v: %s", err, out)
	}
	v, ok := probe()
	if !ok {
		unavailable("the driver does not import after pip install neo4j")
	}
	return python, v
}
