package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/relmap/relmap/graph"
)

// Text renders a value for the text formats (table, csv, tsv), before any
// escaping the format needs. nil is the empty string; a node is
// (:Label {id: "nato", name: "…"}) with only its identifying properties, a
// relationship [:TYPE {attributes, since, until}] without its bookkeeping
// (key, dataset, sources), a path (a)-[:T]->(b) by node ids: text is for
// reading, and JSON carries everything. Lists and maps are JSON.
func Text(v any) string {
	if s, ok := temporal(v); ok {
		return s
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return formatFloat(x)
	case graph.Node:
		return nodeText(x)
	case graph.Relationship:
		return relText(x)
	case graph.Path:
		return pathText(x)
	case []any, map[string]any, []string:
		b, err := marshal(JSONValue(x))
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
	return fmt.Sprint(v)
}

// temporal renders dates, date-times and durations, the same in every
// format. A Date keeps its precision: the store returns days, but a caller's
// "2012" is not 2012-01-01.
func temporal(v any) (string, bool) {
	switch x := v.(type) {
	case graph.Date:
		return x.String(), true
	case time.Time:
		return x.Format(time.RFC3339Nano), true
	case time.Duration:
		return x.String(), true
	}
	return "", false
}

// formatFloat keeps a float recognisable as one (3.0, not 3) and spells the
// values JSON has no number for.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// nodeIdentity are the properties that name a node, in display order:
// actors and documents have an id, actors a name, documents a title.
var nodeIdentity = []string{graph.PropID, graph.PropName, "title"}

// bookkeeping are the properties text rendering leaves out: they identify or
// cite a tie rather than describe it.
var bookkeeping = map[string]bool{
	graph.PropKey: true, graph.PropDataset: true, graph.PropTypeName: true, graph.PropNote: true,
	graph.PropSincePr: true, graph.PropUntilPr: true, graph.PropSrcDoc: true, graph.PropSrcSect: true,
	graph.PropSrcEvid: true, graph.PropSources: true, graph.PropSrcCheck: true, graph.PropAttestPr: true,
}

func nodeText(n graph.Node) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, l := range n.Labels {
		b.WriteByte(':')
		b.WriteString(name(l))
	}
	var keys []string
	for _, k := range nodeIdentity {
		if _, ok := n.Props[k]; ok {
			keys = append(keys, k)
		}
	}
	if keys == nil {
		// Not a node relmap wrote: show what it has.
		keys = describing(n.Props)
	}
	writeProps(&b, n.Props, keys, len(n.Labels) > 0)
	b.WriteByte(')')
	return b.String()
}

func relText(r graph.Relationship) string {
	var b strings.Builder
	b.WriteString("[:")
	b.WriteString(name(r.Type))
	keys := describing(r.Props)
	// Dates last, after the attributes, in the order a reader expects.
	for _, d := range []string{graph.PropSince, graph.PropUntil} {
		if i := indexOf(keys, d); i >= 0 {
			keys = append(keys[:i], keys[i+1:]...)
			keys = append(keys, d)
		}
	}
	props := r.Props
	if p, ok := withPrecision(r.Props); ok {
		props = p
	}
	writeProps(&b, props, keys, true)
	b.WriteByte(']')
	return b.String()
}

// withPrecision replaces a tie's since and until by the dates as they were
// known: the store holds "2012" as 2012-01-01 with since_precision "year".
func withPrecision(props map[string]any) (map[string]any, bool) {
	var out map[string]any
	for _, k := range [][2]string{{graph.PropSince, graph.PropSincePr}, {graph.PropUntil, graph.PropUntilPr}} {
		d, ok := props[k[0]].(graph.Date)
		p, _ := props[k[1]].(string)
		if !ok || p == "" {
			continue
		}
		switch graph.Precision(p) {
		case graph.PrecisionYear:
			d.Month, d.Day = 0, 0
		case graph.PrecisionMonth:
			d.Day = 0
		default:
			continue
		}
		if out == nil {
			out = make(map[string]any, len(props))
			for kk, v := range props {
				out[kk] = v
			}
		}
		out[k[0]] = d
	}
	return out, out != nil
}

func pathText(p graph.Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 && i-1 < len(p.Rels) {
			r := p.Rels[i-1]
			if r.StartID == n.ElementID && r.EndID != n.ElementID {
				b.WriteString("<-[:" + name(r.Type) + "]-")
			} else {
				b.WriteString("-[:" + name(r.Type) + "]->")
			}
		}
		b.WriteString("(" + nodeName(n) + ")")
	}
	return b.String()
}

// nodeName is the shortest name of a node that a reader can look up.
func nodeName(n graph.Node) string {
	for _, k := range nodeIdentity {
		if s, ok := n.Props[k].(string); ok && s != "" {
			return s
		}
	}
	return n.ElementID
}

// describing lists the properties that describe rather than keep books, sorted.
func describing(props map[string]any) []string {
	keys := make([]string, 0, len(props))
	for k := range props {
		if !bookkeeping[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func writeProps(b *strings.Builder, props map[string]any, keys []string, space bool) {
	if len(keys) == 0 {
		return
	}
	if space {
		b.WriteByte(' ')
	}
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(name(k))
		b.WriteString(": ")
		b.WriteString(literal(props[k]))
	}
	b.WriteByte('}')
}

// literal renders a property value inside {…}: strings quoted, so that a
// name with a comma stays readable, everything else as Text.
func literal(v any) string {
	if s, ok := v.(string); ok {
		b, err := marshal(s)
		if err == nil {
			return string(b)
		}
	}
	return Text(v)
}

// name quotes a label, type or key with backticks, as Cypher does, when it
// is not a plain identifier.
func name(s string) string {
	plain := s != ""
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

type jsonNode struct {
	ElementID  string         `json:"element_id"`
	Labels     []string       `json:"labels"`
	Properties map[string]any `json:"properties"`
}

type jsonRel struct {
	ElementID  string         `json:"element_id"`
	Type       string         `json:"type"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Properties map[string]any `json:"properties"`
}

type jsonPath struct {
	Nodes         []jsonNode `json:"nodes"`
	Relationships []jsonRel  `json:"relationships"`
}

// JSONValue converts a record value into one encoding/json writes as relmap
// documents it: nodes as {"element_id", "labels", "properties"},
// relationships as {"element_id", "type", "start", "end", "properties"} with
// the element ids of their ends, paths as {"nodes", "relationships"}, dates
// as "YYYY-MM-DD", date-times as RFC 3339 strings, durations as Go duration
// strings, and NaN and infinities as the strings "NaN", "Infinity" and
// "-Infinity", which JSON has no number for.
func JSONValue(v any) any {
	if s, ok := temporal(v); ok {
		return s
	}
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return formatFloat(x)
		}
		return x
	case graph.Node:
		return jsonNodeOf(x)
	case graph.Relationship:
		return jsonRelOf(x)
	case graph.Path:
		p := jsonPath{Nodes: make([]jsonNode, len(x.Nodes)), Relationships: make([]jsonRel, len(x.Rels))}
		for i, n := range x.Nodes {
			p.Nodes[i] = jsonNodeOf(n)
		}
		for i, r := range x.Rels {
			p.Relationships[i] = jsonRelOf(r)
		}
		return p
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = JSONValue(e)
		}
		return out
	case map[string]any:
		return jsonProps(x)
	}
	return v
}

func jsonNodeOf(n graph.Node) jsonNode {
	labels := n.Labels
	if labels == nil {
		labels = []string{}
	}
	return jsonNode{ElementID: n.ElementID, Labels: labels, Properties: jsonProps(n.Props)}
}

func jsonRelOf(r graph.Relationship) jsonRel {
	return jsonRel{ElementID: r.ElementID, Type: r.Type, Start: r.StartID, End: r.EndID, Properties: jsonProps(r.Props)}
}

func jsonProps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = JSONValue(v)
	}
	return out
}

// marshal encodes v as compact JSON without escaping <, > and &, so that
// text stays as the source wrote it.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := encodeTo(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encodeTo appends the compact JSON of v to buf.
func encodeTo(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode ends with a newline
	return nil
}
