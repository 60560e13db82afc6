package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

func flagCommand() *cli.Command {
	return &cli.Command{
		Name:  "flag",
		Usage: "screen every item with the four rules and show the ticks with their evidence",
		UsageText: `itemreduce flag --bank BANK.yaml --previous OLDER.csv --current NEWER.csv [options]

Example:
   itemreduce flag --bank examples/wijkteams/bank.yaml \
       --previous examples/wijkteams/responses-2016.csv \
       --current examples/wijkteams/responses-2017.csv

   Reproduce the report's literal thresholds and save a spreadsheet:
   itemreduce flag ... --config examples/wijkteams/report-2018.yaml -o flags.csv

   An Excel workbook, or a CSV for Excel with Dutch settings (; and 0,4):
   itemreduce flag ... -o flags.xlsx
   itemreduce flag ... --decimal-comma -o flags.csv`,
		Description: `Each rule that fires gives the item a tick for possible removal:
   stable      |mean(current) - mean(previous)| < 0.10 x range   (0.4 on 1-5, 0.9 on 1-10)
   ceiling     mean(current) > min + 0.80 x range                 (4.2 on 1-5, 8.2 on 1-10)
   low_spread  sd(current) < 0.20 x range                         (0.8 on 1-5, 1.8 on 1-10)
   redundant   |r| > 0.50 with at least one other item (current wave)
A value exactly at a threshold does not fire. Statistics that cannot be computed
(too few answers, no variance, item not asked) decide nothing and are listed as warnings.
After the items it shows the reliability of each theme and composite (alpha, omega)
and the wave tests of each item (Mann-Whitney up to 7 points, Welch's t above, Holm-adjusted;
with --id-column the people of both waves are linked and the tests paired: Wilcoxon
signed-rank and paired t).`,
		Flags: append(append(dataFlags(),
			linkIDFlag(),
			&cli.StringFlag{Name: "config", Usage: "rules `FILE` (YAML) with other thresholds; see examples/wijkteams/report-2018.yaml"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table (for reading), csv (for a spreadsheet), xlsx (an Excel workbook; needs -o), json (for programs) or markdown; with -o the default follows the file's extension (.txt .csv .xlsx .json .md)"},
			&cli.BoolFlag{Name: "decimal-comma", Usage: "CSV for Dutch Excel: ';' between fields and a decimal comma (0,4); the default when the bank says language: nl (--decimal-comma=false turns it off)"},
			&cli.BoolFlag{Name: "wide", Usage: "the table with one line per item, as wide as it needs (the screen table fits 80 columns)"},
			forceFlag()),
			outFlags("write to `FILE` instead of the screen (replaced only when everything succeeded)")...),
		Action: runFlag,
	}
}

var renderers = map[string]func(*reduction.Report, io.Writer) error{
	"table":    (*reduction.Report).WriteTable,
	"csv":      (*reduction.Report).WriteCSV,
	"json":     (*reduction.Report).WriteJSON,
	"markdown": (*reduction.Report).WriteMarkdown,
}

// formatOfExt is the format an output file's extension asks for.
var formatOfExt = map[string]string{
	".txt":  "table",
	".csv":  "csv",
	".json": "json",
	".md":   "markdown",
	".xlsx": "xlsx",
}

// flagFormat returns the format of flag's output: --format when given,
// else the one of the -o file's extension, else the table. An explicit
// --format that contradicts the extension is a usage error: it would
// write, say, a table into flags.csv.
func flagFormat(c *cli.Context, out string) (string, error) {
	format := c.String("format")
	if _, ok := renderers[format]; !ok && format != "xlsx" {
		return "", usageError("--format %q: choose table, csv, xlsx, json or markdown%s", format,
			didYouMean(format, []string{"table", "csv", "xlsx", "json", "markdown"}))
	}
	ext := strings.ToLower(filepath.Ext(out))
	implied, known := formatOfExt[ext]
	switch {
	case toScreen(out) || !known:
		if format == "xlsx" {
			return "", usageError("--format xlsx: give the workbook to write with -o FILE.xlsx")
		}
	case !c.IsSet("format"):
		format = implied
	case format != implied:
		return "", usageError("--format %s contradicts -o %s, which is %s: drop --format or change the extension", format, out, implied)
	}
	if c.Bool("decimal-comma") && format != "csv" {
		return "", usageError("--decimal-comma is for CSV output, not %s", format)
	}
	if c.Bool("wide") && format != "table" {
		return "", usageError("--wide is for the table, not %s", format)
	}
	return format, nil
}

func runFlag(c *cli.Context) error {
	out, err := outPath(c, false)
	if err != nil {
		return err
	}
	format, err := flagFormat(c, out)
	if err != nil {
		return err
	}
	render := renderers[format]
	switch {
	case format == "xlsx":
		render = func(rep *reduction.Report, w io.Writer) error { return writeFlagXLSX(rep, screeningOf(c), w) }
	case format == "csv" && decimalComma(c):
		render = (*reduction.Report).WriteCSVDecimalComma
	case c.Bool("wide"):
		render = (*reduction.Report).WriteWideTable
	}
	outs := newOutputs(c)
	outs.add("--out", out, isFlagFile)
	if err := outs.check(); err != nil {
		return err
	}
	res, err := screen(c)
	if err != nil {
		return err
	}
	return outs.write(out, c.App.Writer, func(w io.Writer) error { return render(res, w) })
}

// isFlagFile recognises a file written by flag: isFlagOutput, or the CSV
// with its text column, in either dialect. A workbook is not recognised:
// an existing .xlsx is replaced only with --force, as it may be a
// researcher's own.
func isFlagFile(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	return isFlagOutput(head) || bytes.HasPrefix(head, []byte("id,text,scale,n,mean,sd,")) ||
		bytes.HasPrefix(head, []byte("id;text;scale;n;mean;sd;"))
}

// screen loads the bank, the rules and both waves, applies the rules and
// computes the reliability of the themes and composites.
func screen(c *cli.Context) (*reduction.Report, error) {
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfig(c, bank)
	if err != nil {
		return nil, err
	}
	previous, current, link, err := loadLinkedWaves(c, bank, nil)
	if err != nil {
		return nil, err
	}
	rep, err := reduction.NewLinkedReport(bank, previous, current, cfg.Thresholds, link)
	if err != nil {
		return nil, err
	}
	if cfg.Grouped() {
		reduction.ApplyGroups(rep.Result, reduction.ThemeRestR(rep.Reliability))
	}
	rep.Selection = selectionOf(c)
	return rep, nil
}
