package main

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
	"github.com/itemreduce/itemreduce/reduction/htmlreport"
)

func reportCommand() *cli.Command {
	flags := append(dataFlags(),
		linkIDFlag(),
		&cli.StringFlag{Name: "config", Usage: "rules `FILE` (YAML) with other thresholds; see examples/wijkteams/report-2018.yaml"},
		&cli.StringFlag{Name: "review", Usage: "the researchers' review `FILE`: show alpha and omega after its decisions too; with --length the short form keeps the items it decides to keep and leaves out those it drops"},
		&cli.StringSliceFlag{Name: "length", Usage: "add the short form of `N` items that itemreduce shorten finds; FROM:TO:STEP (e.g. 40:100:5) adds the curve of I per length; give both (--length 73 --length 40:100:5) to mark the form on the curve"})
	flags = append(flags, shortenFlags()...)
	flags = append(flags, langFlag(), forceFlag())
	flags = append(flags, outFlags("the page `FILE` to write (.html; replaced only when everything succeeded)")...)
	return &cli.Command{
		Name:  "report",
		Usage: "write the screening as one HTML page with pictures: answers per item, correlations, reliability",
		UsageText: `itemreduce report --bank BANK.yaml --previous OLDER.csv --current NEWER.csv -o report.html [options]

Example:
   itemreduce report --bank examples/wijkteams/bank.yaml \
       --previous examples/wijkteams/responses-2016.csv \
       --current examples/wijkteams/responses-2017.csv \
       --review examples/wijkteams/review.yaml -o report.html

   With the short form of 73 items and the curve of what each length keeps:
   itemreduce report ... --length 73 --length 40:100:5 -o report.html`,
		Description: `The page shows, per theme, each item's answers in both waves (agreement scales as
bars around the middle of the scale, grades as small histograms) with the mean and its
95% interval and the ticks (hover for the numbers); the correlations of the items in
theme order with the redundant groups outlined; alpha and omega of every theme and
composite, and with --review also after the review's decisions; and a table of every
item that sorts and filters. With --length it adds the short form that itemreduce
shorten finds (the same constraints: --review, --keep, --drop, --min-per-theme ...):
what it keeps, its bound, its themes before and after, and for FROM:TO:STEP the curve
of I and the bound per length. It is one file that opens offline in any browser and
prints well. The page is in the bank's language (language: nl or en), or the one --lang
names; numbers keep their decimal point, as in the review file and the audit.`,
		Flags:  flags,
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
	if err := checkLangFlag(c); err != nil {
		return err
	}
	outs := newOutputs(c)
	outs.add("--out", out, isReportPage)
	if err := outs.check(); err != nil {
		return err
	}
	lengths, err := reportLengths(c)
	if err != nil {
		return err
	}
	in, err := reportInput(c, lengths)
	if err != nil {
		return err
	}
	return outs.write(out, c.App.Writer, func(w io.Writer) error { return htmlreport.Write(w, in) })
}

// reportInput loads and screens everything the page shows.
func reportInput(c *cli.Context, lengths shortLengths) (htmlreport.Input, error) {
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
	lang, err := fileLang(c, bank)
	if err != nil {
		return in, err
	}
	in = htmlreport.Input{Bank: bank, Report: rep, Previous: previous, Current: current, Words: htmlreport.WordsFor(lang),
		PreviousLabel: c.String("previous-wave"), CurrentLabel: c.String("current-wave"), Sources: reportSources(c), Where: c.StringSlice("where")}
	if review != nil {
		if err := afterReview(&in, review, current); err != nil {
			return in, err
		}
	}
	if lengths.form > 0 || lengths.curve != nil {
		if in.Short, err = reportShorten(c, in, review, lengths); err != nil {
			return in, err
		}
	}
	return in, nil
}

// shortLengths are the lengths of report --length: one form (0: none)
// and one curve (nil: none).
type shortLengths struct {
	form  int
	curve []int
}

// reportLengths reads --length: at most one number and one
// FROM:TO:STEP. The constraints of the short form need it.
func reportLengths(c *cli.Context) (shortLengths, error) {
	var l shortLengths
	for _, v := range c.StringSlice("length") {
		lengths, curve, err := parseLength(v)
		switch {
		case err != nil:
			return l, err
		case curve && l.curve != nil:
			return l, usageError("--length: give at most one FROM:TO:STEP for the curve")
		case curve:
			l.curve = lengths
		case l.form != 0:
			return l, usageError("--length: give at most one number of items for the short form (and one FROM:TO:STEP for the curve)")
		default:
			l.form = lengths[0]
		}
	}
	if l.form == 0 && l.curve == nil {
		for _, f := range shortenFlags() {
			if name := f.Names()[0]; c.IsSet(name) {
				return l, usageError("--%s is a constraint on the short form: give --length N (or FROM:TO:STEP) too", name)
			}
		}
	}
	return l, checkShortenFlags(c)
}

// reportShorten searches the short form and the curve of --length with
// the constraints of the shorten options, on the page's current wave;
// the ticks of --exclude-ticks are the page's own.
func reportShorten(c *cli.Context, in htmlreport.Input, review *reduction.Review, lengths shortLengths) (*htmlreport.Shorten, error) {
	opt := shortenOptions(c, review)
	if opt.ExcludeTicks > 0 {
		if in.Previous == nil {
			return nil, usageError("--exclude-ticks counts the ticks of all four rules, and the stable rule compares two waves: give the older wave too (--previous FILE, or --previous-wave VALUE with --data)")
		}
		opt.Ticks = reduction.CountedTicks(in.Report.Result)
	}
	sh, err := reduction.NewShortener(in.Bank, in.Current, opt)
	if err != nil {
		return nil, err
	}
	s := &htmlreport.Shorten{Shortener: sh}
	if lengths.form > 0 {
		if s.Form, err = sh.Form(lengths.form, c.Bool("exact")); err != nil {
			return nil, err
		}
	}
	if lengths.curve != nil {
		s.Curve = sh.Curve(withLength(lengths.curve, lengths.form))
	}
	return s, nil
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

// isReportPage recognises a page written by report, in any language.
func isReportPage(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("<!DOCTYPE html>")) {
		return false
	}
	for _, l := range reduction.Langs {
		if bytes.Contains(head, []byte("<title>"+htmlreport.WordsFor(l).Title+": ")) {
			return true
		}
	}
	return false
}

// withLength returns the curve's lengths with n among them (n > 0), so
// that the curve shows the form's own point.
func withLength(curve []int, n int) []int {
	if n <= 0 || slices.Contains(curve, n) {
		return curve
	}
	out := append(append([]int{}, curve...), n)
	slices.Sort(out)
	return out
}
