package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/usage"
)

func TestFlagWinsOverEnvironment(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://from-env:7687")
	t.Setenv("NEO4J_USERNAME", "envuser")
	t.Setenv("NEO4J_DATABASE", "envdb")
	g := &Env{URI: "bolt://from-flag:7687", DataDir: t.TempDir()}
	c, err := g.Conn()
	if err != nil {
		t.Fatal(err)
	}
	if c.URI != "bolt://from-flag:7687" || c.User != "envuser" || c.Database != "envdb" || c.FromLocal {
		t.Errorf("conn = %+v", c)
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
		if usage.ExitCode(err) != usage.ExitUsage {
			t.Errorf("checkURI(%q): exit code %d, want %d", tc.uri, usage.ExitCode(err), usage.ExitUsage)
		}
		if strings.Contains(err.Error(), "s3cretPW") || strings.Contains(err.Error(), "1234") {
			t.Errorf("checkURI(%q) printed the password: %v", tc.uri, err)
		}
	}
}

func TestPasswordFileAndLocalState(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	t.Setenv("NEO4J_USERNAME", "")
	t.Setenv("NEO4J_PASSWORD", "from-env")
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("from-file\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	g := &Env{PasswordFile: pw, DataDir: dir}
	c, err := g.Conn()
	if err != nil {
		t.Fatal(err)
	}
	// No state file: the local database's default port, as the local one.
	if c.Password != "from-file" || c.User != "neo4j" || !c.FromLocal || !strings.HasPrefix(c.URI, "bolt://127.0.0.1:") {
		t.Errorf("conn = %+v", c)
	}
	g.PasswordFile = filepath.Join(dir, "none")
	if _, err := g.Conn(); usage.ExitCode(err) != usage.ExitUsage || !strings.Contains(err.Error(), "--password-file") {
		t.Errorf("missing password file: %v", err)
	}
	if d := describeConn(c); strings.Contains(d, "from-file") || !strings.Contains(d, "local database's state file") {
		t.Errorf("describeConn: %q", d)
	}
}

func TestHintOnlyForUnreachable(t *testing.T) {
	g := &Env{opened: &Conn{FromLocal: true}}
	if err := g.Hint(graph.ErrUnavailable); !strings.Contains(err.Error(), "relmap db start") {
		t.Errorf("local: %v", err)
	}
	g.opened = &Conn{}
	if err := g.Hint(graph.ErrUnavailable); !strings.Contains(err.Error(), "NEO4J_URI/--uri") || !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("remote: %v", err)
	}
	if err := g.Hint(graph.ErrAuth); err != graph.ErrAuth {
		t.Errorf("auth: %v", err)
	}
}
