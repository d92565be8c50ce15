package localdb

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestStateFileIsPrivate(t *testing.T) {
	dir := t.TempDir()
	// A state file left with wider permissions must come back 0600.
	if err := os.WriteFile(StatePath(dir), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	st := State{PID: 1, Port: 7687, User: "neo4j", Password: "secret-value", DataDir: dir}
	if err := writeState(st); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(StatePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600", fi.Mode().Perm())
	}
	got, err := ReadState(dir)
	if err != nil || got != st {
		t.Errorf("read back %+v, %v", got, err)
	}
	if got.URI() != "bolt://127.0.0.1:7687" {
		t.Errorf("URI %s", got.URI())
	}
}

func TestCorruptStateFileSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(StatePath(dir), []byte("{not json"), 0o600)
	_, err := ReadState(dir)
	if err == nil || !strings.Contains(err.Error(), "relmap db start") {
		t.Errorf("err = %v", err)
	}
}

func TestLauncherHashIsStable(t *testing.T) {
	a, err := launcherHash()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := launcherHash()
	if a != b || len(a) != 16 {
		t.Errorf("hash %q then %q", a, b)
	}
}

func TestRunningRejectsOtherProcesses(t *testing.T) {
	// This test process is alive but is not the launcher.
	if Running(State{PID: os.Getpid()}) {
		t.Error("a live process that is not the launcher counted as the database")
	}
	if Running(State{PID: 0}) {
		t.Error("pid 0 counted as running")
	}
}

func TestMissingToolsNameTheAlternative(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := CheckPrerequisites()
	if !errors.Is(err, ErrPrerequisite) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"java", "mvn", "NEO4J_URI", "neo4j:5"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
}
