package itest

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/relmap/relmap/graph/neo4jstore"
)

// terminal is a relmap process on a pseudo-terminal, with what it wrote.
type terminal struct {
	t    *testing.T
	pty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // what expect has consumed
}

func (term *terminal) read() {
	buf := make([]byte, 4096)
	for {
		n, err := term.pty.Read(buf)
		term.mu.Lock()
		term.out.Write(buf[:n])
		term.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// expect waits until the terminal shows want after what was seen before.
func (term *terminal) expect(want string) {
	term.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		term.mu.Lock()
		s := term.out.String()
		term.mu.Unlock()
		if i := strings.Index(s[term.seen:], want); i >= 0 {
			term.seen += i + len(want)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	term.mu.Lock()
	defer term.mu.Unlock()
	term.t.Fatalf("the terminal never showed %q; after the last match it shows:\n%s", want, term.out.String()[term.seen:])
}

func (term *terminal) send(s string) {
	term.t.Helper()
	if _, err := io.WriteString(term.pty, s); err != nil {
		term.t.Fatal(err)
	}
}

// startShell starts relmap shell on a pseudo-terminal with its history in
// state.
func startShell(t *testing.T, bin string, cfg neo4jstore.Config, state string) (*terminal, chan error) {
	t.Helper()
	cmd := exec.Command(bin, "shell")
	cmd.Env = append(benchEnv(cfg), "XDG_STATE_HOME="+state, "TERM=xterm")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 200})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	term := &terminal{t: t, pty: f}
	go term.read()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	return term, done
}

// wait waits for the shell to end well.
func (term *terminal) wait(done chan error) {
	term.t.Helper()
	select {
	case err := <-done:
		if err != nil {
			term.t.Fatalf("relmap shell ended with %v:\n%s", err, term.out.String())
		}
	case <-time.After(15 * time.Second):
		term.t.Fatalf("relmap shell still runs after it was told to end:\n%s", term.out.String())
	}
}

// A person at a terminal: a statement over two lines, a parameter, a named
// question, Ctrl-C on a running statement and on one being typed, and
// :exit; the history is kept, readable by its owner only.
func TestShellOnATerminal(t *testing.T) {
	s, _ := loadBuiltIn(t)
	bin := buildRelmap(t)
	cfg, _, _ := conn()
	state := t.TempDir()
	const slow = "UNWIND range(1, 10000000000) AS x WITH x WHERE x < -4242 RETURN count(*) AS shellProbe;"
	t.Cleanup(func() { terminate(t, s, "shellProbe") })

	term, done := startShell(t, bin, cfg, state)
	term.expect("relmap> ")
	term.send(":param org=csto\r")
	term.expect("$org = csto")
	term.send("MATCH (o:Organisation {id: $org})\r")
	term.expect("| ")
	term.send("RETURN o.name AS name;\r")
	term.expect("Collective Security Treaty Organisation")
	term.expect("1 row(s)")

	term.send(":named members-at at=2012-02-01\r")
	term.expect("uzbekistan")
	term.expect("row(s)")

	term.send(":named members-at org=kazakstan\r")
	term.expect(`no actor has the id, name or alias "kazakstan" (did you mean kazakhstan`)

	term.send(slow + "\r")
	time.Sleep(1500 * time.Millisecond)
	term.send("\x03")
	term.expect("interrupted")
	term.expect("relmap> ")

	term.send("MATCH (n) RETURN n\x03")
	term.send("RETURN 'still here' AS alive;\r")
	term.expect("still here")
	term.expect("1 row(s)")

	term.send(":exit\r")
	term.wait(done)

	// The next session recalls the last one's statements (up arrow) and
	// ends on Ctrl-D.
	term, done = startShell(t, bin, cfg, state)
	term.expect("relmap> ")
	term.send("\x1b[A\x1b[A\r")
	term.expect("still here")
	term.expect("1 row(s)")
	term.send("\x04")
	term.wait(done)

	hist := filepath.Join(state, "relmap", "history")
	fi, err := os.Stat(hist)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("history mode %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(hist)
	for _, want := range []string{":param org=csto\n", "MATCH (o:Organisation {id: $org}) RETURN o.name AS name;\n", ":named members-at at=2012-02-01\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("history lacks %q:\n%s", want, b)
		}
	}
	if strings.Contains(string(b), "MATCH (n) RETURN n") {
		t.Errorf("a statement dropped with Ctrl-C is in the history:\n%s", b)
	}
}

// relmap query on a terminal: without Cypher it points to the shell at once;
// waiting on standard input (-f -), Ctrl-C ends it with 130 at once.
func TestQueryOnATerminal(t *testing.T) {
	bin := buildRelmap(t)
	run := func(args ...string) (*terminal, *exec.Cmd, chan error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "NEO4J_URI=bolt://127.0.0.1:1")
		f, err := pty.Start(cmd)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		term := &terminal{t: t, pty: f}
		go term.read()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		t.Cleanup(func() {
			if cmd.ProcessState == nil {
				cmd.Process.Kill()
			}
		})
		return term, cmd, done
	}
	exited := func(cmd *exec.Cmd, done chan error, want int) {
		t.Helper()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("relmap query still runs")
		}
		if code := cmd.ProcessState.ExitCode(); code != want {
			t.Errorf("exit %d, want %d", code, want)
		}
	}
	term, cmd, done := run("query")
	term.expect("relmap shell")
	exited(cmd, done, 2)

	term, cmd, done = run("query", "-f", "-")
	time.Sleep(500 * time.Millisecond)
	term.send("RETURN 1\x03")
	term.expect("interrupted")
	exited(cmd, done, 130)
}
