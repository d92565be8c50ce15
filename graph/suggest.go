package graph

import (
	"cmp"
	"slices"
)

// Closest returns the candidate closest to s, or "" when none is close enough
// to be a plausible typo. It is the one suggester behind every "did you mean"
// relmap prints: seed validation's unknown keys and ids, and actor lookup.
func Closest(s string, candidates []string) string {
	if near := Nearest(s, candidates, 1); len(near) > 0 {
		return near[0]
	}
	return ""
}

// Nearest returns up to n candidates close enough to s to be plausible typos
// of it, closest first (ties in candidate order). Closeness counts a swap of
// two neighbouring letters as one edit, the commonest slip when typing names
// like "since" or "kyrgyzstan"; how many edits are allowed grows with the
// length of s, from one up to three. A candidate equal to s is not a
// suggestion.
func Nearest(s string, candidates []string, n int) []string {
	limit := typoLimit(s)
	type near struct {
		c  string
		d  int
		at int
	}
	var found []near
	seen := map[string]bool{}
	for i, c := range candidates {
		if c == s || seen[c] {
			continue
		}
		if d := distance(s, c); d <= limit {
			seen[c] = true
			found = append(found, near{c, d, i})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int {
		return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.at, b.at))
	})
	out := make([]string, 0, min(n, len(found)))
	for _, f := range found[:min(n, len(found))] {
		out = append(out, f.c)
	}
	return out
}

// typoLimit is how many edits a misspelling of s may hold: a third of its
// length, at least one and at most three, so "nato" does not suggest "sco".
func typoLimit(s string) int {
	return min(max(1, len([]rune(s))/3), 3)
}

// distance is the optimal string alignment distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > 3 || d < -3 {
		return 4 // far apart; Nearest never looks beyond 3
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
