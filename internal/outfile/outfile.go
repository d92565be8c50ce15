// Package outfile is relmap's one convention for where a command's output
// goes and in which format, so that every command reads -o and --format the
// same way:
//
//   - -o FILE writes the output to FILE (atomically, internal/fileio) and
//     nothing to standard output; the format comes from FILE's extension
//     unless --format says otherwise.
//   - -o - and no -o write to standard output, in --format or else the
//     command's default there (for tables: a table on a terminal, CSV when
//     piped).
//   - A format the command does not write, or a file whose extension names
//     none when --format is not given, is refused before any work is done,
//     naming the formats there are.
//
// Commands describe what they write with a Spec and get a Target back.
package outfile

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/relmap/relmap/internal/fileio"
)

// The tabular formats every command that prints a table offers.
const (
	Table    = "table"    // aligned columns for a person at a terminal
	CSV      = "csv"      // RFC 4180, for spreadsheets
	TSV      = "tsv"      // tab-separated, for shell pipelines
	JSON     = "json"     // for programs
	JSONL    = "jsonl"    // one JSON object per line
	Markdown = "markdown" // tables that paste into reports
)

// Spec is what one command writes.
type Spec struct {
	// Formats are the formats the command writes, as --help lists them.
	Formats []string
	// Extensions maps file extensions (with the dot, lower case) to formats
	// beyond the format's own name (".csv" is csv without saying so).
	Extensions map[string]string
	// Stdout is the format written to standard output when --format is not
	// given, by whether standard output is a terminal; nil means the first
	// of Formats, and "" that standard output needs --format.
	Stdout func(terminal bool) string
	// FileOnly lists formats that cannot go to standard output, with why
	// (export's csv writes a directory of files).
	FileOnly map[string]string
	// NotByExtension lists formats that a file's extension does not pick,
	// with why: export's csv writes a directory, so `-o x.csv` would make a
	// directory called x.csv where a file was meant.
	NotByExtension map[string]string
}

// Tabular is the Spec of a command that prints a table, in formats (table,
// csv, tsv, json, markdown, ...): a table on a terminal, CSV when piped.
// ".md" names markdown and ".txt" a plain table.
func Tabular(formats ...string) Spec {
	return Spec{
		Formats:    formats,
		Extensions: map[string]string{".md": Markdown, ".txt": Table, ".ndjson": JSONL},
		Stdout: func(terminal bool) string {
			if terminal {
				return Table
			}
			return CSV
		},
	}
}

// Drawing is the Spec of a command that draws a figure through Graphviz:
// SVG, PNG, PDF or the DOT source (.gv too), SVG on standard output.
var Drawing = Spec{Formats: []string{"svg", "png", "pdf", "dot"}, Extensions: map[string]string{".gv": "dot"}}

// Target is where a command writes and in which format.
type Target struct {
	Format string
	// Path is the file to write; "" for standard output.
	Path string
}

// Stdout reports whether the output goes to standard output.
func (t Target) Stdout() bool { return t.Path == "" }

// FormatHelp is the --format flag's usage for s.
func (s Spec) FormatHelp() string {
	return strings.Join(s.Formats, ", ") + " (default: from the extension of -o; " + s.stdoutHelp() + ")"
}

// NeedsFormat is Stdout for a command whose standard output needs
// --format: there is no extension there to say it.
func NeedsFormat(bool) string { return "" }

func (s Spec) stdoutHelp() string {
	if s.Stdout != nil && s.Stdout(false) == "" {
		return "--format for standard output"
	}
	if s.Stdout == nil {
		return s.Formats[0] + " on standard output"
	}
	if on, off := s.Stdout(true), s.Stdout(false); on != off {
		return on + " on a terminal, " + off + " when piped"
	}
	return s.Stdout(false) + " on standard output"
}

// Resolve works out the target of output (the -o value: "" or "-" for
// standard output) and format (the --format value, "" when not given);
// terminal says whether standard output is a terminal.
func (s Spec) Resolve(output, format string, terminal bool) (Target, error) {
	t := Target{Path: output}
	if output == "-" {
		t.Path = ""
	}
	format = strings.ToLower(format)
	switch {
	case format != "":
		if !slices.Contains(s.Formats, format) {
			return Target{}, fmt.Errorf("--format %q: want one of %s", format, strings.Join(s.Formats, ", "))
		}
		t.Format = format
	case t.Path != "":
		f, ok := s.formatOf(t.Path)
		if !ok {
			return Target{}, fmt.Errorf("-o %s: the extension names no format this command writes (%s); give --format", t.Path, strings.Join(s.extensions(), ", "))
		}
		if why, ok := s.NotByExtension[f]; ok {
			return Target{}, fmt.Errorf("-o %s: %s", t.Path, why)
		}
		t.Format = f
	case s.Stdout != nil:
		if t.Format = s.Stdout(terminal); t.Format == "" {
			return Target{}, fmt.Errorf("standard output has no extension to say the format: give --format (%s)", strings.Join(s.Formats, ", "))
		}
	default:
		t.Format = s.Formats[0]
	}
	if why, ok := s.FileOnly[t.Format]; ok && t.Path == "" {
		return Target{}, fmt.Errorf("%s cannot go to standard output: %s; give -o", t.Format, why)
	}
	if t.Path == "" && terminal && binary[t.Format] {
		return Target{}, fmt.Errorf("%s is binary and standard output is a terminal, which it would garble: give -o FILE.%s, or redirect standard output (> FILE.%s or | a program)", strings.ToUpper(t.Format), t.Format, t.Format)
	}
	return t, nil
}

// binary are the formats that are not text: written to a terminal they
// show as noise and can leave it in a state its user must reset.
var binary = map[string]bool{"png": true, "pdf": true}

// formatOf is the format the extension of path names.
func (s Spec) formatOf(path string) (string, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	if f, ok := s.Extensions[ext]; ok && slices.Contains(s.Formats, f) {
		return f, true
	}
	if ext != "" && ext != "."+Table && slices.Contains(s.Formats, ext[1:]) {
		return ext[1:], true
	}
	return "", false
}

// extensions lists the extensions that name a format, for messages.
func (s Spec) extensions() []string {
	var out []string
	for _, f := range s.Formats {
		if f != Table { // a plain table is .txt
			out = append(out, "."+f)
		}
	}
	for ext, f := range s.Extensions {
		if slices.Contains(s.Formats, f) && !slices.Contains(out, ext) {
			out = append(out, ext)
		}
	}
	slices.Sort(out)
	return out
}

// Writer is an open target: standard output, or a file that appears only
// when Close succeeds.
type Writer struct {
	buf  *bufio.Writer
	file *fileio.File
}

// Open opens the target; stdout is where standard output goes.
func (t Target) Open(stdout io.Writer) (*Writer, error) {
	if t.Stdout() {
		return &Writer{buf: bufio.NewWriter(stdout)}, nil
	}
	f, err := fileio.Create(t.Path)
	if err != nil {
		return nil, err
	}
	return &Writer{buf: bufio.NewWriter(f), file: f}, nil
}

func (w *Writer) Write(b []byte) (int, error) { return w.buf.Write(b) }

// Close flushes what is written and, for a file, puts it in place.
func (w *Writer) Close() error {
	err := w.buf.Flush()
	if w.file == nil {
		return err
	}
	if err != nil {
		w.file.Abort()
		return err
	}
	return w.file.Commit()
}

// Abort drops a file being written (the target stays as it was); on
// standard output it flushes what is there, which has been seen already in
// part.
func (w *Writer) Abort() {
	if w.file == nil {
		w.buf.Flush()
		return
	}
	w.file.Abort()
}

// Write opens the target, lets write fill it, and closes it; when write
// fails, a file is left as it was.
func (t Target) Write(stdout io.Writer, write func(io.Writer) error) error {
	w, err := t.Open(stdout)
	if err != nil {
		return err
	}
	if err := write(w); err != nil {
		w.Abort()
		return err
	}
	return w.Close()
}
