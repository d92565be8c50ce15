package queries

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestAttestation(t *testing.T) {
	for _, c := range []struct {
		keys            []string
		values          []any
		has, unconfirmd bool
	}{
		{[]string{"member", "confirmed"}, []any{"kazakhstan", true}, true, false},
		{[]string{"member", "confirmed"}, []any{"kazakhstan", false}, true, true},
		{[]string{"state", "confirmed"}, []any{"turkmenistan", nil}, false, false},
		{[]string{"type", "in_force", "confirmed"}, []any{"HOSTS", false, false}, true, false},
		{[]string{"type", "in_force", "confirmed"}, []any{"HOSTS", true, false}, true, true},
		{[]string{"n"}, []any{int64(1)}, false, false},
	} {
		has, un := Attestation(graph.Record{Keys: c.keys, Values: c.values})
		if has != c.has || un != c.unconfirmd {
			t.Errorf("%v %v: Attestation = %v, %v; want %v, %v", c.keys, c.values, has, un, c.has, c.unconfirmd)
		}
	}
	// Every named question that returns confirmed returns attested too.
	for _, q := range All() {
		body := stripped(q.Cypher)
		c, a := strings.Contains(body, "AS "+ColConfirmed), strings.Contains(body, "AS "+ColAttested)
		if c != a {
			t.Errorf("%s: returns confirmed %v but attested %v", q.Name, c, a)
		}
	}
}
