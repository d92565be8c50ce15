package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/relmap/relmap/graph"
)

// hint adds the way out to an unreachable database, once for every command:
// how to start the local database, or to check the server named.
func (g *Globals) hint(err error) error {
	if !errors.Is(err, graph.ErrUnavailable) || g.opened == nil {
		return err
	}
	if g.opened.FromLocal {
		return fmt.Errorf("%w\nStart the local database with `relmap db start`, or set NEO4J_URI to use another Neo4j 5", err)
	}
	return fmt.Errorf("%w\nCheck that the server at NEO4J_URI/--uri is running and reachable", err)
}

// watchedWriter passes writes on and keeps the first error.
type watchedWriter struct {
	w   io.Writer
	err error
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}
