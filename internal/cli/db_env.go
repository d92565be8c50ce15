package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newDBEnvCmd(g *Globals) *cobra.Command {
	var showPassword bool
	cmd := &cobra.Command{
		Use:     "env",
		Short:   "Print the local database's connection settings as shell exports, for other tools",
		Long:    help.Text("db-env.long"),
		Example: help.Text("db-env.example"),
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return app.DBEnv(g, showPassword) },
	}
	cmd.Flags().BoolVar(&showPassword, "show-password", false, "also export NEO4J_PASSWORD (the password is printed)")
	return cmd
}
