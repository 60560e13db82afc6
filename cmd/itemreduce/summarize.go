package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// defaultMinRespondents is the fewest respondents a summary may describe:
// with fewer, the counts could point at one person's answers.
const defaultMinRespondents = 10

func summarizeCommand() *cli.Command {
	return &cli.Command{
		Name:  "summarize",
		Usage: "count one wave's answers into a summary file that can be shared instead of the answers",
		UsageText: `itemreduce summarize --bank BANK.yaml --data WAVE.csv -o SITE-WAVE` + itembank.SummaryExt + ` [options]

Example:
   itemreduce summarize --bank examples/wijkteams/bank.yaml \
       --data examples/wijkteams/responses-2017.csv --where gemeente=Zwolle \
       -o zwolle-2017` + itembank.SummaryExt + `

   Then screen with the summaries of every site in place of the answers:
   itemreduce flag --bank examples/wijkteams/bank.yaml \
       --previous zwolle-2016` + itembank.SummaryExt + ` --previous ommen-2016` + itembank.SummaryExt + ` \
       --current zwolle-2017` + itembank.SummaryExt + ` --current ommen-2017` + itembank.SummaryExt,
		Description: `A summary holds what the four rules need and nothing more: per item how often each
answer was given, and per pair of items how many respondents answered both with the
sums of their answers, their squares and products. It holds no row of answers and
cannot be turned back into one. A site that may not share its raw answers can share
this file; flag and every other command pool the summaries of one wave exactly as
they pool the files of answers themselves, and give the same results.

A summary records the item bank it was made for: it can only be used with that bank
(changing item texts is fine; adding, removing or reordering items, or changing a
scale, is not). It refuses to describe fewer respondents than --min-respondents.

A file holding every wave is summarised one wave at a time: --where jaar=2017.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "bank", Required: true, Usage: "item bank `FILE` (YAML): scales and items"},
			&cli.StringSliceFlag{Name: "data", Required: true, Usage: "answers of one wave: a `FILE` (.csv, .xlsx, .sav; repeat to pool several files)"},
			&cli.StringSliceFlag{Name: "where", Usage: "keep only rows where `COLUMN=VALUE`, e.g. gemeente=Zwolle (repeatable; all must hold)"},
			&cli.StringFlag{Name: "sheet", Usage: "for Excel workbooks: the worksheet `NAME` to read (default: the first)"},
			&cli.Int64Flag{Name: "min-respondents", Value: defaultMinRespondents, Usage: "refuse to summarise fewer than `N` respondents, so that no one's answers can be singled out"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the summary to `FILE`, whose name must end in " + itembank.SummaryExt + " (replaced only when everything succeeded)"},
		},
		Action: runSummarize,
	}
}

func runSummarize(c *cli.Context) error {
	out := c.String("output")
	if out != "" && out != "-" && !files.IsSummaryFile(out) {
		return usageError("-o %s: the name of a summary file must end in %s, so that flag and the other commands read it as one", out, itembank.SummaryExt)
	}
	min := c.Int64("min-respondents")
	if min < 1 {
		return usageError("--min-respondents %d: give a number of at least 1", min)
	}
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return err
	}
	opt, err := whereOptions(c)
	if err != nil {
		return err
	}
	paths := c.StringSlice("data")
	done := showProgress(c.App.ErrWriter, "reading", paths, &opt)
	s, notices, err := files.SummarizeFiles(paths, bank, opt, itembank.WithPairs)
	done()
	if err != nil {
		return err
	}
	for _, n := range notices {
		fmt.Fprintf(c.App.ErrWriter, "note: %s\n", n)
	}
	if s.Respondents < min {
		return fmt.Errorf("only %d respondent(s) to summarise; a summary needs at least %d (--min-respondents), so that no one's answers can be recognised in it. Summarise this group together with another one", s.Respondents, min)
	}
	if err := writeOutput(out, c.App.Writer, s.WriteJSON); err != nil {
		return err
	}
	if out != "" && out != "-" {
		fmt.Fprintf(c.App.ErrWriter, "wrote %s: %d respondents, %d items\n", out, s.Respondents, asked(s))
	}
	return nil
}

// asked counts the items that were asked.
func asked(s *itembank.Summary) int {
	n := 0
	for _, it := range s.Items {
		if it.Asked {
			n++
		}
	}
	return n
}
