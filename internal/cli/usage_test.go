package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestUsageMistakesExit2(t *testing.T) {
	cases := []struct {
		args []string
		says string
	}{
		{[]string{"nosuch"}, `unknown command "nosuch"`},
		{[]string{"quer"}, "did you mean queries or query?"},
		{[]string{"comapre"}, "did you mean compare?"},
		{[]string{"db", "stpo"}, "did you mean stop?"},
		{[]string{"db", "nosuch"}, `unknown command "nosuch" for "relmap db"`},
		{[]string{"completion", "tcsh"}, `unknown command "tcsh" for "relmap completion"`},
		{[]string{"fingerprint", "--no-such-flag"}, "unknown flag"},
		{[]string{"compare", "--att", "2012"}, "unknown flag: --att; did you mean --at?"},
		{[]string{"query", "--limit"}, "flag needs an argument"},
		{[]string{"query", "--limit", "many"}, "invalid argument"},
		{[]string{"fingerprint", "extra"}, "relmap: fingerprint: unknown command"},
		{[]string{"query", "RETURN 1", "RETURN 2"}, "accepts at most 1 arg"},
		{[]string{"synth"}, "relmap: synth needs -o/--output: directory to write"},
		{[]string{"load", "--batch-size", "-1"}, "--batch-size -1: want a number of rows"},
	}
	for _, c := range cases {
		_, stderr, code := run(t, &fakeStore{}, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.says) {
			t.Errorf("relmap %s: exit %d, stderr %q; want exit %d saying %q", strings.Join(c.args, " "), code, stderr, ExitUsage, c.says)
		}
	}
}

func TestGroupCommandsWithoutArgumentsPrintHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"db"}} {
		out, _, code := run(t, nil, args...)
		if code != 0 || !strings.Contains(out, "Available Commands") {
			t.Errorf("relmap %v: exit %d, %q", args, code, out)
		}
	}
}

// TestEveryCommandIsListed: the list in commands.go is the only registration,
// beside cobra's own completion command.
func TestEveryCommandIsListed(t *testing.T) {
	root := newRootCmd(&Globals{})
	got := 0
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			got++
		}
	}
	if got != len(commands) {
		t.Errorf("root has %d commands besides completion, the list %d", got, len(commands))
	}
}

// TestOutputErrorsFail runs the commands that print to stdout with stdout on
// /dev/full: each must exit non-zero and say the output was lost.
func TestOutputErrorsFail(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	for _, args := range [][]string{
		{"version"},
		{"fingerprint"},
		{"fingerprint", "--json"},
		{"validate", "../../seeds"},
		{"load", "--dry-run", "../../seeds"},
		{"load", "../../seeds"},
		{"query", "RETURN 1", "--format", "csv"},
		{"queries"},
		{"--help"},
	} {
		var errOut bytes.Buffer
		f := &fakeStore{records: []graph.Record{{Keys: []string{"n"}, Values: []any{int64(1)}}}}
		factory := func(context.Context, Conn) (graph.Store, error) { return f, nil }
		t.Setenv("RELMAP_DATA", t.TempDir())
		err := RunWith(context.Background(), Streams{In: strings.NewReader(""), Out: full, ErrOut: &errOut}, args, factory)
		if ExitCode(err) == 0 {
			t.Errorf("relmap %s with stdout on /dev/full exits 0", strings.Join(args, " "))
		} else if !strings.Contains(err.Error(), "no space left") {
			t.Errorf("relmap %s: %v", strings.Join(args, " "), err)
		}
	}
}
