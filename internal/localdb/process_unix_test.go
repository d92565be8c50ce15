//go:build unix

package localdb

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"
)

// startFake runs a process whose command line names the launcher class, as
// the JVM running the launcher does.
func startFake(t *testing.T, name string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("sh", "-c", "sleep 60; :", name)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	// Until the child has exec'd, /proc shows the test binary's command
	// line or, in the middle of exec, an empty one, which isLauncher counts
	// as a launcher still exiting: wait for the child's own.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", cmd.Process.Pid))
		if err != nil || bytes.Contains(b, []byte(name)) {
			break // no /proc here (ps answers instead), or the child is itself
		}
		time.Sleep(5 * time.Millisecond)
	}
	return cmd
}

func TestIsLauncher(t *testing.T) {
	fake := startFake(t, launcherClass)
	other := startFake(t, "something.Else")
	if !isLauncher(fake.Process.Pid) {
		t.Error("a live process running relmap.Launcher was not recognised")
	}
	if isLauncher(other.Process.Pid) {
		t.Error("another live process counted as the launcher")
	}
	// Where there is no /proc (macOS, BSD) ps(1) answers: check it here too.
	if !launcherByPS(fake.Process.Pid) || launcherByPS(other.Process.Pid) {
		t.Errorf("ps: launcher %v, other %v", launcherByPS(fake.Process.Pid), launcherByPS(other.Process.Pid))
	}
	if err := askToStop(fake.Process.Pid); err != nil {
		t.Fatal(err)
	}
	fake.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for isLauncher(fake.Process.Pid) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if isLauncher(fake.Process.Pid) {
		t.Error("a stopped and reaped process still counts as the launcher")
	}
	if launcherByPS(fake.Process.Pid) {
		t.Error("ps: a reaped process still counts as the launcher")
	}
}

// Stop asks through the stop file and the signal, and reports a database
// that is not running as such.
func TestStopNotRunning(t *testing.T) {
	dir := t.TempDir()
	if err := Stop(t.Context(), dir, time.Second); err != ErrNotRunning {
		t.Errorf("no state file: %v", err)
	}
	if err := writeState(State{PID: 0, Port: 7687, User: "neo4j", Password: "secret-value", DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	if err := Stop(t.Context(), dir, time.Second); err != ErrNotRunning {
		t.Errorf("pid 0: %v", err)
	}
}
