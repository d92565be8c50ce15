package refdocs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/usage"
)

func tree() *cobra.Command {
	root := &cobra.Command{Use: "relmap", Long: "Exit codes: none here"}
	root.AddCommand(&cobra.Command{Use: "query", Short: "Run Cypher", Run: func(*cobra.Command, []string) {}})
	return root
}

func TestWritesAPagePerCommand(t *testing.T) {
	for format, files := range map[string][]string{"markdown": {"relmap.md", "relmap_query.md"}, "man": {"relmap.1", "relmap-query.1"}} {
		dir := filepath.Join(t.TempDir(), "new")
		if err := Write(tree(), dir, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil || !strings.Contains(string(b), "Run Cypher") && !strings.Contains(string(b), "Exit codes") {
				t.Errorf("%s: %s: %v\n%s", format, f, err, b)
			}
			if strings.Contains(string(b), "Auto generated") {
				t.Errorf("%s: %s carries a generation date", format, f)
			}
		}
	}
	if err := Write(tree(), t.TempDir(), "pdf"); usage.ExitCode(err) != usage.ExitUsage {
		t.Errorf("pdf: %v", err)
	}
}
