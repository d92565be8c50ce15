package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"
	"github.com/spf13/cobra/doc"
)

type docsOptions struct {
	g      *Globals
	dir    string
	format string
}

func newDocsCmd(g *Globals) *cobra.Command {
	o := &docsOptions{g: g}
	cmd := &cobra.Command{
		Use:     "docs --dir DIR [--format markdown|man]",
		Short:   "Write relmap's reference, one page per command, as Markdown or man pages",
		Long:    help.Text("docs.long"),
		Example: help.Text("docs.example"),
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return o.run(cmd.Root()) },
	}
	cmd.Flags().StringVar(&o.dir, "dir", "", "the directory to write to")
	cmd.Flags().StringVar(&o.format, "format", "markdown", "markdown or man")
	cmd.MarkFlagRequired("dir")
	cmd.MarkFlagDirname("dir")
	return cmd
}

func (o *docsOptions) run(root *cobra.Command) error {
	if o.format != "markdown" && o.format != "man" {
		return usage.Errorf("--format %q: want markdown or man", o.format)
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	// Pages carry no generation date, so that the same relmap writes the
	// same bytes.
	root.DisableAutoGenTag = true
	var err error
	if o.format == "man" {
		err = doc.GenManTree(root, &doc.GenManHeader{Title: "RELMAP", Section: "1", Source: "relmap", Manual: "relmap manual"}, o.dir)
	} else {
		err = doc.GenMarkdownTree(root, o.dir)
	}
	if err != nil {
		return fmt.Errorf("writing the %s pages to %s: %w", o.format, o.dir, err)
	}
	o.g.Status("Wrote the %s pages of relmap's commands to %s.", o.format, o.dir)
	return nil
}
