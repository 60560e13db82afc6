package reduction

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/itemreduce/itemreduce/itembank"
)

// A TestKind names a test of the difference between the waves, as in rules
// files and the flag JSON.
type TestKind string

// The wave tests. The two independent-samples tests run on summaries; the
// paired ones replace them when the respondents are linked across the
// waves by an id (ScreenLinked), which summaries cannot carry.
const (
	MannWhitneyTest TestKind = "mann_whitney"
	WelchTest       TestKind = "welch_t"
	SignedRankTest  TestKind = "wilcoxon_signed_rank"
	PairedTTest     TestKind = "paired_t"
)

// MaxRankTestPoints is the most points a scale may have for its items to
// be tested with Mann-Whitney by default: up to 7 (Likert statements),
// longer scales (1-10 grades) with Welch's t, as the 2018 report did.
const MaxRankTestPoints = 7

// DefaultMinWaveN is the fewest answers per wave below which a wave test
// is reported with a warning: the report did not test groups under 30.
const DefaultMinWaveN = 30

// WaveAlpha is the significance level at which the text output lists the
// items that differ between the waves, as in the report (p < .05).
const WaveAlpha = 0.05

// A WavePlan is how the items of one scale are tested between the waves.
type WavePlan struct {
	Scale    *itembank.Scale
	Test     TestKind // MannWhitneyTest or WelchTest
	TestFrom string   // "points" (chosen by the scale's number of points) or "rules_file"
	MinN     int64    // fewer answers in a wave give a warning
	// StableEquivalence makes stable fire only when the 90% interval of
	// the shift lies inside ±the stable threshold (see isEquivalent).
	StableEquivalence bool
}

// WavePlanFor resolves the wave test of scale s: the rules file's
// wave_test for the scale, else Mann-Whitney up to MaxRankTestPoints
// points and Welch's t above; min_wave_n and stable_equivalence of the
// scale, else of the rules file.
func (t Thresholds) WavePlanFor(s *itembank.Scale) WavePlan {
	p := WavePlan{Scale: s, Test: WelchTest, TestFrom: "points", MinN: int64(t.MinWaveN), StableEquivalence: t.StableEquivalence}
	if s.Range()+1 <= MaxRankTestPoints {
		p.Test = MannWhitneyTest
	}
	if p.MinN <= 0 {
		p.MinN = DefaultMinWaveN
	}
	if st, ok := t.Scales[s.Name]; ok {
		if st.WaveTest != "" {
			p.Test, p.TestFrom = st.WaveTest, "rules_file"
		}
		if st.MinWaveN != nil {
			p.MinN = int64(*st.MinWaveN)
		}
		if st.StableEquivalence != nil {
			p.StableEquivalence = *st.StableEquivalence
		}
	}
	return p
}

// A WaveTest is the test of one item between the previous and the current
// wave. Every figure is on the favourable orientation: a reverse-keyed
// item's answers are flipped (min + max − x) first, so that a positive
// statistic, z, effect or shift always means the current wave is more
// favourable (the report's rule). The stable rule itself, like the other
// screening rules, looks at the raw answers; its decision is the same
// either way.
type WaveTest struct {
	Test      TestKind
	Statistic float64 // U of the current wave (Mann-Whitney), t (Welch), V (signed rank)
	Z         float64 // rank tests only
	DF        float64 // t tests only
	P         float64 // two-sided
	// PHolm is P adjusted by Holm's method over every item tested in the
	// run (Holm); NaN when P is.
	PHolm  float64
	Effect Effect
	// NPrevious and NCurrent are the answers in each wave; NLinked the
	// respondents linked across them (paired tests only).
	NPrevious, NCurrent, NLinked int64
	// ShiftCI90 is the 90% Welch interval of the shift (current −
	// previous), whatever the test: the evidence for stable_equivalence.
	ShiftCI90 [2]float64
	Flipped   bool   // the item is reverse-keyed and its answers were flipped
	Warning   string // a caveat: too few answers, or an undefined test
}

// An Effect is an effect size with its name: rank_biserial (Mann-Whitney),
// cohens_d (Welch), matched_rank_biserial (signed rank) or cohens_dz
// (paired t).
type Effect struct {
	Name  string
	Value float64
}

// Effect names.
const (
	RankBiserial        = "rank_biserial"
	CohensD             = "cohens_d"
	MatchedRankBiserial = "matched_rank_biserial"
	CohensDz            = "cohens_dz"
)

// testWaves tests every item answered in both waves by its scale's plan,
// adjusts the p values by Holm over the items tested, warns of tests on
// fewer than the plan's minimum of answers and of undefined ones, and,
// where a plan asks for it, keeps stable only for items whose shift is
// equivalent to zero. With link, each test is the paired one on the linked
// respondents (pairedTest). Screen calls it after the rules.
func testWaves(res *Result, previous, current *itembank.Summary, t Thresholds, link *Linked) {
	if previous == nil {
		return
	}
	plans := map[*itembank.Scale]WavePlan{}
	for _, s := range res.Limits {
		plans[s.Scale] = t.WavePlanFor(s.Scale)
	}
	var tested []*WaveTest
	for i := range res.Items {
		it := &res.Items[i]
		if !answeredInBoth(previous, current, i) {
			continue
		}
		plan, ok := plans[it.Item.Scale]
		if !ok {
			plan = t.WavePlanFor(it.Item.Scale)
		}
		wt := waveTestOf(it.Item, previous, current, i, plan)
		if link != nil {
			pairedTest(wt, it.Item, link.Diffs[i], link.Places, plan)
		}
		it.WaveTest = wt
		tested = append(tested, wt)
		if wt.Warning != "" {
			res.Warnings = append(res.Warnings, fmt.Sprintf("item %s: %s", it.Item.ID, wt.Warning))
		}
		if plan.StableEquivalence && it.Has(Stable) {
			if msg := equivalence(it, res.limitsOf(it).Stable); msg != "" {
				res.Warnings = append(res.Warnings, fmt.Sprintf("item %s: %s", it.Item.ID, msg))
			}
		}
	}
	ps := make([]float64, len(tested))
	for k, wt := range tested {
		ps[k] = wt.P
	}
	for k, p := range Holm(ps) {
		tested[k].PHolm = p
	}
}

// answeredInBoth reports whether item i has answers in both waves that a
// test may use: asked, not withheld, answered at least once.
func answeredInBoth(previous, current *itembank.Summary, i int) bool {
	for _, s := range []*itembank.Summary{previous, current} {
		it := s.Items[i]
		if !it.Asked || it.Withheld || len(it.Counts) == 0 {
			return false
		}
	}
	return true
}

// waveTestOf tests item i between the waves by plan.
func waveTestOf(item *itembank.Item, previous, current *itembank.Summary, i int, plan WavePlan) *WaveTest {
	places := max(previous.Places, current.Places)
	x := favourable(item, previous.Items[i].Counts, previous.Places, places)
	y := favourable(item, current.Items[i].Counts, current.Places, places)
	welch := WelchT(momentsOf(x, places), momentsOf(y, places))
	wt := &WaveTest{Test: plan.Test, NPrevious: welch.N1, NCurrent: welch.N2, ShiftCI90: welch.CI(0.90), Flipped: item.Reverse,
		Z: math.NaN(), DF: math.NaN(), PHolm: math.NaN()}
	switch plan.Test {
	case MannWhitneyTest:
		mw := MannWhitneyU(x, y)
		wt.Statistic, wt.Z, wt.P, wt.Effect = mw.Statistic, mw.Z, mw.P, Effect{RankBiserial, mw.R}
		if math.IsNaN(mw.P) {
			wt.Warning = fmt.Sprintf("%s undefined: every answer in both waves is the same", plan.Test)
		}
	default:
		wt.Statistic, wt.DF, wt.P, wt.Effect = welch.T, welch.DF, welch.P, Effect{CohensD, welch.D}
		switch {
		case welch.N1 < 2 || welch.N2 < 2:
			wt.Warning = fmt.Sprintf("%s undefined: fewer than 2 answers in a wave", plan.Test)
		case math.IsNaN(welch.P):
			wt.Warning = fmt.Sprintf("%s undefined: no variance in either wave", plan.Test)
		}
	}
	if wt.Warning == "" && (wt.NPrevious < plan.MinN || wt.NCurrent < plan.MinN) {
		wt.Warning = fmt.Sprintf("%s on %d answers in the previous wave and %d in the current: fewer than min_wave_n %d in a wave",
			plan.Test, wt.NPrevious, wt.NCurrent, plan.MinN)
	}
	return wt
}

// favourable returns an item's counts in units of 10^-places (from
// 10^-from), flipped to min + max − x when the item is reverse-keyed, by
// increasing value.
func favourable(item *itembank.Item, counts []itembank.ValueCount, from, places int) []itembank.ValueCount {
	f := pow10Int(places - from)
	sum := (item.Scale.Min + item.Scale.Max) * pow10Int(places)
	out := make([]itembank.ValueCount, len(counts))
	for k, c := range counts {
		v := c.Value * f
		if item.Reverse {
			v = sum - v
		}
		out[k] = itembank.ValueCount{Value: v, Count: c.Count}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Value < out[b].Value })
	return out
}

// pow10Int returns 10^k for k >= 0.
func pow10Int(k int) int64 {
	p := int64(1)
	for range k {
		p *= 10
	}
	return p
}

// momentsOf returns the count, sum and sum of squares of a frequency table.
func momentsOf(counts []itembank.ValueCount, places int) itembank.Moments {
	m := itembank.Moments{Places: places}
	for _, c := range counts {
		m.N += c.Count
		m.Sum += c.Count * c.Value
		m.SumSq += c.Count * c.Value * c.Value
	}
	return m
}

// equivalence removes the stable tick of it unless the 90% interval of
// its shift lies strictly inside (−limit, limit): Schuirmann's two
// one-sided tests at α = .05 then reject a shift of ±limit or more. A
// shift inside the interval is inside ±limit too, so this rule only ever
// takes ticks away from the report's. It returns a warning when the
// interval is undefined, which leaves stable undecided, so not ticked.
//
// Schuirmann, D. J. (1987). A comparison of the two one-sided tests
// procedure and the power approach for assessing the equivalence of
// average bioavailability. J. Pharmacokinetics and Biopharmaceutics 15,
// 657–680.
func equivalence(it *ItemResult, limit Number) string {
	ci := it.WaveTest.ShiftCI90
	if !isEquivalent(ci, limit) {
		it.Flags = removeRule(it.Flags, Stable)
	}
	if math.IsNaN(ci[0]) {
		return "stable not decided by equivalence: the 90% interval of the shift is undefined (fewer than 2 answers in a wave, or no variance)"
	}
	return ""
}

// isEquivalent reports whether a 90% interval lies strictly inside
// (−limit, limit); false when it is undefined.
func isEquivalent(ci [2]float64, limit Number) bool {
	l := limit.Float()
	return ci[0] > -l && ci[1] < l
}

func removeRule(flags []Rule, r Rule) []Rule {
	out := flags[:0]
	for _, f := range flags {
		if f != r {
			out = append(out, f)
		}
	}
	return out
}

// Holm returns Holm's step-down adjustment of the p values: with the m
// defined values in increasing order p₍₁₎ ≤ … ≤ p₍ₘ₎,
//
//	p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎),
//
// in the input's order, as R's p.adjust(p, method = "holm"). NaN values
// are missing: left NaN and not counted in m.
//
// Holm, S. (1979). A simple sequentially rejective multiple test
// procedure. Scandinavian Journal of Statistics 6, 65–70.
func Holm(p []float64) []float64 {
	out := make([]float64, len(p))
	var order []int
	for i, x := range p {
		out[i] = math.NaN()
		if !math.IsNaN(x) {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] < p[order[b]] })
	m := len(order)
	run := 0.0
	for k, i := range order {
		run = math.Max(run, float64(m-k)*p[i])
		out[i] = math.Min(1, run)
	}
	return out
}

// MarshalJSON writes the test as the flag JSON's wave_test object; fields
// that do not apply to the test are left out, undefined ones are null.
func (wt *WaveTest) MarshalJSON() ([]byte, error) {
	type effect struct {
		Name  string    `json:"name"`
		Value jsonFloat `json:"value"`
	}
	out := struct {
		Test      TestKind     `json:"test"`
		Statistic jsonFloat    `json:"statistic"`
		Z         *jsonFloat   `json:"z,omitempty"`
		DF        *jsonFloat   `json:"df,omitempty"`
		P         jsonFloat    `json:"p"`
		PHolm     jsonFloat    `json:"p_holm"`
		Effect    effect       `json:"effect"`
		NPrevious int64        `json:"n_previous"`
		NCurrent  int64        `json:"n_current"`
		NLinked   *int64       `json:"n_linked,omitempty"`
		ShiftCI90 [2]jsonFloat `json:"shift_ci90"`
		Flipped   bool         `json:"flipped"`
		Warning   string       `json:"warning,omitempty"`
	}{Test: wt.Test, Statistic: jsonFloat(wt.Statistic), P: jsonFloat(wt.P), PHolm: jsonFloat(wt.PHolm),
		Effect: effect{wt.Effect.Name, jsonFloat(wt.Effect.Value)}, NPrevious: wt.NPrevious, NCurrent: wt.NCurrent,
		ShiftCI90: [2]jsonFloat{jsonFloat(wt.ShiftCI90[0]), jsonFloat(wt.ShiftCI90[1])}, Flipped: wt.Flipped, Warning: wt.Warning}
	z, df, linked := jsonFloat(wt.Z), jsonFloat(wt.DF), wt.NLinked
	switch wt.Test {
	case MannWhitneyTest:
		out.Z = &z
	case SignedRankTest:
		out.Z, out.NLinked = &z, &linked
	case PairedTTest:
		out.DF, out.NLinked = &df, &linked
	default:
		out.DF = &df
	}
	return json.Marshal(out)
}

// validateWaveTest checks the wave test settings of the scale called name:
// a test flag can run on summaries, and a minimum above 0.
func (st ScaleThreshold) validateWaveTest(name string) error {
	switch st.WaveTest {
	case "", MannWhitneyTest, WelchTest:
	default:
		return &fieldError{[]string{"scales", name, "wave_test"},
			fmt.Sprintf("scales: %s: wave_test: %q is not a test of two waves (mann_whitney or welch_t)", name, st.WaveTest)}
	}
	if st.MinWaveN != nil && *st.MinWaveN < 1 {
		return &fieldError{[]string{"scales", name, "min_wave_n"}, fmt.Sprintf("scales: %s: min_wave_n: %d is not above 0", name, *st.MinWaveN)}
	}
	return nil
}
