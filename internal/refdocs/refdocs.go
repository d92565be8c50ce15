// Package refdocs writes relmap's command reference from the commands'
// own help: one page per command, as linked Markdown or as man pages in
// section 1, the same bytes for the same relmap.
package refdocs

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/relmap/relmap/internal/usage"
)

// Write writes a page for root and each command below it into dir
// (created if need be), in format (markdown or man).
func Write(root *cobra.Command, dir, format string) error {
	if format != "markdown" && format != "man" {
		return usage.Errorf("--format %q: want markdown or man", format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Pages carry no generation date, so that the same relmap writes the
	// same bytes.
	root.DisableAutoGenTag = true
	var err error
	if format == "man" {
		err = doc.GenManTree(root, &doc.GenManHeader{Title: "RELMAP", Section: "1", Source: "relmap", Manual: "relmap manual"}, dir)
	} else {
		err = doc.GenMarkdownTree(root, dir)
	}
	if err != nil {
		return fmt.Errorf("writing the %s pages to %s: %w", format, dir, err)
	}
	return nil
}
