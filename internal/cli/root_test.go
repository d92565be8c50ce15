package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestUnknownFlagIsAUsageError(t *testing.T) {
	_, stderr, code := run(t, nil, "fingerprint", "--no-such-flag")
	if code != ExitUsage || !strings.Contains(stderr, "unknown flag") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestHelpNamesTheEnvironment(t *testing.T) {
	out, _, code := run(t, nil, "--help")
	for _, env := range []string{"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"} {
		if !strings.Contains(out, env) {
			t.Errorf("--help does not name %s", env)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
}

func TestUnreachableDatabaseSaysHowToStartOne(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	// A local state file naming a port nobody listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	dir := t.TempDir()
	state := fmt.Sprintf(`{"pid": 0, "port": %d, "user": "neo4j", "password": "x", "data_dir": %q}`, port, dir)
	if err := os.WriteFile(filepath.Join(dir, "relmap-state.json"), []byte(state), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, nil, "--data", dir, "fingerprint")
	if code != ExitUnavailable {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stderr, fmt.Sprintf("bolt://127.0.0.1:%d", port)) || !strings.Contains(stderr, "relmap db start") {
		t.Errorf("stderr does not name the URI and the way out: %s", stderr)
	}
}

func TestFingerprintWithFakeStore(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{{Name: "d", Actors: []graph.Actor{{ID: "a", Kind: graph.KindState, Name: "A", Dataset: "d"}}}}}
	out, _, code := run(t, f, "fingerprint")
	want := graph.FingerprintOf(f.loaded).Hash
	if code != 0 || !strings.HasPrefix(out, want) || !strings.Contains(out, "actors=1") {
		t.Errorf("exit %d out %q", code, out)
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, nil, "version")
	if code != 0 || !strings.Contains(out, "relmap ") || !strings.Contains(out, "Neo4j 5.26") {
		t.Errorf("exit %d out %q", code, out)
	}
}

func TestDBStatusWhenStopped(t *testing.T) {
	out, _, code := run(t, nil, "db", "status")
	if code != ExitUnavailable || !strings.Contains(out, "status: stopped") {
		t.Errorf("exit %d out %q", code, out)
	}
}

func TestMissingPathsAndFilesAreUsageErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	for _, args := range [][]string{
		{"validate", missing},
		{"load", "--dry-run", missing},
		{"--password-file", missing, "query", "RETURN 1"},
	} {
		f := &fakeStore{}
		if _, stderr, code := run(t, f, args...); code != ExitUsage || !strings.Contains(stderr, "nowhere") {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
}
