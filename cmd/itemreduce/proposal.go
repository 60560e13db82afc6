package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

func proposalCommand() *cli.Command {
	return &cli.Command{
		Name:  "proposal",
		Usage: "write a team leader's checklist of every item (Excel or YAML); proposal check reads returned ones",
		UsageText: `itemreduce proposal --bank BANK.yaml -o zwolle.xlsx [--by NAME] [--target N] [--lang nl|en]
itemreduce proposal check --bank BANK.yaml FILE...

Example:
   itemreduce proposal --bank examples/wijkteams/bank.yaml \
       --by "Teamleider Zwolle" --target 80 -o zwolle.xlsx`,
		Description: `With -o NAME.xlsx, writes an Excel checklist: a row per item (theme, id, text) with a
column Keep? (Behouden? in Dutch) where the team leader chooses yes or no from a list,
every item starting at yes, and at the top their name, their target and a count of
the items kept that follows their choices. The ids and texts are protected against
changes by accident (Review > Unprotect Sheet lifts it; no password).
With -o NAME.yaml, or without -o (to the screen), writes the same checklist as YAML:
every item under keep:, one per line with its text as a comment; the team leader
deletes the lines of the items to leave out. Either checklist is in the bank's
language (language: nl is Dutch), or the one --lang gives.
Either file, returned, is a proposal for itemreduce decide --proposal; itemreduce
proposal check FILE says whether it is valid and how many items it keeps. No
statistics are shown: the proposal is meant to be made without them. An existing
file is not replaced, as it may hold a team leader's work, unless --force is given.`,
		Flags: append([]cli.Flag{
			// Not Required: urfave/cli would then ask for it before
			// running proposal check. runProposal asks for it instead.
			&cli.StringFlag{Name: "bank", Usage: "item bank `FILE` (YAML)"},
			&cli.StringFlag{Name: "by", Usage: "`NAME` of the team leader or municipality, filled in as the proposer"},
			&cli.IntFlag{Name: "target", Usage: "target length: the `NUMBER` of items the leader aims for"},
			langFlag(),
			&cli.BoolFlag{Name: "force", Usage: "replace an existing checklist file"},
		}, outFlags("checklist `FILE` to write: .xlsx (Excel) or .yaml (default: YAML to the screen)")...),
		Action:      runProposal,
		Subcommands: []*cli.Command{proposalCheckCommand()},
	}
}

func runProposal(c *cli.Context) error {
	if c.NArg() > 0 {
		if suggestCommand(c.Args().First(), c.Command.Subcommands) != "" || !strings.Contains(c.Args().First(), ".") {
			return unknownCommand(c.Args().First(), c.App.Name+" "+c.Command.Name, c.Command.Subcommands)
		}
		return usageError("proposal takes no file names (got %q): to check a proposal, run itemreduce proposal check --bank BANK.yaml %s", c.Args().First(), c.Args().First())
	}
	if c.String("bank") == "" {
		return missingOption("bank")
	}
	if c.Int("target") < 0 {
		return usageError("--target %d: give a positive number of items", c.Int("target"))
	}
	out, err := outPath(c, false)
	if err != nil {
		return err
	}
	workbook, err := checklistFormat(out)
	if err != nil {
		return err
	}
	if err := checkLangFlag(c); err != nil {
		return err
	}
	if !toScreen(out) && !c.Bool("force") {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s already exists: it may hold a team leader's work, so it is not replaced (choose another name, or add --force)", out)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	outs := newOutputs(c)
	outs.add("--out", out, nil) // replaced only with --force
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
	if workbook {
		return writeChecklistWorkbook(c, outs, out, bank, lang.Code())
	}
	err = outs.write(out, c.App.Writer, func(w io.Writer) error {
		return reduction.WriteProposalTemplateIn(w, bank, c.String("by"), c.Int("target"), lang)
	})
	if err != nil || toScreen(out) {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "Wrote %s: a checklist of %d items. Delete the lines of the items to leave out, then pass it to itemreduce decide --proposal.\n", out, len(bank.Items))
	return nil
}

// missingOption reports a missing required option the way run reports
// the ones urfave/cli finds missing (its message, which run rewords).
func missingOption(name string) error {
	return fmt.Errorf("Required flag %q not set", name) //nolint:staticcheck // urfave/cli's wording, matched by run
}
