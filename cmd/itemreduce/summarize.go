package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/internal/ledger"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// defaultMinRespondents is the fewest respondents a summary may describe,
// and the fewest an item or pair of items must have been answered by to
// be published: with fewer, the counts could point at one person's
// answers.
const defaultMinRespondents = 10

func summarizeCommand() *cli.Command {
	return &cli.Command{
		Name:  "summarize",
		Usage: "count one wave's answers into a summary file that can be shared instead of the answers",
		UsageText: `itemreduce summarize --bank BANK.yaml --data WAVE.csv -o SITE-WAVE` + itembank.SummaryExt + ` [options]

Example:
   itemreduce summarize --bank examples/wijkteams/bank.yaml \
       --data examples/wijkteams/responses-2017.csv --where gemeente=Zwolle \
       --id-column respondent -o zwolle-2017` + itembank.SummaryExt + `

   Then screen with the summaries of every site in place of the answers:
   itemreduce flag --bank examples/wijkteams/bank.yaml \
       --previous zwolle-2016` + itembank.SummaryExt + ` --previous ommen-2016` + itembank.SummaryExt + ` \
       --current zwolle-2017` + itembank.SummaryExt + ` --current ommen-2017` + itembank.SummaryExt,
		Description: `A summary holds what the four rules need: per item how often each answer was given,
and per pair of items how many respondents answered both with the sums of their
answers, their squares and products. It holds no row of answers. With --tables it
also holds, per pair of items on scales of up to 11 points, how many gave each
combination of answers, which a rules file's method: spearman, kendall or polychoric needs. A site that may not
share its raw answers can share this file; flag and every other command pool the
summaries of one wave as they pool the files of answers themselves.

What it protects, and what it does not (the README says more):
- Respondents are rows that answer at least one item of the bank. A summary of fewer
  than --min-respondents (10) is refused.
- An item that 1 to 9 people answered is withheld: its counts are left out. So are the
  sums of a pair of items that 1 to 9 people answered together. Screening leaves their
  rules undecided, and says so. The command lists what it withheld.
- Each summary is recorded in the site's release record (--ledger; by default
  releases.json in the itemreduce folder of your settings folder), with one keyed hash
  per respondent and no answers. A summary whose respondents, together with the earlier
  releases, would single out 1 to 9 people is refused, naming the earlier release: the
  summary of a team and that of the team without its one man differ by his answers.
  Respondents are recognised by --id-column when given, else by their whole row.
- It cannot hide from someone who knows the answers of all but one member of a group
  what the last one answered, nor that everyone in a group gave the same answer.

A summary records the item bank it was made for: it can only be used with that bank
(changing item texts is fine; adding, removing or reordering items, or changing a
scale, is not).

A file holding every wave is summarised one wave at a time: --where jaar=2017. A file
with a column named like a wave column (jaar, year, wave, golf, meting, peiling, ronde,
survey_year, ...) that holds more than one value in the rows kept is refused unless
--where selects on that column; --no-wave-check reads it anyway, for when that column
is not the wave. Each file may be given once. A summary is made from files of answers,
not from other summaries.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "bank", Required: true, Usage: "item bank `FILE` (YAML): scales and items"},
			&cli.StringSliceFlag{Name: "data", Required: true, Usage: "answers of one wave: a `FILE` (.csv, .xlsx, .sav; repeat to pool several files)"},
			&cli.StringSliceFlag{Name: "where", Usage: "keep only rows where `COLUMN=VALUE`, e.g. gemeente=Zwolle (repeatable; all must hold)"},
			&cli.StringFlag{Name: "sheet", Usage: "for Excel workbooks: the worksheet `NAME` to read (default: the first)"},
			noWaveCheckFlag(),
			&cli.BoolFlag{Name: "tables", Usage: "also count, per pair of items on scales of up to 11 points, how many gave each combination of answers, which the rules file's method: spearman, kendall or polychoric needs; a table with a combination fewer than --min-respondents people gave is withheld"},
			&cli.Int64Flag{Name: "min-respondents", Value: defaultMinRespondents, Usage: "refuse to summarise fewer than `N` respondents, and withhold every item and pair of items fewer than N answered, so that no one's answers can be singled out"},
			forceFlag(),
		}, append(ledgerFlags(), outFlags("write the summary to `FILE`, whose name must end in "+itembank.SummaryExt+" (replaced only when everything succeeded)")...)...),
		Action: runSummarize,
	}
}

func runSummarize(c *cli.Context) error {
	out, err := outPath(c, false)
	if err != nil {
		return err
	}
	if !toScreen(out) && !files.IsSummaryFile(out) {
		return usageError("-o %s: the name of a summary file must end in %s, so that flag and the other commands read it as one", out, itembank.SummaryExt)
	}
	min := c.Int64("min-respondents")
	if min < 1 {
		return usageError("--min-respondents %d: give a number of at least 1", min)
	}
	recordPath, err := ledgerPath(c)
	if err != nil {
		return err
	}
	outs := newOutputs(c)
	outs.add("--out", out, isSummary)
	outs.add("--ledger", recordPath, ledger.IsLedger)
	if err := outs.check(); err != nil {
		return err
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
	if err := checkOneWave(givenFiles("data", paths)); err != nil {
		return err
	}
	record, err := openLedger(c, recordPath)
	if err != nil {
		return err
	}
	idColumn := c.String("id-column")
	opt.Tables = c.Bool("tables")
	done := showProgress(c.App.ErrWriter, "reading", paths, &opt)
	rel, notes, err := files.SummarizeRelease(paths, bank, opt, files.Identify{IDColumn: idColumn, Keyer: record.l.Keyer()})
	done()
	if err != nil {
		return severalWaves(err, "")
	}
	printNotes(c, notes)
	if idColumn == "" {
		suggestIDColumn(c, rel.Columns)
	}
	s := rel.Summary
	if s.Respondents < min {
		return fmt.Errorf("only %d respondent(s) to summarise%s; a summary needs at least %d (--min-respondents), so that no one's answers can be recognised in it. Summarise this group together with another one",
			s.Respondents, unansweredText(rel.Unanswered), min)
	}
	withheld := s.Withhold(min)
	if err := record.l.Check(rel.Keys, min); err != nil {
		return fmt.Errorf("%w. Nothing was written (release record: %s)", err, recordPath)
	}
	record.warnOtherMethod(c, idColumn)
	var summary bytes.Buffer
	if err := s.WriteJSON(&summary); err != nil {
		return err
	}
	digests, err := fileDigests(paths)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(summary.Bytes())
	record.l.Releases = append(record.l.Releases, ledger.Release{
		Made: time.Now(), Output: outputName(out), Summary: hex.EncodeToString(sum[:]), Bank: s.Bank, Data: digests,
		Where: c.StringSlice("where"), IDColumn: idColumn, MinRespondents: min, Respondents: s.Respondents, Keys: rel.Keys})
	recordData, err := record.l.Marshal()
	if err != nil {
		return err
	}
	if err := record.unchanged(); err != nil {
		return err
	}
	if err := writeRelease(c, outs, out, summary.Bytes(), recordPath, recordData); err != nil {
		return err
	}
	printWithheld(c, withheld, rel.Unanswered)
	printWithheldTables(c, withheld)
	printUnanimous(c, s)
	fmt.Fprintf(c.App.ErrWriter, "wrote %s: %d respondents, %d items%s; recorded as release %d in %s\n",
		outputName(out), s.Respondents, asked(s), withheldText(s), len(record.l.Releases), recordPath)
	return nil
}

// writeRelease writes the summary and the record that lists it, together
// when the summary goes to a file. The record is written first when the
// summary goes to the screen: a release recorded but not made costs
// nothing, one made but not recorded could be differenced.
func writeRelease(c *cli.Context, outs *outputs, out string, summary []byte, recordPath string, record []byte) error {
	if toScreen(out) {
		if err := outs.writeFile(recordPath, record); err != nil {
			return err
		}
		_, err := c.App.Writer.Write(summary)
		return err
	}
	outs.put(out, summary)
	outs.put(recordPath, record)
	return outs.commit()
}

// idLike are column names that usually hold respondent ids.
var idLike = []string{"respondent", "respondent_id", "respondentid", "resp_id", "respid", "id", "responseid", "response_id", "respondentnummer", "respnr"}

// suggestIDColumn notes a column that seems to hold respondent ids when
// none was named: recognised by their ids, respondents are recognised in
// every file, however it is laid out.
func suggestIDColumn(c *cli.Context, columns []string) {
	for _, col := range columns {
		if slices.Contains(idLike, strings.ToLower(col)) {
			fmt.Fprintf(c.App.ErrWriter, "note: respondents are recognised by their whole row; if column %s holds an id that stays the same for each person, give --id-column %s, so that the release record recognises them in any file\n", col, col)
			return
		}
	}
}

// outputName is how a release's file is named: "-" for the screen.
func outputName(out string) string {
	if toScreen(out) {
		return "-"
	}
	return out
}

func unansweredText(n int64) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d more row(s) answer no item of the bank, and are no respondents)", n)
}

// printWithheld says what the summary leaves out, and why.
func printWithheld(c *cli.Context, w *itembank.Withholding, unanswered int64) {
	if unanswered > 0 {
		fmt.Fprintf(c.App.ErrWriter, "note: %d row(s) answer no item of the bank: they do not count as respondents\n", unanswered)
	}
	for _, it := range w.Items {
		fmt.Fprintf(c.App.ErrWriter, "withheld: item %s: %d people answered it, fewer than %d (--min-respondents); its counts and its pairs with other items are left out\n", it.ID, it.N, w.Min)
	}
	if len(w.Pairs) == 0 {
		return
	}
	names := make([]string, 0, len(w.Pairs))
	for _, p := range w.Pairs {
		names = append(names, fmt.Sprintf("%s-%s (%d)", p.X, p.Y, p.N))
	}
	const shown = 20
	more := ""
	if len(names) > shown {
		more = fmt.Sprintf(" and %d more", len(names)-shown)
		names = names[:shown]
	}
	fmt.Fprintf(c.App.ErrWriter, "withheld: %d pair(s) of items that fewer than %d people answered together (--min-respondents); their sums are left out: %s%s\n",
		len(w.Pairs), w.Min, strings.Join(names, ", "), more)
}

// printWithheldTables says which tables of answers the summary leaves
// out; their pairs' sums are in it.
func printWithheldTables(c *cli.Context, w *itembank.Withholding) {
	if len(w.Tables) == 0 {
		return
	}
	names := make([]string, 0, len(w.Tables))
	for _, t := range w.Tables {
		names = append(names, fmt.Sprintf("%s-%s", t.X, t.Y))
	}
	const shown = 20
	more := ""
	if len(names) > shown {
		more = fmt.Sprintf(" and %d more", len(names)-shown)
		names = names[:shown]
	}
	fmt.Fprintf(c.App.ErrWriter, "withheld: the tables of answers of %d pair(s) of items, each with a combination of answers that 1 to %d people gave (--min-respondents); their sums are in the summary, Spearman's r, Kendall's tau-b and the polychoric r cannot be computed for them: %s%s\n",
		len(w.Tables), w.Min-1, strings.Join(names, ", "), more)
}

// printUnanimous notes the items that everyone who answered answered
// alike: the summary shows what each of them answered, which no minimum
// hides. It is for the site to judge, not a refusal.
func printUnanimous(c *cli.Context, s *itembank.Summary) {
	var items []string
	for i, it := range s.Items {
		if len(it.Counts) == 1 {
			items = append(items, fmt.Sprintf("%s (all %d: %s)", it.ID, s.Moments(i).N, itembank.Value{Units: it.Counts[0].Value, Places: s.Places}))
		}
	}
	if len(items) > 0 {
		fmt.Fprintf(c.App.ErrWriter, "note: everyone who answered these items gave the same answer, so the summary shows what each of them answered: %s\n", strings.Join(items, ", "))
	}
}

// withheldText counts what the written summary withholds, for its line.
func withheldText(s *itembank.Summary) string {
	var parts []string
	if n := len(s.WithheldItems()); n > 0 {
		parts = append(parts, fmt.Sprintf("%d item(s)", n))
	}
	if n := len(s.WithheldPairList()); n > 0 {
		parts = append(parts, fmt.Sprintf("%d other pair(s)", n))
	}
	if len(parts) == 0 {
		return ""
	}
	return ", withholding " + strings.Join(parts, " and ")
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
