// Package help holds the long help texts and examples of relmap's commands,
// one file each, so that the command files hold what a command does and the
// prose a user reads can be edited as prose.
package help

import (
	"embed"
	"strings"
)

//go:embed *.txt
var texts embed.FS

// Text is the help text NAME.txt without its final line break. A name
// that has no file is a mistake in the program, caught by the tests that
// print every command's help.
func Text(name string) string {
	b, err := texts.ReadFile(name + ".txt")
	if err != nil {
		panic("help: no text " + name)
	}
	return strings.TrimSuffix(string(b), "\n")
}
