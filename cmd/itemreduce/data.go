package main

import (
	"fmt"
	"runtime"

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
		noWaveCheckFlag(),
	}
}

// noWaveCheckFlag turns off the refusal of a file of one wave that holds
// several (files.LoadOptions.OneWave), for when a column named like a wave
// column is something else.
func noWaveCheckFlag() cli.Flag {
	return &cli.BoolFlag{Name: "no-wave-check", Usage: "read a file whose column jaar, year, wave, golf, meting (or the like) holds several values as one wave: for when that column is not the wave"}
}

// whereOptions returns the worksheet and the row selection of --sheet and
// --where; a file must hold one wave unless --no-wave-check.
func whereOptions(c *cli.Context) (files.LoadOptions, error) {
	opt := files.LoadOptions{Sheet: c.String("sheet"), OneWave: !c.Bool("no-wave-check")}
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
// the wave column added to the --where conditions, and other columns named
// like a wave column are not checked, the wave column being named.
func waveFiles(c *cli.Context, wave string, opt files.LoadOptions) ([]string, files.LoadOptions) {
	if len(c.StringSlice("data")) == 0 {
		return c.StringSlice(wave), opt
	}
	opt.OneWave = false
	where := append([]files.Condition(nil), opt.Where...)
	opt.Where = append(where, files.Condition{Column: c.String("wave-column"), Value: c.String(wave + "-wave")})
	return c.StringSlice("data"), opt
}

// loadWave pools the files given for one wave; notes go to stderr, each
// once even when both waves come from the same file. A file given twice,
// or for both waves, is refused just before the wave is loaded.
func loadWave(c *cli.Context, wave string, bank *itembank.Bank, opt files.LoadOptions) (*itembank.Summary, error) {
	if err := checkWaveFlags(c); err != nil {
		return nil, err
	}
	return summarizeWave(c, wave, bank, opt)
}

// summarizeWave is loadWave once the wave options have been checked.
func summarizeWave(c *cli.Context, wave string, bank *itembank.Bank, opt files.LoadOptions) (*itembank.Summary, error) {
	if err := checkWaveInputs(c, wave); err != nil {
		return nil, err
	}
	paths, opt := waveFiles(c, wave, opt)
	// Only the newer wave's correlations are used (the redundancy rule).
	detail, label := itembank.ItemsOnly, "reading "+wave+" wave"
	method := ""
	if wave == "current" {
		detail, label = itembank.WithPairs, "reading and correlating "+wave+" wave"
		// The rules file was read before (and its errors said then).
		if cfg, err := loadConfig(c, bank); err == nil && reduction.NeedsTables(cfg.Method) {
			detail, method = itembank.WithTables, cfg.Method
		}
	}
	done := showProgress(c.App.ErrWriter, label, paths, &opt)
	s, notes, err := files.SummarizeFiles(paths, bank, opt, detail)
	done()
	if err != nil {
		return nil, severalWaves(err, wave)
	}
	if detail == itembank.WithTables && !s.HasTables() {
		return nil, fmt.Errorf("the rules file asks for method: %s, which needs the tables of answers, and a summary file of the %s wave has none: make the summaries again with itemreduce summarize --tables", method, wave)
	}
	printNotes(c, notes)
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
// hashed, when set, is given the SHA-256 of each file as it is read
// (files.LoadOptions.Hashed).
func screenWaves(c *cli.Context, bank *itembank.Bank, cfg reduction.Config, hashed func(string, [32]byte)) (*reduction.Result, error) {
	previous, current, link, err := loadLinkedWaves(c, bank, hashed)
	if err != nil {
		return nil, err
	}
	res, err := reduction.ScreenLinked(bank, previous, current, cfg.Thresholds, link)
	if err != nil {
		return nil, err
	}
	return res, reduction.GroupRedundant(res, bank, current, cfg)
}

// loadWaves loads the summaries of both waves, the newer with pair sums.
func loadWaves(c *cli.Context, bank *itembank.Bank, hashed func(string, [32]byte)) (previous, current *itembank.Summary, err error) {
	opt, err := loadOptions(c)
	if err != nil {
		return nil, nil, err
	}
	opt.Hashed = hashed
	previous, err = loadWave(c, "previous", bank, opt)
	if err != nil {
		return nil, nil, err
	}
	// The older wave's answers are unreachable once it is summarised; give
	// their memory back before the newer wave is read, so that a large
	// survey holds one wave's answers at a time rather than the collector's
	// usual twice the live heap.
	runtime.GC()
	current, err = loadWave(c, "current", bank, opt)
	if err != nil {
		return nil, nil, err
	}
	return previous, current, nil
}
