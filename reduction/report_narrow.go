package reduction

import (
	"fmt"
	"io"
	"strings"
)

// The screen table (WriteTable) fits a terminal of TextWidth columns:
// each rule is a one-letter column, a row's redundant partners go on a
// line under it, and long sentences are wrapped. WriteWideTable writes the
// same in one line per item, as wide as it needs.

// ruleLetter is a rule's column in the screen table.
var ruleLetter = map[Rule]string{Stable: "S", Ceiling: "C", LowSpread: "L", Redundant: "R", Floor: "F"}

// WriteTable writes, for a person at a terminal, every line at most
// TextWidth runes wide: what was screened, the thresholds, one line per
// item with its statistics and an X under each rule that fired (its
// redundant partners under it), the summary of the ticks, the wave tests
// and the warnings.
func (r *Result) WriteTable(w io.Writer) error {
	writeWrapped(w, fmt.Sprintf("Screened %d items: current wave %d respondents, previous wave %d respondents.",
		len(r.Items), r.Respondents, r.PreviousRespondents), "", "  ")
	r.writeSelection(w, true)
	r.writeThresholdTable(w)
	fmt.Fprintln(w)
	rules := r.Thresholds.RulesInForce()
	var letters, legend []string
	for _, rule := range rules {
		letters = append(letters, ruleLetter[rule])
		legend = append(legend, ruleLetter[rule]+" = "+rule.String())
	}
	writeWrapped(w, "Rules: "+strings.Join(legend, ", ")+".", "", "  ")
	writeWrapped(w, "X = rule fired (a tick for possible removal), - = did not fire, ? = could not be decided (see warnings).", "", "  ")
	fmt.Fprintln(w)
	t := &textTable{right: []bool{false, false, true, true, true, true, true, true, false, true}}
	t.add("", "", "", "", "", "prev", "prev", "", "", "")
	t.add("item", "scale", "n", "mean", "sd", "n", "mean", "shift", strings.Join(letters, " "), "ticks")
	for i := range r.Items {
		it := &r.Items[i]
		row := t.add(it.Item.ID, it.Item.Scale.Name, fmt.Sprint(it.N), formatStat(it.Mean, 2), formatStat(it.SD, 2),
			fmt.Sprint(it.PreviousN), formatStat(it.PreviousMean, 2), signed(it.Shift),
			strings.Join(it.marks(rules, "X", "-", "?"), " "), fmt.Sprint(it.Ticks()))
		if p := it.partners(3); p != "" {
			row.note("correlated with (r): " + p)
		}
	}
	if err := t.write(w); err != nil {
		return err
	}
	r.writeTally(w, true)
	if err := r.writeWaveTestTable(w); err != nil {
		return err
	}
	writeWarnings(w, "Warnings", r.Warnings)
	return nil
}

// writeSelection writes the files and rows of each wave, when known;
// wrapped to TextWidth when wrap is set.
func (r *Result) writeSelection(w io.Writer, wrap bool) {
	if r.Selection == nil {
		return
	}
	for _, l := range r.Selection.Lines() {
		if wrap {
			writeWrapped(w, l, "", "  ")
		} else {
			fmt.Fprintln(w, l)
		}
	}
}

// writeThresholdTable writes the thresholds in force as a table, one row
// per scale; an absolute threshold from the rules file is marked *.
func (r *Result) writeThresholdTable(w io.Writer) {
	writeWrapped(w, fmt.Sprintf("Thresholds in force: %s.", r.Basis()), "", "  ")
	floor := r.Thresholds.Floor.IsSet()
	t := &textTable{indent: "  "}
	head1 := []string{"", "stable", "ceiling"}
	head2 := []string{"scale", "|shift| <", "mean >"}
	if floor {
		head1, head2 = append(head1, "floor"), append(head2, "mean <")
	}
	t.add(append(head1, "low_spread")...)
	t.add(append(head2, "sd <")...)
	absolute := false
	mark := func(n Number, from string) string {
		if from == "absolute" {
			absolute = true
			return n.String() + "*"
		}
		return n.String()
	}
	for _, l := range r.Limits {
		row := []string{l.Scale.String(), mark(l.Stable, l.StableFrom), mark(l.Ceiling, l.CeilingFrom)}
		if floor {
			f := "-"
			if l.Floor.IsSet() {
				f = l.Floor.String()
			}
			row = append(row, f)
		}
		t.add(append(row, mark(l.LowSpread, l.LowSpreadFrom))...)
	}
	t.write(w)
	if absolute {
		fmt.Fprintln(w, "  * absolute, from the rules file; the others are fractions of the scale range")
	}
	if r.Thresholds.CeilingReversed {
		writeWrapped(w, "ceiling_reversed: reverse-keyed items are tested after reflection "+
			"(ceiling: mean < min + max - ceiling; floor: mean > min + max - floor)", "  ", "    ")
	}
	writeWrapped(w, fmt.Sprintf("redundant: |r| > %s with at least one other item (%s)", r.Thresholds.Redundant, methodWords(r.Thresholds.Method)), "  ", "    ")
	for _, l := range r.Limits {
		if r.Thresholds.WavePlanFor(l.Scale).StableEquivalence {
			writeWrapped(w, fmt.Sprintf("%s: stable only when the 90%% Welch interval of the shift lies inside -%s..+%s (equivalence, two one-sided tests at .05)",
				l.Scale.Name, l.Stable, l.Stable), "  ", "    ")
		}
	}
}

// writeWarnings writes a titled list of warnings, each wrapped; nothing
// when there are none.
func writeWarnings(w io.Writer, title string, warnings []string) {
	if len(warnings) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (%d):\n", title, len(warnings))
	for _, m := range warnings {
		writeWrapped(w, m, "  ", "    ")
	}
}

// waveCounts counts the items tested between the waves, and those that
// differ at p < WaveAlpha before and after Holm's adjustment.
func (r *Result) waveCounts() (tested, differ, differHolm int) {
	for i := range r.Items {
		if wt := r.Items[i].WaveTest; wt != nil {
			tested++
			if wt.P < WaveAlpha {
				differ++
			}
			if wt.PHolm < WaveAlpha {
				differHolm++
			}
		}
	}
	return tested, differ, differHolm
}

// writeWaveTestTable writes the wave tests as writeWaveTests does, within
// TextWidth: each item's test is the one its scale's line names, and the
// statistic says z (a rank test) or t.
func (r *Result) writeWaveTestTable(w io.Writer) error {
	tested, differ, differHolm := r.waveCounts()
	if tested == 0 {
		return nil
	}
	fmt.Fprintln(w)
	writeWrapped(w, "Wave tests, previous -> current (+ is favourable; reverse-keyed items flipped):", "", "  ")
	for _, l := range r.Limits {
		writeWrapped(w, fmt.Sprintf("%s: %s", l.Scale, r.testDescription(l.Scale)), "  ", "    ")
	}
	writeWrapped(w, fmt.Sprintf("%d items tested: %d differ at p < %s, %d after Holm's adjustment over the %d.",
		tested, differ, trimP(WaveAlpha), differHolm, tested), "  ", "    ")
	if differ == 0 {
		return nil
	}
	fmt.Fprintln(w)
	t := &textTable{indent: "  ", right: []bool{false, false, false, true, true, true, false, false}}
	t.add("item", "n", "statistic", "df", "p", "p_holm", "effect", "shift 90% CI")
	few := false
	for i := range r.Items {
		it := &r.Items[i]
		wt := it.WaveTest
		if wt == nil || !(wt.P < WaveAlpha) {
			continue
		}
		n := wt.nText()
		if wt.Warning != "" {
			n, few = n+" *", true
		}
		stat, df := "z "+signed(wt.Z), ""
		if wt.Test != MannWhitneyTest && wt.Test != SignedRankTest {
			stat, df = "t "+signed(wt.Statistic), formatStat(wt.DF, 1)
		}
		t.add(it.Item.ID, n, stat, df, formatP(wt.P), formatP(wt.PHolm), wt.effectText(),
			fmt.Sprintf("[%s, %s]", signed(wt.ShiftCI90[0]), signed(wt.ShiftCI90[1])))
	}
	if err := t.write(w); err != nil {
		return err
	}
	if few {
		writeWrapped(w, "n = answers previous/current, or people linked (paired); * = see the warnings (too few answers)", "  ", "    ")
	}
	return nil
}

// WriteTable writes the table of Result.WriteTable and after it the
// reliability of each theme and composite, within TextWidth: a row of
// figures per scale, its reverse-keyed items and its weakest item under
// it.
func (p *Report) WriteTable(w io.Writer) error {
	if err := p.Result.WriteTable(w); err != nil {
		return err
	}
	if len(p.Reliability) == 0 {
		writeWarnings(w, "Reliability warnings", p.ReliabilityWarnings())
		return nil
	}
	fmt.Fprintln(w)
	writeWrapped(w, reliabilityHeading+":", "", "  ")
	t := &textTable{indent: "  ", noteIndent: "    ", right: []bool{false, true, true, true, true, true, true}}
	kind := ScaleKind("")
	for i, sr := range p.Reliability {
		if i == 0 {
			kind = sr.Kind
			t.add("", "", "", "alpha", "average", "omega", "n")
			t.add(string(kind), "items", "alpha", "std", "r", "total", "min")
		} else if sr.Kind != kind {
			kind = sr.Kind
			t.add(string(kind), "", "", "", "", "", "")
		}
		row := t.add(sr.Name, fmt.Sprint(len(sr.Items)), formatStat(sr.Alpha, 2), formatStat(sr.AlphaStd, 2),
			formatStat(sr.AverageR, 2), formatStat(sr.OmegaTotal, 2), fmt.Sprint(sr.NMin))
		if len(sr.Reversed) > 0 {
			row.note("reversed: " + strings.Join(sr.Reversed, ", "))
		}
		if weak := sr.weakest(); weak != "-" {
			row.note("lowest item-rest r (alpha if deleted): " + weak)
		}
	}
	if err := t.write(w); err != nil {
		return err
	}
	writeWarnings(w, "Reliability warnings", p.ReliabilityWarnings())
	return nil
}
