package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/refdocs"
)

func newDocsCmd(g *Globals) *cobra.Command {
	var dir, format string
	cmd := &cobra.Command{
		Use:     "docs --dir DIR [--format markdown|man]",
		Short:   "Write relmap's reference, one page per command, as Markdown or man pages",
		Long:    help.Text("docs.long"),
		Example: help.Text("docs.example"),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := refdocs.Write(cmd.Root(), dir, format); err != nil {
				return err
			}
			g.Status("Wrote the %s pages of relmap's commands to %s.", format, dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "the directory to write to")
	cmd.Flags().StringVar(&format, "format", "markdown", "markdown or man")
	cmd.MarkFlagRequired("dir")
	cmd.MarkFlagDirname("dir")
	return cmd
}
