package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/localdb"
)

func TestDBEnvLeavesThePasswordOutUnlessAsked(t *testing.T) {
	dir := t.TempDir()
	const secret = "s3cr'et-pw"
	b, _ := json.Marshal(localdb.State{PID: 0, Port: 7999, User: "neo4j", Password: secret, DataDir: dir})
	if err := os.WriteFile(filepath.Join(dir, localdb.StateFileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	runEnv := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		err := Run(context.Background(), Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
			append([]string{"db", "env", "--data", dir}, args...))
		return out.String(), errOut.String(), ExitCode(err)
	}
	out, errOut, code := runEnv()
	if code != 0 || strings.Contains(out+errOut, "s3cr") || strings.Contains(out, "PASSWORD") {
		t.Fatalf("exit %d, out %q, errOut %q", code, out, errOut)
	}
	if want := "export NEO4J_URI='bolt://127.0.0.1:7999'\nexport NEO4J_USERNAME='neo4j'\n"; out != want {
		t.Errorf("out %q, want %q", out, want)
	}
	if !strings.Contains(errOut, "not running") {
		t.Errorf("no warning that the database is stopped: %q", errOut)
	}
	out, errOut, code = runEnv("--show-password")
	if code != 0 || !strings.Contains(out, `export NEO4J_PASSWORD='s3cr'\''et-pw'`) || !strings.Contains(errOut, "holds the database's password") {
		t.Errorf("exit %d, out %q, errOut %q", code, out, errOut)
	}
	if _, _, code = runEnv("--data", filepath.Join(dir, "none")); code != ExitError {
		t.Errorf("no state: exit %d", code)
	}
}
