package reduction

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the audit as Markdown, for a repository or a report.
func (a *Audit) WriteMarkdown(w io.Writer) error {
	v := a.view()
	b := bufio.NewWriter(w)
	mdTotals(b, &v)
	mdSources(b, &v)
	mdThemes(b, &v)
	mdOverrides(b, &v)
	mdCosts(b, &v)
	mdAdded(b, &v)
	mdItems(b, &v)
	mdStatistics(b, &v)
	mdReproduction(b, &v.Reproducibility)
	mdWarnings(b, &v)
	return b.Flush()
}

// mdTotals writes the heading, naming the questionnaire, and the totals
// line in bold.
func mdTotals(b *bufio.Writer, v *auditView) {
	title := v.Title
	if title == "" {
		title = "the questionnaire"
	}
	fmt.Fprintf(b, "# Audit of the item reduction: %s\n\n", mdText(title))
	fmt.Fprintf(b, "**%s.**\n\n", mdText(v.Summary))
}

// mdSources writes the combine rule and a table of the sources that voted:
// the researchers and each proposal, with the items each keeps.
func mdSources(b *bufio.Writer, v *auditView) {
	fmt.Fprintf(b, "## Sources\n\nCombine rule `%s`: %s.\n\n", v.Combine, v.CombineRule)
	b.WriteString("| source | file | items kept | target length |\n|---|---|--:|--:|\n")
	for _, s := range v.Sources {
		target := "—"
		if s.Target > 0 {
			target = fmt.Sprint(s.Target)
		}
		fmt.Fprintf(b, "| %s | %s (%s) | %d | %s |\n", mdText(s.Name), mdText(s.File), s.Kind, s.Kept, target)
	}
}

// mdThemes writes the items per theme in this year's bank and in next
// year's questionnaire.
func mdThemes(b *bufio.Writer, v *auditView) {
	b.WriteString("\n## Items per theme\n\n| theme | this year | next year |\n|---|--:|--:|\n")
	for _, t := range v.Themes {
		fmt.Fprintf(b, "| %s | %d | %d |\n", mdText(themeName(t.Theme)), t.ThisYear, t.NextYear)
	}
	fmt.Fprintf(b, "| **all themes** | **%d** | **%d** |\n", v.Totals.Bank, v.Totals.Next)
}

// themeName names the items without a theme.
func themeName(theme string) string {
	if theme == "" {
		return "(no theme)"
	}
	return theme
}

// mdOverrides writes the items where the researchers' decision or the final
// decision differs from the suggestion of the statistics, or a sentence
// saying there are none.
func mdOverrides(b *bufio.Writer, v *auditView) {
	b.WriteString("\n## Where judgement overrode the statistics\n\n")
	var over []viewItem
	for _, it := range v.Items {
		if it.Overridden || it.Against {
			over = append(over, it)
		}
	}
	if len(over) == 0 {
		b.WriteString("Nowhere: every final decision follows the suggestion of the statistics.\n")
		return
	}
	b.WriteString("Items whose researchers' decision or final decision differs from the suggestion of the statistics. ")
	b.WriteString("Votes: K = keep, D = drop, in the order of the sources above, with the number of keeps.\n\n")
	b.WriteString("| item | ticks | suggestion | researchers | reason | votes | final |\n|---|--:|---|---|---|---|---|\n")
	for _, it := range over {
		dec := "(follows the suggestion)"
		if it.Decision != "" {
			dec = string(it.Decision)
		}
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s |\n", mdText(it.ID), len(it.Flags), it.Suggestion, dec, mdText(it.Reason), votesText(it), finalText(it))
	}
}

// mdCosts writes what the decision costs: the time series that end, the
// composite indicators that can no longer be computed, the merged items,
// which are not comparable with the items they replace, and the
// reliability before and after (mdReliability).
func mdCosts(b *bufio.Writer, v *auditView) {
	b.WriteString("\n## What the decision costs\n\n")
	fmt.Fprintf(b, "**Time series that end** (%d items dropped, no comparison with earlier waves): %s\n\n", len(v.Costs.SeriesEnd), mdList(v.Costs.SeriesEnd))
	if len(v.Costs.Composites) == 0 {
		b.WriteString("**Composite indicators**: every composite of the bank can still be computed.\n\n")
	} else {
		b.WriteString("**Composite indicators that can no longer be computed:**\n\n")
		for _, c := range v.Costs.Composites {
			fmt.Fprintf(b, "- %s: lacks %s\n", mdText(c.Name), strings.Join(c.Missing, ", "))
		}
		b.WriteString("\n")
	}
	if len(v.Merged) == 0 {
		b.WriteString("**Merged items**: none.\n")
	} else {
		b.WriteString("**Merged items, not comparable one-to-one with the items they replace:**\n\n")
		for _, m := range v.Merged {
			fmt.Fprintf(b, "- %s \"%s\" replaces %s. %s\n", mdText(m.ID), mdText(m.Text), strings.Join(m.From, ", "), mdText(m.Reason))
		}
	}
	mdReliability(b, v)
}

// mdReliability writes each theme's and composite's items, alpha and
// omega before and after the decision, or says how to see them.
func mdReliability(b *bufio.Writer, v *auditView) {
	if v.Costs.Reliability == nil {
		b.WriteString("\n" + reliabilityHint + "\n")
		return
	}
	b.WriteString("\n**Reliability on this year's answers**, before (every item) and after (the items kept; merged and new items have no answers yet):\n\n")
	b.WriteString("| scale | name | items before | items after | alpha before | alpha after | omega before | omega after |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range v.Costs.Reliability {
		after := figure(r.AlphaAfter)
		if r.Lost {
			after = "can no longer be computed"
		}
		fmt.Fprintf(b, "| %s | %s | %d | %d | %s | %s | %s | %s |\n", r.Kind, mdText(r.Name), r.ItemsBefore, r.ItemsAfter,
			figure(r.AlphaBefore), after, figure(r.OmegaBefore), figure(r.OmegaAfter))
	}
}

// reliabilityHint is what the audit says when made without answers.
const reliabilityHint = "**Reliability**: give `itemreduce decide` this year's answers with --current to see each theme's and composite's alpha and omega before and after."

// mdAdded writes the table of new items; nothing when there are none.
func mdAdded(b *bufio.Writer, v *auditView) {
	if len(v.Added) == 0 {
		return
	}
	b.WriteString("\n## New items\n\n| item | text | scale | theme | reason |\n|---|---|---|---|---|\n")
	for _, n := range v.Added {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdText(n.ID), mdText(n.Text), mdText(n.Scale), mdText(n.Theme), mdText(n.Reason))
	}
}

// mdItems writes one row per item of the bank, with its ticks and their
// evidence, the suggestion, the researchers' decision, the votes and the
// final decision; then the items of the review file that have left the
// bank.
func mdItems(b *bufio.Writer, v *auditView) {
	b.WriteString("\n## Every item\n\n")
	b.WriteString("Ticks show the statistic, the threshold it crossed and the number of answers (n). ")
	b.WriteString("Votes: K = keep, D = drop, in the order of the sources above.\n\n")
	b.WriteString("| item | text | ticks with evidence | suggestion | researchers | reason | votes | final |\n|---|---|---|---|---|---|---|---|\n")
	for _, it := range v.Items {
		sug := string(it.Suggestion)
		if note := it.GroupNote(); note != "" {
			sug += " (" + mdText(note) + ")"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", mdText(it.ID), mdText(it.Text), ticksText(it),
			sug, decisionText(it), mdText(it.Reason), votesText(it), finalText(it))
	}
	if len(v.Left) > 0 {
		fmt.Fprintf(b, "\nIn the review file but no longer in the bank (not decided): %s\n", strings.Join(v.Left, ", "))
	}
}

// mdStatistics writes the four statistics of every item, whether or not
// its rule fired; a number in bold gave the item its tick.
func mdStatistics(b *bufio.Writer, v *auditView) {
	b.WriteString("\n## The four statistics of every item\n\n")
	b.WriteString(statisticsIntro + " A number in **bold** gave the item its tick; the thresholds per scale are under How to reproduce.\n\n")
	b.WriteString("| item | scale | n | previous n | shift | mean | sd | r (largest \\|r\\|) | with | n both |\n|---|---|--:|--:|--:|--:|--:|--:|---|--:|\n")
	for i := range v.Items {
		it := &v.Items[i]
		r, with, n := "—", "—", "—"
		if it.MaxR != nil {
			r, with, n = bold(it.MaxR.R.String(), it.fired(Redundant)), mdText(it.MaxR.ID), fmt.Sprint(it.MaxR.N)
		}
		fmt.Fprintf(b, "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |\n", mdText(it.ID), mdText(it.Scale), it.N, it.PreviousN,
			bold(it.Shift.String(), it.fired(Stable)), bold(it.Mean.String(), it.fired(Ceiling)), bold(it.SD.String(), it.fired(LowSpread)), r, with, n)
	}
}

// statisticsIntro says what the table of the four statistics shows.
const statisticsIntro = "Every item's statistics as the review file's evidence gives them, whether or not the rule fired: " +
	"n, mean and sd of the newer wave, n of the older wave, the shift of the mean from the older wave to the newer, " +
	"and r with the most correlated other item (the largest |r|), with the number of respondents who answered both."

// bold puts a number in bold when its rule fired.
func bold(s string, fired bool) string {
	if fired {
		return "**" + s + "**"
	}
	return s
}

// ticksText is the ticks cell of an item: each tick with its evidence,
// then each rule that could not be decided and why, one per line.
func ticksText(it viewItem) string {
	ticks := make([]string, len(it.Ticks))
	for i, t := range it.Ticks {
		ticks[i] = mdText(t)
	}
	for _, u := range it.Undecided {
		ticks = append(ticks, "undecided: "+mdText(u))
	}
	if it.WaveTest != "" {
		ticks = append(ticks, mdText(it.WaveTest))
	}
	return strings.Join(ticks, "<br>")
}

// decisionText is the researchers' cell of an item: their decision, in bold
// when it overrides the suggestion, or a dash when they gave none.
func decisionText(it viewItem) string {
	if it.Decision == "" {
		return "—"
	}
	if it.Overridden {
		return "**" + string(it.Decision) + "** (override)"
	}
	return string(it.Decision)
}

// mdReproduction writes how to reproduce the decision: the command, the
// tools, the screening and its respondents, the suggestion rule, the
// check of the review file, the thresholds per scale and the SHA-256 of
// every input and output file.
func mdReproduction(b *bufio.Writer, r *viewReproduction) {
	b.WriteString("\n## How to reproduce\n\n")
	if len(r.Command) > 0 {
		fmt.Fprintf(b, "The command, with each file named without its folder:\n\n```sh\n%s\n```\n\n", r.commandText())
	}
	fmt.Fprintf(b, "- decided with: %s, combine rule `%s`\n", mdText(r.Tool), r.Combine)
	fmt.Fprintf(b, "- screened with: %s; %d respondents in the older wave, %d in the newer", mdText(r.Screening), r.Respondents.Previous, r.Respondents.Current)
	if r.Respondents.Linked > 0 {
		fmt.Fprintf(b, ", %d linked by the ids in column %s (wave tests paired)", r.Respondents.Linked, mdText(r.IDColumn))
	}
	if len(r.Where) > 0 {
		fmt.Fprintf(b, " (rows where %s)", mdText(strings.Join(r.Where, " and ")))
	} else {
		b.WriteString(" (all rows)")
	}
	if r.Sheet != "" {
		fmt.Fprintf(b, " from the worksheet %s", mdText(r.Sheet))
	}
	fmt.Fprintf(b, "\n- suggestion: drop from %d tick(s)\n", r.DropFromTicks)
	fmt.Fprintf(b, "- review file: %s\n", checkedText(*r))
	fmt.Fprintf(b, "- thresholds (%s); redundant: |r| > %s\n\n", mdText(r.Basis), r.Redundant)
	b.WriteString("| scale | range | stable: \\|shift\\| < | ceiling: mean > | low spread: sd < |\n|---|---|---|---|---|\n")
	for _, s := range r.Scales {
		fmt.Fprintf(b, "| %s | %d-%d | %s (%s) | %s (%s) | %s (%s) |\n", mdText(s.Scale), s.Min, s.Max,
			s.Stable, s.StableFrom, s.Ceiling, s.CeilingFrom, s.LowSpread, s.LowSpreadFrom)
	}
	b.WriteString("\n| input | file | SHA-256 |\n|---|---|---|\n")
	for _, in := range r.Inputs {
		fmt.Fprintf(b, "| %s | %s | `%s` |\n", in.Role, mdText(in.File), in.SHA256)
	}
	if len(r.Outputs) > 0 {
		b.WriteString("\n| output | file | SHA-256 |\n|---|---|---|\n")
		for _, out := range r.Outputs {
			fmt.Fprintf(b, "| %s | %s | `%s` |\n", out.Role, mdText(out.File), out.SHA256)
		}
	}
	fmt.Fprintf(b, "\nThe SHA-256 of this audit is %s.\n", mdText(r.OwnSHA256))
}

// checkedText says that the review file's computed fields were checked.
func checkedText(r viewReproduction) string {
	return fmt.Sprintf("the ticks, evidence and suggestions of all %d items match their digests and the rules in force", r.Checked)
}

// mdWarnings writes the caveats of the decision; nothing when there are
// none.
func mdWarnings(b *bufio.Writer, v *auditView) {
	if len(v.Warnings) == 0 {
		return
	}
	b.WriteString("\n## Warnings\n\n")
	for _, w := range v.Warnings {
		fmt.Fprintf(b, "- %s\n", mdText(w))
	}
}

// finalText is the final decision in words.
func finalText(it viewItem) string {
	if it.MergedInto != "" {
		return "merged into " + it.MergedInto
	}
	return it.Final
}

// votesText lists the votes as K and D, e.g. "K D K K (3)".
func votesText(it viewItem) string {
	s := make([]string, len(it.Votes))
	for i, v := range it.Votes {
		s[i] = "D"
		if v.Vote == Keep {
			s[i] = "K"
		}
	}
	return fmt.Sprintf("%s (%d)", strings.Join(s, " "), it.Keeps)
}

// mdText makes text safe inside a Markdown table cell: one line, with
// pipes and markup characters escaped.
func mdText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]")
	return r.Replace(s)
}

// mdList joins item ids with commas, or says none.
func mdList(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}
