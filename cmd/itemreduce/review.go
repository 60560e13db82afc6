package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

func reviewCommand() *cli.Command {
	return &cli.Command{
		Name:  "review",
		Usage: "write or refresh the researchers' review file: ticks, evidence and a suggestion per item, your decision and reason",
		UsageText: `itemreduce review --bank BANK.yaml --previous OLDER.csv --current NEWER.csv --out review.yaml [options]

Example:
   itemreduce review --bank examples/wijkteams/bank.yaml \
       --previous examples/wijkteams/responses-2016.csv \
       --current examples/wijkteams/responses-2017.csv \
       --out review.yaml`,
		Description: `Writes a file to edit in any text editor: per item its ticks (flags), the numbers
behind each tick (evidence) and a suggestion (drop when it has at least one tick; a
rules file may set drop_from_ticks). Fill in decision (keep or drop) and reason
where your judgement differs.

When the --out file exists it is refreshed: the ticks, evidence and suggestions are
recomputed from the data and thresholds given now, while your decisions, reasons,
notes and comments stay exactly as you wrote them. A file with a mistake in it is
reported with its line and left untouched.`,
		Flags: append(dataFlags(),
			&cli.StringFlag{Name: "config", Usage: "rules `FILE` (YAML) with other thresholds or drop_from_ticks"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: true, Usage: "review `FILE` (YAML) to write, or to refresh when it exists"},
		),
		Action: runReview,
	}
}

func runReview(c *cli.Context) error {
	out := c.String("out")
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return err
	}
	cfg := reduction.DefaultConfig()
	in := reduction.ReviewInputs{Tool: "itemreduce " + appVersion(), Where: c.StringSlice("where")}
	if in.Bank, err = digestFile(c.String("bank")); err != nil {
		return err
	}
	if path := c.String("config"); path != "" {
		if cfg, err = reduction.LoadConfigFile(path, bank); err != nil {
			return err
		}
		d, err := digestFile(path)
		if err != nil {
			return err
		}
		in.Config = &d
	}
	if in.Previous, err = digestFiles(c.StringSlice("previous")); err != nil {
		return err
	}
	if in.Current, err = digestFiles(c.StringSlice("current")); err != nil {
		return err
	}
	opt, err := loadOptions(c)
	if err != nil {
		return err
	}
	previous, err := loadWave(c, "previous", bank, opt)
	if err != nil {
		return err
	}
	current, err := loadWave(c, "current", bank, opt)
	if err != nil {
		return err
	}
	res, err := reduction.Screen(bank, previous, current, cfg.Thresholds)
	if err != nil {
		return err
	}
	s := reduction.NewScreening(res, cfg, in)

	old, err := os.ReadFile(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		var buf bytes.Buffer
		if err := reduction.WriteReview(&buf, res, cfg, s); err != nil {
			return err
		}
		if err := writeFileAtomic(out, buf.Bytes()); err != nil {
			return err
		}
		drop := 0
		for i := range res.Items {
			if res.Items[i].Ticks() >= s.DropFromTicks {
				drop++
			}
		}
		fmt.Fprintf(c.App.Writer, "Wrote %s: %d items, %d suggested for removal (%d or more ticks).\n", out, len(res.Items), drop, s.DropFromTicks)
		fmt.Fprintf(c.App.Writer, "Fill in decision (keep or drop) and reason where you disagree, then run itemreduce decide.\n")
		return nil
	case err != nil:
		return err
	}
	updated, rep, err := reduction.RefreshReview(old, out, res, cfg, s)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(out, updated); err != nil {
		return err
	}
	writeRefreshReport(c.App.Writer, out, rep)
	return nil
}

func writeRefreshReport(w io.Writer, name string, rep *reduction.RefreshReport) {
	fmt.Fprintf(w, "Refreshed %s: %d items; your decisions, reasons and comments are kept.\n", name, rep.Items)
	list := func(what string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(w, "  %s (%d): %s\n", what, len(ids), strings.Join(ids, ", "))
		}
	}
	if len(rep.Changed)+len(rep.Added)+len(rep.Left)+len(rep.Returned) == 0 {
		fmt.Fprintln(w, "  ticks and suggestions are unchanged")
	}
	list("ticks or suggestion changed", rep.Changed)
	list("new in the bank, added", rep.Added)
	list("no longer in the bank, marked in_bank: false", rep.Left)
	list("back in the bank", rep.Returned)
	if len(rep.Unreasoned) > 0 {
		fmt.Fprintf(w, "note: %d decision(s) differ from the suggestion without a reason (%s); itemreduce decide needs a reason for each\n",
			len(rep.Unreasoned), strings.Join(rep.Unreasoned, ", "))
	}
}

// digestFile names a file without its folder and gives its SHA-256.
func digestFile(path string) (reduction.FileDigest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return reduction.FileDigest{}, err
	}
	sum := sha256.Sum256(data)
	return reduction.FileDigest{File: filepath.Base(path), SHA256: hex.EncodeToString(sum[:])}, nil
}

func digestFiles(paths []string) ([]reduction.FileDigest, error) {
	var out []reduction.FileDigest
	for _, p := range paths {
		d, err := digestFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
