package main

import (
	"bytes"
	"fmt"

	"runtime"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

func shortenCommand() *cli.Command {
	flags := append(dataFlags(),
		&cli.StringFlag{Name: "length", Required: true, Usage: "the `NUMBER` of items to keep, or FROM:TO:STEP (e.g. 40:100:5) for the curve of I per length"},
		&cli.StringFlag{Name: "review", Usage: "review `FILE`: items whose decision is keep are kept, drop left out"})
	flags = append(flags, shortenFlags()...)
	flags = append(flags,
		&cli.StringFlag{Name: "config", Usage: "rules `FILE` (YAML) for the ticks of --exclude-ticks"},
		&cli.StringFlag{Name: "format", Value: "table", Usage: "report `FORMAT` on the screen: table or json"},
		forceFlag())
	flags = append(flags, outFlags("write the form as a proposal `FILE` for decide --proposal")...)
	return &cli.Command{
		Name:  "shorten",
		Usage: "find the short form of a given length that keeps the most of what all items measure, with a bound",
		UsageText: `itemreduce shorten --bank BANK.yaml --current NEWER.csv --length N [options] [-o statistics.yaml]

Example:
   itemreduce shorten --bank examples/wijkteams/bank.yaml \
       --current examples/wijkteams/responses-2017.csv --length 73 -o statistics.yaml

   The curve of what each length keeps, to choose a length:
   itemreduce shorten ... --length 40:100:5`,
		Description: `Chooses N items so that a linear prediction from them recovers as much as possible of
the standardized answer variance of all items: I = (1/p) x sum over the p items of the
R-squared of each item on the kept items (1 for a kept item), from the newer wave's
correlations. It prints I, the most any N items can keep (the bound: the N largest
eigenvalues of the correlation matrix divided by p) and the gap between them, the
items and alpha of each theme before and after, and the constraints that hold I back.
No single exchange of a kept item for a left-out one that the constraints allow raises
I; with --exact (banks of up to 40 free items) the form is the proven best.
With -o it writes the form as a proposal (by: statistics (shorten)) that
itemreduce decide --proposal takes as one more source.`,
		Flags:  flags,
		Action: runShorten,
	}
}

func runShorten(c *cli.Context) error {
	lengths, curve, err := parseLength(c.String("length"))
	if err != nil {
		return err
	}
	format := c.String("format")
	if format != "table" && format != "json" {
		return usageError("--format %q: choose table or json", format)
	}
	out, err := outPath(c, false)
	if err != nil {
		return err
	}
	if curve && !toScreen(out) {
		return usageError("--length %s gives a curve, not one form: give one length to write a proposal with -o", c.String("length"))
	}
	if err := checkShortenFlags(c); err != nil {
		return err
	}
	older, err := checkShortenWaves(c)
	if err != nil {
		return err
	}
	outs := newOutputs(c)
	outs.add("--out", out, isShortenProposal)
	if err := outs.check(); err != nil {
		return err
	}
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return err
	}
	opt, current, err := shortenInputs(c, bank, older)
	if err != nil {
		return err
	}
	sh, err := reduction.NewShortener(bank, current, opt)
	if err != nil {
		return err
	}
	if curve {
		points := sh.Curve(lengths)
		if format == "json" {
			return sh.WriteCurveJSON(c.App.Writer, points)
		}
		return sh.WriteCurveText(c.App.Writer, points)
	}
	form, err := sh.Form(lengths[0], c.Bool("exact"))
	if err != nil {
		return err
	}
	var report bytes.Buffer
	if format == "json" {
		err = sh.WriteJSON(&report, form)
	} else {
		err = sh.WriteText(&report, form)
	}
	if err != nil {
		return err
	}
	if !toScreen(out) {
		if err := outs.write(out, c.App.Writer, form.WriteProposal); err != nil {
			return err
		}
	}
	if _, err := c.App.Writer.Write(report.Bytes()); err != nil {
		return err
	}
	if !toScreen(out) {
		fmt.Fprintf(c.App.ErrWriter, "Wrote %s: a proposal of %d items by %s; give it to itemreduce decide --proposal.\n", out, form.Length, reduction.ShortenBy)
	}
	return nil
}

// maxCurve is the most lengths one curve searches.
const maxCurve = 200

// parseLength reads --length: one number, or FROM:TO:STEP.
func parseLength(s string) (lengths []int, curve bool, err error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			return nil, false, usageError("--length %q: give a number of items (73) or FROM:TO:STEP (40:100:5), each a whole number of 1 or more", s)
		}
		nums[i] = n
	}
	switch len(nums) {
	case 1:
		return nums, false, nil
	case 3:
		if nums[0] > nums[1] {
			return nil, false, usageError("--length %q: FROM (%d) is larger than TO (%d)", s, nums[0], nums[1])
		}
		if (nums[1]-nums[0])/nums[2] >= maxCurve {
			return nil, false, usageError("--length %q: a curve has at most %d lengths; take a larger STEP", s, maxCurve)
		}
		for i := range (nums[1]-nums[0])/nums[2] + 1 { // by count: n += step could overflow
			lengths = append(lengths, nums[0]+i*nums[2])
		}
		return lengths, true, nil
	}
	return nil, false, usageError("--length %q: give a number of items (73) or FROM:TO:STEP (40:100:5)", s)
}

// checkShortenWaves checks the data options of shorten: the newer wave is
// needed, the older only for --exclude-ticks (the stable rule compares
// two waves). It returns whether the older wave is given.
func checkShortenWaves(c *cli.Context) (bool, error) {
	data := len(c.StringSlice("data")) > 0
	separate := c.IsSet("previous") || c.IsSet("current")
	older := c.IsSet("previous")
	switch {
	case data && separate:
		return false, usageError("give the answers either as one file with every wave (--data) or per wave (--current, and --previous if needed), not both")
	case data:
		if c.String("wave-column") == "" || c.String("current-wave") == "" {
			return false, usageError("--data holds every wave, so say which rows are the newer wave: --wave-column COLUMN --current-wave VALUE")
		}
		older = c.String("previous-wave") != ""
		if older && c.String("previous-wave") == c.String("current-wave") {
			return false, usageError("--previous-wave and --current-wave are both %q: name two different waves", c.String("current-wave"))
		}
	case !c.IsSet("current"):
		return false, usageError("give the answers of the newer wave: --current FILE (or --data FILE --wave-column COLUMN --current-wave VALUE)")
	default:
		for _, f := range []string{"wave-column", "previous-wave", "current-wave"} {
			if c.IsSet(f) {
				return false, usageError("--%s only goes with --data (one file holding every wave)", f)
			}
		}
	}
	if c.Int("exclude-ticks") > 0 && !older {
		return false, usageError("--exclude-ticks counts the ticks of all four rules, and the stable rule compares two waves: give the older wave too (--previous FILE, or --previous-wave VALUE with --data)")
	}
	return older, nil
}

// shortenInputs loads the waves and the review and returns the
// constraints and the newer wave's summary.
func shortenInputs(c *cli.Context, bank *itembank.Bank, older bool) (reduction.ShortenOptions, *itembank.Summary, error) {
	opt := shortenOptions(c, nil)
	if path := c.String("review"); path != "" {
		rv, err := reduction.LoadReviewFile(path)
		if err != nil {
			return opt, nil, err
		}
		opt.Review = rv
	}
	lo, err := whereOptions(c)
	if err != nil {
		return opt, nil, err
	}
	var previous *itembank.Summary
	if older {
		if previous, err = summarizeWave(c, "previous", bank, lo); err != nil {
			return opt, nil, err
		}
		runtime.GC()
	}
	current, err := summarizeWave(c, "current", bank, lo)
	if err != nil {
		return opt, nil, err
	}
	if opt.ExcludeTicks > 0 {
		cfg, err := loadConfig(c, bank)
		if err != nil {
			return opt, nil, err
		}
		res, err := reduction.Screen(bank, previous, current, cfg.Thresholds)
		if err != nil {
			return opt, nil, err
		}
		if err := reduction.GroupRedundant(res, bank, current, cfg); err != nil {
			return opt, nil, err
		}
		opt.Ticks = reduction.CountedTicks(res)
	}
	return opt, current, nil
}

// shortenFlags are the constraints on a short form and --exact, the same
// in shorten and in report --length.
func shortenFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "keep", Usage: "keep item `ID` in the short form (repeat, or separate ids with commas)"},
		&cli.StringSliceFlag{Name: "drop", Usage: "leave item `ID` out of the short form (repeat, or separate ids with commas)"},
		&cli.BoolFlag{Name: "keep-composites", Usage: "keep every composite of the bank in the form, all its items (without it, each composite is kept whole or left out whole)"},
		&cli.IntFlag{Name: "min-per-theme", Usage: "keep at least `M` items of every theme in the short form"},
		&cli.IntFlag{Name: "exclude-ticks", Usage: "leave out items with `K` or more ticks unless kept by --keep, the review or --keep-composites (needs the older wave)"},
		&cli.BoolFlag{Name: "exact", Usage: "prove the best form by branch and bound (up to 40 free items)"},
	}
}

// checkShortenFlags checks the numbers of shortenFlags.
func checkShortenFlags(c *cli.Context) error {
	if c.Int("min-per-theme") < 0 || c.Int("exclude-ticks") < 0 {
		return usageError("--min-per-theme and --exclude-ticks take a number of 0 or more")
	}
	return nil
}

// shortenOptions returns the constraints of shortenFlags, with the
// review's decisions (nil: none); the ticks of --exclude-ticks are the
// caller's to fill in.
func shortenOptions(c *cli.Context, review *reduction.Review) reduction.ShortenOptions {
	return reduction.ShortenOptions{Keep: idList(c.StringSlice("keep")), Drop: idList(c.StringSlice("drop")), Review: review,
		KeepComposites: c.Bool("keep-composites"), MinPerTheme: c.Int("min-per-theme"), ExcludeTicks: c.Int("exclude-ticks")}
}

// idList splits ids given with commas: --keep SA01,SA02 --keep SA03.
func idList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				out = append(out, id)
			}
		}
	}
	return out
}

// isShortenProposal recognises a proposal written by shorten.
func isShortenProposal(head []byte) bool {
	return bytes.HasPrefix(head, []byte("# Short form of "))
}
