package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
	"github.com/itemreduce/itemreduce/reduction"
)

// idColumnFlag is the option naming the column of respondent ids: for
// summarize, how the release record recognises respondents; for flag and
// review, how the two waves are linked for the paired wave tests.
func idColumnFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "id-column", Usage: usage}
}

// linkIDFlag is idColumnFlag as flag and review use it.
func linkIDFlag() cli.Flag {
	return idColumnFlag("link the respondents of the two waves by the ids in `COLUMN` (the same person having the same id in both waves): " +
		"the wave tests are then paired (Wilcoxon signed-rank, paired t) on the people linked; needs files of answers, not summaries")
}

// checkIDColumn refuses --id-column with summary files, which hold no
// respondents to link.
func checkIDColumn(c *cli.Context) error {
	if c.String("id-column") == "" {
		return nil
	}
	for _, wave := range []string{"previous", "current"} {
		paths, _ := waveFiles(c, wave, files.LoadOptions{})
		for _, p := range paths {
			if files.IsSummaryFile(p) {
				return usageError("--id-column links people across the waves, but %s is a summary, which holds no people: give the files of answers, or leave out --id-column for the independent tests", p)
			}
		}
	}
	return nil
}

// loadLinkedWaves loads both waves (loadWaves) and, with --id-column,
// links their respondents by id for the paired wave tests, saying on
// stderr how many were linked and how many in each wave were not. The
// link is nil without --id-column.
func loadLinkedWaves(c *cli.Context, bank *itembank.Bank, hashed func(string, [32]byte)) (previous, current *itembank.Summary, link *reduction.Linked, err error) {
	if err := checkIDColumn(c); err != nil {
		return nil, nil, nil, err
	}
	previous, current, err = loadWaves(c, bank, hashed)
	if err != nil || c.String("id-column") == "" {
		return previous, current, nil, err
	}
	opt, err := whereOptions(c)
	if err != nil {
		return nil, nil, nil, err
	}
	prevPaths, prevOpt := waveFiles(c, "previous", opt)
	curPaths, curOpt := waveFiles(c, "current", opt)
	l, err := files.LinkWaves(prevPaths, curPaths, prevOpt, curOpt, bank, c.String("id-column"))
	if err != nil {
		return nil, nil, nil, err
	}
	fmt.Fprintf(c.App.ErrWriter, "note: %d respondents linked by column %s; not linked: %s in the previous wave, %s in the current\n",
		l.Linked, l.IDColumn, unlinked(l.PreviousOnly, l.PreviousNoID), unlinked(l.CurrentOnly, l.CurrentNoID))
	if l.Linked == 0 {
		fmt.Fprintf(c.App.ErrWriter, "warning: nobody has the same %s in both waves, so the paired tests are undefined: is %s the same person's id in both waves?\n", l.IDColumn, l.IDColumn)
	}
	return previous, current, &reduction.Linked{N: l.Linked, Places: l.Places, Diffs: l.Diffs}, nil
}

// unlinked says how many rows of a wave were not linked: with an id not in
// the other wave, and without an id.
func unlinked(other, noID int64) string {
	s := fmt.Sprint(other)
	if noID > 0 {
		s += fmt.Sprintf(" (and %d rows without an id)", noID)
	}
	return s
}
