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
	"github.com/itemreduce/itemreduce/itembank/files"
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
behind every rule, fired or not (evidence), and a suggestion (drop when it has at least one tick; a
rules file may set drop_from_ticks). Fill in decision (keep or drop, in Dutch behouden
or schrappen) and reason where your judgement differs. The file's comments are in the
bank's language (language: nl is Dutch) or the one --lang gives; a refresh keeps the
language the file was written in.

When the --out file exists it is refreshed: the ticks, evidence and suggestions are
recomputed from the data and thresholds given now, while your decisions, reasons,
notes and comments stay exactly as you wrote them. A file with a mistake in it is
reported with its line and left untouched. An item whose entry you deleted is
reported as missing, not put back; --restore puts it back with an empty decision.`,
		Flags: append(append(dataFlags(),
			linkIDFlag(),
			&cli.StringFlag{Name: "config", Usage: "rules `FILE` (YAML) with other thresholds or drop_from_ticks"},
			&cli.BoolFlag{Name: "restore", Usage: "put back, with an empty decision, the items whose entry was deleted from the review file"},
			langFlag()),
			outFlags("review `FILE` (YAML) to write, or to refresh when it exists")...),
		Action: runReview,
	}
}

// runReview screens both waves and writes a new review file, or refreshes
// the one at --out.
func runReview(c *cli.Context) error {
	out, err := outPath(c, true)
	if err != nil {
		return err
	}
	// The review file is refreshed in place: it is an input only as the
	// file refreshed, not as one of the inputs an output may not replace.
	outs := newOutputs(c)
	outs.add("--out", out, isReview)
	if err := outs.check(); err != nil {
		return err
	}
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return err
	}
	cfg, in, err := reviewInputs(c, bank)
	if err != nil {
		return err
	}
	sums := map[string][32]byte{} // of the data files, hashed as they are read
	res, err := screenWaves(c, bank, cfg, func(path string, sum [32]byte) { sums[path] = sum })
	if err != nil {
		return err
	}
	if err := digestWaves(c, &in, sums); err != nil {
		return err
	}
	s := reduction.NewScreening(res, cfg, in)
	old, err := os.ReadFile(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return writeNewReview(c.App.ErrWriter, outs, out, res, cfg, s)
	case err != nil:
		return err
	}
	return refreshReview(c.App.ErrWriter, outs, out, old, res, cfg, s, c.Bool("restore"))
}

// reviewInputs loads the rules (the defaults without --config) and
// records every input file with its SHA-256, for the review file.
func reviewInputs(c *cli.Context, bank *itembank.Bank) (reduction.Config, reduction.ReviewInputs, error) {
	in := reduction.ReviewInputs{Tool: "itemreduce " + appVersion(), Where: c.StringSlice("where"), Sheet: c.String("sheet"),
		IDColumn: c.String("id-column")}
	lang, err := fileLang(c, bank)
	if err != nil {
		return reduction.Config{}, in, err
	}
	in.Lang = lang
	cfg, err := loadConfig(c, bank)
	if err != nil {
		return cfg, in, err
	}
	if in.Bank, err = digestFile(c.String("bank")); err != nil {
		return cfg, in, err
	}
	if path := c.String("config"); path != "" {
		d, err := digestFile(path)
		if err != nil {
			return cfg, in, err
		}
		in.Config = &d
	}
	_, prevOpt := waveFiles(c, "previous", files.LoadOptions{})
	_, curOpt := waveFiles(c, "current", files.LoadOptions{})
	// With all waves in one file, each wave is a selection of its rows.
	for _, w := range []struct {
		opt  files.LoadOptions
		wave string
	}{{prevOpt, "older wave"}, {curOpt, "newer wave"}} {
		for _, cond := range w.opt.Where {
			in.Where = append(in.Where, fmt.Sprintf("%s for the %s", cond, w.wave))
		}
	}
	return cfg, in, nil
}

// writeNewReview writes a new review file to path and says how many items
// it suggests to drop.
func writeNewReview(w io.Writer, outs *outputs, path string, res *reduction.Result, cfg reduction.Config, s reduction.Screening) error {
	var buf bytes.Buffer
	if err := reduction.WriteReview(&buf, res, cfg, s); err != nil {
		return err
	}
	if err := outs.writeFile(path, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote %s: %d items, %d suggested for removal (%d or more ticks).\n", path, len(res.Items), cfg.SuggestedDrops(res), s.DropFromTicks)
	lang, _ := reduction.ParseLang(s.Language)
	fmt.Fprintf(w, "Fill in decision (%s or %s) and reason where you disagree, then run itemreduce decide.\n", lang.Words().Keep, lang.Words().Drop)
	return nil
}

// refreshReview rewrites the existing review file at path, old being its
// content, with the new screening, and reports what changed.
func refreshReview(w io.Writer, outs *outputs, path string, old []byte, res *reduction.Result, cfg reduction.Config, s reduction.Screening, restore bool) error {
	updated, rep, err := reduction.RefreshOptions{Restore: restore}.Refresh(old, path, res, cfg, s)
	if err != nil {
		return err
	}
	if err := outs.writeFile(path, updated); err != nil {
		return err
	}
	writeRefreshReport(w, path, rep)
	if asked, _ := reduction.ParseLang(s.Language); asked != rep.Lang {
		fmt.Fprintf(w, "note: %s is written in %s and stays so (its comments are kept as they are); for a file in %s, write a new one with --out NEW.yaml\n",
			path, langName(rep.Lang), langName(asked))
	}
	return nil
}

// writeRefreshReport reports a refresh: the items whose ticks or suggestion
// changed, that joined, left or returned to the bank, and the decisions
// that still lack a reason.
func writeRefreshReport(w io.Writer, name string, rep *reduction.RefreshReport) {
	fmt.Fprintf(w, "Refreshed %s: %d items; your decisions, reasons and comments are kept.\n", name, rep.Items)
	list := func(what string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(w, "  %s (%d): %s\n", what, len(ids), strings.Join(ids, ", "))
		}
	}
	if len(rep.Changed)+len(rep.Added)+len(rep.Left)+len(rep.Returned)+len(rep.Missing)+len(rep.Restored) == 0 {
		fmt.Fprintln(w, "  ticks and suggestions are unchanged")
	}
	list("ticks or suggestion changed", rep.Changed)
	list("new in the bank, added", rep.Added)
	list("no longer in the bank, marked in_bank: false", rep.Left)
	list("back in the bank", rep.Returned)
	list("missing from the review file, not added back (run again with --restore to add them with an empty decision)", rep.Missing)
	list("put back with an empty decision", rep.Restored)
	if len(rep.Unreasoned) > 0 {
		fmt.Fprintf(w, "note: %d decision(s) differ from the suggestion without a reason (%s); itemreduce decide needs a reason for each\n",
			len(rep.Unreasoned), strings.Join(rep.Unreasoned, ", "))
	}
}

// digestWaves records the data files of both waves with the SHA-256
// computed while they were read (sums, by path), for the review file.
func digestWaves(c *cli.Context, in *reduction.ReviewInputs, sums map[string][32]byte) error {
	previous, _ := waveFiles(c, "previous", files.LoadOptions{})
	current, _ := waveFiles(c, "current", files.LoadOptions{})
	var err error
	if in.Previous, err = digestsFrom(previous, sums); err != nil {
		return err
	}
	in.Current, err = digestsFrom(current, sums)
	return err
}

// digestsFrom names each file with the SHA-256 in sums that was computed
// while it was read; a file not read there is read for it.
func digestsFrom(paths []string, sums map[string][32]byte) ([]reduction.FileDigest, error) {
	var out []reduction.FileDigest
	for _, p := range paths {
		sum, ok := sums[p]
		if !ok {
			d, err := digestFile(p)
			if err != nil {
				return nil, err
			}
			out = append(out, d)
			continue
		}
		out = append(out, reduction.FileDigest{File: filepath.Base(p), SHA256: hex.EncodeToString(sum[:])})
	}
	return out, nil
}

// digestFile names a file without its folder and gives its SHA-256,
// reading it as it streams by.
func digestFile(path string) (reduction.FileDigest, error) {
	f, err := os.Open(path)
	if err != nil {
		return reduction.FileDigest{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return reduction.FileDigest{}, err
	}
	return reduction.FileDigest{File: filepath.Base(path), SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// digestFiles is digestFile for each path, in order.
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
