package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/buildinfo"
	"github.com/relmap/relmap/internal/cli/help"
)

type versionOptions struct{ g *Globals }

func newVersionCmd(g *Globals) *cobra.Command {
	o := &versionOptions{g: g}
	return &cobra.Command{
		Use:   "version",
		Short: "Print relmap's version and the versions it was built with",
		Long:  help.Text("version.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run() },
	}
}

func (o *versionOptions) run() error {
	_, err := o.g.Out.Write([]byte(buildinfo.Text()))
	return err
}
