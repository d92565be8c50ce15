package outfile

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// Width is how many columns the terminal behind w has, for tables that fit
// it; 0 when w is not a terminal (a pipe or a file: tables there stay whole)
// or its size is unknown. COLUMNS, when set to a number, wins, as it does for
// ls and other tools, so a user can ask for a narrower or wider table.
func Width(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
		return cols
	}
	return 0
}
