package seed

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/fileio"
)

// WriteCSV writes ds as CSV files in dir, NAME.documents.csv,
// NAME.actors.csv, NAME.ties.csv and, when an actor has coordinates,
// NAME.coordinates.csv, in the columns seeds/README.md
// documents. Loading the files gives back a dataset equal to ds (as
// graph's canonical form counts equal). It fails, writing nothing, when a
// value holds a separator the CSV form uses (validated datasets never do),
// or when a file would be larger than loading accepts.
func WriteCSV(dir string, ds *graph.Dataset) error {
	if !isSlug(ds.Name) {
		return fmt.Errorf("write CSV: dataset name %q is not a valid id", ds.Name)
	}
	out := map[string][][]byte{}
	kinds := []string{csvDocuments, csvActors, csvTies}
	for _, a := range ds.Actors {
		if a.At != nil {
			kinds = append(kinds, csvCoords)
			break
		}
	}
	for _, kind := range kinds {
		parts, err := encodeCSV(kind, ds)
		if err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
		out[kind] = parts
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for _, kind := range kinds {
		for i, b := range out[kind] {
			if err := fileio.WriteFile(filepath.Join(dir, partName(ds.Name, kind, i, len(out[kind]))), b); err != nil {
				return fmt.Errorf("write CSV: %w", err)
			}
		}
	}
	return nil
}

// partName names part i of n of a kind's file: NAME.KIND.csv when there is
// one part, NAME-01.KIND.csv, NAME-02.KIND.csv… when a kind's rows are more
// than one seed file may hold (the dataset is named in every row, so the
// parts load as one dataset).
func partName(name, kind string, i, n int) string {
	if n == 1 {
		return name + "." + kind + ".csv"
	}
	return fmt.Sprintf("%s-%02d.%s.csv", name, i+1, kind)
}

// encodeCSV renders the items of one kind as one or more files, each with
// a header row and at most maxFileSize bytes.
func encodeCSV(kind string, ds *graph.Dataset) ([][]byte, error) {
	rows := [][]string{csvColumns[kind]}
	switch kind {
	case csvDocuments:
		for _, d := range ds.Documents {
			rows = append(rows, []string{ds.Name, d.ID, d.Title, d.Publisher, d.Published.String(), d.URL, d.Kind, d.Note})
		}
	case csvActors:
		for _, a := range ds.Actors {
			aliases, err := joinList(a.Aliases, "actor "+a.ID+": alias")
			if err != nil {
				return nil, err
			}
			sources, err := joinCitations(a.Sources, "actor "+a.ID)
			if err != nil {
				return nil, err
			}
			rows = append(rows, []string{ds.Name, a.ID, string(a.Kind), a.Name, a.Short, aliases, a.Region, a.Note, sources})
		}
	case csvCoords:
		for _, a := range ds.Actors {
			if a.At == nil {
				continue
			}
			sources, err := joinCitations(a.At.Sources, "coordinates of "+a.ID)
			if err != nil {
				return nil, err
			}
			rows = append(rows, []string{ds.Name, a.ID, strconv.FormatFloat(a.At.Lat, 'f', -1, 64),
				strconv.FormatFloat(a.At.Lon, 'f', -1, 64), sources})
		}
	case csvTies:
		for _, t := range ds.Ties {
			names := make([]string, 0, len(t.Attrs))
			for n := range t.Attrs {
				names = append(names, n)
			}
			sort.Strings(names)
			pairs := make([]string, 0, len(names))
			for _, n := range names {
				if strings.Contains(n, "=") {
					return nil, fmt.Errorf("tie %s: attribute name %q contains '='", t.Key, n)
				}
				pairs = append(pairs, n+"="+t.Attrs[n])
			}
			attrs, err := joinList(pairs, "tie "+t.Key+": attribute")
			if err != nil {
				return nil, err
			}
			sources, err := joinCitations(t.Sources, "tie "+t.Key)
			if err != nil {
				return nil, err
			}
			rows = append(rows, []string{ds.Name, string(t.Type), t.From, t.To, t.Since.String(), t.Until.String(),
				graph.KeyDiscriminator(t.Key), t.Note, attrs, sources})
		}
	}
	return splitRows(rows, maxFileSize)
}

// splitRows writes rows[0] (the header) and the rows after it as CSV files
// of at most max bytes each.
func splitRows(rows [][]string, max int) ([][]byte, error) {
	var parts [][]byte
	var buf, row bytes.Buffer
	w, rw := csv.NewWriter(&buf), csv.NewWriter(&row)
	if err := w.Write(rows[0]); err != nil {
		return nil, err
	}
	w.Flush()
	header := append([]byte(nil), buf.Bytes()...)
	if len(header) > max {
		return nil, &FileTooLargeError{Size: len(header), Max: max}
	}
	for _, r := range rows[1:] {
		row.Reset()
		if err := rw.Write(r); err != nil {
			return nil, err
		}
		rw.Flush()
		if len(header)+row.Len() > max {
			return nil, &FileTooLargeError{Size: len(header) + row.Len(), Max: max}
		}
		if buf.Len()+row.Len() > max {
			parts = append(parts, append([]byte(nil), buf.Bytes()...))
			buf.Reset()
			buf.Write(header)
		}
		buf.Write(row.Bytes())
	}
	return append(parts, append([]byte(nil), buf.Bytes()...)), nil
}

func joinList(vs []string, what string) (string, error) {
	for _, v := range vs {
		if strings.Contains(v, listSep) {
			return "", fmt.Errorf("%s %q contains %q", what, v, listSep)
		}
	}
	return strings.Join(vs, listSep), nil
}

func joinCitations(cs []graph.Citation, what string) (string, error) {
	parts := make([]string, len(cs))
	for i, c := range cs {
		for _, s := range []string{c.Doc, c.Section, c.Evidence} {
			if strings.Contains(s, partSep) {
				return "", fmt.Errorf("%s: citation %q contains %q", what, s, partSep)
			}
		}
		parts[i] = c.Doc + " " + partSep + " " + c.Section + " " + partSep + " " + c.Evidence
		if !c.Checked.IsZero() {
			parts[i] += " " + partSep + " " + c.Checked.String()
		}
	}
	return strings.Join(parts, " "+citationSep+" "), nil
}

// FileTooLargeError is a single row WriteCSV would write larger than a seed
// file may be, so that loading would refuse it (rows are spread over several
// files, but one row cannot be).
type FileTooLargeError struct {
	Size, Max int
}

func (e *FileTooLargeError) Error() string {
	return fmt.Sprintf("write CSV: a row would make a %d-byte file; a seed file is at most %d", e.Size, e.Max)
}
