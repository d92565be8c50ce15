package neo4jstore

import (
	"github.com/relmap/relmap/graph"
)

// This file turns domain items into Neo4j properties; graph decodes them
// (graph.ActorFromProps and the like).
func citationLists(cs []graph.Citation) (docs, sects, evid, rendered []string) {
	docs = make([]string, len(cs))
	sects = make([]string, len(cs))
	evid = make([]string, len(cs))
	rendered = make([]string, len(cs))
	for i, c := range cs {
		docs[i], sects[i], evid[i], rendered[i] = c.Doc, c.Section, c.Evidence, c.String()
	}
	return docs, sects, evid, rendered
}

func citationProps(m map[string]any, cs []graph.Citation) {
	docs, sects, evid, rendered := citationLists(cs)
	m[graph.PropSrcDoc] = docs
	m[graph.PropSrcSect] = sects
	m[graph.PropSrcEvid] = evid
	m[graph.PropSources] = rendered
	if checked := checkedList(cs); checked != nil {
		m[graph.PropSrcCheck] = checked
	}
}

// checkedList is the citations' checked dates, or nil (no property) when
// none has one.
func checkedList(cs []graph.Citation) []string {
	var out []string
	for i, c := range cs {
		if !c.Checked.IsZero() && out == nil {
			out = make([]string, len(cs))
		}
		if out != nil {
			out[i] = c.Checked.String()
		}
	}
	return out
}

func strList(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, e := range l {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

// setOpt sets a property only when it has a value: Neo4j does not store nulls,
// and reading back an absent property gives "" again.
func setOpt(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func documentProps(d graph.Document) map[string]any {
	m := map[string]any{graph.PropID: d.ID, graph.PropDataset: d.Dataset}
	setOpt(m, "title", d.Title)
	setOpt(m, "publisher", d.Publisher)
	setOpt(m, "published", d.Published.String())
	setOpt(m, "url", d.URL)
	setOpt(m, graph.PropKind, d.Kind)
	setOpt(m, graph.PropNote, d.Note)
	return m
}

func actorProps(a graph.Actor) map[string]any {
	m := map[string]any{graph.PropID: a.ID, graph.PropDataset: a.Dataset, graph.PropKind: string(a.Kind), graph.PropName: a.Name}
	setOpt(m, graph.PropShort, a.Short)
	setOpt(m, graph.PropRegion, a.Region)
	setOpt(m, graph.PropNote, a.Note)
	if len(a.Aliases) > 0 {
		m[graph.PropAliases] = a.Aliases
	}
	if len(a.Sources) > 0 {
		citationProps(m, a.Sources)
	}
	if a.At != nil {
		m[graph.PropLat], m[graph.PropLon] = a.At.Lat, a.At.Lon
		if len(a.At.Sources) > 0 {
			m[graph.PropCoordSrc] = graph.PointCitations(a.At.Sources)
		}
	}
	return m
}
