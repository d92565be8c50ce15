package seed

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"slices"
	"strings"
)

// CSV files are for analysts who keep their part of the data in a
// spreadsheet. A file holds one kind of entry, told by its name
// (NAME.actors.csv, NAME.ties.csv, NAME.documents.csv); columns are found by
// the header row, so their order is free and optional ones may be left out.

const (
	csvDocuments = "documents"
	csvActors    = "actors"
	csvTies      = "ties"
	csvCoords    = "coordinates"
)

// csvColumns lists each kind's columns in the order WriteCSV writes them.
var csvColumns = map[string][]string{
	csvDocuments: {"dataset", "id", "title", "publisher", "published", "url", "kind", "note"},
	csvActors:    {"dataset", "id", "kind", "name", "short", "aliases", "region", "note", "sources"},
	csvTies:      {"dataset", "type", "from", "to", "since", "until", "key", "note", "attrs", "sources"},
	csvCoords:    {"dataset", "actor", "lat", "lon", "sources"},
}

var csvRequired = map[string][]string{
	csvDocuments: {"dataset", "id", "title"},
	csvActors:    {"dataset", "id", "kind", "name"},
	csvTies:      {"dataset", "type", "from", "to", "since", "sources"},
	csvCoords:    {"dataset", "actor", "lat", "lon", "sources"},
}

// The separators inside a cell. Values may not contain them; build rejects
// such values in any format, so every valid dataset can be written as CSV.
const (
	listSep     = ";"  // aliases, and attrs pairs
	citationSep = "||" // citations in sources
	partSep     = "|"  // doc | section | evidence
)

// csvKind tells what a CSV file holds from its name, or "".
func csvKind(name string) string {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	for _, k := range []string{csvDocuments, csvActors, csvTies, csvCoords} {
		if base == k+".csv" || strings.HasSuffix(base, "."+k+".csv") {
			return k
		}
	}
	return ""
}

// readCSV reads the rows of a CSV file of the given kind and hands each to
// fn as it is read. The item fn gets is reused for the next row: fn must
// copy what it keeps (the strings in it are not reused).
func readCSV(file string, data []byte, kind string, p *problems, fn func(it *item)) {
	if isBlank(data) {
		p.add(pos{file, 1, 1}, "the first row names the columns: "+strings.Join(csvColumns[kind], ","), "the file is empty")
		return
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		csvSyntax(file, err, p)
		return
	}
	cols, ok := csvHeader(file, r, header, kind, p)
	if !ok {
		return
	}
	r.ReuseRecord = true
	var it item
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			csvSyntax(file, err, p)
			continue
		}
		if blankRow(rec) {
			continue // spreadsheets leave rows of empty cells behind
		}
		line, _ := r.FieldPos(0)
		at := pos{file, line, 1}
		if len(rec) != len(header) {
			p.add(at, "every row has one cell per column of the header", "the row has %d cells, the header %d", len(rec), len(header))
			continue
		}
		it.reset(at)
		var attrs value
		for _, c := range cols {
			l, col := r.FieldPos(c.index)
			v := value{s: rec[c.index], at: pos{file, l, col}}
			switch c.name {
			case "dataset":
				it.dataset = v
			case "aliases":
				it.aliases = splitList(v, it.aliases)
			case "attrs":
				attrs = v
			case "sources":
				it.sources = csvCitations(v, it.sources, p)
			default:
				it.set(c.name, v)
			}
		}
		// After the other columns, so that a column always wins over an
		// attribute of the same name (which is reported).
		if attrs.at.line > 0 {
			csvAttrs(attrs, &it, p)
		}
		if strings.TrimSpace(it.dataset.s) == "" {
			p.add(it.dataset.at, "name the dataset the row belongs to", "missing dataset")
		}
		fn(&it)
	}
}

func blankRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func csvSyntax(file string, err error, p *problems) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		p.add(pos{file, max(pe.Line, 1), max(pe.Column, 1)}, "a cell with a comma, quote or line break is quoted, and quotes inside it are doubled",
			"CSV syntax: %v", pe.Err)
		return
	}
	p.add(pos{file, 1, 1}, "", "CSV: %v", err)
}

// column is a known column of a CSV file and where it is in each row.
type column struct {
	name  string
	index int
}

// csvHeader finds the known columns, in the order of the header.
func csvHeader(file string, r *csv.Reader, header []string, kind string, p *problems) ([]column, bool) {
	known := csvColumns[kind]
	at := pos{file, 1, 1}
	if len(header) == 1 && strings.Contains(header[0], ";") {
		p.add(at, "save the file with ',' as the separator", "the header has one column; the file seems to use ';' between cells")
		return nil, false
	}
	var cols []column
	found := map[string]bool{}
	guessed := map[string]bool{}
	ok := true
	for i, h := range header {
		l, c := r.FieldPos(i)
		hat := pos{file, l, c}
		name := strings.ToLower(strings.TrimSpace(h))
		if !has(known, name) {
			hint := didYouMean(name, known)
			if hint == "" {
				hint = "columns of a " + kind + " file: " + strings.Join(known, ",")
			}
			p.add(hat, hint, "unknown column '%s'", h)
			guessed[suggest(name, known)] = true
			ok = false
			continue
		}
		if found[name] {
			p.add(hat, "remove one of them", "column '%s' appears twice", name)
			ok = false
			continue
		}
		found[name] = true
		cols = append(cols, column{name, i})
	}
	for _, name := range csvRequired[kind] {
		if !found[name] && !guessed[name] {
			p.add(at, "the header row names the columns: "+strings.Join(known, ","), "missing column '%s'", name)
			ok = false
		}
	}
	return cols, ok
}

// splitList appends the non-empty parts of a ';'-separated cell to out[:0].
func splitList(v value, out []value) []value {
	out = out[:0]
	for s := range strings.SplitSeq(v.s, listSep) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, value{s: s, at: v.at})
		}
	}
	return out
}

// csvAttrs reads "name=value; name=value" into the item's fields.
func csvAttrs(v value, it *item, p *problems) {
	for a := range strings.SplitSeq(v.s, listSep) {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		name, val, ok := strings.Cut(a, "=")
		name = strings.TrimSpace(name)
		switch {
		case !ok || name == "":
			p.add(v.at, "write attributes as name=value, separated by ';'", "attribute '%s' is not name=value", a)
			it.stand(name, v.at)
		case has(tieFields, name) || name == "dataset" || name == "attrs":
			p.add(v.at, "use the "+name+" column", "'%s' is not an attribute", name)
		default:
			if it.has(name) {
				p.add(v.at, "keep one of them", "attribute '%s' is given twice", name)
				continue
			}
			it.set(name, value{s: strings.TrimSpace(val), at: v.at})
		}
	}
}

// csvCitations reads "doc | section | evidence || doc | section | evidence",
// each citation optionally followed by "| checked", into out[:0], reusing its
// items.
func csvCitations(v value, out []item, p *problems) []item {
	out = out[:0]
	for c := range strings.SplitSeq(v.s, citationSep) {
		if strings.TrimSpace(c) == "" {
			continue
		}
		parts := strings.Count(c, partSep) + 1
		if parts != len(citationFields) && parts != len(citationFields)-1 {
			p.add(v.at, "write each source as 'doc | section | evidence' (or 'doc | section | evidence | checked'), sources separated by ' || '",
				"source '%s' does not have three or four parts", strings.TrimSpace(c))
			continue
		}
		out = slices.Grow(out, 1)[:len(out)+1]
		it := &out[len(out)-1]
		it.reset(v.at)
		rest := c
		for i, name := range citationFields[:parts] {
			part := rest
			if i < parts-1 {
				part, rest, _ = strings.Cut(rest, partSep)
			}
			it.fields = append(it.fields, field{name, value{s: part, at: v.at}})
		}
	}
	return out
}
