// Package usage is how relmap tells a mistake in the command line from
// other failures: the typed usage error, the exit codes every error maps
// to (documented in README.md and in `relmap --help`), and the cobra hooks
// that make every command-line mistake a usage error at its source.
package usage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cypher"
)

// Exit codes, documented in README.md.
const (
	ExitOK          = 0
	ExitError       = 1 // bad input, failed validation, anything else
	ExitUsage       = 2 // unknown command or flag, bad arguments
	ExitUnavailable = 3 // the database could not be reached
	ExitAuth        = 4 // the database refused the credentials
	ExitQuery       = 5 // the database refused a statement
	ExitTimeout     = 6 // a statement ran past --timeout
	ExitBusy        = 7 // another load is running
	ExitInterrupted = 130
)

// Error marks an error in the command line itself.
type Error struct{ Err error }

func (e Error) Error() string { return e.Err.Error() }
func (e Error) Unwrap() error { return e.Err }

// Errorf is a usage error with a formatted message.
func Errorf(format string, a ...any) error { return Error{fmt.Errorf(format, a...)} }

// Wrap makes err a usage error (nil stays nil).
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	return Error{err}
}

// Silent is an error that has been reported already (for example,
// validation errors printed one per line); only the exit code remains.
type Silent struct{ Code int }

func (e Silent) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// IsSilent says whether err has been reported already.
func IsSilent(err error) bool {
	var se Silent
	return errors.As(err, &se)
}

// ExitCode maps an error to the process exit code.
func ExitCode(err error) int {
	var se Silent
	var qe *graph.QueryError
	var ue Error
	var rme *cypher.ReadModeError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &se):
		return se.Code
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.Is(err, graph.ErrAuth):
		return ExitAuth
	case errors.Is(err, graph.ErrUnavailable):
		return ExitUnavailable
	case errors.Is(err, graph.ErrTimeout):
		return ExitTimeout
	case errors.Is(err, graph.ErrBusy):
		return ExitBusy
	case errors.As(err, &qe), errors.As(err, &rme):
		return ExitQuery
	}
	return ExitError
}

// Codes are the exit codes as `relmap --help` and README.md list them;
// a test keeps the two the same.
var Codes = []struct {
	Code    int
	Meaning string
}{
	{ExitOK, "success"},
	{ExitError, "an error: invalid seed files (reported as `file:line: …`), a failed render, anything not listed below"},
	{ExitUsage, "the command line is wrong (unknown command or flag, bad argument)"},
	{ExitUnavailable, "the database could not be reached"},
	{ExitAuth, "the database refused the credentials"},
	{ExitQuery, "the database refused a statement (syntax, a write without `--write`, …), or read mode refused one with side effects (`LOAD CSV`, `TERMINATE TRANSACTIONS`, procedures that change the server; see `relmap query --help`)"},
	{ExitTimeout, "a statement ran past `--timeout`"},
	{ExitBusy, "another load held the lock past `--lock-timeout` (without it a load waits, and says for whom after a second)"},
	{ExitInterrupted, "interrupted"},
}

// CodesHelp is the exit codes' part of `relmap --help`.
func CodesHelp() string {
	var b strings.Builder
	b.WriteString("Exit codes:")
	for _, e := range Codes {
		fmt.Fprintf(&b, "\n  %3d  %s", e.Code, strings.ReplaceAll(e.Meaning, "`", "'"))
	}
	return b.String()
}

// EscapeControls shows control characters of a message as escapes, so that
// a file name or value holding ESC or a carriage return cannot act on the
// terminal. Line breaks and tabs of the message's own layout stay.
func EscapeControls(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' || isBidiControl(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n', r == '\t':
			b.WriteRune(r)
		case r == '\r':
			b.WriteString(`\r`)
		case unicode.IsControl(r) || isBidiControl(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports the characters that reorder text on display, which
// can make a name read as another.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}
