package reduction

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/itemreduce/itemreduce/itembank"
)

// A TTest is the outcome of a t test of a mean difference.
type TTest struct {
	Diff   float64 // mean(current) − mean(previous), or the mean paired difference
	SE     float64 // its standard error
	T, DF  float64
	P      float64 // two-sided
	D      float64 // Cohen's d (WelchT) or d_z (PairedT)
	N1, N2 int64   // WelchT: answers in the previous and current wave; PairedT: pairs, and 0
}

// WelchT returns Welch's t test of the difference between the means of
// the current wave y and the previous wave x, from their count, sum and
// sum of squares (exact, so pooled summaries give what the raw files
// give):
//
//	diff = ȳ − x̄,   SE = sqrt(s_x²/n_x + s_y²/n_y),   t = diff / SE
//	df   = SE⁴ / ((s_x²/n_x)²/(n_x − 1) + (s_y²/n_y)²/(n_y − 1))
//	p    = 2·P(T_df > |t|)
//	d    = diff / s_p,   s_p² = ((n_x − 1)s_x² + (n_y − 1)s_y²) / (n_x + n_y − 2)
//
// with s² the sample variances (n − 1 denominator). These are t, df and p
// of R's t.test(y, x, var.equal = FALSE); d is Cohen's d with the pooled SD
// (Cohen 1988, eq. 2.5.2), which Welch's test itself does not pool: d
// states the shift in SDs of the answers, and shares the sign of t.
//
// Missing answers are not in the moments. Diff is NaN when either wave has
// no answer; SE, t, df, p and d when either has fewer than 2, and t, df
// and p also when both variances are 0 (where R stops with "data are
// essentially constant"); d is NaN when s_p = 0. See CI for the interval.
//
// Welch, B. L. (1947). The generalization of "Student's" problem when
// several different population variances are involved. Biometrika 34,
// 28–35. Cohen, J. (1988). Statistical Power Analysis for the Behavioral
// Sciences, 2nd ed.
func WelchT(x, y itembank.Moments) TTest {
	res := TTest{N1: x.N, N2: y.N, Diff: math.NaN(), SE: math.NaN(), T: math.NaN(), DF: math.NaN(), P: math.NaN(), D: math.NaN()}
	if x.N == 0 || y.N == 0 {
		return res
	}
	mx, _ := x.MeanRat().Float64()
	my, _ := y.MeanRat().Float64()
	res.Diff = my - mx
	if x.N < 2 || y.N < 2 {
		return res
	}
	vx, _ := x.VarianceRat().Float64()
	vy, _ := y.VarianceRat().Float64()
	nx, ny := float64(x.N), float64(y.N)
	ex, ey := vx/nx, vy/ny
	res.SE = math.Sqrt(ex + ey)
	if sp := math.Sqrt(((nx-1)*vx + (ny-1)*vy) / (nx + ny - 2)); sp > 0 {
		res.D = res.Diff / sp
	}
	if res.SE == 0 {
		return res
	}
	res.T = res.Diff / res.SE
	res.DF = (ex + ey) * (ex + ey) / (ex*ex/(nx-1) + ey*ey/(ny-1))
	res.P = tTwoSided(res.T, res.DF)
	return res
}

// PairedT returns the paired t test of differences d (current − previous,
// one per respondent linked across the waves):
//
//	diff = Σd/n,   SE = s_d/√n,   t = diff/SE,   df = n − 1
//	p    = 2·P(T_df > |t|),       d_z = diff/s_d
//
// with s_d the sample SD of d (n − 1 denominator): t, df and p of R's
// t.test(current, previous, paired = TRUE). d_z is Cohen's d of the
// differences (Cohen 1988, eq. 2.3.5), positive when the current wave
// answers higher.
//
// NaN elements are missing and dropped. Diff is NaN when no difference is
// left; the rest when fewer than 2 are, or when every difference is the
// same (s_d = 0, where R stops with "data are essentially constant").
func PairedT(d []float64) TTest {
	res := TTest{Diff: math.NaN(), SE: math.NaN(), T: math.NaN(), DF: math.NaN(), P: math.NaN(), D: math.NaN()}
	var sum float64
	for _, x := range d {
		if !math.IsNaN(x) {
			res.N1++
			sum += x
		}
	}
	if res.N1 == 0 {
		return res
	}
	n := float64(res.N1)
	res.Diff = sum / n
	if res.N1 < 2 {
		return res
	}
	var ss float64
	for _, x := range d {
		if !math.IsNaN(x) {
			ss += (x - res.Diff) * (x - res.Diff)
		}
	}
	sd := math.Sqrt(ss / (n - 1))
	if sd == 0 {
		return res
	}
	res.SE = sd / math.Sqrt(n)
	res.T = res.Diff / res.SE
	res.DF = n - 1
	res.P = tTwoSided(res.T, res.DF)
	res.D = res.Diff / sd
	return res
}

// CI returns the two-sided confidence interval of Diff at the given level
// (0.90 for a 90% interval),
//
//	diff ∓ t_{df, (1 + level)/2} · SE,
//
// as R's t.test(…, conf.level = level)$conf.int; both ends are NaN when
// t is undefined. A 90% interval inside (−L, L) is Schuirmann's two
// one-sided tests of equivalence at α = .05.
func (t TTest) CI(level float64) [2]float64 {
	if math.IsNaN(t.T) || math.IsNaN(t.DF) {
		return [2]float64{math.NaN(), math.NaN()}
	}
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: t.DF}.Quantile((1 + level) / 2)
	return [2]float64{t.Diff - q*t.SE, t.Diff + q*t.SE}
}

// tTwoSided returns 2·P(T_df > |t|).
func tTwoSided(t, df float64) float64 {
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t))
}
