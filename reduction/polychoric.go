package reduction

import (
	"math"

	"github.com/itemreduce/itemreduce/itembank"
)

// A PolychoricR is the polychoric correlation of a pair of items: the
// correlation of two standard normal variables that, cut at thresholds,
// would give the table of answers.
type PolychoricR struct {
	R  float64 // the estimate
	SE float64 // its standard error; NaN at a bound of the search
	N  int64   // respondents in the table
}

// maxPolychoric bounds the search for ρ, as polycor's maxcor.
const maxPolychoric = 0.9999

// Polychoric returns the two-step maximum-likelihood polychoric
// correlation of a table (Olsson 1979), as R's polycor::polychor(x, y,
// ML = FALSE, std.err = TRUE) computes it, and false when it is undefined.
//
// Rows and columns nobody is counted in are dropped (as R's table() of
// the answers never has them). With r rows, c columns, N respondents and
// row and column totals nₐ· and n·ᵦ, the thresholds come from the
// margins,
//
//	aᵢ = Φ⁻¹((n₁· + … + nᵢ·)/N),  bⱼ = Φ⁻¹((n·₁ + … + n·ⱼ)/N),  a₀ = b₀ = −∞, a_r = b_c = +∞,
//
// and ρ maximises the log likelihood of the table for these thresholds,
//
//	ℓ(ρ) = Σ nₐᵦ · log Pₐᵦ(ρ),  Pₐᵦ = Φ₂(aₐ, bᵦ) − Φ₂(aₐ₋₁, bᵦ) − Φ₂(aₐ, bᵦ₋₁) + Φ₂(aₐ₋₁, bᵦ₋₁),
//
// over |ρ| ≤ 0.9999 (polycor's maxcor), found by Newton's method on ℓ′
// inside a bracket that halves when a step would leave it, until a
// Newton step is below 1e-8 (the error then of the order of 1e-16). Both derivatives are exact: ∂Φ₂/∂ρ = φ₂ (Plackett 1954), and
// ∂φ₂/∂ρ is in bvnDensityDRho. The standard error is that of the two-step
// estimate with the thresholds taken as known, 1/√(−ℓ″(ρ̂)), as polycor's
// two-step std.err (there from a numerical second derivative); NaN when
// ρ̂ lies on a bound.
//
// It is undefined (false) with fewer than itembank.MinPairN respondents,
// or when fewer than two rows or columns remain: an item everyone answered
// alike has no correlation. Cells counting 0 add nothing to ℓ; unlike
// psych::polychoric (correct = 0.5), nothing is added to them.
//
// U. Olsson (1979), Maximum likelihood estimation of the polychoric
// correlation coefficient, Psychometrika 44, 443-460. J. Fox, polycor:
// Polychoric and Polyserial Correlations, R package 0.8-1.
func Polychoric(t itembank.PairTable) (PolychoricR, bool) {
	rows, cols, counts := nonEmpty(t)
	var n int64
	for _, c := range counts {
		n += c
	}
	out := PolychoricR{R: math.NaN(), SE: math.NaN(), N: n}
	if n < itembank.MinPairN || len(rows) < 2 || len(cols) < 2 {
		return out, false
	}
	p := newPolyLik(rows, cols, counts, n)
	lo, hi := -maxPolychoric, maxPolychoric
	rho := max(lo/2, min(hi/2, p.start()))
	d2 := math.NaN()
	for range 200 {
		var d1 float64
		d1, d2 = p.derivs(rho)
		if d1 > 0 {
			lo = rho
		} else {
			hi = rho
		}
		step := -d1 / d2
		next := rho + step
		newton := d2 < 0 && !math.IsNaN(next) && next > lo && next < hi
		if !newton {
			next = (lo + hi) / 2
		}
		// After a Newton step of s the error is of the order of s², so a
		// step below 1e-8 leaves ρ within about 1e-16 of the maximum.
		done := (newton && math.Abs(step) < 1e-8) || hi-lo < 1e-12
		rho = next
		if done {
			break
		}
	}
	// A likelihood still rising at a bound leaves the search there.
	if rho > maxPolychoric-1e-9 || rho < -maxPolychoric+1e-9 {
		out.R = math.Copysign(maxPolychoric, rho)
		return out, true
	}
	out.R = rho
	// ℓ″ at the last ρ evaluated, within 1e-8 of the estimate: the SE
	// moves by less than 1e-7 of itself.
	if d2 < 0 {
		out.SE = 1 / math.Sqrt(-d2)
	}
	return out, true
}

// nonEmpty returns the row and column totals of t without the rows and
// columns that count nobody, and the counts of the cells that remain.
func nonEmpty(t itembank.PairTable) (rows, cols []int64, counts []int64) {
	rowSum, colSum := make([]int64, t.Rows), make([]int64, t.Cols)
	for a := range t.Rows {
		for b := range t.Cols {
			c := t.At(a, b)
			rowSum[a] += c
			colSum[b] += c
		}
	}
	var keepR, keepC []int
	for a, s := range rowSum {
		if s > 0 {
			keepR = append(keepR, a)
			rows = append(rows, s)
		}
	}
	for b, s := range colSum {
		if s > 0 {
			keepC = append(keepC, b)
			cols = append(cols, s)
		}
	}
	counts = make([]int64, 0, len(keepR)*len(keepC))
	for _, a := range keepR {
		for _, b := range keepC {
			counts = append(counts, t.At(a, b))
		}
	}
	return rows, cols, counts
}

// polyLik is the two-step log likelihood of one table.
type polyLik struct {
	a, b   []float64 // thresholds with ±Inf at both ends
	qa, qb []float64 // Φ(a), Φ(b)
	counts []float64 // r×c, row by row
	// Per corner (i, j), 0 ≤ i ≤ r, 0 ≤ j ≤ c: Φ₂, φ₂ and ∂φ₂/∂ρ at ρ.
	cdf, pdf, dpdf []float64
}

func newPolyLik(rows, cols, counts []int64, n int64) *polyLik {
	cuts := func(tot []int64) []float64 {
		c := make([]float64, len(tot)+1)
		c[0], c[len(tot)] = math.Inf(-1), math.Inf(1)
		var cum int64
		for i := range len(tot) - 1 {
			cum += tot[i]
			c[i+1] = normQuantile(float64(cum) / float64(n))
		}
		return c
	}
	p := &polyLik{a: cuts(rows), b: cuts(cols), counts: make([]float64, len(counts))}
	for k, c := range counts {
		p.counts[k] = float64(c)
	}
	for _, h := range p.a {
		p.qa = append(p.qa, normCDF(h))
	}
	for _, k := range p.b {
		p.qb = append(p.qb, normCDF(k))
	}
	corners := len(p.a) * len(p.b)
	p.cdf, p.pdf, p.dpdf = make([]float64, corners), make([]float64, corners), make([]float64, corners)
	return p
}

// derivs returns ℓ′(ρ) and ℓ″(ρ):
//
//	ℓ′ = Σ nₐᵦ·P′ₐᵦ/Pₐᵦ,  ℓ″ = Σ nₐᵦ·(P″ₐᵦ/Pₐᵦ − (P′ₐᵦ/Pₐᵦ)²),
//
// with P′ and P″ the same differences over the corners of φ₂ and ∂φ₂/∂ρ.
func (p *polyLik) derivs(rho float64) (d1, d2 float64) {
	nb := len(p.b)
	grid := newBVNGrid(rho)
	for i, h := range p.a {
		for j, k := range p.b {
			c := i*nb + j
			switch {
			case math.IsInf(h, 0) || math.IsInf(k, 0):
				p.cdf[c] = bvnLower(h, k, rho)
			default:
				p.cdf[c] = grid.lower(h, k, p.qa[i], p.qb[j])
			}
			p.pdf[c] = bvnDensity(h, k, rho)
			p.dpdf[c] = bvnDensityDRho(h, k, rho, p.pdf[c])
		}
	}
	r, cc := len(p.a)-1, nb-1
	for x := range r {
		for y := range cc {
			n := p.counts[x*cc+y]
			if n == 0 {
				continue
			}
			c00, c01, c10, c11 := x*nb+y, x*nb+y+1, (x+1)*nb+y, (x+1)*nb+y+1
			prob := p.cdf[c11] - p.cdf[c01] - p.cdf[c10] + p.cdf[c00]
			if prob <= 0 {
				prob = math.SmallestNonzeroFloat64
			}
			g := (p.pdf[c11] - p.pdf[c01] - p.pdf[c10] + p.pdf[c00]) / prob
			h := (p.dpdf[c11] - p.dpdf[c01] - p.dpdf[c10] + p.dpdf[c00]) / prob
			d1 += n * g
			d2 += n * (h - g*g)
		}
	}
	return d1, d2
}

// start returns Pearson's r of the normal scores of the table's rows and
// columns (the mean of the normal density between thresholds), a value
// near the polychoric r for Newton's method to start from.
func (p *polyLik) start() float64 {
	score := func(cuts []float64) []float64 {
		out := make([]float64, len(cuts)-1)
		for i := range out {
			lo, hi := cuts[i], cuts[i+1]
			mass := normCDF(hi) - normCDF(lo)
			out[i] = (normPDF(lo) - normPDF(hi)) / mass
		}
		return out
	}
	x, y := score(p.a), score(p.b)
	var n, sx, sy, sxx, syy, sxy float64
	cc := len(y)
	for a := range x {
		for b := range y {
			c := p.counts[a*cc+b]
			n += c
			sx += c * x[a]
			sy += c * y[b]
			sxx += c * x[a] * x[a]
			syy += c * y[b] * y[b]
			sxy += c * x[a] * y[b]
		}
	}
	r := (n*sxy - sx*sy) / math.Sqrt((n*sxx-sx*sx)*(n*syy-sy*sy))
	if math.IsNaN(r) {
		return 0
	}
	return r
}

// normPDF is the standard normal density; 0 at ±Inf.
func normPDF(x float64) float64 {
	if math.IsInf(x, 0) {
		return 0
	}
	return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi)
}
