package itembank

import (
	"math"
	"math/big"
)

// Mean returns the available-case mean over the item's answers,
//
//	mean = Σx / n,
//
// or NaN when n = 0.
func (m Moments) Mean() float64 {
	if m.N == 0 {
		return math.NaN()
	}
	return float64(m.Sum) / float64(m.N) / float64(pow10[m.Places])
}

// SD returns the sample standard deviation with the n − 1 denominator (as
// SPSS and R's sd report it), computed from exact integer sums:
//
//	sd = sqrt((n·Σx² − (Σx)²) / (n·(n − 1)))
//
// It is NaN when n < 2, and 0 when every answer is the same.
func (m Moments) SD() float64 {
	if m.N < 2 {
		return math.NaN()
	}
	num := mul128(m.N, m.SumSq).sub(mul128(m.Sum, m.Sum))
	den := mul128(m.N, m.N-1)
	return math.Sqrt(num.float()/den.float()) / float64(pow10[m.Places])
}

// MeanRat returns the mean as an exact rational (in answer units), or nil
// when n = 0.
func (m Moments) MeanRat() *big.Rat {
	if m.N == 0 {
		return nil
	}
	return new(big.Rat).SetFrac(big.NewInt(m.Sum), new(big.Int).Mul(big.NewInt(m.N), big.NewInt(pow10[m.Places])))
}

// ShiftRat returns mean(cur) − mean(prev) as an exact rational (in answer
// units),
//
//	shift = (Σc·n_p·10^pp − Σp·n_c·10^pc) / (n_c·n_p·10^pc·10^pp),
//
// or nil when either wave has no answers.
func ShiftRat(prev, cur Moments) *big.Rat {
	if prev.N == 0 || cur.N == 0 {
		return nil
	}
	return new(big.Rat).Sub(cur.MeanRat(), prev.MeanRat())
}

// Shift returns mean(cur) − mean(prev) rounded once from the exact
// difference (ShiftRat), so that means of 3.4 and 3.0 give 0.4, not the
// 0.3999999999999999 of subtracting two rounded means. It is NaN when
// either wave has no answers.
func Shift(prev, cur Moments) float64 {
	d := ShiftRat(prev, cur)
	if d == nil {
		return math.NaN()
	}
	f, _ := d.Float64()
	return f
}

// VarianceRat returns the n − 1 sample variance as an exact rational (in
// squared answer units), or nil when n < 2.
func (m Moments) VarianceRat() *big.Rat {
	if m.N < 2 {
		return nil
	}
	num := mul128(m.N, m.SumSq).sub(mul128(m.Sum, m.Sum)).big()
	den := mul128(m.N, m.N-1).big()
	den.Mul(den, big.NewInt(pow10[m.Places]*pow10[m.Places]))
	return new(big.Rat).SetFrac(num, den)
}

// MinPairN is the fewest common respondents for which Pearson's r is
// computed: with two, r is always ±1 and says nothing.
const MinPairN = 3

// Pearson returns the product-moment correlation over the respondents who
// answered both items (pairwise deletion, the default of SPSS CORRELATIONS
// and of R's cor(use = "pairwise.complete.obs")):
//
//	r = (n·Σxy − Σx·Σy) / sqrt((n·Σx² − (Σx)²)·(n·Σy² − (Σy)²))
//
// The numerator and both factors of the denominator are exact integers. It
// is NaN when n < MinPairN or either item has zero variance among those
// respondents.
func (p PairSums) Pearson() float64 {
	cov, vx, vy, ok := p.coMoments()
	if !ok {
		return math.NaN()
	}
	// One square root of the product: floating-point multiplication is
	// commutative, so r of (x, y) and of (y, x) are bit for bit the same.
	r := cov.float() / math.Sqrt(vx.float()*vy.float())
	return math.Max(-1, math.Min(1, r))
}

// coMoments returns n·Σxy − Σx·Σy, n·Σx² − (Σx)² and n·Σy² − (Σy)², and
// false when Pearson's r is undefined for the pair.
func (p PairSums) coMoments() (cov, vx, vy int128, ok bool) {
	if p.N < MinPairN {
		return cov, vx, vy, false
	}
	cov = mul128(p.N, p.SumXY).sub(mul128(p.SumX, p.SumY))
	vx = mul128(p.N, p.SumXX).sub(mul128(p.SumX, p.SumX))
	vy = mul128(p.N, p.SumYY).sub(mul128(p.SumY, p.SumY))
	return cov, vx, vy, vx.sign() > 0 && vy.sign() > 0
}

// RSquaredRat returns the square of Pearson's r as an exact rational,
//
//	r² = (n·Σxy − Σx·Σy)² / ((n·Σx² − (Σx)²)·(n·Σy² − (Σy)²)),
//
// or nil when r is undefined (see Pearson). Threshold decisions on |r| are
// exact as comparisons of r² (see reduction's redundancy rule).
func (p PairSums) RSquaredRat() *big.Rat {
	cov, vx, vy, ok := p.coMoments()
	if !ok {
		return nil
	}
	c := cov.big()
	num := new(big.Int).Mul(c, c)
	den := new(big.Int).Mul(vx.big(), vy.big())
	return new(big.Rat).SetFrac(num, den)
}
