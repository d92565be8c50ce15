package export

import (
	"encoding/json"
	"io"

	"github.com/relmap/relmap/graph"
)

// The JSON form. Every field is always present, so that a script can rely
// on the shape: an unset text is "", an open date is "", an empty list is [],
// a tie without attributes has {}. Dates are written as in seed files
// (YYYY, YYYY-MM or YYYY-MM-DD).

type jsonDoc struct {
	Datasets []jsonDataset `json:"datasets"`
}

type jsonDataset struct {
	Name      string         `json:"name"`
	Documents []jsonDocument `json:"documents"`
	Actors    []jsonActor    `json:"actors"`
	Ties      []jsonTie      `json:"ties"`
}

type jsonDocument struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Kind      string `json:"kind"`
	Note      string `json:"note"`
}

type jsonActor struct {
	ID      string         `json:"id"`
	Kind    string         `json:"kind"`
	Name    string         `json:"name"`
	Short   string         `json:"short"`
	Label   string         `json:"label"`
	Aliases []string       `json:"aliases"`
	Region  string         `json:"region"`
	Note    string         `json:"note"`
	Sources []jsonCitation `json:"sources"`
}

type jsonTie struct {
	Key     string            `json:"key"`
	Type    string            `json:"type"`
	From    string            `json:"from"`
	To      string            `json:"to"`
	Attrs   map[string]string `json:"attrs"`
	Since   string            `json:"since"`
	Until   string            `json:"until"`
	Note    string            `json:"note"`
	Sources []jsonCitation    `json:"sources"`
}

type jsonCitation struct {
	Doc      string `json:"doc"`
	Section  string `json:"section"`
	Evidence string `json:"evidence"`
}

// JSON writes ds as one indented JSON document:
//
//	{"datasets": [{"name", "documents": [...], "actors": [...],
//	  "ties": [{"key", "type", "from", "to", "attrs", "since", "until",
//	            "note", "sources": [{"doc", "section", "evidence"}]}]}]}
//
// Datasets come in name order, their items by ID or key, attributes by name.
func JSON(w io.Writer, ds []*graph.Dataset) error {
	doc := jsonDoc{Datasets: []jsonDataset{}}
	for _, d := range sorted(ds) {
		jd := jsonDataset{Name: d.Name, Documents: []jsonDocument{}, Actors: []jsonActor{}, Ties: []jsonTie{}}
		for _, x := range d.Documents {
			jd.Documents = append(jd.Documents, jsonDocument{ID: x.ID, Title: x.Title, Publisher: x.Publisher,
				Published: x.Published.String(), URL: x.URL, Kind: x.Kind, Note: x.Note})
		}
		for _, a := range d.Actors {
			aliases := append([]string{}, a.Aliases...)
			jd.Actors = append(jd.Actors, jsonActor{ID: a.ID, Kind: string(a.Kind), Name: a.Name, Short: a.Short,
				Label: a.Label(), Aliases: aliases, Region: a.Region, Note: a.Note, Sources: jsonCitations(a.Sources)})
		}
		for _, t := range d.Ties {
			attrs := make(map[string]string, len(t.Attrs))
			for k, v := range t.Attrs {
				attrs[k] = v
			}
			jd.Ties = append(jd.Ties, jsonTie{Key: t.Key, Type: string(t.Type), From: t.From, To: t.To, Attrs: attrs,
				Since: t.Since.String(), Until: t.Until.String(), Note: t.Note, Sources: jsonCitations(t.Sources)})
		}
		doc.Datasets = append(doc.Datasets, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func jsonCitations(cs []graph.Citation) []jsonCitation {
	out := make([]jsonCitation, len(cs))
	for i, c := range cs {
		out[i] = jsonCitation{c.Doc, c.Section, c.Evidence}
	}
	return out
}
