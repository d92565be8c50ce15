package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/relmap/relmap/graph"
)

// Fingerprint prints the canonical hash and counts of the graph content
// relmap owns, as text or as JSON.
func Fingerprint(ctx context.Context, g *Env, asJSON bool) error {
	return g.WithStore(ctx, func(s graph.Store) error {
		fp, err := s.Fingerprint(ctx)
		if err != nil {
			return err
		}
		if asJSON {
			return json.NewEncoder(g.Out).Encode(map[string]any{
				"hash": fp.Hash, "documents": fp.Documents, "actors": fp.Actors, "ties": fp.Ties})
		}
		fmt.Fprintf(g.Out, "%s  documents=%d actors=%d ties=%d\n", fp.Hash, fp.Documents, fp.Actors, fp.Ties)
		return nil
	})
}
