package reduction

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/itembank"
)

// testWords describes each test and its effect size for the text output.
var testWords = map[TestKind]string{
	MannWhitneyTest: "Mann-Whitney U (ties corrected, no continuity correction); effect: rank-biserial r",
	WelchTest:       "Welch's t; effect: Cohen's d (pooled SD)",
	SignedRankTest:  "Wilcoxon signed-rank; effect: matched-pairs rank-biserial r",
	PairedTTest:     "paired t; effect: Cohen's d_z",
}

// writeWaveTests writes the wave tests: the test of each scale, how many
// items were tested and how many differ at p < WaveAlpha before and after
// Holm's adjustment, and a line for each item that differs before it, as
// the report counted them. Nothing when no item was tested.
func (r *Result) writeWaveTests(w io.Writer) error {
	var tested, differ, differHolm int
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
	if tested == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nWave tests, previous -> current (+ = more favourable; reverse-keyed items flipped):")
	for _, l := range r.Limits {
		fmt.Fprintf(w, "  %s: %s\n", l.Scale, r.testDescription(l.Scale))
	}
	fmt.Fprintf(w, "  %d items tested: %d differ at p < %s, %d after Holm's adjustment over the %d.\n",
		tested, differ, trimP(WaveAlpha), differHolm, tested)
	if differ == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  item\ttest\tn\tstatistic\tp\tp_holm\teffect\tshift 90% CI")
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
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t[%s, %s]\n", it.Item.ID, wt.Test, n, wt.statisticText(),
			formatP(wt.P), formatP(wt.PHolm), wt.effectText(), signed(wt.ShiftCI90[0]), signed(wt.ShiftCI90[1]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if few {
		fmt.Fprintln(w, "  n = answers previous/current, or people linked (paired); * = see the warnings (too few answers)")
	}
	return nil
}

// testDescription names the test of the items of scale s, with "paired,
// N linked" when the waves are linked by id.
func (r *Result) testDescription(s *itembank.Scale) string {
	test := r.Thresholds.WavePlanFor(s).Test
	if r.Linked == 0 {
		return testWords[test]
	}
	return testWords[PairedKind(test)] + fmt.Sprintf("; paired, %d linked", r.Linked)
}

// nText prints the answers behind a test: previous/current, or the people
// linked for a paired test.
func (wt *WaveTest) nText() string {
	if wt.Test == SignedRankTest || wt.Test == PairedTTest {
		return fmt.Sprintf("%d linked", wt.NLinked)
	}
	return fmt.Sprintf("%d/%d", wt.NPrevious, wt.NCurrent)
}

// statisticText prints z for a rank test, t with its df for a t test.
func (wt *WaveTest) statisticText() string {
	if wt.Test == MannWhitneyTest || wt.Test == SignedRankTest {
		return "z " + signed(wt.Z)
	}
	return fmt.Sprintf("t %s (df %s)", signed(wt.Statistic), formatStat(wt.DF, 1))
}

// effectText prints the effect size with a short name: r or d.
func (wt *WaveTest) effectText() string {
	name := "d"
	if wt.Effect.Name == RankBiserial || wt.Effect.Name == MatchedRankBiserial {
		name = "r"
	}
	return name + " " + signed(wt.Effect.Value)
}

// formatP prints a p value with three decimals, "<0.001" below, "n/a"
// when undefined.
func formatP(p float64) string {
	switch {
	case math.IsNaN(p):
		return "n/a"
	case p < 0.001:
		return "<0.001"
	}
	return fmt.Sprintf("%.3f", p)
}

// trimP prints .05 as the report does.
func trimP(p float64) string { return fmt.Sprintf("%g", p)[1:] }

// writeEquivalence says, below the thresholds, for which scales stable
// needs equivalence; nothing when none does (the report's rule).
func (r *Result) writeEquivalence(w io.Writer) {
	for _, l := range r.Limits {
		if r.Thresholds.WavePlanFor(l.Scale).StableEquivalence {
			fmt.Fprintf(w, "  %s: stable only when the 90%% Welch interval of the shift lies inside -%s..+%s (equivalence, two one-sided tests at .05)\n",
				l.Scale.Name, l.Stable, l.Stable)
		}
	}
}

// waveEvidence reads the wave_test entry of an item's evidence.
func (rd nodeReader) waveEvidence(n *yaml.Node, item string) (*WaveEvidence, error) {
	w := &WaveEvidence{}
	keys := []string{"test", "p", "p_holm", "effect", "n_previous", "n_current", "n_linked"}
	err := rd.Pairs(n, item, "evidence: wave_test", keys, func(key string, _, v *yaml.Node) (err error) {
		var s string
		switch key {
		case "test":
			s, err = rd.Text(v, item, key)
			w.Test = TestKind(s)
		case "p":
			w.P, err = rd.Text(v, item, key)
		case "p_holm":
			w.PHolm, err = rd.Text(v, item, key)
		case "effect":
			w.Effect, err = rd.Text(v, item, key)
		case "n_previous":
			w.NPrevious, err = rd.Integer(v, item, key)
		case "n_current":
			w.NCurrent, err = rd.Integer(v, item, key)
		case "n_linked":
			w.NLinked, err = rd.Integer(v, item, key)
		}
		return err
	})
	return w, err
}

// waveCSVHead are the CSV columns of the wave tests, after the others.
var waveCSVHead = []string{"wave_test", "wave_statistic", "wave_p", "wave_p_holm", "wave_effect", "wave_n_linked"}

// csvFields are the wave test's CSV fields at full precision: empty when
// the item was not tested, n_linked empty for an independent test.
func (wt *WaveTest) csvFields() []string {
	if wt == nil {
		return make([]string, len(waveCSVHead))
	}
	linked := ""
	if wt.Test == SignedRankTest || wt.Test == PairedTTest {
		linked = fmt.Sprint(wt.NLinked)
	}
	return []string{string(wt.Test), fullFloat(wt.Statistic), fullFloat(wt.P), fullFloat(wt.PHolm), fullFloat(wt.Effect.Value), linked}
}

// writeWaveTestsMarkdown writes the wave tests as writeWaveTests does, as
// a Markdown section: the test of each scale ("paired, N linked" when the
// waves are linked), the counts, and a row per item that differs at p <
// WaveAlpha. Nothing when no item was tested.
func (r *Result) writeWaveTestsMarkdown(w io.Writer) {
	tested, differ, differHolm := r.waveCounts()
	if tested == 0 {
		return
	}
	fmt.Fprintln(w, "\n## Wave tests\n\nPrevious -> current; + = more favourable; reverse-keyed items flipped.")
	fmt.Fprintln(w)
	for _, l := range r.Limits {
		fmt.Fprintf(w, "- %s: %s\n", l.Scale, r.testDescription(l.Scale))
	}
	fmt.Fprintf(w, "\n%d items tested: %d differ at p < %s, %d after Holm's adjustment over the %d.\n",
		tested, differ, trimP(WaveAlpha), differHolm, tested)
	if differ == 0 {
		return
	}
	fmt.Fprintln(w, "\n| item | test | n | statistic | p | p (Holm) | effect | shift 90% CI |\n|---|---|--:|--:|--:|--:|--:|---|")
	for i := range r.Items {
		it := &r.Items[i]
		wt := it.WaveTest
		if wt == nil || !(wt.P < WaveAlpha) {
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | [%s, %s] |\n", it.Item.ID, wt.Test, wt.nText(), wt.statisticText(),
			formatP(wt.P), formatP(wt.PHolm), wt.effectText(), signed(wt.ShiftCI90[0]), signed(wt.ShiftCI90[1]))
	}
}
