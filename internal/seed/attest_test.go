package seed

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/relmap/relmap/graph"
)

const attestYAML = `dataset: att
documents:
  - id: watch
    title: A dated source
    published: 2012-02
    kind: document
  - id: ref
    title: General reference
    kind: reference
actors:
  - {id: kz, kind: state, name: Kazakhstan}
  - {id: org, kind: organisation, name: Organisation}
  - {id: prog, kind: programme, name: Programme}
ties:
  - type: member_of
    from: kz
    to: org
    role: member
    since: 1992
    sources:
      - {doc: ref, section: record, evidence: joined 1992, checked: 2026-11}
      - {doc: watch, section: Editorial, evidence: a member}
  - type: participates_in
    from: kz
    to: prog
    status: active
    since: 2010
    sources:
      - {doc: watch, section: Editorial, evidence: takes part}
  - type: participates_in
    from: kz
    to: prog
    status: interested
    since: 2010
    until: 2014-06-03
    sources:
      - {doc: watch, section: Editorial, evidence: interested}
  - type: supports
    from: kz
    to: org
    since: 2010
    sources:
      - {doc: ref, section: record, evidence: unchecked}
`

const attestCSV = `dataset,type,from,to,since,attrs,sources
att,supports,org,kz,2011,,ref | record | checked in CSV | 2026-10-15 || watch | Editorial | supports
`

// Citations' checked dates are read from YAML and CSV, and every tie gets
// its attestation when the seeds are built; a CSV export writes the checked
// dates back, so that reading the export gives the same ties.
func TestAttestedWhenBuilt(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "att.yaml"), []byte(attestYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "more.ties.csv"), []byte(attestCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	ds, err := LoadPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // tie key prefix -> attested
		"member_of|kz|org":                    "2026-11",
		"participates_in|kz|prog|status=act":  "2012-02",
		"participates_in|kz|prog|status=inte": "2014-06-03",
		"supports|kz|org":                     "",
		"supports|org|kz":                     "2026-10-15",
	}
	got := map[string]string{}
	for _, tie := range ds[0].Ties {
		for prefix := range want {
			if len(tie.Key) >= len(prefix) && tie.Key[:len(prefix)] == prefix {
				got[prefix] = tie.Attested.String()
			}
		}
	}
	for prefix, w := range want {
		if got[prefix] != w {
			t.Errorf("%s: attested %q, want %q", prefix, got[prefix], w)
		}
	}
	today := graph.MustDate("2026-12-04")
	for _, tie := range ds[0].Ties {
		if tie.Key[:len("member_of")] == "member_of" && tie.ConfirmedAt(today) {
			t.Errorf("%s confirmed on %s though checked in November", tie.Key, today)
		}
	}

	out := t.TempDir()
	if err := WriteCSV(out, ds[0]); err != nil {
		t.Fatal(err)
	}
	back, err := LoadPaths([]string{out})
	if err != nil {
		t.Fatal(err)
	}
	if back[0].Hash() != ds[0].Hash() {
		t.Error("the CSV export read back differs from the original (checked dates lost?)")
	}
}

// seeds stats' counts on a day: ended ties, and of those in force the
// confirmed and the unconfirmed, by the year they were last attested.
func TestTimeStats(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "att.yaml"), []byte(attestYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	ds, err := LoadPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at                                                 string
		ended, inForce, confirmed, unconfirmed, unattested int
		last                                               map[int]int
	}{
		// member_of checked 2026-11; participates_in active (the source, 2012-02);
		// the interest ended 2014-06-03; supports (never attested)
		{"2012-02-29", 1, 4, 3, 1, 1, map[int]int{0: 1}},
		{"2012-03-01", 1, 4, 2, 2, 1, map[int]int{0: 1, 2012: 1}},
		{"2014-06-02", 1, 4, 2, 2, 1, map[int]int{0: 1, 2012: 1}},
		{"2026-11-30", 1, 3, 1, 2, 1, map[int]int{0: 1, 2012: 1}},
		{"2026-12-01", 1, 3, 0, 3, 1, map[int]int{0: 1, 2012: 1, 2026: 1}},
	}
	for _, tt := range tests {
		s := Time(ds[0], graph.MustDate(tt.at))
		got := []int{s.Ended, s.InForce, s.Confirmed, s.Unconfirmed, s.Unattested}
		want := []int{tt.ended, tt.inForce, tt.confirmed, tt.unconfirmed, tt.unattested}
		if fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(s.LastByYear) != fmt.Sprint(tt.last) {
			t.Errorf("on %s: ended, in force, confirmed, unconfirmed, unattested = %v, want %v; last attested %v, want %v",
				tt.at, got, want, s.LastByYear, tt.last)
		}
	}
}
