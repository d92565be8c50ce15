package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestShellRunsAScriptPipedIn(t *testing.T) {
	f := &fakeStore{records: []graph.Record{{Keys: []string{"x"}, Values: []any{int64(7)}}}}
	runShell := func(script string) (string, string, int) {
		var out, errOut bytes.Buffer
		t.Setenv("RELMAP_DATA", t.TempDir())
		err := RunWith(context.Background(), Streams{In: strings.NewReader(script), Out: &out, ErrOut: &errOut},
			[]string{"shell", "--format", "csv"}, func(context.Context, Conn) (graph.Store, error) { return f, nil })
		return out.String(), errOut.String(), ExitCode(err)
	}
	out, errOut, code := runShell(":param x=7\nMATCH (n)\nRETURN $x AS x;\n")
	if code != 0 || out != "x\n7\n" || len(f.queries) != 1 || f.params[0]["x"] != int64(7) {
		t.Fatalf("exit %d, out %q, errOut %q, queries %q", code, out, errOut, f.queries)
	}
	if strings.Contains(errOut, "relmap>") {
		t.Errorf("prompts shown to a script: %q", errOut)
	}
	// A script stops at its first failure and exits with its code.
	_, errOut, code = runShell("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r;\nRETURN 1;\n")
	if code != ExitQuery || len(f.queries) != 1 || !strings.Contains(errOut, ":write allows it") {
		t.Errorf("exit %d, errOut %q, queries %q", code, errOut, f.queries)
	}
	if _, _, code = runShell(""); code != 0 {
		t.Errorf("empty script: exit %d", code)
	}
	if _, _, code := run(t, f, "shell", "--format", "xml"); code != ExitUsage {
		t.Errorf("--format xml: exit %d", code)
	}
}
