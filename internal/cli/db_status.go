package cli

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/localdb"
	"github.com/relmap/relmap/internal/usage"
)

type dbStatusOptions struct{ g *Globals }

func newDBStatusCmd(g *Globals) *cobra.Command {
	o := &dbStatusOptions{g: g}
	return &cobra.Command{
		Use:   "status",
		Short: "Say whether the local Neo4j runs, where, and which version",
		Long:  "Prints key: value lines. Exits 0 when the database runs and answers, 3 when it does not.",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
}

func (o *dbStatusOptions) run(cmd *cobra.Command) error {
	dir := o.g.DataDirPath()
	st, err := localdb.ReadState(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if st.Warning != "" {
		o.g.Status("relmap: %s", st.Warning)
	}
	out := o.g.Out
	if err != nil || !localdb.Running(st) {
		fmt.Fprintf(out, "status: stopped\ndata: %s\n", dir)
		return usage.Silent{Code: ExitUnavailable}
	}
	fmt.Fprintf(out, "status: running\nuri: %s\npid: %d\ndata: %s\n", st.URI(), st.PID, st.DataDir)
	s, err := o.g.StoreFor(cmd.Context(), Conn{URI: st.URI(), User: st.User, Password: st.Password, FromLocal: true})
	if err != nil {
		return err
	}
	defer s.Close(cmd.Context())
	info, err := s.Info(cmd.Context())
	if err != nil {
		fmt.Fprintf(out, "bolt: not answering (%v)\n", err)
		return usage.Silent{Code: ExitUnavailable}
	}
	fmt.Fprintf(out, "neo4j: %s %s\n", info.Version, info.Edition)
	return nil
}
