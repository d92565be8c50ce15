package output

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// FuzzDelimited checks that no text reaches CSV or TSV output with a control
// character other than tab, newline and carriage return, that TSV undoes to
// the value exactly, and that CSV reads back as one record of one field.
func FuzzDelimited(f *testing.F) {
	for _, s := range []string{"plain", "a\tb\nc\r", "esc\x1b[31m", `back\slash \x41`, "csi\u009b del\x7f", "\"q\",", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		tsv := string(render(t, TSV, []string{"v"}, [][]any{{v}}))
		line := strings.TrimSuffix(strings.TrimPrefix(tsv, "v\n"), "\n")
		for _, s := range []string{tsv, string(render(t, CSV, []string{"v"}, [][]any{{v}}))} {
			if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }) {
				t.Fatalf("raw control character in %q", s)
			}
		}
		if strings.ContainsAny(line, "\t\n\r") {
			t.Fatalf("TSV value %q spans fields or lines", line)
		}
		if back := unescapeTSV(t, line); back != v && strings.ToValidUTF8(v, "\uFFFD") == v {
			t.Fatalf("TSV %q reads back as %q, want %q", line, back, v)
		}
		recs, err := csv.NewReader(bytes.NewReader(render(t, CSV, []string{"v"}, [][]any{{v}}))).ReadAll()
		if err != nil || len(recs) != 2 || len(recs[1]) != 1 {
			t.Fatalf("CSV of %q reads back as %q, %v", v, recs, err)
		}
	})
}

// unescapeTSV undoes \\, \t, \n, \r and \xNN.
func unescapeTSV(t *testing.T, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'x':
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				t.Fatalf("bad escape in %q", s)
			}
			b.WriteRune(rune(n))
			i += 2
		default:
			t.Fatalf("unknown escape \\%c in %q", s[i], s)
		}
	}
	return b.String()
}
