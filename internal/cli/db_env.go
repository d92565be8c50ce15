package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"

	"github.com/relmap/relmap/internal/localdb"
)

type dbEnvOptions struct {
	g            *Globals
	showPassword bool
}

func newDBEnvCmd(g *Globals) *cobra.Command {
	o := &dbEnvOptions{g: g}
	cmd := &cobra.Command{
		Use:     "env",
		Short:   "Print the local database's connection settings as shell exports, for other tools",
		Long:    help.Text("db-env.long"),
		Example: help.Text("db-env.example"),
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return o.run() },
	}
	cmd.Flags().BoolVar(&o.showPassword, "show-password", false, "also export NEO4J_PASSWORD (the password is printed)")
	return cmd
}

func (o *dbEnvOptions) run() error {
	dir := o.g.DataDirPath()
	st, err := localdb.ReadState(dir)
	if err != nil {
		return fmt.Errorf("no local database in %s (%v); start one with `relmap db start`", dir, err)
	}
	if !localdb.Running(st) {
		fmt.Fprintf(o.g.ErrOut, "relmap: warning: the local database in %s is not running; `relmap db start` starts it\n", dir)
	}
	user := st.User
	if user == "" {
		user = "neo4j"
	}
	fmt.Fprintf(o.g.Out, "export NEO4J_URI=%s\nexport NEO4J_USERNAME=%s\n", shellQuote(st.URI()), shellQuote(user))
	if o.showPassword {
		fmt.Fprintln(o.g.ErrOut, "relmap: warning: the output holds the database's password; keep it out of shared screens, logs and history")
		fmt.Fprintf(o.g.Out, "export NEO4J_PASSWORD=%s\n", shellQuote(st.Password))
	}
	return nil
}

// shellQuote quotes s for a POSIX shell, so that no character of it acts.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
