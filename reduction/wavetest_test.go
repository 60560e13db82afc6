package reduction

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// near reports whether got equals want within 1e-9, relative to |want|
// above 1; NaN equals NaN only.
func near(got, want float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// table builds a frequency table from values.
func table(values ...int64) []itembank.ValueCount {
	var out []itembank.ValueCount
	for _, v := range values {
		if k := len(out) - 1; k >= 0 && out[k].Value == v {
			out[k].Count++
			continue
		}
		out = append(out, itembank.ValueCount{Value: v, Count: 1})
	}
	return out
}

func moments(counts []itembank.ValueCount) itembank.Moments { return momentsOf(counts, 0) }

var nan = math.NaN()

// The two samples of TestMannWhitneyU and TestWelchT, sorted:
// x <- c(1,1,2,2,2,3,3,3,3,4); y <- c(1,2,3,3,3,4,4,4,5,5).
var (
	sampleX = table(1, 1, 2, 2, 2, 3, 3, 3, 3, 4)
	sampleY = table(1, 2, 3, 3, 3, 4, 4, 4, 5, 5)
)

func TestMannWhitneyU(t *testing.T) {
	tests := []struct {
		name       string
		x, y       []itembank.ValueCount
		u, z, p, r float64
	}{
		// R 4.2.2: w <- wilcox.test(y, x, exact = FALSE, correct = FALSE)
		// w$statistic 74, w$p.value 0.061188133955096875; z by R's own
		// formula, ties <- table(rank(c(y, x))); (74 - 50) /
		// sqrt(100/12 * (21 - sum(ties^3 - ties)/380)) 1.872133517440917;
		// r = 2*74/100 - 1.
		{"ties", sampleX, sampleY, 74, 1.872133517440917, 0.061188133955096875, 0.48},
		// The same with the waves swapped: U = 100 - 74, z and r flip.
		{"swapped", sampleY, sampleX, 26, -1.872133517440917, 0.061188133955096875, -0.48},
		// Every answer the same: r is 0 (all pairs tied), z undefined.
		{"no variance", table(3, 3), table(3, 3, 3), 3, nan, nan, 0},
		{"empty wave", nil, table(3, 4), nan, nan, nan, nan},
		// One answer each, different: σ² = 1/12 · 3, z = 0.5/0.5 = 1;
		// R 4.2.2: 2*pnorm(-1) 0.31731050786291409.
		{"one each", table(1), table(2), 1, 1, 0.31731050786291409, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := MannWhitneyU(tc.x, tc.y)
			if !near(got.Statistic, tc.u) || !near(got.Z, tc.z) || !near(got.P, tc.p) || !near(got.R, tc.r) {
				t.Errorf("U %v z %v p %v r %v, want %v %v %v %v", got.Statistic, got.Z, got.P, got.R, tc.u, tc.z, tc.p, tc.r)
			}
		})
	}
}

// TestMannWhitneyUPooled checks that the counts may come in any order and
// split over several entries of the same value, as tables pooled from
// sites do.
func TestMannWhitneyUPooled(t *testing.T) {
	split := append(slices.Clone(sampleY), itembank.ValueCount{Value: 3, Count: 0})
	split[2].Count--
	split = append(split, itembank.ValueCount{Value: 3, Count: 1})
	slices.Reverse(split)
	if got, want := MannWhitneyU(sampleX, split), MannWhitneyU(sampleX, sampleY); got != want {
		t.Errorf("split table %+v, want %+v", got, want)
	}
}

func TestWelchT(t *testing.T) {
	// R 4.2.2: tt <- t.test(y, x); tt$statistic 1.9867985355975657,
	// tt$parameter 16.834196891191706, tt$p.value 0.063469690883288438;
	// t.test(y, x, conf.level = 0.9)$conf.int 0.12392073206691376 1.8760792679330862;
	// (mean(y) - mean(x)) / sqrt((9*var(x) + 9*var(y)) / 18) 0.88852331663863848.
	got := WelchT(moments(sampleX), moments(sampleY))
	ci := got.CI(0.90)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"t", got.T, 1.9867985355975657}, {"df", got.DF, 16.834196891191706}, {"p", got.P, 0.063469690883288438},
		{"ci lo", ci[0], 0.12392073206691376}, {"ci hi", ci[1], 1.8760792679330862},
		{"d", got.D, 0.88852331663863848}, {"diff", got.Diff, 1},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
	for _, tc := range []struct {
		name string
		x, y []itembank.ValueCount
		diff float64
		d    float64
	}{
		{"empty wave", nil, table(1, 2), nan, nan},
		{"one answer", table(1), table(1, 2), 0.5, nan},
		// Both constant: R's t.test stops ("data are essentially constant").
		{"no variance", table(2, 2), table(3, 3), 1, nan},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := WelchT(moments(tc.x), moments(tc.y))
			if !near(got.Diff, tc.diff) || !near(got.D, tc.d) || !math.IsNaN(got.T) || !math.IsNaN(got.P) || !math.IsNaN(got.DF) {
				t.Errorf("%+v: want diff %v, d %v and t, df, p NaN", got, tc.diff, tc.d)
			}
			if ci := got.CI(0.9); !math.IsNaN(ci[0]) || !math.IsNaN(ci[1]) {
				t.Errorf("CI %v, want NaN", ci)
			}
		})
	}
	// One wave constant, the other not: df = n − 1 of the varying one.
	if got := WelchT(moments(table(2, 2, 2)), moments(table(1, 2, 3, 4))); !near(got.DF, 3) {
		t.Errorf("df %v with one constant wave, want 3", got.DF)
	}
}

// sleepDiff is R's datasets::sleep, extra of group 2 minus group 1 for the
// same 10 patients, computed in float64 as R does.
func sleepDiff() []float64 {
	g1 := []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	g2 := []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
	d := make([]float64, len(g1))
	for i := range g1 {
		d[i] = g2[i] - g1[i]
	}
	return d
}

func TestPairedTests(t *testing.T) {
	d := sleepDiff()
	// R 4.2.2, with a and b the extra of group 1 and 2 of datasets::sleep:
	// w <- wilcox.test(b, a, paired = TRUE, exact = FALSE, correct = FALSE)
	// w$statistic 45, w$p.value 0.0076324416482055155 (one zero dropped, n = 9:
	// every difference positive, so r = 1).
	w := WilcoxonSignedRank(append(d, nan))
	if !near(w.Statistic, 45) || !near(w.P, 0.0076324416482055155) || !near(w.R, 1) || w.N1 != 10 || w.N2 != 9 {
		t.Errorf("signed rank %+v", w)
	}
	// tt <- t.test(b, a, paired = TRUE, conf.level = 0.9): statistic
	// 4.0621276833820366, parameter 9, p.value 0.0028328901973842702,
	// conf.int 0.8669947329707165 2.2930052670292835; mean(b-a)/sd(b-a)
	// 1.2845575625910546.
	pt := PairedT(append(d, nan))
	ci := pt.CI(0.9)
	if !near(pt.T, 4.0621276833820366) || pt.DF != 9 || !near(pt.P, 0.0028328901973842702) ||
		!near(ci[0], 0.8669947329707165) || !near(ci[1], 2.2930052670292835) || !near(pt.D, 1.2845575625910546) || pt.N1 != 10 {
		t.Errorf("paired t %+v, CI %v", pt, ci)
	}
	// Signs: reversing the differences flips V to S − V and r.
	neg := make([]float64, len(d))
	for i, x := range d {
		neg[i] = -x
	}
	if w2 := WilcoxonSignedRank(neg); !near(w2.Statistic, 0) || !near(w2.R, -1) || !near(w2.Z, -w.Z) {
		t.Errorf("negated: %+v", w2)
	}
	for _, tc := range []struct {
		name string
		d    []float64
	}{{"none", nil}, {"all zero", []float64{0, 0, nan}}} {
		if w := WilcoxonSignedRank(tc.d); !math.IsNaN(w.P) || !math.IsNaN(w.R) || !math.IsNaN(w.Statistic) {
			t.Errorf("signed rank of %s: %+v, want NaN", tc.name, w)
		}
	}
	if pt := PairedT([]float64{1, 1, 1}); !near(pt.Diff, 1) || !math.IsNaN(pt.T) || !math.IsNaN(pt.D) {
		t.Errorf("paired t of constant differences %+v, want t and d NaN", pt)
	}
	if pt := PairedT([]float64{2}); !near(pt.Diff, 2) || !math.IsNaN(pt.T) {
		t.Errorf("paired t of one difference %+v", pt)
	}
}

func TestHolm(t *testing.T) {
	// R 4.2.2: p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "holm")
	// 0.03 0.06 0.06 0.02; NA is left NA and not counted.
	got := Holm([]float64{0.01, 0.04, nan, 0.03, 0.005})
	want := []float64{0.03, 0.06, nan, 0.06, 0.02}
	for i := range want {
		if !near(got[i], want[i]) {
			t.Errorf("Holm = %v, want %v", got, want)
			break
		}
	}
	if got := Holm([]float64{0.5, 0.6}); got[0] != 1 || got[1] != 1 {
		t.Errorf("Holm caps at 1: %v", got)
	}
	if got := Holm(nil); len(got) != 0 {
		t.Errorf("Holm(nil) = %v", got)
	}
}

const waveBank = `scales:
  likert5: {min: 1, max: 5}
  grade10: {min: 1, max: 10}
items:
  - {id: L, text: "a statement", scale: likert5}
  - {id: R, text: "a negative statement", scale: likert5, reverse: true}
  - {id: G, text: "a grade", scale: grade10}
  - {id: N, text: "new this year", scale: likert5}
`

// TestScreenWaveTests checks what Screen attaches to each item: the test of
// the scale, the flip of a reverse-keyed item, Holm over the items tested,
// and no test for an item without answers in a wave.
func TestScreenWaveTests(t *testing.T) {
	bank := loadBank(t, waveBank)
	x := []int{1, 1, 2, 2, 2, 3, 3, 3, 3, 4}
	y := []int{1, 2, 3, 3, 3, 4, 4, 4, 5, 5}
	prev := wave(t, bank, map[string][]int{"L": x, "R": x, "G": x})
	cur := wave(t, bank, map[string][]int{"L": y, "R": y, "G": y, "N": y})
	res, err := Screen(bank, prev, cur, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	l, r, g, n := res.Items[0].WaveTest, res.Items[1].WaveTest, res.Items[2].WaveTest, res.Items[3].WaveTest
	if n != nil {
		t.Errorf("N (not asked before) has a wave test: %+v", n)
	}
	if l == nil || r == nil || g == nil {
		t.Fatal("missing wave tests")
	}
	if l.Test != MannWhitneyTest || g.Test != WelchTest || l.Flipped || !r.Flipped {
		t.Errorf("tests %s %s, flipped %v %v", l.Test, g.Test, l.Flipped, r.Flipped)
	}
	// R: wilcox.test(6 - y, 6 - x, exact = FALSE, correct = FALSE)$statistic is 26 = 100 − 74.
	if !near(l.Statistic, 74) || !near(r.Statistic, 26) || !near(r.Effect.Value, -l.Effect.Value) || !near(r.Z, -l.Z) || r.P != l.P {
		t.Errorf("flip: L %+v, R %+v", l, r)
	}
	if !near(r.ShiftCI90[0], -l.ShiftCI90[1]) || !near(r.ShiftCI90[1], -l.ShiftCI90[0]) {
		t.Errorf("flipped interval %v, L's %v", r.ShiftCI90, l.ShiftCI90)
	}
	if !near(g.Statistic, 1.9867985355975657) || g.Effect.Name != CohensD || !near(g.ShiftCI90[0], 0.12392073206691376) {
		t.Errorf("G %+v", g)
	}
	want := Holm([]float64{l.P, r.P, g.P})
	if l.PHolm != want[0] || r.PHolm != want[1] || g.PHolm != want[2] {
		t.Errorf("p_holm %v %v %v, want %v", l.PHolm, r.PHolm, g.PHolm, want)
	}
	// Ten answers a wave: below min_wave_n 30, so each test warns.
	warned := 0
	for _, w := range res.Warnings {
		if strings.Contains(w, "fewer than min_wave_n 30") {
			warned++
		}
	}
	if warned != 3 {
		t.Errorf("%d warnings of too few answers, want 3: %q", warned, res.Warnings)
	}
	if res, _ := Screen(bank, nil, cur, DefaultThresholds()); res.Items[0].WaveTest != nil {
		t.Error("a wave test without a previous wave")
	}
}

func TestWaveTestConfig(t *testing.T) {
	bank := loadBank(t, waveBank)
	cfg, err := LoadConfig(strings.NewReader(`min_wave_n: 5
stable_equivalence: true
scales:
  grade10: {wave_test: mann_whitney, min_wave_n: 50}
  likert5: {stable_equivalence: false}
`), "rules.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	l := cfg.WavePlanFor(bank.Scale("likert5"))
	g := cfg.WavePlanFor(bank.Scale("grade10"))
	if l.Test != MannWhitneyTest || l.TestFrom != "points" || l.MinN != 5 || l.StableEquivalence {
		t.Errorf("likert5 plan %+v", l)
	}
	if g.Test != MannWhitneyTest || g.TestFrom != "rules_file" || g.MinN != 50 || !g.StableEquivalence {
		t.Errorf("grade10 plan %+v", g)
	}
	d := DefaultThresholds().WavePlanFor(bank.Scale("grade10"))
	if d.Test != WelchTest || d.MinN != DefaultMinWaveN || d.StableEquivalence {
		t.Errorf("default grade10 plan %+v", d)
	}
	seven := &itembank.Scale{Name: "s7", Min: 1, Max: 7}
	eight := &itembank.Scale{Name: "s8", Min: 0, Max: 7}
	if DefaultThresholds().WavePlanFor(seven).Test != MannWhitneyTest || DefaultThresholds().WavePlanFor(eight).Test != WelchTest {
		t.Error("7 points should be Mann-Whitney, 8 Welch")
	}
	for _, tc := range []struct{ name, src, msg string }{
		{"paired test", "scales:\n  likert5:\n    wave_test: paired_t\n", `rules.yaml:3:5: scales: likert5: wave_test: "paired_t" is not a test of two waves`},
		{"min_wave_n 0", "min_wave_n: 0\n", "rules.yaml:1:1: min_wave_n: 0 is not above 0"},
		{"scale min_wave_n", "scales:\n  grade10:\n    min_wave_n: -1\n", "rules.yaml:3:5: scales: grade10: min_wave_n: -1 is not above 0"},
		{"typo", "stable_equivalnce: true\n", "stable_equivalnce"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.src), "rules.yaml", bank)
			var pe *itembank.ParseError
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want %q", err, tc.msg)
			}
			if !errors.As(err, &pe) {
				t.Errorf("%T is no *ParseError", err)
			}
		})
	}
}

// TestStableEquivalence checks the TOST option: a shift below the
// threshold stays stable only when its 90% interval lies inside ±0.4.
func TestStableEquivalence(t *testing.T) {
	bank := loadBank(t, waveBank)
	on := DefaultThresholds()
	on.StableEquivalence = true
	tests := []struct {
		name      string
		prev, cur []int
		ci        [2]float64
		off, with bool
	}{
		// R 4.2.2: t.test(cur, prev, conf.level = 0.9)$conf.int with
		// prev <- rep(c(1, 5), c(5, 5)), cur <- rep(c(1, 5, 4), c(5, 4, 1)):
		// shift −0.1, interval −1.7030430106998005 1.5030430106998001.
		{"wide", answers(1, 5, 5, 5), answers(1, 5, 5, 4, 4, 1), [2]float64{-1.7030430106998005, 1.5030430106998001}, true, false},
		// prev <- rep(c(3, 4), c(100, 100)), cur <- rep(c(3, 4), c(95, 105)):
		// shift 0.025, interval −0.057589754415587967 0.10758975441558778.
		{"narrow", answers(3, 100, 4, 100), answers(3, 95, 4, 105), [2]float64{-0.057589754415587967, 0.10758975441558778}, true, true},
		// Both constant: the interval is undefined, stable is not ticked.
		{"undefined", answers(3, 5), answers(3, 6), [2]float64{nan, nan}, true, false},
		// A shift of 0.5 is not stable either way.
		{"moved", answers(3, 100, 4, 100), answers(4, 200), [2]float64{nan, nan}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prev := wave(t, bank, map[string][]int{"L": tc.prev})
			cur := wave(t, bank, map[string][]int{"L": tc.cur})
			for _, c := range []struct {
				th   Thresholds
				want bool
			}{{DefaultThresholds(), tc.off}, {on, tc.with}} {
				res, err := Screen(bank, prev, cur, c.th)
				if err != nil {
					t.Fatal(err)
				}
				it := res.Items[0]
				if it.Has(Stable) != c.want {
					t.Errorf("equivalence %v: stable %v, want %v (interval %v)", c.th.StableEquivalence, it.Has(Stable), c.want, it.WaveTest.ShiftCI90)
				}
				if !math.IsNaN(tc.ci[0]) && (!near(it.WaveTest.ShiftCI90[0], tc.ci[0]) || !near(it.WaveTest.ShiftCI90[1], tc.ci[1])) {
					t.Errorf("interval %v, want %v", it.WaveTest.ShiftCI90, tc.ci)
				}
				undecided := slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "stable not decided by equivalence") })
				if undecided != (c.th.StableEquivalence && tc.name == "undefined") {
					t.Errorf("warnings %q", res.Warnings)
				}
			}
		})
	}
}

// TestWaveTestJSON checks the wave_test object: fields that do not apply
// to the test are left out, undefined ones are null.
func TestWaveTestJSON(t *testing.T) {
	bank := loadBank(t, waveBank)
	prev := wave(t, bank, map[string][]int{"L": {3, 3}, "G": {7, 8, 9}})
	cur := wave(t, bank, map[string][]int{"L": {3, 3, 3}, "G": {6, 8}, "N": {2}})
	res, err := Screen(bank, prev, cur, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := res.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Thresholds struct {
			Scales []map[string]any `json:"scales"`
		} `json:"thresholds"`
		Items []struct {
			ID       string         `json:"id"`
			WaveTest map[string]any `json:"wave_test"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	l, g := out.Items[0].WaveTest, out.Items[2].WaveTest
	if _, ok := l["df"]; ok {
		t.Errorf("mann_whitney with df: %v", l)
	}
	if _, ok := g["z"]; ok {
		t.Errorf("welch_t with z: %v", g)
	}
	for _, m := range []map[string]any{l, g} {
		if _, ok := m["n_linked"]; ok {
			t.Errorf("independent test with n_linked: %v", m)
		}
	}
	// L: every answer 3, so z and p are null, r is 0.
	if v, ok := l["z"]; !ok || v != nil || l["p"] != nil || l["p_holm"] != nil {
		t.Errorf("L: z and p should be null: %v", l)
	}
	if e := l["effect"].(map[string]any); e["name"] != RankBiserial || e["value"] != 0.0 {
		t.Errorf("L effect %v", e)
	}
	if g["test"] != "welch_t" || g["n_previous"] != 3.0 || g["n_current"] != 2.0 || g["p_holm"] != g["p"] {
		t.Errorf("G %v (the only p: p_holm = p)", g)
	}
	if out.Items[1].WaveTest != nil || out.Items[3].WaveTest != nil {
		t.Error("wave_test for an item not answered in both waves")
	}
	if s := out.Thresholds.Scales[1]; s["wave_test"] != "welch_t" || s["wave_test_from"] != "points" || s["min_wave_n"] != 30.0 || s["stable_equivalence"] != false {
		t.Errorf("grade10 thresholds %v", s)
	}
	paired, _ := json.Marshal(&WaveTest{Test: SignedRankTest, NLinked: 7, Z: 1, DF: nan})
	if !strings.Contains(string(paired), `"n_linked":7`) || strings.Contains(string(paired), `"df"`) {
		t.Errorf("signed rank JSON %s", paired)
	}
}

// TestWaveTestText checks the text section: the tests per scale, the
// counts before and after Holm, and a line per item that differs.
func TestWaveTestText(t *testing.T) {
	bank := loadBank(t, waveBank)
	prev := wave(t, bank, map[string][]int{"L": answers(2, 40, 3, 40), "G": answers(6, 40, 7, 40)})
	cur := wave(t, bank, map[string][]int{"L": answers(3, 40, 4, 40), "G": answers(6, 40, 7, 40)})
	res, err := Screen(bank, prev, cur, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := res.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Wave tests, previous -> current",
		"likert5 (1-5): Mann-Whitney U",
		"grade10 (1-10): Welch's t",
		"2 items tested: 1 differ at p < .05, 1 after Holm's adjustment over the 2.",
		"  L     80/80  z +",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	if err := res.WriteWideTable(&b); err != nil {
		t.Fatal(err)
	}
	if want := "  L     mann_whitney  80/80  z +"; !strings.Contains(b.String(), want) {
		t.Errorf("wide text lacks %q:\n%s", want, b.String())
	}
	if strings.Contains(out, "  G     ") {
		t.Errorf("G does not differ, but is listed:\n%s", out)
	}
	on := DefaultThresholds()
	on.StableEquivalence = true
	res, _ = Screen(bank, prev, cur, on)
	b.Reset()
	res.WriteTable(&b)
	if !strings.Contains(b.String(), "likert5: stable only when the 90% Welch interval of the shift lies inside\n    -0.4..+0.4") {
		t.Errorf("text does not say equivalence is on:\n%s", b.String())
	}
}
