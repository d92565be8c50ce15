package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/relmap/relmap/internal/localdb"
	"github.com/relmap/relmap/internal/usage"
)

// DBStartOptions are the local database's port and memory, and how long
// to wait for it.
type DBStartOptions struct {
	Port, HeapMB, PageCacheMB int
	Timeout                   time.Duration
}

// DBStart starts the local Neo4j and waits until Bolt answers.
func DBStart(ctx context.Context, g *Env, o DBStartOptions) error {
	if o.Port < 0 || o.Port > 65535 {
		return usage.Errorf("--port %d: a TCP port is 1-65535 (0 picks a free one)", o.Port)
	}
	start := time.Now()
	st, err := localdb.Start(ctx, localdb.Config{
		DataDir: g.DataDirPath(), Port: o.Port, HeapMB: o.HeapMB, PageCacheMB: o.PageCacheMB,
		Timeout: o.Timeout, Progress: g.ProgressOut(),
	})
	if errors.Is(err, localdb.ErrAlreadyRunning) {
		g.Status("The local Neo4j is already running at %s (pid %d, data %s).", st.URI(), st.PID, st.DataDir)
		return nil
	}
	if err != nil {
		return err
	}
	g.Status("Neo4j %s is running at %s (pid %d, data %s), started in %s.",
		st.Version, st.URI(), st.PID, st.DataDir, time.Since(start).Round(100*time.Millisecond))
	return nil
}

// DBStop shuts the local Neo4j down, killing it after timeout.
func DBStop(ctx context.Context, g *Env, timeout time.Duration) error {
	err := localdb.Stop(ctx, g.DataDirPath(), timeout)
	if errors.Is(err, localdb.ErrNotRunning) {
		g.Status("The local Neo4j is not running (data %s).", g.DataDirPath())
		return nil
	}
	if err != nil {
		return err
	}
	g.Status("The local Neo4j has stopped.")
	return nil
}

// DBStatus prints whether the local Neo4j runs, where, and which version;
// one that does not run or answer exits ExitUnavailable.
func DBStatus(ctx context.Context, g *Env) error {
	dir := g.DataDirPath()
	st, err := localdb.ReadState(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if st.Warning != "" {
		g.Status("relmap: %s", st.Warning)
	}
	out := g.Out
	if err != nil || !localdb.Running(st) {
		fmt.Fprintf(out, "status: stopped\ndata: %s\n", dir)
		return usage.Silent{Code: usage.ExitUnavailable}
	}
	fmt.Fprintf(out, "status: running\nuri: %s\npid: %d\ndata: %s\n", st.URI(), st.PID, st.DataDir)
	s, err := g.StoreFor(ctx, Conn{URI: st.URI(), User: st.User, Password: st.Password, FromLocal: true})
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	info, err := s.Info(ctx)
	if err != nil {
		fmt.Fprintf(out, "bolt: not answering (%v)\n", err)
		return usage.Silent{Code: usage.ExitUnavailable}
	}
	fmt.Fprintf(out, "neo4j: %s %s\n", info.Version, info.Edition)
	return nil
}

// DBExec runs the command args against a throwaway local Neo4j in a new
// temporary data directory (or DataDir), which it keeps if asked, and
// stops the database on every exit path. The command's exit code is
// relmap's.
func DBExec(ctx context.Context, g *Env, keep bool, args []string) error {
	dir := g.DataDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "relmap-db-")
		if err != nil {
			return err
		}
		dir = tmp
		if !keep {
			defer os.RemoveAll(tmp)
		}
	}
	st, err := localdb.Start(ctx, localdb.Config{DataDir: dir, Port: 0, HeapMB: 1024, PageCacheMB: 256, Progress: g.ProgressOut()})
	if err != nil && !errors.Is(err, localdb.ErrAlreadyRunning) {
		return err
	}
	// Stop even if the context was cancelled by an interrupt.
	defer func() {
		if err := localdb.Stop(context.WithoutCancel(ctx), dir, time.Minute); err != nil && !errors.Is(err, localdb.ErrNotRunning) {
			g.Status("relmap: stopping the local Neo4j: %v", err)
		}
	}()
	g.Status("Neo4j %s is running at %s for this command.", st.Version, st.URI())
	c := exec.CommandContext(ctx, args[0], args[1:]...)
	c.Stdin, c.Stdout, c.Stderr = g.In, g.Out, g.ErrOut
	c.Env = append(os.Environ(), "RELMAP_DATA="+dir)
	c.Cancel = func() error { return c.Process.Signal(os.Interrupt) }
	c.WaitDelay = 30 * time.Second
	if err := c.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			return usage.Silent{Code: ee.ExitCode()}
		}
		return err
	}
	return nil
}

// DBEnv prints the local database's settings as POSIX shell exports, the
// password only when asked.
func DBEnv(g *Env, showPassword bool) error {
	dir := g.DataDirPath()
	st, err := localdb.ReadState(dir)
	if err != nil {
		return fmt.Errorf("no local database in %s (%v); start one with `relmap db start`", dir, err)
	}
	if !localdb.Running(st) {
		fmt.Fprintf(g.ErrOut, "relmap: warning: the local database in %s is not running; `relmap db start` starts it\n", dir)
	}
	user := st.User
	if user == "" {
		user = "neo4j"
	}
	fmt.Fprintf(g.Out, "export NEO4J_URI=%s\nexport NEO4J_USERNAME=%s\n", shellQuote(st.URI()), shellQuote(user))
	if showPassword {
		fmt.Fprintln(g.ErrOut, "relmap: warning: the output holds the database's password; keep it out of shared screens, logs and history")
		fmt.Fprintf(g.Out, "export NEO4J_PASSWORD=%s\n", shellQuote(st.Password))
	}
	return nil
}

// shellQuote quotes s for a POSIX shell, so that no character of it acts.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
