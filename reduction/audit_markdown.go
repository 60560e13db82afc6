package reduction

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteMarkdown writes the audit as Markdown, for a repository or a
// report, in the audit's language (Audit.Lang).
func (a *Audit) WriteMarkdown(w io.Writer) error {
	v := a.view()
	words := a.Lang.Words()
	m := &mdWriter{bufio.NewWriter(w), words, &words.Audit}
	m.totals(&v)
	m.sources(&v)
	m.themes(&v)
	m.overrides(&v)
	m.costs(&v)
	m.added(&v)
	m.items(&v)
	m.statistics(&v)
	m.reproduction(&v.Reproducibility)
	m.warnings(&v)
	return m.Flush()
}

// mdWriter writes the sections of a Markdown audit in one language.
type mdWriter struct {
	*bufio.Writer
	w *Words
	a *auditWords
}

// header writes a table's heading row and its alignment row; right lists
// the columns aligned to the right (numbers).
func (m *mdWriter) header(cols []string, right ...int) {
	align := make([]string, len(cols))
	for i, c := range cols {
		cols[i] = strings.ReplaceAll(c, "|", "\\|")
		align[i] = "---"
		if slices.Contains(right, i) {
			align[i] = "--:"
		}
	}
	fmt.Fprintf(m, "| %s |\n|%s|\n", strings.Join(cols, " | "), strings.Join(align, "|"))
}

// totals writes the heading, naming the questionnaire, and the totals
// line in bold.
func (m *mdWriter) totals(v *auditView) {
	title := v.Title
	if title == "" {
		title = m.a.NoTitle
	}
	fmt.Fprintf(m, "# "+m.a.Title+"\n\n", mdText(title))
	fmt.Fprintf(m, "**%s.**\n\n", mdText(m.a.totals(v.Totals)))
}

// sources writes the combine rule and a table of the sources that voted:
// the researchers and each proposal, with the items each keeps.
func (m *mdWriter) sources(v *auditView) {
	fmt.Fprintf(m, "## %s\n\n"+m.a.CombineRule+"\n\n", m.a.Sources, "`"+v.Combine+"`", m.a.combine(v.combine, len(v.Sources)))
	m.header(slices.Clone(m.a.SourceColumns), 2, 3)
	for _, s := range v.Sources {
		target := "—"
		if s.Target > 0 {
			target = fmt.Sprint(s.Target)
		}
		fmt.Fprintf(m, "| %s | %s (%s) | %d | %s |\n", mdText(m.a.sourceName(s)), mdText(s.File), m.a.sourceKind(s.Kind), s.Kept, target)
	}
}

// themes writes the items per theme in this year's bank and in next
// year's questionnaire.
func (m *mdWriter) themes(v *auditView) {
	fmt.Fprintf(m, "\n## %s\n\n", m.a.Themes)
	m.header(slices.Clone(m.a.ThemeColumns), 1, 2)
	for _, t := range v.Themes {
		fmt.Fprintf(m, "| %s | %d | %d |\n", mdText(m.a.themeName(t.Theme)), t.ThisYear, t.NextYear)
	}
	fmt.Fprintf(m, "| **%s** | **%d** | **%d** |\n", mdText(m.a.AllThemes), v.Totals.Bank, v.Totals.Next)
}

// overrides writes the items where the researchers' decision or the final
// decision differs from the suggestion of the statistics, or a sentence
// saying there are none.
func (m *mdWriter) overrides(v *auditView) {
	fmt.Fprintf(m, "\n## %s\n\n", m.a.Overrides)
	var over []viewItem
	for _, it := range v.Items {
		if it.Overridden || it.Against {
			over = append(over, it)
		}
	}
	if len(over) == 0 {
		m.WriteString(m.a.NoOverrides + "\n")
		return
	}
	fmt.Fprintf(m, "%s %s%s.\n\n", m.a.OverridesIntro, m.a.VotesKey, m.a.VotesCount)
	m.header(slices.Clone(m.a.OverrideColumns), 1)
	for _, it := range over {
		dec := "(" + m.a.FollowsSuggestion + ")"
		if it.Decision != "" {
			dec = m.w.Verdict(it.Decision)
		}
		fmt.Fprintf(m, "| %s | %d | %s | %s | %s | %s | %s |\n", mdText(it.ID), len(it.Flags), m.w.Verdict(it.Suggestion), dec,
			mdText(it.Reason), m.w.votesText(it), m.w.finalText(it))
	}
}

// costs writes what the decision costs: the time series that end, the
// composite indicators that can no longer be computed, the merged items,
// which are not comparable with the items they replace, and the
// reliability before and after.
func (m *mdWriter) costs(v *auditView) {
	a := m.a
	fmt.Fprintf(m, "\n## %s\n\n", a.Costs)
	fmt.Fprintf(m, "**%s** "+a.SeriesEndNote+": %s\n\n", a.SeriesEnd, len(v.Costs.SeriesEnd), m.list(v.Costs.SeriesEnd))
	if len(v.Costs.Composites) == 0 {
		fmt.Fprintf(m, "**%s**: %s\n\n", a.Composites, a.CompositesKept)
	} else {
		fmt.Fprintf(m, "**%s**\n\n", a.CompositesLost)
		for _, c := range v.Costs.Composites {
			fmt.Fprintf(m, "- "+a.Lacks+"\n", mdText(c.Name), strings.Join(c.Missing, ", "))
		}
		m.WriteString("\n")
	}
	if len(v.Merged) == 0 {
		fmt.Fprintf(m, "**%s**: %s.\n", a.Merged, a.None)
	} else {
		fmt.Fprintf(m, "**%s**\n\n", a.MergedNotComparable)
		for _, n := range v.Merged {
			fmt.Fprintf(m, "- %s \"%s\" %s %s. %s\n", mdText(n.ID), mdText(n.Text), a.Replaces, strings.Join(n.From, ", "), mdText(n.Reason))
		}
	}
	m.reliability(v)
}

// reliability writes each theme's and composite's items, alpha and
// omega before and after the decision, or says how to see them.
func (m *mdWriter) reliability(v *auditView) {
	a := m.a
	if v.Costs.Reliability == nil {
		fmt.Fprintf(m, "\n**%s**: %s\n", a.ReliabilityHintTitle, a.ReliabilityHint)
		return
	}
	fmt.Fprintf(m, "\n**%s**%s\n\n", a.ReliabilityTitle, a.ReliabilityNote)
	m.header(slices.Clone(a.ReliabilityColumns))
	for _, r := range v.Costs.Reliability {
		after := figure(r.AlphaAfter)
		if r.Lost {
			after = a.NoLongerComputed
		}
		fmt.Fprintf(m, "| %s | %s | %d | %d | %s | %s | %s | %s |\n", a.scaleKind(r.Kind), mdText(r.Name), r.ItemsBefore, r.ItemsAfter,
			figure(r.AlphaBefore), after, figure(r.OmegaBefore), figure(r.OmegaAfter))
	}
}

// added writes the table of new items; nothing when there are none.
func (m *mdWriter) added(v *auditView) {
	if len(v.Added) == 0 {
		return
	}
	fmt.Fprintf(m, "\n## %s\n\n", m.a.NewItems)
	m.header(slices.Clone(m.a.NewItemColumns))
	for _, n := range v.Added {
		fmt.Fprintf(m, "| %s | %s | %s | %s | %s |\n", mdText(n.ID), mdText(n.Text), mdText(n.Scale), mdText(n.Theme), mdText(n.Reason))
	}
}

// items writes one row per item of the bank, with its ticks and their
// evidence, the suggestion, the researchers' decision, the votes and the
// final decision; then the items of the review file that have left the
// bank.
func (m *mdWriter) items(v *auditView) {
	a := m.a
	fmt.Fprintf(m, "\n## %s\n\n%s %s.\n\n", a.EveryItem, a.TicksIntro, a.VotesKey)
	m.header(slices.Clone(a.ItemColumns))
	for _, it := range v.Items {
		sug := m.w.Verdict(it.Suggestion)
		if note := a.groupNote(it); note != "" {
			sug += " (" + mdText(note) + ")"
		}
		fmt.Fprintf(m, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", mdText(it.ID), mdText(it.Text), m.ticksText(it),
			sug, m.decisionText(it), mdText(it.Reason), m.w.votesText(it), m.w.finalText(it))
	}
	if len(v.Left) > 0 {
		fmt.Fprintf(m, "\n"+a.Left+"\n", strings.Join(v.Left, ", "))
	}
}

// statistics writes the four statistics of every item, whether or not
// its rule fired; a number in bold gave the item its tick.
func (m *mdWriter) statistics(v *auditView) {
	a := m.a
	fmt.Fprintf(m, "\n## %s\n\n%s "+a.StatisticsBold+"\n\n", a.Statistics, a.StatisticsIntro, "**"+a.Bold+"**", a.Reproduce)
	m.header(slices.Clone(a.StatisticsColumns), 2, 3, 4, 5, 6, 7, 9)
	for i := range v.Items {
		it := &v.Items[i]
		r, with, n := "—", "—", "—"
		if it.MaxR != nil {
			r, with, n = bold(it.MaxR.R.String(), it.fired(Redundant)), mdText(it.MaxR.ID), fmt.Sprint(it.MaxR.N)
		}
		fmt.Fprintf(m, "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |\n", mdText(it.ID), mdText(it.Scale), it.N, it.PreviousN,
			bold(it.Shift.String(), it.fired(Stable)), bold(it.Mean.String(), it.fired(Ceiling)), bold(it.SD.String(), it.fired(LowSpread)), r, with, n)
	}
}

// bold puts a number in bold when its rule fired.
func bold(s string, fired bool) string {
	if fired {
		return "**" + s + "**"
	}
	return s
}

// ticksText is the ticks cell of an item: each tick with its evidence,
// then each rule that could not be decided and why, one per line.
func (m *mdWriter) ticksText(it viewItem) string {
	var ticks []string
	for _, t := range it.ticksIn(m.w) {
		ticks = append(ticks, mdText(t))
	}
	for _, u := range it.Undecided {
		ticks = append(ticks, m.a.Undecided+": "+mdText(m.w.undecided(u)))
	}
	if wt := m.w.waveTest(it); wt != "" {
		ticks = append(ticks, mdText(wt))
	}
	return strings.Join(ticks, "<br>")
}

// decisionText is the researchers' cell of an item: their decision, in bold
// when it overrides the suggestion, or a dash when they gave none.
func (m *mdWriter) decisionText(it viewItem) string {
	if it.Decision == "" {
		return "—"
	}
	if it.Overridden {
		return "**" + m.w.Verdict(it.Decision) + "** (" + m.a.Override + ")"
	}
	return m.w.Verdict(it.Decision)
}

// reproduction writes how to reproduce the decision: the command, the
// tools, the screening and its respondents, the suggestion rule, the
// check of the review file, the thresholds per scale and the SHA-256 of
// every input and output file.
func (m *mdWriter) reproduction(r *viewReproduction) {
	a := m.a
	fmt.Fprintf(m, "\n## %s\n\n", a.Reproduce)
	if len(r.Command) > 0 {
		fmt.Fprintf(m, "%s\n\n```sh\n%s\n```\n\n", a.CommandIntro, r.commandText())
	}
	fmt.Fprintf(m, "- "+a.DecidedWith+"\n", mdText(r.Tool), "`"+r.Combine+"`")
	fmt.Fprintf(m, "- %s", mdText(a.screenedWith(*r)))
	fmt.Fprintf(m, "\n- "+a.SuggestionRule+"\n", r.DropFromTicks)
	fmt.Fprintf(m, "- "+a.ReviewChecked+"\n", r.Checked)
	fmt.Fprintf(m, "- "+a.ThresholdLine+"\n\n", mdText(a.basis(r.Basis)), r.Redundant)
	m.header(slices.Clone(a.ThresholdColumns))
	for _, s := range r.Scales {
		fmt.Fprintf(m, "| %s | %d-%d | %s (%s) | %s (%s) | %s (%s) |\n", mdText(s.Scale), s.Min, s.Max,
			s.Stable, a.from(s.StableFrom), s.Ceiling, a.from(s.CeilingFrom), s.LowSpread, a.from(s.LowSpreadFrom))
	}
	m.WriteString("\n")
	m.header(slices.Clone(a.InputColumns))
	for _, in := range r.Inputs {
		fmt.Fprintf(m, "| %s | %s | `%s` |\n", a.roleOf(in), mdText(in.File), in.SHA256)
	}
	if len(r.Outputs) > 0 {
		m.WriteString("\n")
		m.header(slices.Clone(a.OutputColumns))
		for _, out := range r.Outputs {
			fmt.Fprintf(m, "| %s | %s | `%s` |\n", a.roleOf(out), mdText(out.File), out.SHA256)
		}
	}
	fmt.Fprintf(m, "\n"+a.OwnSHA+"\n", mdText(a.ownSHA(r.auditFile)))
}

// warnings writes the caveats of the decision; nothing when there are
// none.
func (m *mdWriter) warnings(v *auditView) {
	if len(v.Warnings) == 0 {
		return
	}
	fmt.Fprintf(m, "\n## %s\n\n", m.a.Warnings)
	for _, w := range v.Warnings {
		fmt.Fprintf(m, "- %s\n", mdText(w))
	}
}

// list joins item ids with commas, or says none.
func (m *mdWriter) list(ids []string) string {
	if len(ids) == 0 {
		return m.a.None
	}
	return strings.Join(ids, ", ")
}

// finalText is the final decision in words.
func (w *Words) finalText(it viewItem) string {
	if it.MergedInto != "" {
		return fmt.Sprintf(w.Audit.MergedInto, it.MergedInto)
	}
	switch Verdict(it.Final) {
	case Keep:
		return w.Audit.FinalKeep
	case Drop:
		return w.Audit.FinalDrop
	}
	return it.Final
}

// votesText lists the votes as letters, e.g. "K D K K (3)" in English.
func (w *Words) votesText(it viewItem) string {
	s := make([]string, len(it.Votes))
	for i, v := range it.Votes {
		s[i] = w.Audit.VoteDrop
		if v.Vote == Keep {
			s[i] = w.Audit.VoteKeep
		}
	}
	return fmt.Sprintf("%s (%d)", strings.Join(s, " "), it.Keeps)
}

// themeName names the items without a theme.
func (a *auditWords) themeName(theme string) string {
	if theme == "" {
		return a.NoTheme
	}
	return theme
}

// mdText makes text safe inside a Markdown table cell: one line, with
// pipes and markup characters escaped.
func mdText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]")
	return r.Replace(s)
}
