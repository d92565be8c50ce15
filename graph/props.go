package graph

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Reading actors and ties back from the property layout of schema.go. A store
// hands property values over as the value types of Record (dates as Date), so
// that the snapshot a store reads and the nodes and relationships a query
// returns are decoded by these same functions and cannot drift apart.

// tieBookkeeping are the tie properties that are not attributes.
var tieBookkeeping = map[string]bool{
	PropKey: true, PropDataset: true, PropSince: true, PropSincePr: true,
	PropUntil: true, PropUntilPr: true, PropNote: true, PropSrcDoc: true,
	PropSrcSect: true, PropSrcEvid: true, PropSources: true, PropTypeName: true,
	PropSrcCheck: true, PropAttested: true, PropAttestPr: true,
}

// ActorFromProps reads an actor from a node's labels and properties. The
// kind comes from the kind property or, for nodes written by other tools,
// from a kind's label; an actor without an id property has ID "".
func ActorFromProps(labels []string, m map[string]any) Actor {
	a := Actor{ID: PropString(m, PropID), Dataset: PropString(m, PropDataset), Kind: Kind(PropString(m, PropKind)),
		Name: PropString(m, PropName), Short: PropString(m, PropShort), Region: PropString(m, PropRegion),
		Note: PropString(m, PropNote)}
	if a.Kind == "" {
		a.Kind = kindOfLabels(labels)
	}
	if _, ok := m[PropAliases]; ok {
		a.Aliases = propStrings(m[PropAliases])
	}
	a.Sources = citationsFromProps(m)
	lat, latOK := propFloat(m[PropLat])
	lon, lonOK := propFloat(m[PropLon])
	if latOK && lonOK {
		a.At = &Point{Lat: lat, Lon: lon, Sources: pointCitationsFromProps(propStrings(m[PropCoordSrc]))}
	}
	return a
}

func propFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

func kindOfLabels(labels []string) Kind {
	for _, l := range labels {
		for _, k := range Kinds {
			if k.Label == l {
				return k.Kind
			}
		}
	}
	return ""
}

// TieFromProps reads a tie from a relationship's type and properties; From
// and To are left for the caller, who knows the ends. ok is false when the
// relationship type is not one of TieTypes: the tie then has the type in
// lower case and every other property as an attribute, so that it can still
// be shown.
func TieFromProps(relType string, m map[string]any) (t Tie, ok bool) {
	t = Tie{Key: PropString(m, PropKey), Dataset: PropString(m, PropDataset), Note: PropString(m, PropNote),
		Since: dateFromProps(m, PropSince, PropSincePr), Until: dateFromProps(m, PropUntil, PropUntilPr),
		Sources: citationsFromProps(m), Attested: dateFromProps(m, PropAttested, PropAttestPr)}
	if info, known := TieTypeByRel(relType); known {
		t.Type, ok = info.Type, true
	} else if name := PropString(m, PropTypeName); name != "" {
		t.Type = TieType(name)
	} else {
		t.Type = TieType(strings.ToLower(relType))
	}
	for k, v := range m {
		if tieBookkeeping[k] {
			continue
		}
		s := scalarString(v)
		if s == "" {
			continue
		}
		if t.Attrs == nil {
			t.Attrs = map[string]string{}
		}
		t.Attrs[k] = s
	}
	return t, ok
}

// DocumentFromProps reads a document from a node's properties.
func DocumentFromProps(m map[string]any) Document {
	pub, _ := ParseDate(PropString(m, "published"))
	return Document{ID: PropString(m, PropID), Dataset: PropString(m, PropDataset), Title: PropString(m, "title"),
		Publisher: PropString(m, "publisher"), Published: pub, URL: PropString(m, "url"), Kind: PropString(m, PropKind),
		Note: PropString(m, PropNote)}
}

// PropString is a scalar property as text ("" when absent).
func PropString(m map[string]any, k string) string { return scalarString(m[k]) }

// PropStrings is a list property as text.
func PropStrings(m map[string]any, k string) []string { return propStrings(m[k]) }

func scalarString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case Date:
		return x.String()
	case time.Time:
		return x.Format(time.RFC3339)
	case fmt.Stringer:
		return x.String()
	}
	return ""
}

func propStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return append([]string{}, x...)
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, scalarString(e))
		}
		return out
	case string:
		if x != "" {
			return []string{x}
		}
	}
	return nil
}

func citationsFromProps(m map[string]any) []Citation {
	docs := propStrings(m[PropSrcDoc])
	sects := propStrings(m[PropSrcSect])
	evid := propStrings(m[PropSrcEvid])
	checked := propStrings(m[PropSrcCheck])
	var out []Citation
	for i := range docs {
		c := Citation{Doc: docs[i]}
		if i < len(sects) {
			c.Section = sects[i]
		}
		if i < len(evid) {
			c.Evidence = evid[i]
		}
		if i < len(checked) {
			c.Checked, _ = ParseDate(checked[i])
		}
		out = append(out, c)
	}
	return out
}

// dateFromProps reads a tie date, stored as the first day of its period, and
// cuts it back to the precision recorded beside it so that "2012" is not
// read as 2012-01-01.
func dateFromProps(m map[string]any, k, precKey string) Date {
	var d Date
	switch x := m[k].(type) {
	case Date:
		d = x
	case time.Time:
		d = Day(x)
	case string:
		if p, err := ParseDate(x); err == nil {
			d = p
		} else if t, err := time.Parse(time.RFC3339, x); err == nil {
			d = Day(t)
		}
	default:
		return Date{}
	}
	switch Precision(PropString(m, precKey)) {
	case PrecisionYear:
		d.Month, d.Day = 0, 0
	case PrecisionMonth:
		d.Day = 0
	}
	return d
}
