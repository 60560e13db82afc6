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
// Newton step is below 1e-6 (the error then of the order of 1e-12). Both
// derivatives are exact: ∂Φ₂/∂ρ = φ₂ (Plackett 1954), and ∂φ₂/∂ρ is in
// bvnDensityDRho. The standard error is that of the two-step estimate
// with the thresholds taken as known, 1/√(−ℓ″(ρ̂)), as polycor's two-step
// std.err (there from a numerical second derivative), with ℓ″(ρ̂) carried
// from the last ρ evaluated along the line through the last two; NaN when
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
	var st polyStore
	rows, cols, counts := nonEmpty(t, &st)
	var n int64
	for _, c := range counts {
		n += c
	}
	out := PolychoricR{R: math.NaN(), SE: math.NaN(), N: n}
	if n < itembank.MinPairN || len(rows) < 2 || len(cols) < 2 {
		return out, false
	}
	p := newPolyLik(&st, rows, cols, counts, n)
	lo, hi := -maxPolychoric, maxPolychoric
	rho := max(lo/2, min(hi/2, p.start(&st)))
	d2 := math.NaN()
	for k := range 200 {
		// The first step, from the start, is taken on a coarse grid of Φ₂
		// (newBVNGrid), which leaves the bracket alone; every later one,
		// and so the end of the search and ℓ″, on the full grid.
		coarse := k == 0
		var d1, d3 float64
		d1, d2, d3 = p.derivs(rho, coarse)
		switch {
		case coarse:
		case d1 > 0:
			lo = rho
		default:
			hi = rho
		}
		// Halley's step, Newton's when Halley's leaves the bracket, else
		// the bracket's middle.
		step := -2 * d1 * d2 / (2*d2*d2 - d1*d3)
		next := rho + step
		halley := d2 < 0 && !math.IsNaN(next) && next > lo && next < hi
		if !halley {
			step = -d1 / d2
			next = rho + step
		}
		newton := halley || (d2 < 0 && !math.IsNaN(next) && next > lo && next < hi)
		if !newton {
			next = (lo + hi) / 2
		}
		// After a Halley step of s the error is of the order of s³, after
		// a Newton step of s²: a Halley step below 1e-5 or a Newton step
		// below 1e-6 leaves ρ within about 1e-12 of the maximum.
		done := !coarse && ((halley && math.Abs(step) < 1e-5) || (newton && math.Abs(step) < 1e-6) || hi-lo < 1e-12)
		rho = next
		if done {
			// ℓ″ at the estimate, from the last ρ evaluated: the error is
			// of the order of the step squared.
			if newton {
				d2 += d3 * step
			}
			break
		}
	}
	// Close to a bound the search never went past, a step can be small
	// while the likelihood still rises at the bound itself.
	switch {
	case rho > 0.99 && hi == maxPolychoric:
		if d1, _, _ := p.derivs(maxPolychoric, false); d1 > 0 {
			rho = maxPolychoric
		}
	case rho < -0.99 && lo == -maxPolychoric:
		if d1, _, _ := p.derivs(-maxPolychoric, false); d1 < 0 {
			rho = -maxPolychoric
		}
	}
	// A likelihood still rising at a bound leaves the search there.
	if rho > maxPolychoric-1e-9 || rho < -maxPolychoric+1e-9 {
		out.R = math.Copysign(maxPolychoric, rho)
		return out, true
	}
	out.R = rho
	if d2 < 0 {
		out.SE = 1 / math.Sqrt(-d2)
	}
	return out, true
}

// polyPoints is the most rows or columns of a table that Polychoric
// works on in its own fixed storage (polyStore); a larger table, which
// itembank does not make, takes storage from the heap. The r is computed
// alike either way.
const polyPoints = itembank.MaxTablePoints

// A polyStore holds the working arrays of one Polychoric call, so that a
// table of up to polyPoints rows and columns needs no allocation: the
// call is made for every pair of items.
type polyStore struct {
	rowSum, colSum, rows, cols [polyPoints]int64
	keepR, keepC               [polyPoints]int
	counts                     [polyPoints * polyPoints]int64
	fcounts                    [polyPoints * polyPoints]float64
	a, b, qa, qb, sa, sb       [polyPoints + 1]float64
	cdf, pdf, dpdf, d2pdf      [(polyPoints + 1) * (polyPoints + 1)]float64
}

// floatBuf returns buf[:n], or new storage when buf is too short.
func floatBuf(buf []float64, n int) []float64 {
	if n <= len(buf) {
		return buf[:n]
	}
	return make([]float64, n)
}

// int64Buf returns buf[:n], or new storage when buf is too short.
func int64Buf(buf []int64, n int) []int64 {
	if n <= len(buf) {
		return buf[:n]
	}
	return make([]int64, n)
}

// intBuf returns buf[:0] with room for n, or new storage.
func intBuf(buf []int, n int) []int {
	if n <= len(buf) {
		return buf[:0]
	}
	return make([]int, 0, n)
}

// nonEmpty returns the row and column totals of t without the rows and
// columns that count nobody, and the counts of the cells that remain, in
// st's storage when they fit.
func nonEmpty(t itembank.PairTable, st *polyStore) (rows, cols []int64, counts []int64) {
	rowSum, colSum := int64Buf(st.rowSum[:], t.Rows), int64Buf(st.colSum[:], t.Cols)
	clear(rowSum)
	clear(colSum)
	for a := range t.Rows {
		for b := range t.Cols {
			c := t.At(a, b)
			rowSum[a] += c
			colSum[b] += c
		}
	}
	keepR, keepC := intBuf(st.keepR[:], t.Rows), intBuf(st.keepC[:], t.Cols)
	rows, cols = int64Buf(st.rows[:], t.Rows)[:0], int64Buf(st.cols[:], t.Cols)[:0]
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
	counts = int64Buf(st.counts[:], len(keepR)*len(keepC))[:0]
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
	// Per corner (i, j), 0 ≤ i ≤ r, 0 ≤ j ≤ c: Φ₂, φ₂, ∂φ₂/∂ρ and ∂²φ₂/∂ρ²
	// at ρ.
	cdf, pdf, dpdf, d2pdf []float64
}

// newPolyLik returns the likelihood of the table with the given row and
// column totals and counts (n in all), its arrays in st's storage when
// they fit.
func newPolyLik(st *polyStore, rows, cols, counts []int64, n int64) polyLik {
	var p polyLik
	cuts := func(c []float64, tot []int64) {
		c[0], c[len(tot)] = math.Inf(-1), math.Inf(1)
		var cum int64
		for i := range len(tot) - 1 {
			cum += tot[i]
			c[i+1] = normQuantile(float64(cum) / float64(n))
		}
	}
	p.a, p.b = floatBuf(st.a[:], len(rows)+1), floatBuf(st.b[:], len(cols)+1)
	cuts(p.a, rows)
	cuts(p.b, cols)
	p.counts = floatBuf(st.fcounts[:], len(counts))
	for k, c := range counts {
		p.counts[k] = float64(c)
	}
	p.qa, p.qb = floatBuf(st.qa[:], len(p.a)), floatBuf(st.qb[:], len(p.b))
	for i, h := range p.a {
		p.qa[i] = normCDF(h)
	}
	for i, k := range p.b {
		p.qb[i] = normCDF(k)
	}
	corners := len(p.a) * len(p.b)
	p.cdf, p.pdf = floatBuf(st.cdf[:], corners), floatBuf(st.pdf[:], corners)
	p.dpdf, p.d2pdf = floatBuf(st.dpdf[:], corners), floatBuf(st.d2pdf[:], corners)
	return p
}

// derivs returns ℓ′(ρ), ℓ″(ρ) and ℓ‴(ρ): with gₐᵦ = P′ₐᵦ/Pₐᵦ,
//
//	ℓ′ = Σ nₐᵦ·g,  ℓ″ = Σ nₐᵦ·(P″/P − g²),  ℓ‴ = Σ nₐᵦ·(P‴/P − 3g·P″/P + 2g³),
//
// with P′, P″ and P‴ the same differences over the corners of φ₂, ∂φ₂/∂ρ
// and ∂²φ₂/∂ρ²; Φ₂ on a coarse grid when asked (newBVNGrid).
func (p *polyLik) derivs(rho float64, coarse bool) (d1, d2, d3 float64) {
	nb := len(p.b)
	grid := newBVNGrid(rho, coarse)
	for i, h := range p.a {
		for j, k := range p.b {
			c := i*nb + j
			switch {
			case math.IsInf(h, -1) || math.IsInf(k, -1):
				p.cdf[c] = 0
			case math.IsInf(h, 1):
				p.cdf[c] = p.qb[j] // Φ₂(∞, k) = Φ(k), whatever ρ
			case math.IsInf(k, 1):
				p.cdf[c] = p.qa[i]
			default:
				p.cdf[c] = grid.lower(h, k, p.qa[i], p.qb[j])
			}
			p.pdf[c] = bvnDensity(h, k, rho)
			p.dpdf[c] = bvnDensityDRho(h, k, rho, p.pdf[c])
			p.d2pdf[c] = bvnDensityD2Rho(h, k, rho, p.pdf[c])
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
			q := (p.d2pdf[c11] - p.d2pdf[c01] - p.d2pdf[c10] + p.d2pdf[c00]) / prob
			d1 += n * g
			d2 += n * (h - g*g)
			d3 += n * (q - 3*g*h + 2*g*g*g)
		}
	}
	return d1, d2, d3
}

// start returns Pearson's r of the normal scores of the table's rows and
// columns (the mean of the normal density between thresholds), a value
// near the polychoric r for Newton's method to start from.
func (p *polyLik) start(st *polyStore) float64 {
	score := func(buf []float64, cuts, q []float64) []float64 {
		out := floatBuf(buf, len(cuts)-1)
		for i := range out {
			mass := q[i+1] - q[i] // Φ(cuts[i+1]) − Φ(cuts[i])
			out[i] = (normPDF(cuts[i]) - normPDF(cuts[i+1])) / mass
		}
		return out
	}
	x, y := score(st.sa[:], p.a, p.qa), score(st.sb[:], p.b, p.qb)
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
