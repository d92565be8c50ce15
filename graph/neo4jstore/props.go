package neo4jstore

import (
	"fmt"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relmap/relmap/graph"
)

// This file turns domain items into Neo4j properties and back.
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
}

func citationsFromProps(m map[string]any) []graph.Citation {
	docs := strList(m[graph.PropSrcDoc])
	sects := strList(m[graph.PropSrcSect])
	evid := strList(m[graph.PropSrcEvid])
	var out []graph.Citation
	for i := range docs {
		c := graph.Citation{Doc: docs[i]}
		if i < len(sects) {
			c.Section = sects[i]
		}
		if i < len(evid) {
			c.Evidence = evid[i]
		}
		out = append(out, c)
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

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// setOpt sets a property only when it has a value: Neo4j does not store nulls,
// and reading back an absent property gives "" again.
func setOpt(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func dateFromProps(m map[string]any, k, precKey string) graph.Date {
	v, ok := m[k].(dbtype.Date)
	if !ok {
		return graph.Date{}
	}
	t := v.Time()
	d := graph.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	switch graph.Precision(str(m, precKey)) {
	case graph.PrecisionYear:
		d.Month, d.Day = 0, 0
	case graph.PrecisionMonth:
		d.Day = 0
	}
	return d
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

func documentFromProps(m map[string]any) graph.Document {
	pub, _ := graph.ParseDate(str(m, "published"))
	return graph.Document{ID: str(m, graph.PropID), Dataset: str(m, graph.PropDataset), Title: str(m, "title"),
		Publisher: str(m, "publisher"), Published: pub, URL: str(m, "url"), Kind: str(m, graph.PropKind), Note: str(m, graph.PropNote)}
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
	return m
}

func actorFromProps(m map[string]any) graph.Actor {
	a := graph.Actor{ID: str(m, graph.PropID), Dataset: str(m, graph.PropDataset), Kind: graph.Kind(str(m, graph.PropKind)),
		Name: str(m, graph.PropName), Short: str(m, graph.PropShort), Region: str(m, graph.PropRegion), Note: str(m, graph.PropNote)}
	if _, ok := m[graph.PropAliases]; ok {
		a.Aliases = strList(m[graph.PropAliases])
	}
	a.Sources = citationsFromProps(m)
	return a
}

// common are the tie properties that are not attributes.
var common = map[string]bool{
	graph.PropKey: true, graph.PropDataset: true, graph.PropSince: true, graph.PropSincePr: true,
	graph.PropUntil: true, graph.PropUntilPr: true, graph.PropNote: true, graph.PropSrcDoc: true,
	graph.PropSrcSect: true, graph.PropSrcEvid: true, graph.PropSources: true, graph.PropTypeName: true,
}

func tieFromRow(rel, from, to string, m map[string]any) (graph.Tie, bool) {
	info, ok := graph.TieTypeByRel(rel)
	if !ok {
		return graph.Tie{}, false
	}
	t := graph.Tie{Type: info.Type, From: from, To: to, Key: str(m, graph.PropKey), Dataset: str(m, graph.PropDataset),
		Note: str(m, graph.PropNote), Since: dateFromProps(m, graph.PropSince, graph.PropSincePr),
		Until: dateFromProps(m, graph.PropUntil, graph.PropUntilPr), Sources: citationsFromProps(m)}
	for k, v := range m {
		if common[k] {
			continue
		}
		if t.Attrs == nil {
			t.Attrs = map[string]string{}
		}
		switch x := v.(type) {
		case string:
			t.Attrs[k] = x
		case int64:
			t.Attrs[k] = strconv.FormatInt(x, 10)
		default:
			t.Attrs[k] = fmt.Sprint(x)
		}
	}
	return t, true
}
