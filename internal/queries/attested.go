package queries

import "github.com/relmap/relmap/graph"

// The named questions that answer with ties say, per row, how far the
// tie's sources reach (column attested) and whether one speaks for it on
// $at (column confirmed, graph.ConfirmedAtCypher in the Cypher).
const (
	ColAttested  = "attested"
	ColConfirmed = "confirmed"
	colInForce   = "in_force"
)

// Attestation reads a row's confirmed column: has is false when the row
// has none or it is null (no tie, or no day asked); unconfirmed is true when
// the row rests on a tie in force on the day that no source speaks for then.
// A row a question marks not in force (in_force false) rests on nothing that
// day.
func Attestation(r graph.Record) (has, unconfirmed bool) {
	confirmed, ok := value(r, ColConfirmed).(bool)
	if !ok {
		return false, false
	}
	if inForce, ok := value(r, colInForce).(bool); ok && !inForce {
		return true, false
	}
	return true, !confirmed
}

func value(r graph.Record, key string) any {
	for i, k := range r.Keys {
		if k == key && i < len(r.Values) {
			return r.Values[i]
		}
	}
	return nil
}
