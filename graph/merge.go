package graph

// Merge joins datasets into one, named "all", for questions that span
// them: every document and tie, each actor once (the first definition of an
// ID wins), in canonical order. The datasets passed in are left as they
// were.
func Merge(ds []*Dataset) *Dataset {
	out := &Dataset{Name: "all"}
	seen := map[string]bool{}
	for _, d := range ds {
		out.Documents = append(out.Documents, d.Documents...)
		for _, a := range d.Actors {
			if !seen[a.ID] {
				seen[a.ID] = true
				out.Actors = append(out.Actors, a)
			}
		}
		out.Ties = append(out.Ties, d.Ties...)
	}
	out.Sort()
	return out
}
