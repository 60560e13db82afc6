package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
)

// dataFlags are the options that select a bank and the two waves of answers.
func dataFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "bank", Required: true, Usage: "item bank `FILE` (YAML): scales and items"},
		&cli.StringSliceFlag{Name: "previous", Required: true, Usage: "answers of the older wave: a CSV `FILE` (repeat to pool several files)"},
		&cli.StringSliceFlag{Name: "current", Required: true, Usage: "answers of the newer wave: a CSV `FILE` (repeat to pool several files)"},
		&cli.StringSliceFlag{Name: "where", Usage: "keep only rows where `COLUMN=VALUE`, e.g. gemeente=Zwolle (repeatable; all must hold)"},
	}
}

func loadOptions(c *cli.Context) (itembank.LoadOptions, error) {
	var opt itembank.LoadOptions
	for _, w := range c.StringSlice("where") {
		cond, err := itembank.ParseCondition(w)
		if err != nil {
			return opt, usageError("--where: %v", err)
		}
		opt.Where = append(opt.Where, cond)
	}
	return opt, nil
}

// loadWave pools the files given for one wave; notices go to stderr.
func loadWave(c *cli.Context, flag string, bank *itembank.Bank, opt itembank.LoadOptions) (*itembank.Summary, error) {
	s, notices, err := itembank.SummarizeFiles(c.StringSlice(flag), bank, opt)
	if err != nil {
		return nil, err
	}
	for _, n := range notices {
		fmt.Fprintf(c.App.ErrWriter, "note: %s\n", n)
	}
	return s, nil
}
