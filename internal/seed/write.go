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
	out := map[string][]byte{}
	kinds := []string{csvDocuments, csvActors, csvTies}
	for _, a := range ds.Actors {
		if a.At != nil {
			kinds = append(kinds, csvCoords)
			break
		}
	}
	for _, kind := range kinds {
		b, err := encodeCSV(kind, ds)
		if err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
		if len(b) > maxFileSize {
			return &FileTooLargeError{File: ds.Name + "." + kind + ".csv", Size: len(b), Max: maxFileSize}
		}
		out[kind] = b
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for _, kind := range kinds {
		if err := fileio.WriteFile(filepath.Join(dir, ds.Name+"."+kind+".csv"), out[kind]); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	return nil
}

// encodeCSV renders the items of one kind with a header row.
func encodeCSV(kind string, ds *graph.Dataset) ([]byte, error) {
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
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// FileTooLargeError is a file WriteCSV would write larger than a seed file
// may be, so that loading would refuse it.
type FileTooLargeError struct {
	File      string
	Size, Max int
}

func (e *FileTooLargeError) Error() string {
	return fmt.Sprintf("write CSV: %s would be %d bytes; a seed file is at most %d", e.File, e.Size, e.Max)
}
