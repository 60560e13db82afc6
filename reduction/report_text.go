package reduction

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// mark shows whether a rule fired: X fired, - did not, ? could not be decided.
func (it *ItemResult) mark(r Rule, fired, notFired, undecided string) string {
	if it.Has(r) {
		return fired
	}
	for _, u := range it.Undecided {
		if u.Concerns(r) {
			return undecided
		}
	}
	return notFired
}

// partners lists up to max partners as "ID r", with a count of the rest.
func (it *ItemResult) partners(limit int) string {
	var s []string
	for i, p := range it.Correlated {
		if i == limit {
			s = append(s, fmt.Sprintf("+%d more", len(it.Correlated)-limit))
			break
		}
		text := fmt.Sprintf("%s %.2f", p.ID, p.R)
		if p.Close {
			text += " (close call)"
		}
		s = append(s, text)
	}
	return strings.Join(s, ", ")
}

// WriteThresholds describes the thresholds in force, one line per scale.
func (r *Result) WriteThresholds(w io.Writer) {
	fmt.Fprintf(w, "Thresholds in force: %s.\n", r.Basis())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range r.Limits {
		fmt.Fprintf(tw, "  %s\tstable: |shift| < %s (%s)\tceiling: mean > %s (%s)\tlow_spread: sd < %s (%s)",
			l.Scale, l.Stable, l.StableFrom, l.Ceiling, l.CeilingFrom, l.LowSpread, l.LowSpreadFrom)
		if l.Floor.IsSet() {
			fmt.Fprintf(tw, "\tfloor: mean < %s (%s)", l.Floor, l.FloorFrom)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	r.writeReversed(w)
	fmt.Fprintf(w, "  redundant: |r| > %s with at least one other item (%s)\n", r.Thresholds.Redundant, methodWords(r.Thresholds.Method))
	r.writeEquivalence(w)
}

// WriteWideTable writes the table of WriteTable with one line per item,
// as wide as it needs: its statistics, an X under each rule that fired,
// its redundant partners; then a summary of the ticks.
func (r *Result) WriteWideTable(w io.Writer) error {
	fmt.Fprintf(w, "Screened %d items: current wave %d respondents, previous wave %d respondents.\n", len(r.Items), r.Respondents, r.PreviousRespondents)
	r.writeSelection(w, false)
	r.WriteThresholds(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	rules := r.Thresholds.RulesInForce()
	fmt.Fprintf(tw, "item\tscale\tn\tmean\tsd\tprev n\tprev mean\tshift\t%s\tticks\tcorrelated with (r)\n", ruleColumns(rules, "\t", false))
	for i := range r.Items {
		it := &r.Items[i]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t%s\n",
			it.Item.ID, it.Item.Scale.Name, it.N, formatStat(it.Mean, 2), formatStat(it.SD, 2),
			it.PreviousN, formatStat(it.PreviousMean, 2), signed(it.Shift),
			strings.Join(it.marks(rules, "X", "-", "?"), "\t"),
			it.Ticks(), it.partners(3))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nX = rule fired (a tick for possible removal), - = did not fire, ? = could not be decided (see warnings)")
	r.writeTally(w, false)
	if err := r.writeWaveTests(w); err != nil {
		return err
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings (%d):\n", len(r.Warnings))
		for _, m := range r.Warnings {
			fmt.Fprintf(w, "  %s\n", m)
		}
	}
	return nil
}

func signed(x float64) string {
	s := formatStat(x, 2)
	if s != "n/a" && !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s
}

// writeTally writes the summary of the ticks; narrow keeps its lines
// within TextWidth.
func (r *Result) writeTally(w io.Writer, narrow bool) {
	t := r.Tally()
	fmt.Fprintf(w, "\nSummary: %d items screened", t.Items)
	if t.NotAsked > 0 {
		fmt.Fprintf(w, " (%d more without answers in the current wave)", t.NotAsked)
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintf(w, "  items by ticks:  0: %d   1: %d   2: %d   3: %d   4: %d\n", t.ByTicks[0], t.ByTicks[1], t.ByTicks[2], t.ByTicks[3], t.ByTicks[4])
	var per []string
	for _, rule := range r.Thresholds.RulesInForce() {
		per = append(per, fmt.Sprintf("%s: %d", rule, t.ByRule[rule]))
	}
	if !narrow {
		fmt.Fprintf(w, "  items per rule:  %s\n", strings.Join(per, "   "))
		return
	}
	line := "  items per rule:"
	for i, p := range per {
		sep := "  "
		if i > 0 {
			sep = "   "
		}
		if i > 0 && runes(line)+len(sep)+runes(p) > TextWidth {
			fmt.Fprintln(w, line)
			line, sep = strings.Repeat(" ", len("  items per rule:")), "  "
		}
		line += sep + p
	}
	fmt.Fprintln(w, line)
}

// ruleColumns names the columns of rules, joined by sep; spaced writes
// low_spread as "low spread" (Markdown).
func ruleColumns(rules []Rule, sep string, spaced bool) string {
	var s []string
	for _, rule := range rules {
		n := rule.String()
		if spaced {
			n = strings.ReplaceAll(n, "_", " ")
		}
		s = append(s, n)
	}
	return strings.Join(s, sep)
}

// marks gives it.mark for each of rules.
func (it *ItemResult) marks(rules []Rule, fired, notFired, undecided string) []string {
	var s []string
	for _, rule := range rules {
		s = append(s, it.mark(rule, fired, notFired, undecided))
	}
	return s
}

// writeReversed says when reverse-keyed items are tested after reflection.
func (r *Result) writeReversed(w io.Writer) {
	if r.Thresholds.CeilingReversed {
		fmt.Fprintln(w, "  ceiling_reversed: reverse-keyed items are tested after reflection (ceiling: mean < min + max - ceiling; floor: mean > min + max - floor)")
	}
}

// WriteCSV writes one row per item; rule columns hold 1 (fired), 0 (did
// not fire) or are empty (undecided); undefined statistics are empty. The
// last columns give the thresholds in force for the item's scale, so that
// a spreadsheet says by itself what the ticks mean.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rules := r.Thresholds.RulesInForce()
	head := append([]string{"id", "text", "scale", "n", "mean", "sd", "previous_n", "previous_mean", "shift"}, strings.Split(ruleColumns(rules, ",", false), ",")...)
	head = append(head, "ticks", "correlated",
		"stable_if_shift_below", "ceiling_if_mean_above", "low_spread_if_sd_below", "redundant_if_r_above")
	if r.Thresholds.FloorOn() {
		head = append(head, "floor_if_mean_below")
	}
	head = append(head, waveCSVHead...)
	cw.Write(head)
	for i := range r.Items {
		it := &r.Items[i]
		l := r.limitsOf(it)
		var partners []string
		for _, p := range it.Correlated {
			text := fmt.Sprintf("%s (r=%s, n=%d, keep=%s)", p.ID, fullFloat(p.R), p.N, p.Keep)
			if r.Thresholds.Method == MethodPolychoric {
				close := ""
				if p.Close {
					close = ", close call"
				}
				text = fmt.Sprintf("%s (r=%s, se=%s, n=%d, keep=%s%s)", p.ID, fullFloat(p.R), fullFloat(p.SE), p.N, p.Keep, close)
			}
			partners = append(partners, text)
		}
		row := append([]string{it.Item.ID, it.Item.Text, it.Item.Scale.Name, strconv.FormatInt(it.N, 10), fullFloat(it.Mean), fullFloat(it.SD),
			strconv.FormatInt(it.PreviousN, 10), fullFloat(it.PreviousMean), fullFloat(it.Shift)}, it.marks(rules, "1", "0", "")...)
		row = append(row, strconv.Itoa(it.Ticks()), strings.Join(partners, "; "),
			l.Stable.String(), l.Ceiling.String(), l.LowSpread.String(), r.Thresholds.Redundant.String())
		if r.Thresholds.FloorOn() {
			floor := ""
			if l.Floor.IsSet() {
				floor = l.Floor.String()
			}
			row = append(row, floor)
		}
		row = append(row, it.WaveTest.csvFields()...)
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// WriteCSVDecimalComma writes the CSV of WriteCSV in the dialect of Excel
// with Dutch settings: fields separated by ';', numbers with a decimal
// comma (0,4), and a UTF-8 byte order mark so that Excel reads accented
// item texts right. Text columns (id, text, scale, correlated; the names
// in the reliability section; the selection section) are left as they are.
func (p *Report) WriteCSVDecimalComma(w io.Writer) error {
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf); err != nil {
		return err
	}
	cr := csv.NewReader(&buf)
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	text := map[string]bool{"id": true, "text": true, "scale": true, "correlated": true,
		"reliability": true, "kind": true, "name": true, "item": true, "reversed": true,
		"selection": true, "wave": true, "files": true, "sheet": true, "rows": true, "wave_test": true}
	var header []string
	for i, rec := range records {
		if i == 0 || rec[0] == "reliability" || rec[0] == "selection" {
			header = rec
			if i > 0 {
				cw.Write(nil) // the empty line before the reliability and selection sections
			}
		} else {
			for j, f := range rec {
				if j < len(header) && !text[header[j]] {
					rec[j] = decimalComma(f)
				}
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// decimalComma writes the number f with a decimal comma; f is returned
// unchanged when it is not a number.
func decimalComma(f string) string {
	if _, err := strconv.ParseFloat(f, 64); err != nil {
		return f
	}
	return strings.Replace(f, ".", ",", 1)
}

func fullFloat(x float64) string {
	if x != x {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// WriteMarkdown writes the thresholds, a table with a check mark per rule
// that fired, and the summary, for a repository or a report.
func (r *Result) WriteMarkdown(w io.Writer) error {
	fmt.Fprintf(w, "# Item screening\n\n%d items; current wave %d respondents, previous wave %d respondents.\n\n",
		len(r.Items), r.Respondents, r.PreviousRespondents)
	if r.Selection != nil {
		for _, l := range r.Selection.Lines() {
			fmt.Fprintf(w, "- %s\n", markdownCell(l))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Thresholds in force (%s):\n\n| scale | stable: \\|shift\\| < | ceiling: mean > | low spread: sd < |\n|---|---|---|---|\n", r.Basis())
	for _, l := range r.Limits {
		fmt.Fprintf(w, "| %s | %s (%s) | %s (%s) | %s (%s) |\n", l.Scale, l.Stable, l.StableFrom, l.Ceiling, l.CeilingFrom, l.LowSpread, l.LowSpreadFrom)
	}
	fmt.Fprintf(w, "\nRedundant: \\|r\\| > %s with at least one other item.\n", r.Thresholds.Redundant)
	for _, l := range r.Limits {
		if l.Floor.IsSet() {
			fmt.Fprintf(w, "Floor (%s): mean < %s.\n", l.Scale.Name, l.Floor)
		}
	}
	if r.Thresholds.CeilingReversed {
		fmt.Fprintln(w, "Reverse-keyed items: ceiling and floor tested after reflection (ceiling_reversed).")
	}
	rules := r.Thresholds.RulesInForce()
	fmt.Fprintf(w, "\n| item | scale | n | mean | sd | prev n | prev mean | shift | %s | ticks | correlated with |\n", ruleColumns(rules, " | ", true))
	fmt.Fprintf(w, "|---|---|--:|--:|--:|--:|--:|--:|%s--:|---|\n", strings.Repeat(":-:|", len(rules)))
	for i := range r.Items {
		it := &r.Items[i]
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %d | %s | %s | %s | %d | %s |\n",
			it.Item.ID, it.Item.Scale.Name, it.N, formatStat(it.Mean, 2), formatStat(it.SD, 2), it.PreviousN,
			formatStat(it.PreviousMean, 2), signed(it.Shift),
			strings.Join(it.marks(rules, "✓", "", "?"), " | "),
			it.Ticks(), it.partners(len(it.Correlated)))
	}
	r.writeTally(w, false)
	r.writeWaveTestsMarkdown(w)
	return nil
}
