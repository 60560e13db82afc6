package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

func proposalCheckCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "say whether proposals (.xlsx or .yaml) are valid, and how many items each keeps",
		ArgsUsage: "FILE...",
		UsageText: `itemreduce proposal check --bank BANK.yaml FILE...

Example:
   itemreduce proposal check --bank examples/wijkteams/bank.yaml \
       examples/wijkteams/proposals/zwolle.yaml zwolle.xlsx`,
		Description: `Reads each proposal as itemreduce decide --proposal would: an Excel checklist made by
itemreduce proposal -o NAME.xlsx, or a YAML proposal. For a valid one it shows who made
it, how many items it keeps against its target, and the same per theme; for one that
is not valid, every mistake found, with the sheet and row (or line) where it is.
The exit code is 1 when a proposal is not valid, 0 when all are.`,
		Flags: []cli.Flag{
			// Not Required, so that an option after the files is named
			// as such rather than missing.
			&cli.StringFlag{Name: "bank", Usage: "item bank `FILE` (YAML) the proposals choose from"},
		},
		Action: runProposalCheck,
	}
}

func runProposalCheck(c *cli.Context) error {
	files := c.Args().Slice()
	for _, f := range files {
		if strings.HasPrefix(f, "-") && f != "-" {
			return usageError("%s after the files: give the options first, as in itemreduce proposal check --bank BANK.yaml FILE...", f)
		}
	}
	if c.String("bank") != "" && len(files) == 0 {
		return usageError("give the proposal files to check: itemreduce proposal check --bank BANK.yaml FILE...")
	}
	if c.String("bank") == "" {
		return missingOption("bank")
	}
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return err
	}
	invalid := 0
	for i, path := range files {
		if i > 0 {
			fmt.Fprintln(c.App.Writer)
		}
		p, err := loadProposal(path, bank)
		if err != nil {
			invalid++
			writeInvalid(c.App.Writer, path, err)
			continue
		}
		writeValid(c.App.Writer, path, p, bank)
	}
	if invalid > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d of %d proposal(s) not valid: correct the cells or lines named above, and check again", invalid, len(files))}
	}
	return nil
}

// writeInvalid lists the mistakes of a proposal, one a line.
func writeInvalid(w io.Writer, path string, err error) {
	fmt.Fprintf(w, "%s: not valid\n", path)
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(w, "  %s\n", line)
	}
}

// writeValid says who made a valid proposal and how many items it keeps,
// against its target and per theme.
func writeValid(w io.Writer, path string, p *reduction.Proposal, bank *itembank.Bank) {
	kept, total, themes := keptByTheme(p, bank)
	fmt.Fprintf(w, "%s: valid, by %s: keeps %d of %d items, %s\n", path, p.Name(), kept, total, againstTarget(kept, p.TargetLength))
	width := len("theme")
	for _, t := range themes {
		width = max(width, utf8.RuneCountInString(t.name))
	}
	fmt.Fprintf(w, "  %-*s  kept    of\n", width, "theme")
	for _, t := range themes {
		fmt.Fprintf(w, "  %-*s  %4d  %4d\n", width+len(t.name)-utf8.RuneCountInString(t.name), t.name, t.kept, t.total)
	}
}

// themeCount is how many items of a theme a proposal keeps.
type themeCount struct {
	name        string
	kept, total int
}

// keptByTheme counts the items p keeps, in all and per theme in the order
// the themes first appear in the bank.
func keptByTheme(p *reduction.Proposal, bank *itembank.Bank) (kept, total int, themes []themeCount) {
	index := map[string]int{}
	for _, it := range bank.Items {
		name := it.Theme
		if name == "" {
			name = "(no theme)"
		}
		i, ok := index[name]
		if !ok {
			i = len(themes)
			index[name] = i
			themes = append(themes, themeCount{name: name})
		}
		themes[i].total++
		total++
		if p.Keeps(it.ID) {
			themes[i].kept++
			kept++
		}
	}
	return kept, total, themes
}

// againstTarget says how kept stands against target (0: none given).
func againstTarget(kept, target int) string {
	switch {
	case target == 0:
		return "no target given"
	case kept > target:
		return fmt.Sprintf("target %d: %d more than the target", target, kept-target)
	case kept < target:
		return fmt.Sprintf("target %d: %d fewer than the target", target, target-kept)
	}
	return fmt.Sprintf("target %d: on target", target)
}
