// Package lazyre holds regular expressions that are compiled on first use.
//
// A package-level regexp.MustCompile runs in every relmap process, whatever
// the command; compiling a dozen of them was a measurable part of the start
// of a short command such as `relmap query 'RETURN 1'`.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr the first time it is called and
// returns the same *regexp.Regexp after that. It panics, as
// regexp.MustCompile does, if expr is not a valid expression.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
