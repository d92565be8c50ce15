package usage

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
)

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want int
	}{
		{"ok", nil, ExitOK},
		{"usage", Errorf("bad"), ExitUsage},
		{"wrapped usage", fmt.Errorf("x: %w", Wrap(errors.New("bad"))), ExitUsage},
		{"unreachable", fmt.Errorf("wrapped: %w", graph.ErrUnavailable), ExitUnavailable},
		{"auth", fmt.Errorf("x: %w", graph.ErrAuth), ExitAuth},
		{"timeout", fmt.Errorf("x: %w", graph.ErrTimeout), ExitTimeout},
		{"busy", fmt.Errorf("x: %w", graph.ErrBusy), ExitBusy},
		{"query", fmt.Errorf("x: %w", &graph.QueryError{Code: "Neo.ClientError.Statement.SyntaxError"}), ExitQuery},
		{"silent", Silent{ExitError}, ExitError},
		{"other", fmt.Errorf("boom"), ExitError},
	}
	for _, c := range cases {
		if got := ExitCode(c.err); got != c.want {
			t.Errorf("%s: exit %d, want %d", c.name, got, c.want)
		}
	}
	if Wrap(nil) != nil || !IsSilent(fmt.Errorf("x: %w", Silent{3})) || IsSilent(errors.New("x")) {
		t.Error("Wrap(nil) or IsSilent is wrong")
	}
}

func TestExitCodesAreREADMEs(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?m)^\| (\d+) \| (.+) \|$`).FindAllStringSubmatch(string(readme), -1)
	if len(rows) != len(Codes) {
		t.Fatalf("README lists %d exit codes, --help %d", len(rows), len(Codes))
	}
	for i, r := range rows {
		if got := fmt.Sprint(Codes[i].Code); r[1] != got || r[2] != Codes[i].Meaning {
			t.Errorf("README: %s %q; --help: %s %q", r[1], r[2], got, Codes[i].Meaning)
		}
	}
	if h := CodesHelp(); !strings.Contains(h, "130  interrupted") || strings.Contains(h, "`") {
		t.Errorf("CodesHelp:\n%s", h)
	}
}

func TestMessagesEscapeControlCharacters(t *testing.T) {
	got := EscapeControls("seeds/\x1b[31mred\r.yaml:3: bad\n\tnext line \u202eexe.png")
	want := `seeds/\x1b[31mred\r.yaml:3: bad` + "\n\t" + `next line \u202eexe.png`
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if s := "plain\tline\n"; EscapeControls(s) != s {
		t.Errorf("changed %q", s)
	}
}

func TestTypedMakesCommandLineMistakesUsageErrors(t *testing.T) {
	// A new tree each time: cobra keeps flag values between runs.
	execute := func(args ...string) error {
		root := &cobra.Command{Use: "x", SilenceErrors: true, SilenceUsage: true}
		leaf := &cobra.Command{Use: "leaf", Args: cobra.NoArgs, RunE: func(*cobra.Command, []string) error { return nil }}
		leaf.Flags().StringP("need", "n", "", "where to write, - for standard output")
		leaf.MarkFlagRequired("need")
		root.AddCommand(leaf)
		Typed(root)
		root.SetArgs(args)
		return root.Execute()
	}
	for _, args := range [][]string{{"leef"}, {"leaf", "--need", "a", "extra"}, {"leaf"}, {"leaf", "--bogus"}} {
		if err := execute(args...); ExitCode(err) != ExitUsage {
			t.Errorf("%q: %v (exit %d)", args, err, ExitCode(err))
		}
	}
	// A missing required flag is named with its short form and what it is
	// for, and the help to read.
	if err := execute("leaf"); err == nil || err.Error() != "leaf needs -n/--need: where to write, - for standard output; see 'x leaf --help'" {
		t.Errorf("missing a required flag: %v", err)
	}
	if err := execute("leaf", "--need", "a"); err != nil {
		t.Errorf("a right command line: %v", err)
	}
}
