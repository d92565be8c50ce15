package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// A table wider than the terminal is narrowed to fit: each line at most the
// width, the short columns whole, the long ones cut with an ellipsis at the
// same width, so no line wraps mid-word.
func TestTableFitsWidth(t *testing.T) {
	keys := []string{"name", "parameters", "description"}
	rows := [][]any{
		{"members-at", "org=nato at=today role=null", "Members of an organisation on a day: every actor with a MEMBER_OF tie to the organisation in force at $at."},
		{"actor-ties", "id=null at=today", "Every tie of one actor, or of every actor, in force on a day, with its sources."},
		{"ndn-legs", "at=null", "The Northern Distribution Network's legs."},
	}
	for _, width := range []int{40, 60, 80, 120} {
		var buf bytes.Buffer
		w, err := NewWith(Table, &buf, keys, TableOptions{Width: width})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			w.Write(graph.Record{Keys: keys, Values: r})
		}
		w.Close()
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if len(lines) != 2+len(rows) {
			t.Fatalf("width %d: %d lines:\n%s", width, len(lines), buf.String())
		}
		for _, l := range lines {
			if displayWidth(l) > width {
				t.Errorf("width %d: a line of %d columns: %q", width, displayWidth(l), l)
			}
		}
		if !strings.HasPrefix(lines[2], "members-at  ") {
			t.Errorf("width %d: the short name column was cut: %q", width, lines[2])
		}
		if !strings.Contains(lines[2], "…") {
			t.Errorf("width %d: no ellipsis on a cut value: %q", width, lines[2])
		}
		if !strings.HasSuffix(lines[4], "The Northern Distribution Network's legs.") && width >= 120 {
			t.Errorf("width %d: a value that fits was cut: %q", width, lines[4])
		}
	}
	// Wide enough: the table is as without a width.
	var whole, fitted bytes.Buffer
	for _, c := range []struct {
		buf *bytes.Buffer
		opt TableOptions
	}{{&whole, TableOptions{}}, {&fitted, TableOptions{Width: 1000}}} {
		w := NewTable(c.buf, keys, c.opt)
		for _, r := range rows {
			w.Write(graph.Record{Keys: keys, Values: r})
		}
		w.Close()
	}
	if whole.String() != fitted.String() {
		t.Errorf("a wide terminal changed the table:\n%s\n%s", whole.String(), fitted.String())
	}
}

func TestFit(t *testing.T) {
	for _, c := range []struct {
		widths []int
		total  int
		want   []int
	}{
		{[]int{10, 20}, 100, []int{10, 20}},
		{[]int{10, 50, 50}, 64, []int{10, 25, 25}},
		{[]int{4, 100}, 30, []int{4, 24}},
		{[]int{50, 50, 50}, 5, []int{3, 3, 3}}, // too narrow: minColumn each
		{[]int{2, 50}, 5, []int{2, 3}},
	} {
		got := fit(c.widths, c.total)
		if !equalInts(got, c.want) {
			t.Errorf("fit(%v, %d) = %v, want %v", c.widths, c.total, got, c.want)
		}
	}
}
