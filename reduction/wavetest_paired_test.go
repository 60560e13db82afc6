package reduction

import (
	"math"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// countsOf tabulates whole-number differences (NaN missing) in units of
// 10^-places.
func countsOf(d []float64, places int) []itembank.ValueCount {
	at := map[int64]int64{}
	for _, x := range d {
		if !math.IsNaN(x) {
			at[int64(math.Round(x*math.Pow10(places)))]++
		}
	}
	var out []itembank.ValueCount
	for v, n := range at {
		out = append(out, itembank.ValueCount{Value: v, Count: n})
	}
	return out
}

// TestPairedCountsAgainstR computes the paired tests of the linked sai
// differences from their tables of counts and compares them with R 4.2.2
// (testdata/wavetest/sai-paired.csv, see TestPairedTestsAgainstR) at 1e-9
// and with the tests of the differences one by one at 1e-12.
func TestPairedCountsAgainstR(t *testing.T) {
	bank, err := itembank.LoadBankFile(waveDir + "sai-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	diffs := linkedDiffs(t, bank, waveDir+"sai.csv")
	d := &maxDiff{t: t}
	for _, row := range readRef(t, waveDir+"sai-paired.csv") {
		id, table := row["item"], countsOf(diffs[row["item"]], 0)
		switch row["test"] {
		case string(SignedRankTest):
			got, one := SignedRankCounts(table), WilcoxonSignedRank(diffs[id])
			d.check(id+" V", got.Statistic, refNum(t, row["statistic"]))
			d.check(id+" z", got.Z, refNum(t, row["z"]))
			d.check(id+" p", got.P, refNum(t, row["p"]))
			d.check(id+" r", got.R, refNum(t, row["effect"]))
			if got.N1 != one.N1 || got.N2 != one.N2 || math.Abs(got.Z-one.Z) > 1e-12 || got.Statistic != one.Statistic {
				t.Errorf("%s: counts %+v, one by one %+v", id, got, one)
			}
		case string(PairedTTest):
			got, one := PairedTCounts(table, 0), PairedT(diffs[id])
			d.check(id+" t", got.T, refNum(t, row["statistic"]))
			d.check(id+" df", got.DF, refNum(t, row["df"]))
			d.check(id+" p", got.P, refNum(t, row["p"]))
			d.check(id+" dz", got.D, refNum(t, row["effect"]))
			ci := got.CI(0.9)
			d.check(id+" ci lo", ci[0], refNum(t, row["ci90_lo"]))
			d.check(id+" ci hi", ci[1], refNum(t, row["ci90_hi"]))
			if got.N1 != one.N1 || math.Abs(got.T-one.T) > 1e-12*math.Abs(one.T) {
				t.Errorf("%s: counts %+v, one by one %+v", id, got, one)
			}
		}
	}
	t.Logf("sai paired from counts: largest difference from R %.3g (%s)", d.max, d.what)
}

// TestPairedCountsEdges: decimal units, zero differences, too few and
// constant differences, and an empty table, each undefined part NaN.
func TestPairedCountsEdges(t *testing.T) {
	// Halves: differences 0.5, 1.5, -0.5 counted in tenths give what the
	// one-by-one test gives in answers.
	table := []itembank.ValueCount{{Value: 5, Count: 3}, {Value: 15, Count: 2}, {Value: -5, Count: 1}, {Value: 0, Count: 4}}
	one := []float64{0.5, 0.5, 0.5, 1.5, 1.5, -0.5, 0, 0, 0, 0}
	pt, want := PairedTCounts(table, 1), PairedT(one)
	if pt.N1 != 10 || math.Abs(pt.T-want.T) > 1e-12 || math.Abs(pt.Diff-want.Diff) > 1e-15 || math.Abs(pt.D-want.D) > 1e-12 {
		t.Errorf("paired t in tenths %+v, one by one %+v", pt, want)
	}
	sr, wsr := SignedRankCounts(table), WilcoxonSignedRank(one)
	if sr.N1 != 10 || sr.N2 != 6 || sr.Statistic != wsr.Statistic || sr.Z != wsr.Z {
		t.Errorf("signed rank %+v, one by one %+v", sr, wsr)
	}
	// All differences zero: nothing ranked, signed rank undefined.
	if sr := SignedRankCounts([]itembank.ValueCount{{Value: 0, Count: 5}}); sr.N1 != 5 || sr.N2 != 0 || !math.IsNaN(sr.Z) || !math.IsNaN(sr.R) {
		t.Errorf("all zero: %+v, want N1 5, N2 0, z and r NaN", sr)
	}
	// Every difference the same: t undefined (R: data are essentially constant).
	if pt := PairedTCounts([]itembank.ValueCount{{Value: 1, Count: 5}}, 0); pt.Diff != 1 || !math.IsNaN(pt.T) || !math.IsNaN(pt.P) {
		t.Errorf("constant: %+v, want diff 1 and t NaN", pt)
	}
	// One difference: mean only.
	if pt := PairedTCounts([]itembank.ValueCount{{Value: 2, Count: 1}}, 0); pt.N1 != 1 || pt.Diff != 2 || !math.IsNaN(pt.SE) {
		t.Errorf("one: %+v", pt)
	}
	if pt, sr := PairedTCounts(nil, 0), SignedRankCounts(nil); !math.IsNaN(pt.Diff) || pt.N1 != 0 || !math.IsNaN(sr.Statistic) {
		t.Errorf("empty: %+v %+v", pt, sr)
	}
	// Sums that overflow int64 (differences of 6,000,000 units, 10^6
	// people) stay exact.
	big := []itembank.ValueCount{{Value: 6000000, Count: 1000000}, {Value: -6000000, Count: 999999}}
	pt = PairedTCounts(big, 4)
	if wantDiff := 600.0 / 1999999; math.Abs(pt.Diff-wantDiff) > 1e-15 || math.IsNaN(pt.T) {
		t.Errorf("large: diff %v, want %v; t %v", pt.Diff, wantDiff, pt.T)
	}
}

// TestPairedTestReversed: a reverse-keyed item's favourable difference is
// minus the raw one, so its signed-rank statistic is the mirror image.
func TestPairedTestReversed(t *testing.T) {
	s := &itembank.Scale{Name: "five", Min: 1, Max: 5}
	raw := []itembank.ValueCount{{Value: -1, Count: 10}, {Value: 0, Count: 5}, {Value: 2, Count: 30}}
	plan := WavePlan{Scale: s, Test: MannWhitneyTest, MinN: 30}
	straight, reversed := &WaveTest{}, &WaveTest{}
	pairedTest(straight, &itembank.Item{ID: "a", Scale: s}, raw, 0, plan)
	pairedTest(reversed, &itembank.Item{ID: "b", Scale: s, Reverse: true}, raw, 0, plan)
	if straight.Test != SignedRankTest || straight.NLinked != 45 || straight.Z <= 0 || reversed.Z != -straight.Z || math.Abs(reversed.Effect.Value+straight.Effect.Value) > 1e-15 {
		t.Errorf("straight %+v, reversed %+v: want mirror images on 45 linked", straight, reversed)
	}
	if straight.Warning != "" {
		t.Errorf("45 linked >= 30: unexpected warning %q", straight.Warning)
	}
	few := &WaveTest{}
	pairedTest(few, &itembank.Item{ID: "c", Scale: s}, raw[:1], 0, WavePlan{Scale: s, Test: WelchTest, MinN: 30})
	if few.Test != PairedTTest || few.Warning == "" {
		t.Errorf("ten identical differences: %+v, want an undefined paired t with a warning", few)
	}
	for _, test := range []TestKind{MannWhitneyTest, WelchTest} {
		none := &WaveTest{}
		pairedTest(none, &itembank.Item{ID: "d", Scale: s}, nil, 0, WavePlan{Scale: s, Test: test, MinN: 30})
		if none.NLinked != 0 || !math.IsNaN(none.P) || !strings.Contains(none.Warning, "no respondent linked across the waves answered it in both") {
			t.Errorf("%s, nobody linked: %+v", test, none)
		}
	}
	// Fewer linked than min_wave_n: a warning, the test still given.
	small := &WaveTest{}
	pairedTest(small, &itembank.Item{ID: "e", Scale: s}, raw, 0, WavePlan{Scale: s, Test: MannWhitneyTest, MinN: 50})
	if math.IsNaN(small.P) || !strings.Contains(small.Warning, "on 45 linked respondents: fewer than min_wave_n 50") {
		t.Errorf("45 linked, min 50: %+v", small)
	}
}

// TestWaveEvidenceWords: the review file's wave test evidence and the
// audit's words say "paired, N linked" for a paired test and give the
// answers per wave for an independent one; undefined values read n/a.
func TestWaveEvidenceWords(t *testing.T) {
	paired := waveEvidence(&WaveTest{Test: SignedRankTest, P: 3.2203835246188876e-25, PHolm: math.NaN(), Effect: Effect{MatchedRankBiserial, -0.4609897616977483}, NPrevious: 3020, NCurrent: 1208, NLinked: 1204})
	if got, want := paired.Summary(), "wave test: wilcoxon_signed_rank (paired, 1204 linked): p 3.22e-25, Holm n/a, effect -0.46"; got != want {
		t.Errorf("paired: %q, want %q", got, want)
	}
	mw := waveEvidence(&WaveTest{Test: MannWhitneyTest, P: 0.5, PHolm: 1, Effect: Effect{RankBiserial, -0.001}, NPrevious: 106, NCurrent: 113})
	if got, want := mw.Summary(), "wave test: mann_whitney (n 106 previous, 113 current): p 0.5, Holm 1, effect 0.00"; got != want {
		t.Errorf("independent: %q, want %q", got, want)
	}
	if waveEvidence(nil) != nil {
		t.Error("an item not tested has wave test evidence")
	}
}
