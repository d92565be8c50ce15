package seed

import "github.com/relmap/relmap/graph"

// TimeStats says how far a dataset's ties reach in time on one day: how many
// carry an end, and of those in force that day, how many their sources
// confirm (see the attestation rule in graph/attest.go).
type TimeStats struct {
	At          graph.Date
	Ties        int
	Ended       int         // ties with an until
	InForce     int         // in force on At
	Confirmed   int         // in force on At and attested on or after it
	Unconfirmed int         // in force on At only through an open end
	Unattested  int         // no source dates the tie at all
	LastByYear  map[int]int // unconfirmed ties by the year of their last attestation (0: none)
}

// Time counts d's ties against the attestation rule on day at.
func Time(d *graph.Dataset, at graph.Date) TimeStats {
	s := TimeStats{At: at, Ties: len(d.Ties), LastByYear: map[int]int{}}
	for _, t := range d.Ties {
		if !t.Until.IsZero() {
			s.Ended++
		}
		if t.Attested.IsZero() {
			s.Unattested++
		}
		if !t.ValidAt(at) {
			continue
		}
		s.InForce++
		switch {
		case t.ConfirmedAt(at):
			s.Confirmed++
		case t.UnconfirmedAt(at):
			s.Unconfirmed++
			s.LastByYear[t.Attested.Year]++
		}
	}
	return s
}
