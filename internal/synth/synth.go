// Package synth makes deterministic synthetic datasets of any size, valid
// under the domain's rules, for scale tests and benchmarks.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/relmap/relmap/graph"
)

// Name is the dataset name synthetic data is loaded under.
const Name = "synthetic"

// Generate returns a dataset of n actors and m ties. The same arguments give
// the same dataset on every machine.
func Generate(n, m int, seed uint64) *graph.Dataset {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	d := &graph.Dataset{Name: Name}
	d.Documents = []graph.Document{{ID: "synthetic-source", Title: "Synthetic source", Kind: "reference", Dataset: Name}}
	kinds := []graph.Kind{graph.KindState, graph.KindOrganisation, graph.KindProgramme, graph.KindInitiative, graph.KindPlace}
	var orgs, progs []int
	for i := 0; i < n; i++ {
		k := kinds[0]
		switch x := i % 20; {
		case x == 1:
			k = graph.KindOrganisation
			orgs = append(orgs, i)
		case x == 2:
			k = graph.KindProgramme
			progs = append(progs, i)
		case x < 6:
			k = kinds[3+i%2]
		}
		d.Actors = append(d.Actors, graph.Actor{ID: actorID(i), Kind: k, Name: fmt.Sprintf("Actor %d", i),
			Region: fmt.Sprintf("region-%d", i%7), Dataset: Name})
	}
	roles := []string{graph.RoleMember, graph.RoleMember, graph.RoleObserver, graph.RoleDialoguePartner, graph.RoleSuspended}
	for j := 0; j < m; j++ {
		from := r.IntN(n)
		t := graph.Tie{Dataset: Name, From: actorID(from), Key: ""}
		year := 1990 + r.IntN(35)
		t.Since = graph.Date{Year: year, Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
		if r.IntN(4) == 0 {
			t.Until = graph.Date{Year: year + 1 + r.IntN(10)}
		}
		isState := d.Actors[from].Kind == graph.KindState
		switch {
		case isState && len(orgs) > 0 && j%3 == 0:
			t.Type, t.To = graph.TieMemberOf, actorID(orgs[r.IntN(len(orgs))])
			t.Attrs = map[string]string{"role": roles[r.IntN(len(roles))]}
		case isState && len(progs) > 0 && j%3 == 1:
			t.Type, t.To = graph.TieParticipates, actorID(progs[r.IntN(len(progs))])
			t.Attrs = map[string]string{"status": graph.StatusActive}
		default:
			t.Type, t.To = graph.TieCooperates, actorID(r.IntN(n))
			t.Attrs = map[string]string{"field": fmt.Sprintf("field %d", r.IntN(10))}
		}
		t.Note = ""
		t.Sources = []graph.Citation{{Doc: "synthetic-source", Section: fmt.Sprintf("s%d", j%100), Evidence: "generated"}}
		// The source is undated: only an explicit end is attested, as when seeds are built.
		t.Attested = graph.Attest(t.Sources, t.Until, nil)
		// Every synthetic tie is its own period, so identities never collide.
		t.Key = graph.TieKey(t, fmt.Sprintf("t%d", j))
		d.Ties = append(d.Ties, t)
	}
	return d
}

func actorID(i int) string { return fmt.Sprintf("a%06d", i) }
