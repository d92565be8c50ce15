package seed

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
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
)

// csvColumns lists each kind's columns in the order WriteCSV writes them.
var csvColumns = map[string][]string{
	csvDocuments: {"dataset", "id", "title", "publisher", "published", "url", "kind", "note"},
	csvActors:    {"dataset", "id", "kind", "name", "short", "aliases", "region", "note", "sources"},
	csvTies:      {"dataset", "type", "from", "to", "since", "until", "key", "note", "attrs", "sources"},
}

var csvRequired = map[string][]string{
	csvDocuments: {"dataset", "id", "title"},
	csvActors:    {"dataset", "id", "kind", "name"},
	csvTies:      {"dataset", "type", "from", "to", "since", "sources"},
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
	for _, k := range []string{csvDocuments, csvActors, csvTies} {
		if base == k+".csv" || strings.HasSuffix(base, "."+k+".csv") {
			return k
		}
	}
	return ""
}

func parseCSV(file string, data []byte, kind string, p *problems) parsed {
	if isBlank(data) {
		p.add(pos{file, 1, 1}, "the first row names the columns: "+strings.Join(csvColumns[kind], ","), "the file is empty")
		return parsed{}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		csvSyntax(file, err, p)
		return parsed{}
	}
	cols, ok := csvHeader(file, r, header, kind, p)
	if !ok {
		return parsed{}
	}
	var items []item
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			csvSyntax(file, err, p)
			continue
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // spreadsheets leave rows of empty cells behind
		}
		line, _ := r.FieldPos(0)
		at := pos{file, line, 1}
		if len(rec) != len(header) {
			p.add(at, "every row has one cell per column of the header", "the row has %d cells, the header %d", len(rec), len(header))
			continue
		}
		it := item{at: at, fields: map[string]value{}}
		for name, i := range cols {
			l, c := r.FieldPos(i)
			v := value{s: rec[i], at: pos{file, l, c}}
			switch name {
			case "dataset":
				it.dataset = v
			case "aliases":
				it.aliases = splitList(v)
			case "attrs":
				csvAttrs(v, it.fields, p)
			case "sources":
				it.sources = csvCitations(v, p)
			default:
				it.fields[name] = v
			}
		}
		if strings.TrimSpace(it.dataset.s) == "" {
			p.add(it.dataset.at, "name the dataset the row belongs to", "missing dataset")
		}
		items = append(items, it)
	}
	switch kind {
	case csvDocuments:
		return parsed{docs: items}
	case csvActors:
		return parsed{actors: items}
	}
	return parsed{ties: items}
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

// csvHeader maps column names to their index.
func csvHeader(file string, r *csv.Reader, header []string, kind string, p *problems) (map[string]int, bool) {
	known := csvColumns[kind]
	at := pos{file, 1, 1}
	if len(header) == 1 && strings.Contains(header[0], ";") {
		p.add(at, "save the file with ',' as the separator", "the header has one column; the file seems to use ';' between cells")
		return nil, false
	}
	cols := map[string]int{}
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
		if _, dup := cols[name]; dup {
			p.add(hat, "remove one of them", "column '%s' appears twice", name)
			ok = false
			continue
		}
		cols[name] = i
	}
	for _, name := range csvRequired[kind] {
		if _, found := cols[name]; !found && !guessed[name] {
			p.add(at, "the header row names the columns: "+strings.Join(known, ","), "missing column '%s'", name)
			ok = false
		}
	}
	return cols, ok
}

func splitList(v value) []value {
	var out []value
	for _, s := range strings.Split(v.s, listSep) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, value{s: s, at: v.at})
		}
	}
	return out
}

// csvAttrs reads "name=value; name=value" into fields.
func csvAttrs(v value, fields map[string]value, p *problems) {
	for _, a := range splitList(v) {
		name, val, ok := strings.Cut(a.s, "=")
		name = strings.TrimSpace(name)
		switch {
		case !ok || name == "":
			p.add(v.at, "write attributes as name=value, separated by ';'", "attribute '%s' is not name=value", a.s)
			stand(fields, name, v.at)
		case has(tieFields, name) || name == "dataset" || name == "attrs":
			p.add(v.at, "use the "+name+" column", "'%s' is not an attribute", name)
		default:
			if _, dup := fields[name]; dup {
				p.add(v.at, "keep one of them", "attribute '%s' is given twice", name)
				continue
			}
			fields[name] = value{s: strings.TrimSpace(val), at: v.at}
		}
	}
}

// csvCitations reads "doc | section | evidence || doc | section | evidence".
func csvCitations(v value, p *problems) []item {
	var out []item
	for _, c := range strings.Split(v.s, citationSep) {
		if strings.TrimSpace(c) == "" {
			continue
		}
		parts := strings.Split(c, partSep)
		if len(parts) != 3 {
			p.add(v.at, "write each source as 'doc | section | evidence', sources separated by ' || '",
				"source '%s' does not have three parts", strings.TrimSpace(c))
			continue
		}
		it := item{at: v.at, fields: map[string]value{}}
		for i, name := range citationFields {
			it.fields[name] = value{s: parts[i], at: v.at}
		}
		out = append(out, it)
	}
	return out
}
