package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/completion"

	"github.com/relmap/relmap/internal/output"
)

type shellOptions struct {
	g       *Globals
	format  string
	write   bool
	timeout time.Duration
	history string
}

func newShellCmd(g *Globals) *cobra.Command {
	o := &shellOptions{g: g}
	cmd := &cobra.Command{
		Use:   "shell",
		Short: "Type Cypher interactively: multi-line statements, parameters, named questions",
		Long:  help.Text("shell.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", output.Table, "table, csv, tsv, json or jsonl")
	f.BoolVar(&o.write, "write", false, "start in write mode")
	f.DurationVar(&o.timeout, "timeout", 0, "stop a statement that runs longer (e.g. 30s); 0: the server's limit")
	f.StringVar(&o.history, "history", "", "the history file (default $XDG_STATE_HOME/relmap/history)")
	cmd.RegisterFlagCompletionFunc("format", completion.Fixed(output.Formats...))
	return cmd
}

func (o *shellOptions) run(cmd *cobra.Command) error {
	return app.Shell(cmd.Context(), o.g, app.ShellOptions{Format: o.format, Write: o.write, Timeout: o.timeout, History: o.history})
}
