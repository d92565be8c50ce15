package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/localdb"
)

// A port out of range is a usage error at once, not a Java exception after
// the database has been built and started.
func TestDBStartRefusesBadPort(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no java, no mvn: nothing may get that far
	for _, port := range []string{"99999", "65536", "-1"} {
		_, stderr, code := run(t, nil, "db", "start", "--port", port)
		if code != ExitUsage || !strings.Contains(stderr, "--port "+port) || !strings.Contains(stderr, "1-65535") {
			t.Errorf("--port %s: exit %d, stderr %q", port, code, stderr)
		}
	}
}

// A damaged state file stops every command that would connect, with what
// to do, instead of falling back to 127.0.0.1:7687.
func TestDamagedStateFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(localdb.StatePath(dir), []byte(`{"pid": 1, "port"`), 0o600); err != nil {
		t.Fatal(err)
	}
	g := &Globals{DataDir: dir}
	_, err := g.Conn()
	if err == nil || !strings.Contains(err.Error(), "relmap db start") {
		t.Fatalf("conn: %v", err)
	}
	_, stderr, code := run(t, nil, "--data", dir, "db", "status")
	if code == ExitOK || !strings.Contains(stderr, filepath.Base(localdb.StatePath(dir))) {
		t.Errorf("db status: exit %d, stderr %q", code, stderr)
	}
}
