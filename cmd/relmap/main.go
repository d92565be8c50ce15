// Command relmap maps who is tied to whom: see `relmap --help`.
package main

import (
	"os"

	"github.com/relmap/relmap/internal/cli"
)

func main() { cli.Main(os.Args[1:]) }
