package localdb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A state file that is not a complete state is refused with what to do,
// never taken for "no database" (which meant connecting to whatever listens
// on 127.0.0.1:7687).
func TestDamagedStateFileIsRefused(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"not json", "{not json"},
		{"empty", ""},
		{"empty object", "{}"},
		{"no password", `{"pid": 12, "port": 7687, "user": "neo4j"}`},
		{"port out of range", `{"pid": 12, "port": 99999, "user": "neo4j", "password": "p"}`},
		{"negative pid", `{"pid": -4, "port": 7687, "user": "neo4j", "password": "p"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(StatePath(dir), []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := ReadState(dir)
			if !errors.Is(err, ErrCorruptState) {
				t.Fatalf("err = %v, want ErrCorruptState", err)
			}
			for _, want := range []string{StatePath(dir), "delete", "relmap db start"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the message lacks %q: %v", want, err)
				}
			}
		})
	}
}

func TestMissingStateFileIsNotExist(t *testing.T) {
	if _, err := ReadState(t.TempDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
}

// A state file others can read is made private on the next read, the state
// says so, and its password is not kept by the next start.
func TestLooseStateFileIsFixedAndSaid(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits")
	}
	dir := t.TempDir()
	st := State{PID: 0, Port: 7687, User: "neo4j", Password: "secret-value", DataDir: dir}
	if err := writeState(st); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(StatePath(dir), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !got.exposed || !strings.Contains(got.Warning, "0644") || !strings.Contains(got.Warning, "new one") {
		t.Errorf("exposed %v, warning %q", got.exposed, got.Warning)
	}
	if fi, _ := os.Stat(StatePath(dir)); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o after the read, want 0600", fi.Mode().Perm())
	}
	again, err := ReadState(dir)
	if err != nil || again.Warning != "" {
		t.Errorf("second read: warning %q, %v", again.Warning, err)
	}
}

func TestMakePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits")
	}
	dir := filepath.Join(t.TempDir(), "data")
	for _, tc := range []struct {
		mode, want os.FileMode
		fixed      bool
	}{
		{0o777, 0o700, true},
		{0o755, 0o700, true},
		{0o750, 0o700, true},
		{0o700, 0o700, false},
	} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, tc.mode); err != nil {
			t.Fatal(err)
		}
		fixed, was, err := makePrivate(dir, 0o700)
		fi, _ := os.Stat(dir)
		if err != nil || fixed != tc.fixed || was != tc.mode || fi.Mode().Perm() != tc.want {
			t.Errorf("%04o: fixed %v (want %v), found %04o, now %04o (want %04o), %v",
				tc.mode, fixed, tc.fixed, was, fi.Mode().Perm(), tc.want, err)
		}
	}
}

// A port outside 0-65535 is refused before anything is built or started.
func TestStartRefusesBadPorts(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no java: a refusal must come first
	for _, port := range []int{-1, 65536, 99999} {
		_, err := Start(context.Background(), Config{DataDir: t.TempDir(), Port: port})
		if !errors.Is(err, ErrBadPort) {
			t.Errorf("port %d: err = %v, want ErrBadPort", port, err)
		}
	}
}
