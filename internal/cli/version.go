package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/localdb"
)

// Version is set at build time with -ldflags "-X github.com/relmap/relmap/internal/cli.Version=…".
var Version = "dev"

type versionOptions struct{ g *Globals }

func newVersionCmd(g *Globals) *cobra.Command {
	o := &versionOptions{g: g}
	return &cobra.Command{
		Use:   "version",
		Short: "Print relmap's version and the versions it was built with",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run() },
	}
}

func (o *versionOptions) run() error {
	fmt.Fprintf(o.g.Out, "relmap %s\n", Version)
	fmt.Fprintf(o.g.Out, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(o.g.Out, "local Neo4j %s (embedded, Community)\n", localdb.Neo4jVersion)
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			switch d.Path {
			case "github.com/neo4j/neo4j-go-driver/v5", "github.com/goccy/go-graphviz", "github.com/spf13/cobra":
				fmt.Fprintf(o.g.Out, "%s %s\n", d.Path, d.Version)
			}
		}
	}
	return nil
}
