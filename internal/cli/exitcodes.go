package cli

import (
	"fmt"
	"strings"
)

// exitCodes are the exit codes as `relmap --help` and README.md list them;
// a test keeps the two the same.
var exitCodes = []struct {
	code    int
	meaning string
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

// exitCodesHelp is the exit codes' part of `relmap --help`.
func exitCodesHelp() string {
	var b strings.Builder
	b.WriteString("Exit codes:")
	for _, e := range exitCodes {
		fmt.Fprintf(&b, "\n  %3d  %s", e.code, strings.ReplaceAll(e.meaning, "`", "'"))
	}
	return b.String()
}
