package reduction

import (
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/itemreduce/itemreduce/itembank"
)

// A RankTest is the outcome of a rank test with the normal approximation.
type RankTest struct {
	// Statistic is U of the second sample for MannWhitneyU, V (the sum of
	// the ranks of the positive differences) for WilcoxonSignedRank.
	Statistic float64
	Z, P      float64 // z with the tie correction and no continuity correction; two-sided p
	// R is the rank-biserial correlation, positive when the second sample
	// (the current wave) is higher: see each estimator.
	R float64
	// N1 and N2 are the sizes of the two samples for MannWhitneyU; for
	// WilcoxonSignedRank N1 is the number of pairs and N2 the number of
	// non-zero differences that were ranked.
	N1, N2 int64
}

// MannWhitneyU returns the Mann-Whitney U test of x (the previous wave)
// against y (the current wave) from their frequency tables: counts of each
// answer in the same units (as an itembank.Summary holds them, or as
// pooled from several sites: the test needs nothing else). With the
// answers ranked together, tied answers at their midrank,
//
//	U   = Σ_v y_v·(x_<v + x_v/2)     (pairs with y > x, plus half the ties)
//	z   = (U − n₁n₂/2) / σ
//	σ²  = n₁n₂/12 · ((N + 1) − Σ_v (t_v³ − t_v) / (N(N − 1)))
//	p   = 2·Φ(−|z|)
//	r   = 2U/(n₁n₂) − 1 = 1 − 2U_x/(n₁n₂)
//
// where x_v and y_v count the answer v, x_<v the answers of x below v,
// t_v = x_v + y_v, n₁ = Σx_v, n₂ = Σy_v and N = n₁ + n₂. U is the statistic
// W of R's wilcox.test(y, x, exact = FALSE, correct = FALSE) and z the
// asymptotic z of PSPP's NPAR TESTS /M-W (which prints min(U, n₁n₂ − U)
// and −|z|): the tie correction is applied, the continuity correction is
// not. r is the rank-biserial correlation (Glass 1965; Kerby 2014): the
// share of pairs in which y is higher minus the share in which x is,
// positive when the current wave answers higher.
//
// Counts of zero are ignored; missing answers are simply not counted. U
// and r are NaN when either table is empty; z and p are NaN also when σ =
// 0 (every answer in both waves the same, where r is 0). U is summed in
// float64, exact while n₁n₂ < 2^52.
//
// Mann, H. B. & Whitney, D. R. (1947). On a test of whether one of two
// random variables is stochastically larger than the other. Annals of
// Mathematical Statistics 18, 50–60; the tie correction as in Lehmann, E.
// L. (1975), Nonparametrics, eq. 1.45.
func MannWhitneyU(x, y []itembank.ValueCount) RankTest {
	type pair struct{ x, y int64 }
	at := map[int64]*pair{}
	for _, c := range x {
		if at[c.Value] == nil {
			at[c.Value] = &pair{}
		}
		at[c.Value].x += c.Count
	}
	for _, c := range y {
		if at[c.Value] == nil {
			at[c.Value] = &pair{}
		}
		at[c.Value].y += c.Count
	}
	values := make([]int64, 0, len(at))
	for v := range at {
		values = append(values, v)
	}
	slices.Sort(values)
	var n1, n2 int64
	var u, ties, below float64
	for _, v := range values {
		c := at[v]
		n1 += c.x
		n2 += c.y
		u += float64(c.y) * (below + float64(c.x)/2)
		below += float64(c.x)
		t := float64(c.x + c.y)
		ties += t*t*t - t
	}
	res := RankTest{N1: n1, N2: n2, Statistic: math.NaN(), Z: math.NaN(), P: math.NaN(), R: math.NaN()}
	if n1 == 0 || n2 == 0 {
		return res
	}
	nn := float64(n1) * float64(n2)
	n := float64(n1 + n2)
	res.Statistic = u
	res.R = 2*u/nn - 1
	sigma := math.Sqrt(nn / 12 * ((n + 1) - ties/(n*(n-1))))
	if sigma > 0 {
		res.Z = (u - nn/2) / sigma
		res.P = normalTwoSided(res.Z)
	}
	return res
}

// WilcoxonSignedRank returns the Wilcoxon signed-rank test of paired
// differences d (current − previous, one per respondent linked across
// the waves). Zero differences are dropped (Wilcoxon's rule, as R does);
// the n others are ranked by |d|, tied ones at their midrank, and
//
//	V   = Σ rank(|d_i|) over d_i > 0
//	z   = (V − n(n + 1)/4) / σ
//	σ²  = n(n + 1)(2n + 1)/24 − Σ (t³ − t)/48   (t: sizes of groups of tied |d|)
//	p   = 2·Φ(−|z|)
//	r   = 2V/S − 1,  S = n(n + 1)/2           (matched-pairs rank-biserial)
//
// as R's wilcox.test(current, previous, paired = TRUE, exact = FALSE,
// correct = FALSE). r, the share of the rank sum on positive differences
// minus the share on negative ones (Kerby 2014), is positive when the
// current wave answers higher.
//
// NaN elements are missing (a respondent who skipped the item in a wave)
// and dropped; ties are exact float64 equality, so compute differences
// from integer answer units. N1 is the number of pairs, N2 the number of
// non-zero differences. Everything but N1 and N2 is NaN when no
// difference is non-zero.
//
// Wilcoxon, F. (1945). Individual comparisons by ranking methods.
// Biometrics Bulletin 1, 80–83. Kerby, D. S. (2014). The simple difference
// formula: an approach to teaching nonparametric correlation.
// Comprehensive Psychology 3, 11.IT.3.1.
func WilcoxonSignedRank(d []float64) RankTest {
	res := RankTest{Statistic: math.NaN(), Z: math.NaN(), P: math.NaN(), R: math.NaN()}
	var nonzero []float64
	for _, x := range d {
		if math.IsNaN(x) {
			continue
		}
		res.N1++
		if x != 0 {
			nonzero = append(nonzero, x)
		}
	}
	res.N2 = int64(len(nonzero))
	if len(nonzero) == 0 {
		return res
	}
	sort.Slice(nonzero, func(i, j int) bool { return math.Abs(nonzero[i]) < math.Abs(nonzero[j]) })
	var v, ties float64
	for i := 0; i < len(nonzero); {
		j := i
		for j < len(nonzero) && math.Abs(nonzero[j]) == math.Abs(nonzero[i]) {
			j++
		}
		mid := float64(i+j+1) / 2 // ranks i+1 … j
		for _, x := range nonzero[i:j] {
			if x > 0 {
				v += mid
			}
		}
		t := float64(j - i)
		ties += t*t*t - t
		i = j
	}
	n := float64(len(nonzero))
	s := n * (n + 1) / 2
	res.Statistic = v
	res.R = 2*v/s - 1
	sigma := math.Sqrt(n*(n+1)*(2*n+1)/24 - ties/48)
	res.Z = (v - s/2) / sigma
	res.P = normalTwoSided(res.Z)
	return res
}

// normalTwoSided returns 2·Φ(−|z|), computed from the tail so that small
// p keep their relative precision.
func normalTwoSided(z float64) float64 {
	return 2 * distuv.UnitNormal.CDF(-math.Abs(z))
}
