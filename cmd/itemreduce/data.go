package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
	"github.com/itemreduce/itemreduce/reduction"
)

// dataFlags are the options that select a bank and the two waves of
// answers: either one set of files per wave (--previous, --current), or
// files holding every wave (--data) with the column that tells the waves
// apart.
func dataFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "bank", Required: true, Usage: "item bank `FILE` (YAML): scales and items"},
		&cli.StringSliceFlag{Name: "previous", Usage: "answers of the older wave: a `FILE` (.csv, .xlsx, .sav, or a .summary.json made by summarize; repeat to pool several files)"},
		&cli.StringSliceFlag{Name: "current", Usage: "answers of the newer wave: a `FILE` (.csv, .xlsx, .sav, or a .summary.json made by summarize; repeat to pool several files)"},
		&cli.StringSliceFlag{Name: "data", Usage: "answers of every wave in one `FILE` (instead of --previous and --current; needs --wave-column)"},
		&cli.StringFlag{Name: "wave-column", Usage: "with --data: the `COLUMN` that tells the waves apart, e.g. jaar"},
		&cli.StringFlag{Name: "previous-wave", Usage: "with --data: the `VALUE` of the wave column for the older wave, e.g. 2016"},
		&cli.StringFlag{Name: "current-wave", Usage: "with --data: the `VALUE` of the wave column for the newer wave, e.g. 2017"},
		&cli.StringSliceFlag{Name: "where", Usage: "keep only rows where `COLUMN=VALUE`, e.g. gemeente=Zwolle (repeatable; all must hold)"},
		&cli.StringFlag{Name: "sheet", Usage: "for Excel workbooks: the worksheet `NAME` to read (default: the first)"},
	}
}

// whereOptions returns the worksheet and the row selection of --sheet and
// --where.
func whereOptions(c *cli.Context) (files.LoadOptions, error) {
	opt := files.LoadOptions{Sheet: c.String("sheet")}
	for _, w := range c.StringSlice("where") {
		cond, err := files.ParseCondition(w)
		if err != nil {
			return opt, usageError("--where: %v", err)
		}
		opt.Where = append(opt.Where, cond)
	}
	return opt, nil
}

// loadOptions checks the data options of both waves and returns the row
// selection common to them.
func loadOptions(c *cli.Context) (files.LoadOptions, error) {
	opt, err := whereOptions(c)
	if err != nil {
		return opt, err
	}
	return opt, checkWaveFlags(c)
}

// checkWaveFlags accepts exactly one of the two ways to give the waves.
func checkWaveFlags(c *cli.Context) error {
	data := len(c.StringSlice("data")) > 0
	separate := c.IsSet("previous") || c.IsSet("current")
	waveFlags := []string{"wave-column", "previous-wave", "current-wave"}
	switch {
	case data && separate:
		return usageError("give the answers either as one file with every wave (--data) or per wave (--previous and --current), not both")
	case data:
		for _, f := range waveFlags {
			if c.String(f) == "" {
				return usageError("--data holds every wave, so say which rows belong to which: --wave-column COLUMN --previous-wave VALUE --current-wave VALUE (missing: --%s)", f)
			}
		}
		if c.String("previous-wave") == c.String("current-wave") {
			return usageError("--previous-wave and --current-wave are both %q: name two different waves", c.String("current-wave"))
		}
	case !c.IsSet("previous") || !c.IsSet("current"):
		return usageError("give the answers of both waves: --previous OLDER-FILE --current NEWER-FILE, or --data FILE --wave-column COLUMN --previous-wave VALUE --current-wave VALUE")
	default:
		for _, f := range waveFlags {
			if c.IsSet(f) {
				return usageError("--%s only goes with --data (one file holding every wave)", f)
			}
		}
	}
	return nil
}

// waveFiles returns the files of one wave ("previous" or "current") and
// the options that pick its rows: with --data, the wave is a condition on
// the wave column added to the --where conditions.
func waveFiles(c *cli.Context, wave string, opt files.LoadOptions) ([]string, files.LoadOptions) {
	if len(c.StringSlice("data")) == 0 {
		return c.StringSlice(wave), opt
	}
	where := append([]files.Condition(nil), opt.Where...)
	opt.Where = append(where, files.Condition{Column: c.String("wave-column"), Value: c.String(wave + "-wave")})
	return c.StringSlice("data"), opt
}

// loadWave pools the files given for one wave; notices go to stderr, each
// once even when both waves come from the same file.
func loadWave(c *cli.Context, wave string, bank *itembank.Bank, opt files.LoadOptions) (*itembank.Summary, error) {
	if err := checkWaveFlags(c); err != nil {
		return nil, err
	}
	paths, opt := waveFiles(c, wave, opt)
	// Only the newer wave's correlations are used (the redundancy rule).
	detail, label := itembank.ItemsOnly, "reading "+wave+" wave"
	if wave == "current" {
		detail, label = itembank.WithPairs, "reading and correlating "+wave+" wave"
	}
	done := showProgress(c.App.ErrWriter, label, paths, &opt)
	s, notices, err := files.SummarizeFiles(paths, bank, opt, detail)
	done()
	if err != nil {
		return nil, err
	}
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	for _, n := range notices {
		key := "notice:" + n
		if c.App.Metadata[key] != nil {
			continue
		}
		c.App.Metadata[key] = true
		fmt.Fprintf(c.App.ErrWriter, "note: %s\n", n)
	}
	return s, nil
}

// loadConfig reads the rules file of --config, or gives the defaults.
func loadConfig(c *cli.Context, bank *itembank.Bank) (reduction.Config, error) {
	if path := c.String("config"); path != "" {
		return reduction.LoadConfigFile(path, bank)
	}
	return reduction.DefaultConfig(), nil
}

// screenWaves loads both waves and applies the rules of cfg.
func screenWaves(c *cli.Context, bank *itembank.Bank, cfg reduction.Config) (*reduction.Result, error) {
	opt, err := loadOptions(c)
	if err != nil {
		return nil, err
	}
	previous, err := loadWave(c, "previous", bank, opt)
	if err != nil {
		return nil, err
	}
	current, err := loadWave(c, "current", bank, opt)
	if err != nil {
		return nil, err
	}
	return reduction.Screen(bank, previous, current, cfg.Thresholds)
}
