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

func TestFlagWinsOverEnvironment(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://from-env:7687")
	t.Setenv("NEO4J_USERNAME", "envuser")
	t.Setenv("NEO4J_DATABASE", "envdb")
	g := &Globals{URI: "bolt://from-flag:7687", DataDir: t.TempDir()}
	c, err := g.conn()
	if err != nil {
		t.Fatal(err)
	}
	if c.URI != "bolt://from-flag:7687" || c.User != "envuser" || c.Database != "envdb" || c.FromLocal {
		t.Errorf("conn = %+v", c)
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

func TestCheckURI(t *testing.T) {
	for _, tc := range []struct {
		uri, wantErr string
	}{
		{"bolt://127.0.0.1:7687", ""},
		{"neo4j+s://abc.databases.neo4j.io", ""},
		{"bolt+ssc://host", ""},
		{"garbage", "is not a Neo4j URI"},
		{"http://localhost:7474", "is not a Neo4j URI"},
		{"bolt://", "is not a Neo4j URI"},
		{"bolt://neo4j:s3cretPW@127.0.0.1:1", "holds credentials"},
		{"bolt://s3cretPW@127.0.0.1:1/x", "holds credentials"},
		{"bolt://neo4j:s3cretPW@[::1:1", "holds credentials"},
		{"bolt://neo4j:s3cretPW/x@localhost", "holds credentials"},
		{"bolt://neo4j:1234/s3cretPW@localhost:7687", "holds credentials"},
		{"neo4j+s://u:a?b#s3cretPW@host", "holds credentials"},
		{"bolt://[::1:1", "is not a URI"},
	} {
		err := checkURI(tc.uri)
		if tc.wantErr == "" {
			if err != nil {
				t.Errorf("checkURI(%q) = %v, want nil", tc.uri, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("checkURI(%q) = %v, want an error with %q", tc.uri, err, tc.wantErr)
			continue
		}
		if ExitCode(err) != ExitUsage {
			t.Errorf("checkURI(%q): exit code %d, want %d", tc.uri, ExitCode(err), ExitUsage)
		}
		if strings.Contains(err.Error(), "s3cretPW") || strings.Contains(err.Error(), "1234") {
			t.Errorf("checkURI(%q) printed the password: %v", tc.uri, err)
		}
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
