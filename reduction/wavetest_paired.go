package reduction

import (
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Linked holds what the paired wave tests need of the respondents
// linked across the waves by an id (files.LinkWaves makes it): per bank
// item, the counts of the differences current − previous of the raw
// answers, over the linked respondents who answered the item in both
// waves. Counts are all the tests need, so nothing of the answers
// themselves is kept.
type Linked struct {
	// N counts the respondents linked: found in both waves by their id.
	N int64
	// Places gives the unit of the differences: 10^-Places of an answer.
	Places int
	// Diffs is per bank item (bank order), by increasing difference.
	Diffs [][]itembank.ValueCount
}

// ScreenLinked is Screen with the waves linked: each item tested between
// the waves gets the paired test of its plan instead of the independent
// one (Wilcoxon signed-rank for Mann-Whitney, the paired t for Welch's
// t), on the linked respondents who answered it in both waves; Holm's
// adjustment is over every test of the run as before. A nil link is
// Screen.
func ScreenLinked(bank *itembank.Bank, previous, current *itembank.Summary, t Thresholds, link *Linked) (*Result, error) {
	if link != nil && len(link.Diffs) != len(bank.Items) {
		return nil, fmt.Errorf("linked differences of %d items, the bank has %d", len(link.Diffs), len(bank.Items))
	}
	return screen(bank, previous, current, t, link)
}

// PairedKind is the paired counterpart of an independent-samples test.
func PairedKind(k TestKind) TestKind {
	switch k {
	case MannWhitneyTest:
		return SignedRankTest
	case WelchTest:
		return PairedTTest
	}
	return k
}

// pairedTest turns wt (the independent test of an item, which keeps its
// answer counts and the Welch interval of the shift) into the paired test
// of the item's favourable differences d (raw differences negated for a
// reverse-keyed item: (min + max − y) − (min + max − x) = x − y).
func pairedTest(wt *WaveTest, item *itembank.Item, raw []itembank.ValueCount, places int, plan WavePlan) {
	d := raw
	if item.Reverse {
		d = make([]itembank.ValueCount, len(raw))
		for k, c := range raw {
			d[len(raw)-1-k] = itembank.ValueCount{Value: -c.Value, Count: c.Count}
		}
	}
	wt.Test = PairedKind(plan.Test)
	wt.Z, wt.DF, wt.Warning = math.NaN(), math.NaN(), ""
	switch wt.Test {
	case SignedRankTest:
		sr := SignedRankCounts(d)
		wt.Statistic, wt.Z, wt.P, wt.Effect, wt.NLinked = sr.Statistic, sr.Z, sr.P, Effect{MatchedRankBiserial, sr.R}, sr.N1
		if math.IsNaN(sr.P) {
			wt.Warning = fmt.Sprintf("%s undefined: no linked respondent answered differently in the two waves", wt.Test)
		}
	default:
		pt := PairedTCounts(d, places)
		wt.Statistic, wt.DF, wt.P, wt.Effect, wt.NLinked = pt.T, pt.DF, pt.P, Effect{CohensDz, pt.D}, pt.N1
		switch {
		case pt.N1 < 2:
			wt.Warning = fmt.Sprintf("%s undefined: fewer than 2 linked respondents answered it in both waves", wt.Test)
		case math.IsNaN(pt.P):
			wt.Warning = fmt.Sprintf("%s undefined: every linked respondent changed by the same amount", wt.Test)
		}
	}
	if wt.NLinked == 0 {
		wt.Warning = fmt.Sprintf("%s undefined: no respondent linked across the waves answered it in both", wt.Test)
	}
	if wt.Warning == "" && wt.NLinked < plan.MinN {
		wt.Warning = fmt.Sprintf("%s on %d linked respondents: fewer than min_wave_n %d", wt.Test, wt.NLinked, plan.MinN)
	}
}

// SignedRankCounts is WilcoxonSignedRank of differences given as a
// frequency table (each difference in the same units, with its count):
// zero differences are dropped, the others ranked by |d| at midranks, so
// with t_a the differences of size a and r_a = (number of smaller
// non-zero |d|) + (t_a + 1)/2 their rank,
//
//	V = Σ_a r_a · (count of +a),   σ² = n(n + 1)(2n + 1)/24 − Σ_a (t_a³ − t_a)/48
//
// and z, p and r as WilcoxonSignedRank. Counts of zero are ignored. V is
// summed in float64, exact while n² < 2^52.
func SignedRankCounts(d []itembank.ValueCount) RankTest {
	res := RankTest{Statistic: math.NaN(), Z: math.NaN(), P: math.NaN(), R: math.NaN()}
	pos, neg := map[int64]int64{}, map[int64]int64{}
	for _, c := range d {
		res.N1 += c.Count
		switch {
		case c.Value > 0:
			pos[c.Value] += c.Count
		case c.Value < 0:
			neg[-c.Value] += c.Count
		}
	}
	sizes := make([]int64, 0, len(pos)+len(neg))
	for a := range pos {
		sizes = append(sizes, a)
	}
	for a := range neg {
		if _, ok := pos[a]; !ok {
			sizes = append(sizes, a)
		}
	}
	slices.Sort(sizes)
	var v, ties, below float64
	for _, a := range sizes {
		t := float64(pos[a] + neg[a])
		v += float64(pos[a]) * (below + (t+1)/2)
		below += t
		ties += t*t*t - t
	}
	res.N2 = int64(below)
	if res.N2 == 0 {
		return res
	}
	n := below
	s := n * (n + 1) / 2
	res.Statistic = v
	res.R = 2*v/s - 1
	res.Z = (v - s/2) / math.Sqrt(n*(n+1)*(2*n+1)/24-ties/48)
	res.P = normalTwoSided(res.Z)
	return res
}

// PairedTCounts is PairedT of differences given as a frequency table in
// units of 10^-places. The mean and the variance of the differences are
// computed exactly (rational arithmetic on the whole-number sums, which
// cannot overflow) and rounded once,
//
//	diff = Σc·d / n,   s_d² = (Σc·d² − (Σc·d)²/n) / (n − 1),
//
// then t, df, p and d_z as PairedT. N1 is the number of differences.
func PairedTCounts(d []itembank.ValueCount, places int) TTest {
	res := TTest{Diff: math.NaN(), SE: math.NaN(), T: math.NaN(), DF: math.NaN(), P: math.NaN(), D: math.NaN()}
	n, sum, sumSq := new(big.Int), new(big.Int), new(big.Int)
	for _, c := range d {
		if c.Count <= 0 {
			continue
		}
		res.N1 += c.Count
		cnt, v := big.NewInt(c.Count), big.NewInt(c.Value)
		n.Add(n, cnt)
		x := new(big.Int).Mul(cnt, v)
		sum.Add(sum, x)
		sumSq.Add(sumSq, x.Mul(x, v))
	}
	if res.N1 == 0 {
		return res
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	mean := new(big.Rat).SetFrac(sum, new(big.Int).Mul(n, scale))
	res.Diff, _ = mean.Float64()
	if res.N1 < 2 {
		return res
	}
	// (n·Σd² − (Σd)²) / (n(n − 1)), in units², then in answers².
	num := new(big.Int).Sub(new(big.Int).Mul(n, sumSq), new(big.Int).Mul(sum, sum))
	den := new(big.Int).Mul(n, new(big.Int).Sub(n, big.NewInt(1)))
	den.Mul(den, new(big.Int).Mul(scale, scale))
	variance, _ := new(big.Rat).SetFrac(num, den).Float64()
	if variance == 0 {
		return res
	}
	sd := math.Sqrt(variance)
	nf := float64(res.N1)
	res.SE = sd / math.Sqrt(nf)
	res.T = res.Diff / res.SE
	res.DF = nf - 1
	res.P = tTwoSided(res.T, res.DF)
	res.D = res.Diff / sd
	return res
}
