package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/cypher"
)

func newQueryCmd(g *Globals) *cobra.Command {
	var o app.QueryOptions
	cmd := &cobra.Command{
		Use:     "query [CYPHER]",
		Short:   "Run Cypher (an argument, -f FILE, stdin or --named NAME) and print the result",
		Long:    strings.Replace(help.Text("query.long"), "{{read-mode-rule}}", cypher.ReadModeRule(80), 1),
		Example: help.Text("query.example"),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Cypher, o.CypherGiven = args[0], true
			}
			o.AtGiven = cmd.Flags().Changed("at")
			return app.Query(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.File, "file", "f", "", "read Cypher from FILE (- for stdin)")
	f.StringVar(&o.Named, "named", "", "run the named question NAME (see relmap queries)")
	f.StringArrayVarP(&o.Params, "param", "p", nil, "a parameter, name=value (repeatable; YYYY-MM-DD is a DATE, name:string=VALUE keeps text)")
	f.StringVar(&o.ParamsFile, "params-file", "", "parameters from a JSON or YAML file (--param wins)")
	f.StringVar(&o.Format, "format", "", "table, csv, tsv, json or jsonl (default: table on a terminal, csv otherwise)")
	f.BoolVar(&o.Write, "write", false, "allow the statement to write, and print what it changed")
	f.DurationVar(&o.Timeout, "timeout", 0, "stop a statement that runs longer (e.g. 30s); 0: the server's limit")
	f.Int64Var(&o.Limit, "limit", 0, "print at most N records (0: all)")
	f.StringVar(&o.At, "at", "", "the day asked about, as the Cypher DATE $at (YYYY-MM-DD, YYYY-MM, YYYY or today)")
	f.BoolVar(&o.KeepGoing, "keep-going", false, "with several statements, run the rest after one fails")
	bindConfirmedOnly(f, &o.ConfirmedOnly)
	return cmd
}
