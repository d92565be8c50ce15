package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"

	"github.com/relmap/relmap/graph"
)

type fingerprintOptions struct {
	g    *Globals
	json bool
}

func newFingerprintCmd(g *Globals) *cobra.Command {
	o := &fingerprintOptions{g: g}
	cmd := &cobra.Command{
		Use:   "fingerprint",
		Short: "Print a canonical hash and counts of the graph content relmap owns",
		Long:  help.Text("fingerprint.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON")
	return cmd
}

func (o *fingerprintOptions) run(cmd *cobra.Command) error {
	return o.g.WithStore(cmd.Context(), func(s graph.Store) error {
		fp, err := s.Fingerprint(cmd.Context())
		if err != nil {
			return err
		}
		if o.json {
			return json.NewEncoder(o.g.Out).Encode(map[string]any{
				"hash": fp.Hash, "documents": fp.Documents, "actors": fp.Actors, "ties": fp.Ties})
		}
		fmt.Fprintf(o.g.Out, "%s  documents=%d actors=%d ties=%d\n", fp.Hash, fp.Documents, fp.Actors, fp.Ties)
		return nil
	})
}
