package compare

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/relmap/relmap/graph"
)

// Format is an output format of Write and WriteDiff.
type Format string

// The output formats.
const (
	Table    Format = "table"    // aligned text for a terminal
	CSV      Format = "csv"      // one rectangular table, for spreadsheets and scripts
	JSON     Format = "json"     // everything, for programs
	Markdown Format = "markdown" // tables that paste into reports
)

// Formats lists the formats, the default first.
var Formats = []Format{Table, CSV, JSON, Markdown}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (want one of %s)", s, strings.Join(names, ", "))
}

const dash = "—"

// Write writes the comparison in format f; withSources adds the citations of
// the ties behind each cell.
//
// CSV carries the matrix only, with a column naming each state's spheres, so
// that it stays one rectangular table any CSV reader takes whole; the
// overlaps follow from that column, and JSON has all of it.
func Write(w io.Writer, r *Result, f Format, withSources bool) error {
	switch f {
	case JSON:
		return writeJSON(w, resultJSON(r, withSources))
	case CSV:
		return writeCSV(w, resultCSV(r, withSources))
	}
	title := fmt.Sprintf("Spheres in %s on %s", r.Region, r.At)
	return writeSections(w, f, title, resultSections(r, withSources))
}

// WriteDiff writes the changes in format f; withSources adds the citations
// of the ties behind both ends of each change.
func WriteDiff(w io.Writer, c *Changes, f Format, withSources bool) error {
	switch f {
	case JSON:
		return writeJSON(w, changesJSON(c, withSources))
	case CSV:
		return writeCSV(w, changesCSV(c, withSources))
	}
	title := fmt.Sprintf("Changes in %s from %s to %s", c.Region, c.From, c.To)
	return writeSections(w, f, title, changesSections(c, withSources))
}

func orgNames(orgs []graph.Actor) map[string]string {
	m := make(map[string]string, len(orgs))
	for _, o := range orgs {
		m[o.ID] = o.Label()
	}
	return m
}

func stateNames(states []graph.Actor) string {
	if len(states) == 0 {
		return dash
	}
	s := make([]string, len(states))
	for i, a := range states {
		s[i] = a.Name
	}
	return strings.Join(s, ", ")
}

func combo(ids []string, names map[string]string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = names[id]
	}
	return strings.Join(s, "+")
}

// associatedText is "SCO: Deltastan, Gammastan; CSTO: …", or a dash.
func associatedText(as []Association, names map[string]string) string {
	var parts []string
	for _, a := range as {
		if len(a.States) > 0 {
			parts = append(parts, names[a.Org]+": "+stateNames(a.States))
		}
	}
	if len(parts) == 0 {
		return dash
	}
	return strings.Join(parts, "; ")
}

func orDash(s string) string {
	if s == "" {
		return dash
	}
	return s
}

func jaccard(p Pair) string {
	if p.Either == 0 {
		return dash
	}
	return fmt.Sprintf("%.2f", p.Jaccard)
}

// A section is a titled table or paragraph; the table and markdown formats
// lay out the same sections their own way.
type section struct {
	title  string
	header []string
	rows   [][]string
	note   string // a paragraph after the table, or instead of it
}

// sourceSection lists, per labelled item, one citation a row.
func sourceSection(item string, labels []string, cites [][]graph.Citation) section {
	s := section{title: "Sources", header: []string{item, "Source"}}
	for i, l := range labels {
		for k, c := range cites[i] {
			if k > 0 {
				l = ""
			}
			s.rows = append(s.rows, []string{l, c.String()})
		}
	}
	return s
}

func resultSections(r *Result, withSources bool) []section {
	names := orgNames(r.Orgs)
	matrix := section{header: []string{"State"}}
	for _, o := range r.Orgs {
		matrix.header = append(matrix.header, o.Label())
	}
	var labels []string
	var cites [][]graph.Citation
	for i, s := range r.States {
		row := []string{s.Name}
		for j, c := range r.Cells[i] {
			row = append(row, orDash(c.Label()))
			if src := c.Sources(); len(src) > 0 {
				labels = append(labels, fmt.Sprintf("%s, %s: %s", s.Name, r.Orgs[j].Label(), c.Label()))
				cites = append(cites, src)
			}
		}
		matrix.rows = append(matrix.rows, row)
	}

	overlaps := section{title: "Overlaps (states in exactly these spheres)", header: []string{"Spheres", "Count", "States"}}
	for _, o := range r.Overlaps {
		overlaps.rows = append(overlaps.rows, []string{combo(o.Orgs, names), fmt.Sprint(len(o.States)), stateNames(o.States)})
	}
	overlaps.rows = append(overlaps.rows, []string{"none", fmt.Sprint(len(r.None)), stateNames(r.None)})

	pairs := section{title: "Similarity (Jaccard: in both / in either)", header: []string{"Pair", "Jaccard", "Both", "Either"}}
	for _, p := range r.Pairs {
		pairs.rows = append(pairs.rows, []string{names[p.A] + ", " + names[p.B], jaccard(p), fmt.Sprint(p.Both), fmt.Sprint(p.Either)})
	}
	pairs.note = "Multi-vector (in 2+ spheres): " + stateNames(r.MultiVector) + "\n\n" +
		"Associated (not counted above): " + associatedText(r.Associated, names) + "\n\n" + graph.SphereRule

	secs := []section{matrix, overlaps, pairs}
	if withSources {
		secs = append(secs, sourceSection("Cell", labels, cites))
	}
	return secs
}

func changesSections(c *Changes, withSources bool) []section {
	list := section{header: []string{"State", "Organisation", "Change", "From", "To"}}
	var labels []string
	var cites [][]graph.Citation
	for _, ch := range c.Changes {
		list.rows = append(list.rows, []string{ch.State.Name, ch.Org.Label(), string(ch.Kind), orDash(ch.From.Label()), orDash(ch.To.Label())})
		labels = append(labels, fmt.Sprintf("%s, %s: %s", ch.State.Name, ch.Org.Label(), ch.Kind))
		cites = append(cites, ch.Sources())
	}
	if len(c.Changes) == 0 {
		list = section{note: "No changes."}
	}
	secs := []section{list}
	if withSources && len(c.Changes) > 0 {
		secs = append(secs, sourceSection("Change", labels, cites))
	}
	return secs
}

func writeSections(w io.Writer, f Format, title string, secs []section) error {
	var heading func(string) string
	var table func(b *bytes.Buffer, header []string, rows [][]string)
	switch f {
	case Table:
		heading = func(s string) string { return s + "\n" }
		table = textTable
	case Markdown:
		title = "## " + title
		heading = func(s string) string { return "### " + s + "\n\n" }
		table = mdTable
	default:
		return fmt.Errorf("unknown format %q", f)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n", title)
	for _, s := range secs {
		b.WriteString("\n")
		if s.title != "" {
			b.WriteString(heading(s.title))
		}
		if s.header != nil {
			table(&b, s.header, s.rows)
		}
		if s.note != "" {
			if s.header != nil {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "%s\n", s.note)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func textTable(b *bytes.Buffer, header []string, rows [][]string) {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, row := range append([][]string{header}, rows...) {
		fmt.Fprintf(tw, "%s\n", strings.Join(row, "\t"))
	}
	tw.Flush()
}

func mdTable(b *bytes.Buffer, header []string, rows [][]string) {
	mdRow(b, header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
	}
	mdRow(b, sep)
	for _, row := range rows {
		mdRow(b, row)
	}
}

var mdEscaper = strings.NewReplacer(`|`, `\|`, "\n", " ")

func mdRow(b *bytes.Buffer, cells []string) {
	esc := make([]string, len(cells))
	for i, c := range cells {
		esc[i] = mdEscaper.Replace(c)
	}
	fmt.Fprintf(b, "| %s |\n", strings.Join(esc, " | "))
}

func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func resultCSV(r *Result, withSources bool) [][]string {
	names := orgNames(r.Orgs)
	header := []string{"id", "state"}
	for _, o := range r.Orgs {
		header = append(header, o.Label())
		if withSources {
			header = append(header, o.Label()+" sources")
		}
	}
	rows := [][]string{append(header, "spheres", "associated")}
	for i, s := range r.States {
		row := []string{s.ID, s.Name}
		var in, assoc []string
		for _, c := range r.Cells[i] {
			row = append(row, c.Label())
			if withSources {
				row = append(row, graph.CitationsText(c.Sources()))
			}
			if c.In() {
				in = append(in, c.Org)
			}
			if c.Associated() {
				assoc = append(assoc, c.Org)
			}
		}
		rows = append(rows, append(row, combo(in, names), combo(assoc, names)))
	}
	return rows
}

func changesCSV(c *Changes, withSources bool) [][]string {
	header := []string{"id", "state", "organisation", "change", "from", "to"}
	if withSources {
		header = append(header, "sources")
	}
	rows := [][]string{header}
	for _, ch := range c.Changes {
		row := []string{ch.State.ID, ch.State.Name, ch.Org.Label(), string(ch.Kind), ch.From.Label(), ch.To.Label()}
		if withSources {
			row = append(row, graph.CitationsText(ch.Sources()))
		}
		rows = append(rows, row)
	}
	return rows
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

type jsonActor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type jsonCitation struct {
	Doc      string `json:"doc"`
	Section  string `json:"section,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

type jsonCell struct {
	Org       string         `json:"org,omitempty"`
	Relation  Relation       `json:"relation"`
	Standing  graph.Standing `json:"standing"`
	Label     string         `json:"label"`
	Level     int            `json:"level,omitempty"`
	Programme string         `json:"programme,omitempty"`
	Ties      []string       `json:"ties,omitempty"`
	Sources   []jsonCitation `json:"sources,omitempty"`
}

type jsonRow struct {
	jsonActor
	Cells      []jsonCell `json:"cells"`
	Spheres    []string   `json:"spheres"`
	Associated []string   `json:"associated"`
}

type jsonOverlap struct {
	Orgs   []string `json:"orgs"`
	Count  int      `json:"count"`
	States []string `json:"states"`
}

type jsonPair struct {
	A       string   `json:"a"`
	B       string   `json:"b"`
	Both    int      `json:"both"`
	Either  int      `json:"either"`
	Jaccard *float64 `json:"jaccard"` // null where undefined
}

type jsonResult struct {
	At          string        `json:"at"`
	Region      string        `json:"region"`
	Orgs        []jsonActor   `json:"orgs"`
	States      []jsonRow     `json:"states"`
	Overlaps    []jsonOverlap `json:"overlaps"`
	Pairs       []jsonPair    `json:"pairs"`
	MultiVector []string      `json:"multi_vector"`
	None        []string      `json:"none"`
}

type jsonChange struct {
	State  string   `json:"state"`
	Org    string   `json:"org"`
	Change Kind     `json:"change"`
	From   jsonCell `json:"from"`
	To     jsonCell `json:"to"` // each end with its own ties and sources
}

type jsonChanges struct {
	From    string       `json:"from"`
	To      string       `json:"to"`
	Region  string       `json:"region"`
	Orgs    []jsonActor  `json:"orgs"`
	Changes []jsonChange `json:"changes"`
}

func actorsJSON(as []graph.Actor) []jsonActor {
	out := make([]jsonActor, len(as))
	for i, a := range as {
		out[i] = jsonActor{a.ID, a.Label()}
	}
	return out
}

func citationsJSON(cs []graph.Citation) []jsonCitation {
	var out []jsonCitation
	for _, c := range cs {
		out = append(out, jsonCitation{c.Doc, c.Section, c.Evidence})
	}
	return out
}

func cellJSON(c Cell, org string, withSources bool) jsonCell {
	j := jsonCell{Org: org, Relation: c.Relation, Standing: c.Standing, Label: c.Label(), Level: c.Level, Programme: c.Rung.Programme}
	if withSources {
		for _, t := range c.Ties {
			j.Ties = append(j.Ties, t.Key)
		}
		j.Sources = citationsJSON(c.Sources())
	}
	return j
}

func resultJSON(r *Result, withSources bool) jsonResult {
	out := jsonResult{
		At: r.At.String(), Region: r.Region, Orgs: actorsJSON(r.Orgs),
		States: []jsonRow{}, Overlaps: []jsonOverlap{}, Pairs: []jsonPair{},
		MultiVector: ids(r.MultiVector), None: ids(r.None),
	}
	for i, s := range r.States {
		row := jsonRow{jsonActor: jsonActor{s.ID, s.Name}, Spheres: []string{}, Associated: []string{}}
		for _, c := range r.Cells[i] {
			row.Cells = append(row.Cells, cellJSON(c, c.Org, withSources))
			if c.In() {
				row.Spheres = append(row.Spheres, c.Org)
			}
			if c.Associated() {
				row.Associated = append(row.Associated, c.Org)
			}
		}
		out.States = append(out.States, row)
	}
	for _, o := range r.Overlaps {
		out.Overlaps = append(out.Overlaps, jsonOverlap{o.Orgs, len(o.States), ids(o.States)})
	}
	for _, p := range r.Pairs {
		jp := jsonPair{A: p.A, B: p.B, Both: p.Both, Either: p.Either}
		if p.Either > 0 {
			v := p.Jaccard
			jp.Jaccard = &v
		}
		out.Pairs = append(out.Pairs, jp)
	}
	return out
}

func changesJSON(c *Changes, withSources bool) jsonChanges {
	out := jsonChanges{From: c.From.String(), To: c.To.String(), Region: c.Region, Orgs: actorsJSON(c.Orgs), Changes: []jsonChange{}}
	for _, ch := range c.Changes {
		jc := jsonChange{State: ch.State.ID, Org: ch.Org.ID, Change: ch.Kind,
			From: cellJSON(ch.From, "", withSources), To: cellJSON(ch.To, "", withSources)}
		out.Changes = append(out.Changes, jc)
	}
	return out
}
