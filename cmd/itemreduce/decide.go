package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
	"github.com/itemreduce/itemreduce/reduction"
)

func decideCommand() *cli.Command {
	return &cli.Command{
		Name:  "decide",
		Usage: "combine the review file and the team leaders' proposals into next year's item bank and an audit",
		UsageText: `itemreduce decide --bank BANK.yaml --review review.yaml [--proposal FILE ...] --out NEXT.yaml [options]

Example:
   itemreduce decide --bank examples/wijkteams/bank.yaml \
       --review examples/wijkteams/review.yaml \
       --proposal examples/wijkteams/proposals/zwolle.yaml \
       --proposal examples/wijkteams/proposals/ommen-hardenberg.yaml \
       --proposal examples/wijkteams/proposals/steenwijkerland.yaml \
       --combine at-least:3 --out next-2018.yaml --audit audit.html`,
		Description: `Every item gets one vote from each source: the researchers (the review file: your
decision where you gave one, else the suggestion) and each proposal (keep when its Excel
checklist says yes, or it lists the item under keep:, or does not list it under drop:).
--combine decides:
   majority     kept when at least half of the sources keep it (the default)
   any          kept when at least one source keeps it
   all          kept only when every source keeps it
   at-least:N   kept when at least N sources keep it
Items merged in the review file (merge:) are replaced by their merged item, and new
items (add:) are added. The new bank has the format of the old one, so it feeds
straight into next year's itemreduce flag. The audit (.md, .html or .json) shows,
per item, the four statistics, the ticks, the votes and the decision, the items per
theme, what the decision costs, the command and the SHA-256 of every input file and
of the new bank; in Markdown and HTML it is in the bank's language (language: nl is
Dutch) or the one --lang gives, in JSON always English. A review file whose computed
fields were edited by hand is refused.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "bank", Required: true, Usage: "this year's item bank `FILE` (YAML)"},
			&cli.StringFlag{Name: "review", Required: true, Usage: "the researchers' review `FILE`, made by itemreduce review"},
			&cli.StringSliceFlag{Name: "proposal", Usage: "a team leader's proposal `FILE`: a checklist from itemreduce proposal, .xlsx or .yaml (repeat for each)"},
			&cli.StringFlag{Name: "combine", Value: "majority", Usage: "`RULE` to combine the votes: majority, any, all or at-least:N"},
			&cli.StringFlag{Name: "audit", Usage: "audit `FILE` to write: .md (Markdown), .html (for a browser) or .json"},
			&cli.StringFlag{Name: "title", Usage: "`TITLE` of next year's questionnaire (default: this year's title)"},
			&cli.StringSliceFlag{Name: "current", Usage: "this year's answers: a `FILE` (.csv, .xlsx, .sav or .summary.json; repeat to pool), for the audit's alpha and omega of each theme and composite before and after"},
			langFlag(),
			forceFlag(),
		}, outFlags("next year's item bank `FILE` to write (YAML)")...),
		Action: runDecide,
	}
}

var auditRenderers = map[string]func(*reduction.Audit, io.Writer) error{
	".md":       (*reduction.Audit).WriteMarkdown,
	".markdown": (*reduction.Audit).WriteMarkdown,
	".html":     (*reduction.Audit).WriteHTML,
	".htm":      (*reduction.Audit).WriteHTML,
	".json":     (*reduction.Audit).WriteJSON,
}

// runDecide writes next year's bank and, with --audit, the audit, then
// summarizes the decision.
func runDecide(c *cli.Context) error {
	auditPath := c.String("audit")
	render := auditRenderers[strings.ToLower(filepath.Ext(auditPath))]
	if auditPath != "" && render == nil {
		return usageError("--audit %s: the name must end in .md, .html or .json to choose the format", auditPath)
	}
	if err := checkLangFlag(c); err != nil {
		return err
	}
	combine, err := reduction.ParseCombine(c.String("combine"))
	if err != nil {
		return usageError("--combine: %v%s", err, didYouMean(c.String("combine"), []string{"majority", "any", "all"}))
	}
	out, err := outPath(c, true)
	if err != nil {
		return err
	}
	outs := newOutputs(c)
	outs.add("--out", out, isNextBank)
	outs.add("--audit", auditPath, isAudit)
	if err := outs.check(); err != nil {
		return err
	}
	d, err := decide(c, combine)
	if err != nil {
		return err
	}
	next, err := d.Next(c.String("title"))
	if err != nil {
		return err
	}
	nextYAML, err := bankYAML(next, d, c)
	if err != nil {
		return err
	}
	auditData, err := renderAudit(c, d, render, nextYAML)
	if err != nil {
		return err
	}
	// The new bank and the audit are written together, or neither.
	outs.put(out, nextYAML)
	if auditPath != "" {
		outs.put(auditPath, auditData)
	}
	if err := outs.commit(); err != nil {
		return err
	}
	writeDecideSummary(c, d, auditPath)
	return nil
}

// decide loads the bank, the review file and the proposals, and combines
// their votes by the combine rule.
func decide(c *cli.Context, combine reduction.Combine) (*reduction.Decision, error) {
	bank, err := itembank.LoadBankFile(c.String("bank"))
	if err != nil {
		return nil, err
	}
	review, err := reduction.LoadReviewFile(c.String("review"))
	if err != nil {
		return nil, err
	}
	if err := checkProposals(c); err != nil {
		return nil, err
	}
	var proposals []*reduction.Proposal
	for _, path := range c.StringSlice("proposal") {
		p, err := loadProposal(path, bank)
		if err != nil {
			return nil, err
		}
		proposals = append(proposals, p)
	}
	if err := combine.Check(1 + len(proposals)); err != nil {
		return nil, usageError("--combine: %v; give more --proposal files or a lower number", err)
	}
	return reduction.Decide(bank, review, proposals, combine)
}

// renderAudit renders the audit of d with render, before anything is
// written; nil when no --audit is asked for. next is next year's bank as
// it will be written.
func renderAudit(c *cli.Context, d *reduction.Decision, render func(*reduction.Audit, io.Writer) error, next []byte) ([]byte, error) {
	if c.String("audit") == "" {
		return nil, nil
	}
	a, err := newAudit(c, d, next)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := render(a, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newAudit builds the audit of d, with the command line and the SHA-256
// of every input file and of next year's bank, next.
func newAudit(c *cli.Context, d *reduction.Decision, next []byte) (*reduction.Audit, error) {
	bank, err := digestFile(c.String("bank"))
	if err != nil {
		return nil, err
	}
	review, err := digestFile(c.String("review"))
	if err != nil {
		return nil, err
	}
	proposals, err := digestFiles(c.StringSlice("proposal"))
	if err != nil {
		return nil, err
	}
	sums := map[string][32]byte{} // of the data files, hashed as they are read
	current, err := loadCurrent(c, d.Bank, func(path string, sum [32]byte) { sums[path] = sum })
	if err != nil {
		return nil, err
	}
	currentFiles, err := digestsFrom(c.StringSlice("current"), sums)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(next)
	a := reduction.NewAudit(d, reduction.AuditRecord{Tool: "itemreduce " + appVersion(), Command: commandLine(c),
		Bank: bank, Review: review, Proposals: proposals, Current: currentFiles,
		Next:      &reduction.FileDigest{File: filepath.Base(c.String("out")), SHA256: hex.EncodeToString(sum[:])},
		AuditFile: filepath.Base(c.String("audit"))})
	if a.Lang, err = fileLang(c, d.Bank); err != nil {
		return nil, err
	}
	if current == nil {
		return a, nil
	}
	a.Reliability, err = d.ReliabilityCosts(current)
	return a, err
}

// loadCurrent pools the files of --current, with pair sums; nil without
// them. hashed is given the SHA-256 of each file as it is read.
func loadCurrent(c *cli.Context, bank *itembank.Bank, hashed func(string, [32]byte)) (*itembank.Summary, error) {
	paths := c.StringSlice("current")
	if len(paths) == 0 {
		return nil, nil
	}
	opt, err := whereOptions(c)
	if err != nil {
		return nil, err
	}
	opt.Hashed = hashed
	done := showProgress(c.App.ErrWriter, "reading and correlating current wave", paths, &opt)
	s, notes, err := files.SummarizeFiles(paths, bank, opt, itembank.WithPairs)
	done()
	if err != nil {
		return nil, severalWaves(err, "current")
	}
	printNotes(c, notes)
	return s, nil
}

// decideFileFlags are the options of decide that name a file.
var decideFileFlags = map[string]bool{"bank": true, "review": true, "proposal": true, "current": true, "out": true, "o": true, "output": true, "audit": true}

// commandLine is the command line as given, with each file the options
// name written without its folder, so that the audit is the same
// wherever it was made.
func commandLine(c *cli.Context) []string {
	var root *cli.Context
	for _, l := range c.Lineage() {
		if l.Command != nil {
			root = l
		}
	}
	args := root.Args().Slice()
	out := append(make([]string, 0, len(args)+1), c.App.Name)
	file := false
	for _, arg := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch {
		case file:
			arg, file = filepath.Base(arg), false
		case strings.HasPrefix(arg, "-") && decideFileFlags[name] && hasValue:
			arg = arg[:len(arg)-len(value)] + filepath.Base(value)
		case strings.HasPrefix(arg, "-") && decideFileFlags[name]:
			file = true
		}
		out = append(out, arg)
	}
	return out
}

// bankYAML writes next year's bank with a header comment saying where it
// came from.
func bankYAML(next *itembank.Bank, d *reduction.Decision, c *cli.Context) ([]byte, error) {
	t := d.Totals()
	doc := next.Node()
	doc.Content[0].HeadComment = fmt.Sprintf(`Item bank for next year, decided with itemreduce decide from %s,
the review file %s and %d proposal(s), combine rule %s:
%s.`,
		filepath.Base(c.String("bank")), filepath.Base(c.String("review")), len(d.Proposals), d.Combine, t)
	var buf bytes.Buffer
	if err := yamlfile.Write(&buf, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeDecideSummary says on stderr what was decided and written, and the
// warnings of the decision: stdout is for data only.
func writeDecideSummary(c *cli.Context, d *reduction.Decision, auditPath string) {
	w := c.App.ErrWriter
	t := d.Totals()
	fmt.Fprintf(w, "%s, written to %s\n", t, c.String("out"))
	fmt.Fprintf(w, "Combine rule %s: %s.\n", d.Combine, d.Combine.Describe(len(d.Sources)))
	for _, s := range d.Sources {
		fmt.Fprintf(w, "  %-28s keeps %3d", s.Name, s.Kept)
		if s.Target > 0 {
			fmt.Fprintf(w, " (target %d)", s.Target)
		}
		fmt.Fprintln(w)
	}
	costs := d.Costs()
	for _, lc := range costs.Composites {
		fmt.Fprintf(w, "Composite %q can no longer be computed (lacks %s); it is left out of %s.\n", lc.Name, strings.Join(lc.Missing, ", "), c.String("out"))
	}
	if auditPath != "" {
		fmt.Fprintf(w, "Audit: %s\n", auditPath)
	}
	for _, warn := range d.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "warning: %s\n", warn)
	}
}
