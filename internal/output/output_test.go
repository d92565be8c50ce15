package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	goldenfile "github.com/relmap/relmap/internal/golden"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
)

var (
	kazakhstan = graph.Node{ElementID: "4:x:1", Labels: []string{"Actor", "State"},
		Props: map[string]any{"id": "kazakhstan", "name": "Kazakhstan", "kind": "state", "region": "central-asia",
			"aliases": []any{"Қазақстан", "哈萨克斯坦"}}}
	csto = graph.Node{ElementID: "4:x:2", Labels: []string{"Actor", "Organisation"},
		Props: map[string]any{"id": "csto", "name": "Collective Security Treaty Organisation", "short": "CSTO", "kind": "organisation"}}
	uzbekistan = graph.Node{ElementID: "4:x:3", Labels: []string{"Actor", "State"},
		Props: map[string]any{"id": "uzbekistan", "name": "Uzbekistan", "kind": "state"}}
	document = graph.Node{ElementID: "4:x:9", Labels: []string{"Document"},
		Props: map[string]any{"id": "eucam-watch-11", "title": "EUCAM Watch No. 11: NATO and Central Asia", "published": "2012-02"}}
	bare = graph.Node{ElementID: "4:x:10", Labels: []string{"RelmapLock"}, Props: map[string]any{"held": true, "name with space": 1.5}}

	kzCSTO = graph.Relationship{ElementID: "5:x:1", StartID: "4:x:1", EndID: "4:x:2", Type: "MEMBER_OF",
		Props: map[string]any{"role": "member", "key": "member_of|kazakhstan|csto|role=member", "dataset": "relmap-core",
			"type": "member_of", "since": graph.MustDate("2002-10-07"), "since_precision": "day",
			"source_doc": []any{"general-reference"}, "sources": []any{"general-reference, CSTO membership record: founding member"}}}
	uzCSTO = graph.Relationship{ElementID: "5:x:2", StartID: "4:x:3", EndID: "4:x:2", Type: "MEMBER_OF",
		Props: map[string]any{"role": "member", "since": graph.MustDate("2006-08-16"), "since_precision": "day",
			"until": graph.MustDate("2012-06-01"), "until_precision": "month"}}
	leg = graph.Relationship{ElementID: "5:x:3", StartID: "4:x:3", EndID: "4:x:1", Type: "TRANSIT_LEG",
		Props: map[string]any{"route": "ndn-north", "order": int64(3), "mode": "rail", "since": graph.MustDate("2009-01-01"), "since_precision": "year"}}
)

// goldenCases are the results every format is checked against.
var goldenCases = []struct {
	name string
	keys []string
	rows [][]any
}{
	{"nodes", []string{"actor", "document", "other"}, [][]any{
		{kazakhstan, document, bare},
		{csto, nil, nil},
	}},
	{"relationships", []string{"tie", "type"}, [][]any{
		{kzCSTO, "MEMBER_OF"},
		{uzCSTO, "MEMBER_OF"},
		{leg, "TRANSIT_LEG"},
	}},
	{"paths", []string{"p", "hops"}, [][]any{
		{graph.Path{Nodes: []graph.Node{kazakhstan, csto, uzbekistan}, Rels: []graph.Relationship{kzCSTO, uzCSTO}}, int64(2)},
		{graph.Path{Nodes: []graph.Node{uzbekistan, kazakhstan}, Rels: []graph.Relationship{leg}}, int64(1)},
		{graph.Path{Nodes: []graph.Node{csto}}, int64(0)},
	}},
	{"nulls", []string{"id", "since", "until", "note"}, [][]any{
		{"kazakhstan", graph.MustDate("1994-05-27"), nil, nil},
		{nil, nil, nil, nil},
		{"tajikistan", nil, graph.MustDate("2012-06-28"), ""},
	}},
	{"unicode", []string{"id", "name", "note"}, [][]any{
		{"kazakhstan", "Қазақстан", "Казахстан — член ОДКБ"},
		{"sco", "上海合作组织", "Shanghai Cooperation Organisation (上合组织)"},
		{"cafe", "Cafe\u0301", "combining accent"},
		{"notes", "line one\nline two", "tab\there, back\\slash, \"quoted\", comma, <b>&amp;</b>, bell\a"},
	}},
	{"nested", []string{"list", "map", "nodes"}, [][]any{
		{[]any{int64(1), 2.5, "three", nil, true}, map[string]any{"b": []any{"x", "y"}, "a": map[string]any{"deep": int64(1)}}, []any{csto, uzbekistan}},
		{[]any{}, map[string]any{}, []any{map[string]any{"since": graph.MustDate("2001-06-15")}}},
	}},
	{"scalars", []string{"int", "float", "bool", "date", "datetime", "duration"}, [][]any{
		{int64(42), 3.0, true, graph.MustDate("2012-02-01"), time.Date(2012, 2, 1, 9, 30, 0, 0, time.UTC), 90 * time.Minute},
		{int64(-7), 0.125, false, graph.MustDate("2012"), time.Date(2012, 2, 1, 9, 30, 0, 500, time.FixedZone("", 5*3600)), time.Duration(0)},
		{int64(math.MaxInt64), math.NaN(), nil, graph.MustDate("2012-06"), nil, nil},
		{int64(0), math.Inf(-1), nil, nil, nil, nil},
	}},
	{"empty", []string{"org", "members"}, nil},
}

var extensions = map[string]string{Table: "txt", CSV: "csv", TSV: "tsv", JSON: "json", JSONL: "jsonl", Markdown: "md"}

func render(t *testing.T, format string, keys []string, rows [][]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(format, &buf, keys)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(graph.Record{Keys: keys, Values: r}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", file), got)
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		for _, f := range Formats {
			t.Run(c.name+"/"+f, func(t *testing.T) {
				golden(t, c.name+"."+extensions[f], render(t, f, c.keys, c.rows))
			})
		}
	}
}

// The machine formats must read back with standard readers, one record per
// row, whatever the values hold.
func TestMachineFormatsParse(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			recs, err := csv.NewReader(bytes.NewReader(render(t, CSV, c.keys, c.rows))).ReadAll()
			if err != nil {
				t.Fatalf("csv: %v", err)
			}
			if len(recs) != len(c.rows)+1 {
				t.Errorf("csv: %d rows, want %d and a header", len(recs), len(c.rows))
			}
			tsv := strings.TrimSuffix(string(render(t, TSV, c.keys, c.rows)), "\n")
			if lines := strings.Split(tsv, "\n"); len(lines) != len(c.rows)+1 {
				t.Errorf("tsv: %d lines, want %d and a header", len(lines), len(c.rows))
			} else {
				for _, l := range lines {
					if n := strings.Count(l, "\t") + 1; n != len(c.keys) {
						t.Errorf("tsv: %d fields in %q, want %d", n, l, len(c.keys))
					}
				}
			}
			var arr []map[string]any
			if err := json.Unmarshal(render(t, JSON, c.keys, c.rows), &arr); err != nil {
				t.Fatalf("json: %v", err)
			}
			if len(arr) != len(c.rows) {
				t.Errorf("json: %d elements, want %d", len(arr), len(c.rows))
			}
			dec := json.NewDecoder(bytes.NewReader(render(t, JSONL, c.keys, c.rows)))
			n := 0
			for {
				var m map[string]any
				if err := dec.Decode(&m); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("jsonl: %v", err)
				}
				n++
			}
			if n != len(c.rows) {
				t.Errorf("jsonl: %d lines, want %d", n, len(c.rows))
			}
		})
	}
}

func TestTSVEscapesReversibly(t *testing.T) {
	in := "a\tb\nc\\nd\re"
	got := string(render(t, TSV, []string{"v"}, [][]any{{in}}))
	want := "v\n" + `a\tb\nc\\nd\re` + "\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	back := strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n", `\r`, "\r").Replace(strings.Split(got, "\n")[1])
	if back != in {
		t.Errorf("unescaped %q, want %q", back, in)
	}
}

// TestDelimitedEscapesControls: ESC and other control characters never
// reach a terminal raw from CSV or TSV; TSV still undoes exactly.
func TestDelimitedEscapesControls(t *testing.T) {
	in := "red\x1b[31m bell\a del\x7f csi\u009b tab\tend"
	for format, want := range map[string]string{
		CSV: "v\n" + `red\x1b[31m bell\x07 del\x7f csi\x9b tab` + "\tend\n",
		TSV: "v\n" + `red\x1b[31m bell\x07 del\x7f csi\x9b tab\tend` + "\n",
	} {
		got := string(render(t, format, []string{"v"}, [][]any{{in}}))
		if got != want {
			t.Errorf("%s: got %q, want %q", format, got, want)
		}
	}
	if got := string(render(t, CSV, []string{"k\x1b"}, nil)); got != "k\\x1b\n" {
		t.Errorf("header: %q", got)
	}
}

func TestTableChunks(t *testing.T) {
	var buf bytes.Buffer
	w := NewTable(&buf, []string{"id", "name"}, TableOptions{ChunkRows: 2, MaxWidth: 12})
	rows := [][]any{
		{"kg", "Kyrgyzstan"}, {"tj", "Tajikistan"},
		{"tm", "Turkmenistan"}, {"uz", "Uzbekistan"}, // same widths: no new header
		{"sco", "上海合作组织 (SCO)"}, // wider and cut: header repeated
	}
	for i, r := range rows {
		if err := w.Write(graph.Record{Values: r}); err != nil {
			t.Fatal(err)
		}
		if i == 0 && buf.Len() > 0 {
			t.Fatal("wrote before the first chunk was full")
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	golden(t, "table-chunks.txt", buf.Bytes())
}

func TestKeysFromFirstRecord(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(CSV, &buf, nil)
	if err := w.Write(graph.Record{Keys: []string{"a", "b"}, Values: []any{int64(1), "x"}}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if got, want := buf.String(), "a,b\n1,x\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// With no keys and no records there is nothing to say.
	for _, f := range []string{Table, CSV, TSV, JSONL} {
		buf.Reset()
		w, _ := New(f, &buf, nil)
		w.Close()
		if buf.Len() != 0 {
			t.Errorf("%s: empty result without keys wrote %q", f, buf.String())
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := New("xml", io.Discard, nil); err == nil || !strings.Contains(err.Error(), "table, csv, tsv, json, jsonl") {
		t.Errorf("unknown format: %v", err)
	}
	for _, f := range Formats {
		w, _ := New(f, io.Discard, []string{"a", "b"})
		if err := w.Write(graph.Record{Values: []any{1}}); err == nil {
			t.Errorf("%s: a record with too few values was accepted", f)
		}
		w.Close()
		if err := w.Write(graph.Record{Values: []any{1, 2}}); err != ErrClosed {
			t.Errorf("%s: write after close: %v", f, err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("%s: second close: %v", f, err)
		}
	}
	w, _ := New(JSON, io.Discard, []string{"c"})
	if err := w.Write(graph.Record{Values: []any{make(chan int)}}); err == nil || !strings.Contains(err.Error(), "column c") {
		t.Errorf("unencodable value: %v", err)
	}
}

func TestAutoFormat(t *testing.T) {
	if AutoFormat(true) != Table || AutoFormat(false) != CSV {
		t.Errorf("AutoFormat: terminal %q, pipe %q", AutoFormat(true), AutoFormat(false))
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "Қазақстан": 9, "上海": 4, "Cafe\u0301": 4, "": 0} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// liveHeap is the heap in use after collecting garbage.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// retaining is a Writer that keeps every record, as a writer that buffered
// its whole result would; it shows that the heap check below can fail.
type retaining struct{ recs []graph.Record }

func (r *retaining) Write(rec graph.Record) error { r.recs = append(r.recs, rec); return nil }
func (r *retaining) Close() error                 { return nil }

const streamRecords = 100_000

// heapGrowth writes streamRecords fresh records to w and reports how much
// the live heap grew while w is still open: whatever w holds on to is live.
func heapGrowth(w Writer) (int64, error) {
	keys := []string{"id", "name", "since", "sources"}
	before := liveHeap()
	for i := range streamRecords {
		rec := graph.Record{Keys: keys, Values: []any{
			fmt.Sprintf("actor-%06d", i), fmt.Sprintf("Actor number %d with a longer display name", i),
			graph.Date{Year: 1990 + i%30, Month: 1 + i%12, Day: 1 + i%28},
			[]any{fmt.Sprintf("general-reference, record %d", i)},
		}}
		if err := w.Write(rec); err != nil {
			return 0, err
		}
	}
	after := liveHeap()
	runtime.KeepAlive(w)
	return int64(after) - int64(before), w.Close()
}

// Streaming formats must hold a bounded amount of the result: a writer that
// kept 100k records would hold tens of megabytes; table holds one chunk.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100k records per format")
	}
	const limit = 2 << 20
	control, err := heapGrowth(&retaining{})
	if err != nil {
		t.Fatal(err)
	}
	if control < 4*limit {
		t.Fatalf("a writer keeping every record grew the heap by only %d bytes; the check cannot tell", control)
	}
	for _, f := range Formats {
		w, _ := New(f, io.Discard, nil)
		grew, err := heapGrowth(w)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: heap grew by %d bytes over %d records (keeping them: %d)", f, grew, streamRecords, control)
		if grew > limit {
			t.Errorf("%s: heap grew by %d bytes over %d records; want under %d", f, grew, streamRecords, limit)
		}
	}
}

func TestFitRows(t *testing.T) {
	rows := [][]string{
		{"state", "sources"},
		{"Kazakhstan", "eucam-watch-11, Kazakhstan: IPAP since 2006, third cycle agreed"},
	}
	FitRows(rows, 40)
	for _, r := range rows {
		if w := displayWidth(r[0]) + 2 + displayWidth(r[1]); w > 40 {
			t.Errorf("row %q is %d columns wide, want at most 40", r, w)
		}
	}
	if rows[1][0] != "Kazakhstan" || !strings.HasSuffix(rows[1][1], "…") {
		t.Errorf("the wide column should be cut, the narrow one kept: %q", rows[1])
	}
	whole := [][]string{{"a", "b"}, {"long value", "x"}}
	FitRows(whole, 0)
	if whole[1][0] != "long value" {
		t.Errorf("width 0 must keep values whole, got %q", whole[1][0])
	}
}
