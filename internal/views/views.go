// Package views defines relmap's built-in figures once: for each, its name,
// the named question that fetches it from the database, the layout that
// suits its shape, how its title reads, and how its subgraph is selected
// from a dataset in memory. render draws a view from the database
// (relmap render --view), the report and compare draw the same views from
// the dataset they already hold, and an integration test runs both
// selections against each other.
package views

import (
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
)

// Params are a view's parameters, named as its question's (org, network,
// id, depth, region, at).
type Params map[string]any

func (p Params) str(k string) string {
	if v, ok := p[k]; ok && v != nil {
		return fmt.Sprint(v)
	}
	return ""
}

func (p Params) date(k string) graph.Date {
	d, _ := p[k].(graph.Date)
	return d
}

func (p Params) int(k string, def int) int {
	switch x := p[k].(type) {
	case int:
		return x
	case int64:
		return int(x)
	}
	return def
}

// View is one built-in view.
type View struct {
	Name string
	// Query is the named question (internal/queries) that fetches the
	// view's subgraph from the database.
	Query string
	// Layout is the Graphviz engine that suits the view's shape: spheres
	// radiate from one centre, routes and ladders read as a sequence, and a
	// neighbourhood stands in columns either side of its actor.
	Layout string
	// Title names the figure; ds supplies the actors' labels.
	Title func(ds *graph.Dataset, p Params) string
	// Select picks the view's subgraph from a dataset in memory, the
	// ties of the question's answer on p's day.
	Select func(ds *graph.Dataset, p Params) render.Subgraph
	// Asks, when set, are the ties the view is about in every period: a
	// day on which none of them is in force draws nothing the view is for,
	// even when the figure keeps the structure around them (the ladder's
	// rungs are drawn whatever the day), and is refused as an empty answer.
	Asks func(ds *graph.Dataset, p Params) (what string, ties []graph.Tie)
}

// All are the built-in views, by name.
var All = []View{
	{Name: "ladder", Query: "view-ladder", Layout: "dot", Title: ladderTitle, Select: selectLadder, Asks: ladderAsks},
	{Name: "ndn", Query: "view-ndn", Layout: "dot", Title: networkTitle, Select: selectNetwork},
	// The same legs on a map: where the network runs, over Central Asia
	// and its neighbours.
	{Name: "map", Query: "view-ndn", Layout: "geo", Title: mapTitle, Select: selectNetwork},
	// One actor's ties: radially drawn, 25 neighbours made a figure too
	// wide to print; dot draws them in two columns either side of the
	// actor (render's star layout).
	{Name: "neighbourhood", Query: "view-neighbourhood", Layout: "dot", Title: neighbourhoodTitle, Select: selectNeighbourhood},
	{Name: "sphere", Query: "view-sphere", Layout: "twopi", Title: sphereTitle, Select: selectSphere},
}

// Get returns the view called name.
func Get(name string) (View, bool) {
	for _, v := range All {
		if v.Name == name {
			return v, true
		}
	}
	return View{}, false
}

// Names lists the views' names, sorted.
func Names() []string {
	out := make([]string, len(All))
	for i, v := range All {
		out[i] = v.Name
	}
	sort.Strings(out)
	return out
}

// LayoutFor is the engine a view is drawn with when the caller asked for
// auto: the view's own up to render.ForceAbove actors, past which
// Graphviz's engines take seconds and auto places nodes itself. A map
// stays a map: its nodes are placed already.
func (v View) LayoutFor(asked string, actors int) string {
	if asked == "auto" && (actors <= render.ForceAbove || v.Layout == "geo") {
		return v.Layout
	}
	return asked
}

func label(ds *graph.Dataset, id string) string {
	if a, ok := ds.Actor(id); ok {
		return a.Label()
	}
	return id
}

func sphereTitle(ds *graph.Dataset, p Params) string {
	return fmt.Sprintf("The %s sphere", label(ds, p.str("org")))
}

func networkTitle(ds *graph.Dataset, p Params) string {
	if a, ok := ds.Actor(p.str("network")); ok {
		return "The " + a.Name + ", leg by leg"
	}
	return p.str("network") + ", leg by leg"
}

func mapTitle(ds *graph.Dataset, p Params) string {
	name := p.str("network")
	if a, ok := ds.Actor(name); ok {
		name = a.Name
	}
	return "The " + name + " over Central Asia and its neighbours"
}

func neighbourhoodTitle(ds *graph.Dataset, p Params) string {
	return "Ties of " + label(ds, p.str("id"))
}

func ladderTitle(ds *graph.Dataset, p Params) string {
	return "NATO's partnership ladder in " + RegionName(p.str("region"))
}

// RegionName turns a region slug into words: central-asia is Central Asia.
func RegionName(r string) string {
	if r == compare.AllRegions {
		return "all states"
	}
	words := strings.Split(r, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func kinds(ds *graph.Dataset) map[string]graph.Kind {
	m := make(map[string]graph.Kind, len(ds.Actors))
	for _, a := range ds.Actors {
		m[a.ID] = a.Kind
	}
	return m
}

// SphereTies are the ties in force on at that place an actor in org's
// sphere, as view-sphere selects them: every membership of org, whatever the
// role, and every state's participation (any status) or IPAP in force in a
// programme of the sphere (graph.SphereProgrammes).
func SphereTies(ds *graph.Dataset, org string, at graph.Date) []graph.Tie {
	kind := kinds(ds)
	progs := graph.SphereProgrammes(ds, org)
	var out []graph.Tie
	for _, t := range ds.Ties {
		if !t.ValidAt(at) {
			continue
		}
		switch t.Type {
		case graph.TieMemberOf:
			if t.To == org {
				out = append(out, t)
			}
		case graph.TieParticipates, graph.TieIPAP:
			if progs[t.To] && kind[t.From] == graph.KindState {
				out = append(out, t)
			}
		}
	}
	return out
}

func selectSphere(ds *graph.Dataset, p Params) render.Subgraph {
	org, _ := ds.Actor(p.str("org"))
	return Subgraph(ds, nil, []graph.Actor{org}, SphereTies(ds, org.ID, p.date("at")))
}

// RouteDepth is how far below a network its routes reach (PART_OF), as
// view-ndn walks them.
const RouteDepth = 3

// NetworkTies are the transit legs of a network's routes in every period:
// the network's own and those of routes part of it, RouteDepth levels down.
func NetworkTies(ds *graph.Dataset, network string) []graph.Tie {
	kind := kinds(ds)
	routes := map[string]bool{network: true}
	for range RouteDepth {
		for _, t := range ds.Ties {
			if t.Type == graph.TiePartOf && routes[t.To] && kind[t.From] == graph.KindRoute {
				routes[t.From] = true
			}
		}
	}
	var out []graph.Tie
	for _, t := range ds.Ties {
		if t.Type == graph.TieTransit && routes[t.Attrs["route"]] {
			out = append(out, t)
		}
	}
	return out
}

func selectNetwork(ds *graph.Dataset, p Params) render.Subgraph {
	return Subgraph(ds, nil, nil, NetworkTies(ds, p.str("network")))
}

// Ladder is the partnership ladder of the organisations that have one,
// shallowest rung first.
func Ladder(orgs []graph.Actor) []graph.Rung {
	var out []graph.Rung
	for _, o := range orgs {
		if s, ok := graph.LookupSphere(o.ID); ok {
			out = append(out, s.Ladder...)
		}
	}
	return out
}

// LadderTies are the states' participations (any status) and IPAPs in force
// on at in a programme of the ladder.
func LadderTies(ds *graph.Dataset, states []graph.Actor, ladder []graph.Rung, at graph.Date) []graph.Tie {
	return ladderTies(ds, states, ladder, func(t graph.Tie) bool { return t.ValidAt(at) })
}

// ladderTies are the states' participations and IPAPs in a programme of the
// ladder that keep accepts.
func ladderTies(ds *graph.Dataset, states []graph.Actor, ladder []graph.Rung, keep func(graph.Tie) bool) []graph.Tie {
	in, rung := map[string]bool{}, map[string]bool{}
	for _, s := range states {
		in[s.ID] = true
	}
	for _, r := range ladder {
		rung[r.Programme] = true
	}
	var out []graph.Tie
	for _, t := range ds.Ties {
		if (t.Type == graph.TieParticipates || t.Type == graph.TieIPAP) && in[t.From] && rung[t.To] && keep(t) {
			out = append(out, t)
		}
	}
	return out
}

func selectLadder(ds *graph.Dataset, p Params) render.Subgraph {
	return Subgraph(ds, nil, nil, LadderTies(ds, ladderStates(ds, p.str("region")), graph.NATOLadder, p.date("at")))
}

// ladderStates are the states of region (compare.AllRegions: every state).
func ladderStates(ds *graph.Dataset, region string) []graph.Actor {
	var states []graph.Actor
	for _, a := range ds.Actors {
		if a.Kind == graph.KindState && (region == compare.AllRegions || a.Region == region) {
			states = append(states, a)
		}
	}
	return states
}

// ladderAsks are the region's states' places on the ladder in any period.
func ladderAsks(ds *graph.Dataset, p Params) (string, []graph.Tie) {
	region := p.str("region")
	return "no place of a state of " + RegionName(region) + " on NATO's partnership ladder",
		ladderTies(ds, ladderStates(ds, region), graph.NATOLadder, func(graph.Tie) bool { return true })
}

// NeighbourhoodTies are the ties in force on at within depth steps (1 or 2)
// of actor id, either way along, as view-neighbourhood selects them.
func NeighbourhoodTies(ds *graph.Dataset, id string, depth int, at graph.Date) []graph.Tie {
	reached := map[string]bool{id: true}
	seen := map[string]bool{}
	var out []graph.Tie
	for range min(max(depth, 1), 2) {
		next := map[string]bool{}
		for _, t := range ds.Ties {
			if seen[t.Key] || !t.ValidAt(at) || !reached[t.From] && !reached[t.To] {
				continue
			}
			seen[t.Key] = true
			out = append(out, t)
			next[t.From], next[t.To] = true, true
		}
		for a := range next {
			reached[a] = true
		}
	}
	return out
}

func selectNeighbourhood(ds *graph.Dataset, p Params) render.Subgraph {
	sg, _, _ := plain(ds, nil, nil, NeighbourhoodTies(ds, p.str("id"), p.int("depth", 1), p.date("at")))
	sg.Sort()
	return sg
}
