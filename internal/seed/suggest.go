package seed

import "github.com/relmap/relmap/graph"

// suggest returns the candidate closest to s, or "" when none is close enough
// to be a plausible typo (graph.Closest, the suggester actor lookup uses too).
func suggest(s string, candidates []string) string {
	return graph.Closest(s, candidates)
}

// didYouMean is the hint for a misspelt name, or "" when there is no guess.
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" {
		return "did you mean '" + c + "'?"
	}
	return ""
}
