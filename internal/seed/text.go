package seed

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/relmap/relmap/graph"
)

// invisible describes c when it is a character that does not show or that
// reorders the text around it (a right-to-left override turns "gnp.exe"
// into what reads as "exe.png"), and "" otherwise. Such characters are
// refused in every value: they make two values that look the same differ,
// or one read as another.
func invisible(c rune) string {
	switch {
	case c >= 0x202a && c <= 0x202e, c >= 0x2066 && c <= 0x2069, c == 0x200e, c == 0x200f, c == 0x061c:
		return fmt.Sprintf("the bidirectional control character %U", c)
	case c == 0x2028 || c == 0x2029:
		return fmt.Sprintf("the line separator %U", c)
	case unicode.Is(unicode.Cf, c), unicode.Is(unicode.Mn, c) && c >= 0xfe00 && c <= 0xfe0f, c == 0x3164, c == 0x115f, c == 0x1160:
		return fmt.Sprintf("the invisible character %U", c)
	}
	return ""
}

// foldKey is a tie key's form for telling near-duplicates apart: keys
// differ from one another by more than case.
func foldKey(k string) string {
	return strings.ToLower(k)
}

// nearDuplicates reports ties whose keys differ only by case ("energy" and
// "Energy"): the key keeps the spelling the file gives, and two spellings
// of one key are refused rather than loaded as two ties. Most keys are
// lower-case throughout, so the second pass runs only when some are not.
func (b *builder) nearDuplicates(order []keyed, tie func(*keyed) *graph.Tie) {
	type first struct{ t *graph.Tie }
	folded := map[string]first{}
	for i := range order {
		t := tie(&order[i])
		if fk := foldKey(t.Key); fk != t.Key && t.Key != "" {
			if f, ok := folded[fk]; !ok {
				folded[fk] = first{t}
			} else if f.t.Key != t.Key {
				b.nearDuplicate(t, f.t)
			}
		}
	}
	if len(folded) == 0 {
		return
	}
	for i := range order {
		t := tie(&order[i])
		if f, ok := folded[t.Key]; ok {
			b.nearDuplicate(f.t, t)
		}
	}
}

func (b *builder) nearDuplicate(t, other *graph.Tie) {
	at := pos{t.File, t.Line, 1}
	b.p.add(at, "keys of one tie differ by more than case: spell the value as at the other tie, or tell them apart with `key`",
		"tie %s differs from tie %s (at %s) only by case", t.Key, other.Key, pos{file: other.File, line: other.Line}.ref(at))
}
