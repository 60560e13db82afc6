package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank/draft"
)

func bankCommand() *cli.Command {
	return &cli.Command{
		Name:   "bank",
		Usage:  "make an item bank file",
		Action: commandsAction,
		Subcommands: []*cli.Command{
			{
				Name:  "init",
				Usage: "draft an item bank from a data file (.sav, .csv, .xlsx) for you to check",
				UsageText: `itemreduce bank init --from DATA -o BANK.yaml

Example:
   itemreduce bank init --from examples/wijkteams/responses-2017.sav -o bank.yaml`,
				Description: `Every column that looks like a rating item becomes an item: its name is the item id,
its SPSS variable label the item text. Scales come from the SPSS value labels and
missing values; for a CSV or Excel file they are guessed from the answers seen, and the
draft says so next to each guessed scale. Background columns (respondent number, age,
gender, team, municipality, year, ...) and text columns are left out and listed at the
top of the draft, so that you can check them. The draft can be used with
'itemreduce flag' as it is, but read it first.`,
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "from", Required: true, Usage: "the data `FILE` to draft from (.sav, .zsav, .csv, .tsv, .txt, .xlsx)"},
					&cli.StringFlag{Name: "sheet", Usage: "for Excel workbooks: the worksheet `NAME` to read (default: the first)"},
					&cli.BoolFlag{Name: "force", Usage: "replace the output file if it exists"},
				}, outFlags("write the draft to `FILE` (default: the screen)")...),
				Action: runBankInit,
			},
		},
	}
}

func runBankInit(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageError("bank init takes no arguments (got %q): give the data file with --from", c.Args().First())
	}
	out, err := outPath(c, false)
	if err != nil {
		return err
	}
	if !toScreen(out) && !c.Bool("force") {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s already exists: a draft would replace your bank; choose another name, or add --force", out)
		}
	}
	outs := newOutputs(c)
	outs.add("--out", out, nil)
	if err := outs.check(); err != nil {
		return err
	}
	d, err := draft.FromFile(c.String("from"), draft.Options{Sheet: c.String("sheet")})
	if err != nil {
		return err
	}
	if err := outs.write(out, c.App.Writer, d.WriteYAML); err != nil {
		return err
	}
	for _, w := range d.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "warning: %s\n", w)
	}
	fmt.Fprintf(c.App.ErrWriter, "drafted %d items on %d scale(s) from %d respondents; %d column(s) left out, listed at the top of the draft. Check the draft before using it.\n",
		len(d.Bank.Items), len(d.Bank.Scales), d.Rows, len(d.Left))
	if len(d.Inferred) > 0 {
		fmt.Fprintf(c.App.ErrWriter, "note: %d scale(s) were guessed from the answers seen; the draft marks them.\n", len(d.Inferred))
	}
	return nil
}
