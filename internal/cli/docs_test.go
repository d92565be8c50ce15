package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDocsWritesAPagePerCommand(t *testing.T) {
	for _, tc := range []struct{ format, root, sub, want string }{
		{"markdown", "relmap.md", "relmap_db_env.md", "relmap db env"},
		{"man", "relmap.1", "relmap-shell.1", ".TH \"RELMAP\" \"1\""},
	} {
		dir := t.TempDir()
		if _, errOut, code := run(t, nil, "docs", "--dir", dir, "--format", tc.format); code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.format, code, errOut)
		}
		page, err := os.ReadFile(filepath.Join(dir, tc.sub))
		if err != nil {
			t.Fatalf("%s: %v", tc.format, err)
		}
		if !strings.Contains(string(page), tc.want) {
			t.Errorf("%s: %s lacks %q", tc.format, tc.sub, tc.want)
		}
		top, err := os.ReadFile(filepath.Join(dir, tc.root))
		if err != nil || !strings.Contains(string(top), "Exit codes") {
			t.Errorf("%s: %s: %v, no exit codes", tc.format, tc.root, err)
		}
		// The same relmap writes the same pages.
		again := t.TempDir()
		run(t, nil, "docs", "--dir", again, "--format", tc.format)
		if b, _ := os.ReadFile(filepath.Join(again, tc.sub)); !bytes.Equal(b, page) {
			t.Errorf("%s: %s differs between two runs", tc.format, tc.sub)
		}
	}
	if _, _, code := run(t, nil, "docs", "--dir", t.TempDir(), "--format", "pdf"); code != ExitUsage {
		t.Errorf("--format pdf: exit %d", code)
	}
	if _, _, code := run(t, nil, "docs"); code != ExitUsage {
		t.Errorf("no --dir: exit %d", code)
	}
}

func TestCompletionOfValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"render", "--view", ""}, []string{"sphere", "ndn", "ladder"}},
		{[]string{"query", "--named", "mem"}, []string{"members-at"}},
		{[]string{"query", "--format", ""}, []string{"table", "csv", "tsv", "json", "jsonl"}},
		{[]string{"export", "--format", ""}, []string{"graphml", "gexf", "json", "csv"}},
		{[]string{"compare", ""}, []string{"nato", "csto", "sco"}},
		{[]string{"compare", "--region", ""}, []string{"central-asia", "all"}},
		{[]string{"query", "--named", "members-at", "--param", ""}, []string{"org=", "at="}},
		{[]string{"query", "--param", "id=kaz"}, []string{"id=kazakhstan"}},
		{[]string{"shell", "--format", ""}, []string{"jsonl"}},
		{[]string{"queries", "show", ""}, []string{"members-at"}},
	} {
		out, errOut, code := run(t, nil, append([]string{"__complete"}, tc.args...)...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", tc.args, code, errOut)
		}
		lines := strings.Split(out, "\n")
		for _, w := range tc.want {
			found := false
			for _, l := range lines {
				if l == w || strings.HasPrefix(l, w+"\t") {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: %q not offered:\n%s", tc.args, w, out)
			}
		}
		if strings.Contains(out, "(default: table") || strings.Contains(out, "\nor\n") {
			t.Errorf("%q: words of the help offered as values:\n%s", tc.args, out)
		}
	}
}
