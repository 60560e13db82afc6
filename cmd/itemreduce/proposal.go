package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

func proposalCommand() *cli.Command {
	return &cli.Command{
		Name:  "proposal",
		Usage: "write a checklist of every item for a team leader's ideal questionnaire",
		UsageText: `itemreduce proposal --bank BANK.yaml --out zwolle.yaml [--by NAME] [--target N]

Example:
   itemreduce proposal --bank examples/wijkteams/bank.yaml --by "Teamleider Zwolle" --out zwolle.yaml`,
		Description: `Writes every item of the bank under keep:, one per line with its text as a comment.
The team leader deletes the lines of the items to leave out; what remains is a valid
proposal for itemreduce decide --proposal. No statistics are shown: the proposal is
meant to be made without them. An existing file is never overwritten.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "bank", Required: true, Usage: "item bank `FILE` (YAML)"},
			&cli.StringFlag{Name: "by", Usage: "`NAME` of the team leader or municipality, filled in after by:"},
			&cli.IntFlag{Name: "target", Usage: "target length: the `NUMBER` of items the leader aims for"},
			langFlag(),
		}, outFlags("proposal `FILE` to write (default: the screen)")...),
		Action: runProposal,
	}
}

func runProposal(c *cli.Context) error {
	if c.Int("target") < 0 {
		return usageError("--target %d: give a positive number of items", c.Int("target"))
	}
	out, err := outPath(c, false)
	if err != nil {
		return err
	}
	if !toScreen(out) {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s already exists: it may hold a team leader's work, so it is not overwritten (delete it or choose another name)", out)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	outs := newOutputs(c)
	outs.add("--out", out, nil)
	if err := outs.check(); err != nil {
		return err
	}
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return err
	}
	lang, err := fileLang(c, bank)
	if err != nil {
		return err
	}
	err = outs.write(out, c.App.Writer, func(w io.Writer) error {
		return reduction.WriteProposalTemplateIn(w, bank, c.String("by"), c.Int("target"), lang)
	})
	if err != nil || out == "" || out == "-" {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "Wrote %s: a checklist of %d items. Delete the lines of the items to leave out, then pass it to itemreduce decide --proposal.\n", out, len(bank.Items))
	return nil
}
