package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/pdf"
	"github.com/relmap/relmap/internal/usage"
)

// printFlags checks --dpi and --page against the output format, so that a
// flag that would be ignored is refused instead.
func printFlags(cmd *cobra.Command, format string, dpi float64, page string) error {
	if cmd.Flags().Changed("dpi") {
		if format != "png" {
			return usage.Errorf("--dpi is for PNG output (-o FILE.png)")
		}
		if dpi < 1 || dpi > 1200 {
			return usage.Errorf("--dpi %g: want 1 to 1200", dpi)
		}
	}
	if cmd.Flags().Changed("page") {
		if format != "pdf" {
			return usage.Errorf("--page is for PDF output (-o FILE.pdf)")
		}
		if !slices.Contains(pdf.Pages, page) {
			return usage.Errorf("--page %q: want one of %s", page, strings.Join(pdf.Pages, ", "))
		}
	}
	return nil
}
