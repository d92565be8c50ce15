package loadrun

import (
	"fmt"
	"io"

	"github.com/relmap/relmap/graph"
)

// WriteSummary prints what a load or unload changed in each dataset, or
// would change with a dry run.
func WriteSummary(w io.Writer, sum graph.LoadSummary) {
	verb := "loaded"
	if sum.DryRun {
		verb = "would change"
	}
	for _, d := range sum.Datasets {
		if d.Unchanged {
			fmt.Fprintf(w, "dataset %s: unchanged (%d documents, %d actors, %d ties)\n",
				d.Name, d.Documents.Kept, d.Actors.Kept, d.Ties.Kept)
			continue
		}
		fmt.Fprintf(w, "dataset %s: %s\n", d.Name, verb)
		fmt.Fprintf(w, "  %-10s %8s %8s %8s %8s\n", "", "created", "updated", "removed", "kept")
		for _, row := range []struct {
			name string
			c    graph.Change
		}{{"documents", d.Documents}, {"actors", d.Actors}, {"ties", d.Ties}} {
			fmt.Fprintf(w, "  %-10s %8d %8d %8d %8d\n", row.name, row.c.Created, row.c.Updated, row.c.Removed, row.c.Kept)
		}
		if d.NeedsPrune {
			fmt.Fprintf(w, "  this removes more than half of dataset %s: a load needs --prune (or relmap unload %s)\n", d.Name, d.Name)
		}
		if sum.DryRun {
			for _, l := range d.Details {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
	}
}

// waitingNotice tells the user, on stderr, what a load waits for.
func waitingNotice(errOut io.Writer) func(string) {
	return func(holder string) {
		fmt.Fprintf(errOut, "relmap: waiting for %s (with --lock-timeout DURATION a load gives up after that long)\n", holder)
	}
}
