package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
	"github.com/itemreduce/itemreduce/reduction/htmlreport"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "write the screening as one HTML page with pictures: answers per item, correlations, reliability",
		UsageText: `itemreduce report --bank BANK.yaml --previous OLDER.csv --current NEWER.csv -o report.html [options]

Example:
   itemreduce report --bank examples/wijkteams/bank.yaml \
       --previous examples/wijkteams/responses-2016.csv \
       --current examples/wijkteams/responses-2017.csv \
       --review examples/wijkteams/review.yaml -o report.html`,
		Description: `The page shows, per theme, each item's answers in both waves (agreement scales as
bars around the middle of the scale, grades as small histograms) with the mean and its
95% interval and the ticks (hover for the numbers); the correlations of the items in
theme order with the redundant groups outlined; alpha and omega of every theme and
composite, and with --review also after the review's decisions; and a table of every
item that sorts and filters. It is one file that opens offline in any browser and
prints well.`,
		Flags: append(append(dataFlags(),
			linkIDFlag(),
			&cli.StringFlag{Name: "config", Usage: "rules `FILE` (YAML) with other thresholds; see examples/wijkteams/report-2018.yaml"},
			&cli.StringFlag{Name: "review", Usage: "the researchers' review `FILE`: show alpha and omega after its decisions too"},
			forceFlag()),
			outFlags("the page `FILE` to write (.html; replaced only when everything succeeded)")...),
		Action: runReport,
	}
}

// runReport screens the waves as flag does and writes the page.
func runReport(c *cli.Context) error {
	out, err := outPath(c, false)
	if err != nil {
		return err
	}
	if ext := strings.ToLower(filepath.Ext(out)); !toScreen(out) && ext != ".html" && ext != ".htm" {
		return usageError("-o %s: the page is HTML; give a name ending in .html", out)
	}
	outs := newOutputs(c)
	outs.add("--out", out, isReportPage)
	if err := outs.check(); err != nil {
		return err
	}
	in, err := reportInput(c)
	if err != nil {
		return err
	}
	return outs.write(out, c.App.Writer, func(w io.Writer) error { return htmlreport.Write(w, in) })
}

// reportInput loads and screens everything the page shows.
func reportInput(c *cli.Context) (htmlreport.Input, error) {
	var in htmlreport.Input
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return in, err
	}
	cfg, err := loadConfig(c, bank)
	if err != nil {
		return in, err
	}
	var review *reduction.Review
	if path := c.String("review"); path != "" {
		if review, err = reduction.LoadReviewFile(path); err != nil {
			return in, err
		}
	}
	previous, current, link, err := loadLinkedWaves(c, bank, nil)
	if err != nil {
		return in, err
	}
	rep, err := reduction.NewLinkedReport(bank, previous, current, cfg.Thresholds, link)
	if err != nil {
		return in, err
	}
	if cfg.Grouped() {
		reduction.ApplyGroups(rep.Result, reduction.ThemeRestR(rep.Reliability))
	}
	in = htmlreport.Input{Bank: bank, Report: rep, Previous: previous, Current: current,
		PreviousLabel: c.String("previous-wave"), CurrentLabel: c.String("current-wave"), Sources: reportSources(c), Where: c.StringSlice("where")}
	if review != nil {
		if err := afterReview(&in, review, current); err != nil {
			return in, err
		}
	}
	return in, nil
}

// afterReview adds the reliability after the review's decisions: each
// item kept or dropped as the researchers decided, else as suggested
// (the review as the only source of decide).
func afterReview(in *htmlreport.Input, review *reduction.Review, current *itembank.Summary) error {
	combine, err := reduction.ParseCombine("majority")
	if err != nil {
		return err
	}
	d, err := reduction.Decide(in.Bank, review, nil, combine)
	if err != nil {
		return err
	}
	if in.After, err = d.ReliabilityCosts(current); err != nil {
		return err
	}
	in.Final = map[string]reduction.Verdict{}
	for _, it := range d.Items {
		in.Final[it.Item.ID] = it.Final
	}
	return nil
}

// reportSources names the input files by role, without their folders.
func reportSources(c *cli.Context) []htmlreport.Source {
	base := func(paths ...string) []string {
		var names []string
		for _, p := range paths {
			if p != "" {
				names = append(names, filepath.Base(p))
			}
		}
		return names
	}
	return []htmlreport.Source{
		{Role: htmlreport.BankFile, Files: base(c.String("bank"))},
		{Role: htmlreport.PreviousFiles, Files: base(c.StringSlice("previous")...)},
		{Role: htmlreport.CurrentFiles, Files: base(c.StringSlice("current")...)},
		{Role: htmlreport.DataFiles, Files: base(c.StringSlice("data")...)},
		{Role: htmlreport.RulesFile, Files: base(c.String("config"))},
		{Role: htmlreport.ReviewFile, Files: base(c.String("review"))},
	}
}

// isReportPage recognises a page written by report.
func isReportPage(head []byte) bool {
	return bytes.HasPrefix(head, []byte("<!DOCTYPE html>")) && bytes.Contains(head, []byte("<title>"+htmlreport.English.Title))
}
