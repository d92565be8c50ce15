package outfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	tabular = Tabular(Table, CSV, TSV, JSON, Markdown)
	drawing = Drawing
	export  = Spec{Formats: []string{"graphml", "gexf", "json", "csv"}, Stdout: NeedsFormat, FileOnly: map[string]string{"csv": "it writes a directory of files"},
		NotByExtension: map[string]string{"csv": "CSV is written as a directory of seed files"}}
)

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		name           string
		spec           Spec
		output, format string
		terminal       bool
		want           Target
		err            string
	}{
		{"table on a terminal", tabular, "", "", true, Target{Format: Table}, ""},
		{"csv when piped", tabular, "", "", false, Target{Format: CSV}, ""},
		{"-o - is standard output", tabular, "-", "", false, Target{Format: CSV}, ""},
		{"-o - with a format", tabular, "-", "tsv", true, Target{Format: TSV}, ""},
		{"the extension says", tabular, "x.tsv", "", true, Target{Format: TSV, Path: "x.tsv"}, ""},
		{"in any case", tabular, "X.JSON", "", false, Target{Format: JSON, Path: "X.JSON"}, ""},
		{".md is markdown", tabular, "compare.md", "", false, Target{Format: Markdown, Path: "compare.md"}, ""},
		{"--format wins over the extension", tabular, "x.txt", "csv", false, Target{Format: CSV, Path: "x.txt"}, ""},
		{"--format in capitals", tabular, "", "CSV", true, Target{Format: CSV}, ""},
		{"an unknown extension", tabular, "x.svg", "", false, Target{}, "-o x.svg: the extension names no format this command writes (.csv, .json, .markdown, .md, .tsv, .txt); give --format"},
		{"no extension", tabular, "out", "", false, Target{}, "give --format"},
		{"a format not written", tabular, "", "jsonl", false, Target{}, `--format "jsonl": want one of table, csv, tsv, json, markdown`},
		{"a drawing from the extension", drawing, "ndn.PDF", "", false, Target{Format: "pdf", Path: "ndn.PDF"}, ""},
		{".gv is dot", drawing, "ndn.gv", "", false, Target{Format: "dot", Path: "ndn.gv"}, ""},
		{"a drawing to standard output", drawing, "-", "", true, Target{Format: "svg"}, ""},
		{"render --format png -o - into a pipe", drawing, "-", "png", false, Target{Format: "png"}, ""},
		// A terminal would show a PNG or PDF as noise and may be left in a
		// state its user must reset.
		{"render --format png -o - on a terminal", drawing, "-", "png", true, Target{}, "PNG is binary and standard output is a terminal, which it would garble: give -o FILE.png, or redirect standard output"},
		{"report --format pdf on a terminal", Spec{Formats: []string{"html", "pdf"}}, "-", "pdf", true, Target{}, "PDF is binary"},
		{"report --format pdf into a pipe", Spec{Formats: []string{"html", "pdf"}}, "-", "pdf", false, Target{Format: "pdf"}, ""},
		{"export -o x.graphml needs no --format", export, "x.graphml", "", false, Target{Format: "graphml", Path: "x.graphml"}, ""},
		{"export csv to a directory", export, "backup/", "csv", false, Target{Format: "csv", Path: "backup/"}, ""},
		{"export -o x.csv is no directory named x.csv", export, "x.csv", "", false, Target{}, "-o x.csv: CSV is written as a directory of seed files"},
		{"export --format csv -o x.csv is", export, "x.csv", "csv", false, Target{Format: "csv", Path: "x.csv"}, ""},
		{"export csv to standard output", export, "-", "csv", false, Target{}, "csv cannot go to standard output: it writes a directory of files; give -o"},
		{"export to standard output needs --format", export, "-", "", false, Target{}, "standard output has no extension to say the format: give --format (graphml, gexf, json, csv)"},
		{"export json to standard output", export, "-", "json", false, Target{Format: "json"}, ""},
	} {
		got, err := c.spec.Resolve(c.output, c.format, c.terminal)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: %v, want error %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: %+v, %v; want %+v", c.name, got, err, c.want)
		}
	}
}

func TestFormatHelp(t *testing.T) {
	if got := tabular.FormatHelp(); got != "table, csv, tsv, json, markdown (default: from the extension of -o; table on a terminal, csv when piped)" {
		t.Errorf("tabular: %s", got)
	}
	if got := export.FormatHelp(); got != "graphml, gexf, json, csv (default: from the extension of -o; --format for standard output)" {
		t.Errorf("export: %s", got)
	}
	if got := drawing.FormatHelp(); got != "svg, png, pdf, dot (default: from the extension of -o; svg on standard output)" {
		t.Errorf("drawing: %s", got)
	}
}

// A file target writes the file and nothing to standard output; a failed
// write leaves the file as it was; standard output gets everything.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.csv")
	var stdout bytes.Buffer
	target, err := tabular.Resolve(path, "", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := target.Write(&stdout, func(w io.Writer) error { _, err := io.WriteString(w, "a,b\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "a,b\n" || stdout.Len() != 0 {
		t.Errorf("file %q, stdout %q", b, stdout.String())
	}
	failed := errors.New("the database went away")
	err = target.Write(&stdout, func(w io.Writer) error { io.WriteString(w, "half"); return failed })
	if !errors.Is(err, failed) {
		t.Errorf("failed write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "a,b\n" {
		t.Errorf("after a failed write: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := (Target{Format: CSV}).Write(&stdout, func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }); err != nil || stdout.String() != "x\n" {
		t.Errorf("stdout: %q %v", stdout.String(), err)
	}
	if _, err := (Target{Format: CSV, Path: dir}).Open(&stdout); err == nil {
		t.Error("a directory at -o was not refused")
	}
}

func TestWidthOfNonTerminal(t *testing.T) {
	t.Setenv("COLUMNS", "40")
	if w := Width(&bytes.Buffer{}); w != 0 {
		t.Errorf("a buffer: %d", w)
	}
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if w := Width(f); w != 0 {
		t.Errorf("a file: %d, want 0 whatever COLUMNS says", w)
	}
}
