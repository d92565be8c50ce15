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
	"github.com/relmap/relmap/internal/output"
)

// Format is an output format of Write and WriteDiff.
type Format string

// The output formats.
const (
	Table    Format = "table"    // aligned text for a terminal
	CSV      Format = "csv"      // one rectangular table, for spreadsheets and scripts
	TSV      Format = "tsv"      // the same table tab-separated, for shell pipelines
	JSON     Format = "json"     // everything, for programs
	Markdown Format = "markdown" // tables that paste into reports
)

// Formats lists the formats, the default first.
var Formats = []Format{Table, CSV, TSV, JSON, Markdown}

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

// WriteOptions says what a comparison's text carries besides the matrix.
type WriteOptions struct {
	// Sources adds the citations of the ties behind each cell (or behind
	// both ends of each change).
	Sources bool
	// Width is the terminal's width: the table format cuts its widest
	// columns with "…" so that a row stays one line. 0 (a pipe or a file)
	// keeps every value whole; the other formats ignore it.
	Width int
}

// Write writes the comparison in format f.
//
// CSV carries the matrix only, with a column naming each state's spheres, so
// that it stays one rectangular table any CSV reader takes whole; the
// overlaps follow from that column, and JSON has all of it.
func Write(w io.Writer, r *Result, f Format, opt WriteOptions) error {
	withSources := opt.Sources
	switch f {
	case JSON:
		return writeJSON(w, resultJSON(r, withSources))
	case CSV:
		return writeCSV(w, resultCSV(r, withSources))
	case TSV:
		return writeTSV(w, resultCSV(r, withSources))
	}
	title := fmt.Sprintf("Spheres in %s on %s", r.Region, r.At)
	return writeSections(w, f, title, resultSections(r, withSources), opt.Width)
}

// WriteDiff writes the changes in format f.
func WriteDiff(w io.Writer, c *Changes, f Format, opt WriteOptions) error {
	withSources := opt.Sources
	switch f {
	case JSON:
		return writeJSON(w, changesJSON(c, withSources))
	case CSV:
		return writeCSV(w, changesCSV(c, withSources))
	case TSV:
		return writeTSV(w, changesCSV(c, withSources))
	}
	title := fmt.Sprintf("Changes in %s from %s to %s", c.Region, c.From, c.To)
	return writeSections(w, f, title, changesSections(c, withSources), opt.Width)
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
			row = append(row, orDash(c.Marked()))
			if src := c.Sources(); len(src) > 0 {
				labels = append(labels, fmt.Sprintf("%s, %s: %s", s.Name, r.Orgs[j].Label(), c.Label()))
				cites = append(cites, src)
			}
		}
		matrix.rows = append(matrix.rows, row)
	}
	matrix.note = unconfirmedNote(r)

	// The unconfirmed columns appear only when something is unconfirmed,
	// so that a day the sources fully speak for reads as it always has.
	shaky := len(r.NoneUnconfirmed) > 0
	for _, o := range r.Overlaps {
		shaky = shaky || len(o.Unconfirmed) > 0
	}
	overlaps := section{title: "Overlaps (states in exactly these spheres)", header: []string{"Spheres", "Count", "States"}}
	if shaky {
		overlaps.header = append(overlaps.header, "Unconfirmed, not counted")
	}
	overlapRow := func(name string, states, unconfirmed []graph.Actor) {
		row := []string{name, fmt.Sprint(len(states)), stateNames(states)}
		if shaky {
			row = append(row, unconfirmedStates(unconfirmed))
		}
		overlaps.rows = append(overlaps.rows, row)
	}
	for _, o := range r.Overlaps {
		overlapRow(combo(o.Orgs, names), o.States, o.Unconfirmed)
	}
	overlapRow("none", r.None, r.NoneUnconfirmed)

	pairs := section{title: "Similarity (Jaccard: in both / in either)", header: []string{"Pair", "Jaccard", "Both", "Either"}}
	if shaky {
		pairs.header = append(pairs.header, "Unconfirmed in both")
	}
	for _, p := range r.Pairs {
		row := []string{names[p.A] + ", " + names[p.B], jaccard(p), fmt.Sprint(p.Both), fmt.Sprint(p.Either)}
		if shaky {
			row = append(row, fmt.Sprint(p.Unconfirmed))
		}
		pairs.rows = append(pairs.rows, row)
	}
	pairs.note = "Multi-vector (in 2+ spheres): " + stateNames(r.MultiVector) + "\n\n" +
		"Associated (not counted above): " + associatedText(r.Associated, names) + "\n\n" + graph.SphereRule
	if shaky {
		pairs.note += "\n\nOverlaps and similarity count the ties the sources speak for on " + r.At.String() +
			"; states placed only by unconfirmed ties are listed beside them, not counted."
	}

	secs := []section{matrix, overlaps, pairs}
	if withSources {
		secs = append(secs, sourceSection("Cell", labels, cites))
	}
	return secs
}

// unconfirmedNote is the footnote to the matrix's marked cells, or "".
func unconfirmedNote(r *Result) string {
	if len(r.Unconfirmed) == 0 {
		return ""
	}
	states := map[string]string{}
	for _, s := range r.States {
		states[s.ID] = s.Name
	}
	names := orgNames(r.Orgs)
	lines := []string{"? Unconfirmed: in force only because no end is recorded; no source speaks for it on " + r.At.String() + "."}
	for _, c := range r.Unconfirmed {
		lines = append(lines, fmt.Sprintf("  %s, %s: %s last attested %s", states[c.State], names[c.Org], c.Label(), attestedText(c.Attested)))
	}
	return strings.Join(lines, "\n")
}

func attestedText(d graph.Date) string {
	if d.IsZero() {
		return "never (no source dates it)"
	}
	return d.String()
}

func unconfirmedStates(as []graph.Actor) string {
	if len(as) == 0 {
		return ""
	}
	return stateNames(as)
}

func changesSections(c *Changes, withSources bool) []section {
	list := section{header: []string{"State", "Organisation", "Change", "From", "To", "Basis"}}
	var labels []string
	var cites [][]graph.Citation
	for _, ch := range c.Changes {
		list.rows = append(list.rows, []string{ch.State.Name, ch.Org.Label(), string(ch.Kind), orDash(ch.From.Marked()), orDash(ch.To.Marked()), orDash(ch.Basis)})
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

func writeSections(w io.Writer, f Format, title string, secs []section, width int) error {
	var heading func(string) string
	var table func(b *bytes.Buffer, header []string, rows [][]string)
	switch f {
	case Table:
		heading = func(s string) string { return s + "\n" }
		table = func(b *bytes.Buffer, header []string, rows [][]string) { textTable(b, header, rows, width) }
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

// textTable aligns the columns two spaces apart, cut to width (0: whole).
// The cells are copied before they are cut: a section's rows are the
// result's own.
func textTable(b *bytes.Buffer, header []string, rows [][]string, width int) {
	all := make([][]string, 0, len(rows)+1)
	for _, row := range append([][]string{header}, rows...) {
		all = append(all, append([]string(nil), row...))
	}
	output.FitRows(all, width)
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, row := range all {
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

// writeTSV writes the CSV table's rows tab-separated, escaped as every TSV
// of relmap is (internal/output).
func writeTSV(w io.Writer, rows [][]string) error {
	tw, err := output.New(output.TSV, w, rows[0])
	if err != nil {
		return err
	}
	for _, row := range rows[1:] {
		values := make([]any, len(row))
		for i, v := range row {
			values[i] = v
		}
		if err := tw.Write(graph.Record{Keys: rows[0], Values: values}); err != nil {
			return err
		}
	}
	return tw.Close()
}

func resultCSV(r *Result, withSources bool) [][]string {
	names := orgNames(r.Orgs)
	header := []string{"id", "state"}
	for _, o := range r.Orgs {
		header = append(header, o.Label(), o.Label()+" confirmed", o.Label()+" attested")
		if withSources {
			header = append(header, o.Label()+" sources")
		}
	}
	rows := [][]string{append(header, "spheres", "unconfirmed spheres", "associated")}
	for i, s := range r.States {
		row := []string{s.ID, s.Name}
		var in, shaky, assoc []string
		for _, c := range r.Cells[i] {
			row = append(row, c.Label(), confirmedText(c), c.Attested.String())
			if withSources {
				row = append(row, graph.CitationsText(c.Sources()))
			}
			switch {
			case c.InConfirmed():
				in = append(in, c.Org)
			case c.In():
				shaky = append(shaky, c.Org)
			}
			if c.Associated() {
				assoc = append(assoc, c.Org)
			}
		}
		rows = append(rows, append(row, combo(in, names), combo(shaky, names), combo(assoc, names)))
	}
	return rows
}

// confirmedText is a cell's confirmed column: empty where there is no
// relation to confirm.
func confirmedText(c Cell) string {
	if c.Relation == None {
		return ""
	}
	return fmt.Sprint(!c.Unconfirmed)
}

func changesCSV(c *Changes, withSources bool) [][]string {
	header := []string{"id", "state", "organisation", "change", "from", "from confirmed", "to", "to confirmed", "basis"}
	if withSources {
		header = append(header, "sources")
	}
	rows := [][]string{header}
	for _, ch := range c.Changes {
		row := []string{ch.State.ID, ch.State.Name, ch.Org.Label(), string(ch.Kind), ch.From.Label(), confirmedText(ch.From),
			ch.To.Label(), confirmedText(ch.To), ch.Basis}
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
	// Confirmed: a source speaks for the relation on the day (false for
	// an unconfirmed cell, shown "IPAP?" in text); Attested is how far the
	// deciding ties' sources reach.
	Confirmed         bool           `json:"confirmed"`
	Attested          string         `json:"attested,omitempty"`
	ConfirmedStanding graph.Standing `json:"confirmed_standing"`
	Ties              []string       `json:"ties,omitempty"`
	Sources           []jsonCitation `json:"sources,omitempty"`
}

type jsonRow struct {
	jsonActor
	Cells   []jsonCell `json:"cells"`
	Spheres []string   `json:"spheres"`
	// UnconfirmedSpheres: spheres the state is in only by ties no source
	// speaks for on the day, not counted in the overlaps.
	UnconfirmedSpheres []string `json:"unconfirmed_spheres"`
	Associated         []string `json:"associated"`
}

type jsonOverlap struct {
	Orgs        []string `json:"orgs"`
	Count       int      `json:"count"`
	States      []string `json:"states"`
	Unconfirmed []string `json:"unconfirmed"`
}

type jsonPair struct {
	A       string   `json:"a"`
	B       string   `json:"b"`
	Both    int      `json:"both"`
	Either  int      `json:"either"`
	Jaccard *float64 `json:"jaccard"` // null where undefined
	// Unconfirmed counts states in both only by unconfirmed ties.
	Unconfirmed int `json:"unconfirmed"`
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
	// NoneUnconfirmed: states that unconfirmed ties would leave in no
	// sphere; UnconfirmedCells counts the cells marked unconfirmed.
	NoneUnconfirmed  []string `json:"none_unconfirmed"`
	UnconfirmedCells int      `json:"unconfirmed_cells"`
}

type jsonChange struct {
	State  string   `json:"state"`
	Org    string   `json:"org"`
	Change Kind     `json:"change"`
	From   jsonCell `json:"from"`
	To     jsonCell `json:"to"` // each end with its own ties and sources
	Basis  string   `json:"basis,omitempty"`
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
	j := jsonCell{Org: org, Relation: c.Relation, Standing: c.Standing, Label: c.Label(), Level: c.Level, Programme: c.Rung.Programme,
		Confirmed: !c.Unconfirmed, ConfirmedStanding: c.ConfirmedStanding}
	if !c.Attested.IsZero() {
		j.Attested = c.Attested.String()
	}
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
		NoneUnconfirmed: ids(r.NoneUnconfirmed), UnconfirmedCells: len(r.Unconfirmed),
	}
	for i, s := range r.States {
		row := jsonRow{jsonActor: jsonActor{s.ID, s.Name}, Spheres: []string{}, UnconfirmedSpheres: []string{}, Associated: []string{}}
		for _, c := range r.Cells[i] {
			row.Cells = append(row.Cells, cellJSON(c, c.Org, withSources))
			switch {
			case c.InConfirmed():
				row.Spheres = append(row.Spheres, c.Org)
			case c.In():
				row.UnconfirmedSpheres = append(row.UnconfirmedSpheres, c.Org)
			}
			if c.Associated() {
				row.Associated = append(row.Associated, c.Org)
			}
		}
		out.States = append(out.States, row)
	}
	for _, o := range r.Overlaps {
		out.Overlaps = append(out.Overlaps, jsonOverlap{o.Orgs, len(o.States), ids(o.States), ids(o.Unconfirmed)})
	}
	for _, p := range r.Pairs {
		jp := jsonPair{A: p.A, B: p.B, Both: p.Both, Either: p.Either, Unconfirmed: p.Unconfirmed}
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
			From: cellJSON(ch.From, "", withSources), To: cellJSON(ch.To, "", withSources), Basis: ch.Basis}
		out.Changes = append(out.Changes, jc)
	}
	return out
}
