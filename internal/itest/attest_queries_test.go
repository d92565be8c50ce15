package itest

import (
	"testing"

	"github.com/relmap/relmap/graph"
)

// A named question's confirmed column (graph.ConfirmedAtCypher in its
// Cypher) agrees with graph.Tie.ConfirmedAt: members-at for each sphere on
// the source's date, the day after 2012, today, and the last day each
// membership is attested and the day after; the attested column reads as
// the tie's attestation.
func TestNamedQuestionConfirmedAgrees(t *testing.T) {
	s, snap := loadBuiltIn(t)
	days := map[graph.Date]bool{graph.MustDate("2012-02-01"): true, graph.MustDate("2013-01-01"): true, graph.Today(): true}
	for _, tie := range snap.Ties {
		if tie.Type == graph.TieMemberOf && !tie.Attested.IsZero() {
			days[graph.Day(tie.Attested.Last())] = true
			days[graph.Day(tie.Attested.Last().AddDate(0, 0, 1))] = true
		}
	}
	rows, unconfirmed := 0, 0
	for _, org := range graph.SphereOrgs() {
		for day := range days {
			want := map[string]graph.Tie{}
			for _, tie := range snap.Ties {
				if tie.Type == graph.TieMemberOf && tie.To == org && tie.ValidAt(day) {
					want[tie.From+"|"+tie.Attrs["role"]] = tie
				}
			}
			res := runNamedQuery(t, s, "members-at", map[string]any{"org": org, "at": day})
			if len(res.Rows) != len(want) {
				t.Errorf("members-at %s on %s: %d rows, %d ties in force", org, day, len(res.Rows), len(want))
			}
			for _, row := range res.Rows {
				member, _ := row["member"].(string)
				role, _ := row["role"].(string)
				tie, ok := want[member+"|"+role]
				if !ok {
					t.Errorf("members-at %s on %s: row %s %s has no tie in force", org, day, member, role)
					continue
				}
				got, isBool := row["confirmed"].(bool)
				if !isBool || got != tie.ConfirmedAt(day) {
					t.Errorf("%s on %s: Cypher confirmed=%v, Go %v (attested %s)", tie.Key, day, row["confirmed"], tie.ConfirmedAt(day), tie.Attested)
				}
				if a, _ := row["attested"].(string); a != tie.Attested.String() && !(a == "" && tie.Attested.IsZero()) {
					t.Errorf("%s: attested column %q, tie attested %s", tie.Key, a, tie.Attested)
				}
				rows++
				if !got {
					unconfirmed++
				}
			}
		}
	}
	if rows == 0 {
		t.Fatal("no rows checked")
	}
	t.Logf("%d rows checked on %d days, %d unconfirmed", rows, len(days), unconfirmed)
}
