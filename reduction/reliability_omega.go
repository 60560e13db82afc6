package reduction

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Errors of the one-factor fit.
var (
	// ErrTooFewItems reports a one-factor fit to fewer than three items,
	// which does not determine the loadings.
	ErrTooFewItems = errors.New("a one-factor model needs at least 3 items")
	// ErrUndefinedEntry reports a correlation matrix with a NaN entry.
	ErrUndefinedEntry = errors.New("the correlation matrix has an undefined entry")
	// ErrNoConvergence reports a fit that did not reach a minimum.
	ErrNoConvergence = errors.New("the one-factor fit did not converge")
)

// MaxCommunality is the largest communality λᵢ² a minres fit gives an
// item: psych::fa bounds each uniqueness 1 − λᵢ² below by 0.005.
const MaxCommunality = 0.995

// MinresLoadings returns the loadings λ of the one-factor model
// rᵢⱼ ≈ λᵢλⱼ fitted to the correlation matrix r by minimum residuals
// (unweighted least squares on the entries off the diagonal; Harman and
// Jones 1966), as psych::fa(r, nfactors = 1, fm = "minres") fits it:
//
//	minimize  Σᵢ Σⱼ≠ᵢ (rᵢⱼ − λᵢλⱼ)²
//
// with the sign making Σᵢ λᵢ ≥ 0. psych::fa searches the uniquenesses
// ψᵢ ∈ [0.005, 1] by L-BFGS-B, guided by the gradient diag(λλᵀ + Ψ − r)
// with λ = √μ·v from the leading eigenpair (μ, v) of r with diagonal
// 1 − ψ. Where that gradient vanishes, ψᵢ = 1 − λᵢ², λ is the minimizer
// above; in a Heywood case some ψᵢ stop at the bound 0.005. This function
// finds the same point on λ, from psych's start (the squared multiple
// correlations as communalities), by L-BFGS and Newton steps (gonum
// optimize) to a gradient below 1e-12: first unconstrained, then, for each
// item whose communality exceeds MaxCommunality, with its diagonal held at
// 0.995, which adds (0.995 − λᵢ²)² to the criterion, until no further item
// exceeds it. psych stops at a relative change of the criterion of about
// 1e-8, so the two agree to about 1e-6. In a Heywood case the criterion is
// flat and psych's stopping point depends on its path (about 1e-4 from the
// fixed point in TestMinres); this function returns the fixed point, and
// the reliability output warns of the Heywood case (scaleWarnings).
//
// Missing data: r may be a pairwise correlation matrix (psych::omega
// computes cor(x, use = "pairwise")). It returns ErrTooFewItems for fewer
// than 3 items, ErrUndefinedEntry when an entry is NaN, and
// ErrNoConvergence when no minimum is found.
func MinresLoadings(r mat.Symmetric) ([]float64, error) {
	k := r.SymmetricDim()
	if k < 3 {
		return nil, ErrTooFewItems
	}
	for i := range k {
		for j := i; j < k; j++ {
			if math.IsNaN(r.At(i, j)) {
				return nil, ErrUndefinedEntry
			}
		}
	}
	lambda := minresStart(r)
	pinned := make([]bool, k)
	for range k + 1 {
		var err error
		if lambda, err = minresNewton(r, lambda, pinned); err != nil {
			return nil, err
		}
		changed := false
		for i, l := range lambda {
			if !pinned[i] && l*l > MaxCommunality {
				pinned[i], changed = true, true
			}
		}
		if !changed {
			var sum float64
			for _, l := range lambda {
				sum += l
			}
			if sum < 0 {
				for i := range lambda {
					lambda[i] = -lambda[i]
				}
			}
			return lambda, nil
		}
	}
	return nil, ErrNoConvergence
}

// minresStart returns psych::fa's starting point: the leading eigenpair
// of r with the squared multiple correlations on the diagonal (1 − the
// starting uniquenesses), or, when r is singular, the largest absolute
// correlation of each item.
func minresStart(r mat.Symmetric) []float64 {
	k := r.SymmetricDim()
	start := mat.NewSymDense(k, nil)
	start.CopySym(r)
	var chol mat.Cholesky
	var inv mat.SymDense
	smc := chol.Factorize(r) && chol.InverseTo(&inv) == nil
	for i := range k {
		d := 0.0
		if smc {
			d = 1 - 1/inv.At(i, i)
		} else {
			for j := range k {
				if j != i {
					d = max(d, math.Abs(r.At(i, j)))
				}
			}
		}
		start.SetSym(i, i, d)
	}
	return leadingFactor(start)
}

// leadingFactor returns √μ·v for the leading eigenpair (μ, v) of s, 0 when
// μ ≤ 0 (the loadings psych's FAout.wls computes). Only a starting point
// needs it, so power iterations do when the leading eigenvalue dominates,
// as it does for items that share a factor; else the eigenvalue comes
// from gonum's EigenSym and its vector from inverse iteration.
func leadingFactor(s mat.Symmetric) []float64 {
	k := s.SymmetricDim()
	v, w := mat.NewVecDense(k, nil), mat.NewVecDense(k, nil)
	for i := range k {
		v.SetVec(i, 1/math.Sqrt(float64(k)))
	}
	for range 100 {
		w.MulVec(s, v)
		norm := mat.Norm(w, 2)
		if norm == 0 {
			break
		}
		w.ScaleVec(1/norm, w)
		v, w = w, v
	}
	w.MulVec(s, v)
	mu := mat.Dot(v, w)
	w.AddScaledVec(w, -mu, v) // the residual s·v − μ·v
	out := make([]float64, k)
	if mu > 0 && mat.Norm(w, 2) <= 1e-4*mu {
		for i := range out {
			out[i] = v.AtVec(i) * math.Sqrt(mu)
		}
		return out
	}
	// The leading eigenvalue alone, then its vector by inverse iteration
	// from v: cheaper than every eigenvector.
	var eig mat.EigenSym
	if !eig.Factorize(s, false) {
		return out
	}
	vals := eig.Values(nil)
	mu = vals[len(vals)-1] // ascending order
	shifted := mat.NewDense(k, k, nil)
	shifted.Copy(s)
	sigma := mu + 1e-10*max(1, math.Abs(mu))
	for i := range k {
		shifted.Set(i, i, shifted.At(i, i)-sigma)
	}
	var lu mat.LU
	lu.Factorize(shifted)
	for range 3 {
		if err := lu.SolveVecTo(w, false, v); err != nil {
			return out
		}
		w.ScaleVec(1/mat.Norm(w, 2), w)
		v, w = w, v
	}
	f := math.Sqrt(max(mu, 0))
	for i := range out {
		out[i] = v.AtVec(i) * f
		if math.IsNaN(out[i]) {
			return fullLeadingFactor(s)
		}
	}
	return out
}

// fullLeadingFactor is leadingFactor by a full eigendecomposition.
func fullLeadingFactor(s mat.Symmetric) []float64 {
	out := make([]float64, s.SymmetricDim())
	var eig mat.EigenSym
	if !eig.Factorize(s, true) {
		return out
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	top := len(vals) - 1 // ascending order
	f := math.Sqrt(max(vals[top], 0))
	for i := range out {
		out[i] = vecs.At(i, top) * f
	}
	return out
}

// minresProblem is the criterion of the fit, Σᵢ Σⱼ≠ᵢ (rᵢⱼ − λᵢλⱼ)² plus
// (0.995 − λᵢ²)² for each pinned item, with its derivatives.
type minresProblem struct {
	k      int
	r      []float64 // row-major copy of the correlations
	pinned []bool
}

func newMinresProblem(r mat.Symmetric, pinned []bool) *minresProblem {
	k := r.SymmetricDim()
	p := &minresProblem{k: k, r: make([]float64, k*k), pinned: pinned}
	for i := range k {
		for j := range k {
			p.r[i*k+j] = r.At(i, j)
		}
	}
	return p
}

func (p *minresProblem) f(x []float64) float64 {
	var f float64
	for i := range p.k {
		row := p.r[i*p.k:]
		for j := i + 1; j < p.k; j++ {
			d := row[j] - x[i]*x[j]
			f += 2 * d * d
		}
		if p.pinned[i] {
			d := MaxCommunality - x[i]*x[i]
			f += d * d
		}
	}
	return f
}

func (p *minresProblem) grad(g, x []float64) {
	for i := range p.k {
		row := p.r[i*p.k:]
		var s float64
		for j := range p.k {
			if j != i {
				s += (row[j] - x[i]*x[j]) * x[j]
			}
		}
		g[i] = -4 * s
		if p.pinned[i] {
			g[i] -= 4 * (MaxCommunality - x[i]*x[i]) * x[i]
		}
	}
}

func (p *minresProblem) hess(h *mat.SymDense, x []float64) {
	var sq float64
	for _, v := range x {
		sq += v * v
	}
	for i := range p.k {
		d := 4 * (sq - x[i]*x[i])
		if p.pinned[i] {
			d += -4*MaxCommunality + 12*x[i]*x[i]
		}
		h.SetSym(i, i, d)
		for j := i + 1; j < p.k; j++ {
			h.SetSym(i, j, -4*p.r[i*p.k+j]+8*x[i]*x[j])
		}
	}
}

// minresNewton minimizes the criterion from lambda: L-BFGS (gonum
// optimize), which needs only the gradient, then Newton steps to a
// gradient below 1e-12; gonum's Newton method with its line search when
// those steps find no minimum nearby.
func minresNewton(r mat.Symmetric, lambda []float64, pinned []bool) ([]float64, error) {
	mp := newMinresProblem(r, pinned)
	p := optimize.Problem{Func: mp.f, Grad: mp.grad, Hess: mp.hess}
	settings := &optimize.Settings{GradientThreshold: 1e-10, MajorIterations: 1000,
		Converger: &optimize.FunctionConverge{Absolute: 0, Relative: 0, Iterations: 50}}
	var status optimize.Status
	for _, method := range []optimize.Method{&optimize.LBFGS{}, &optimize.Newton{}} {
		res, err := optimize.Minimize(p, lambda, settings, method)
		if res == nil {
			return nil, fmt.Errorf("%w: %v", ErrNoConvergence, err)
		}
		if x, ok := polish(mp, res.X); ok {
			return x, nil
		}
		status = res.Status
	}
	return nil, fmt.Errorf("%w (%v)", ErrNoConvergence, status)
}

// polish takes Newton steps from x while they shrink the gradient, and
// reports whether it ends below 1e-12 (or, rounding permitting, 1e-10):
// near the minimum, rounding in the criterion ends a line search (a
// Failure status) with the gradient still about 1e-9, where a Newton step,
// which needs no criterion, is exact.
func polish(mp *minresProblem, x []float64) ([]float64, bool) {
	k := len(x)
	g, next := make([]float64, k), make([]float64, k)
	mp.grad(g, x)
	h := mat.NewSymDense(k, nil)
	for range 8 {
		if floats.Norm(g, math.Inf(1)) < 1e-12 {
			break
		}
		mp.hess(h, x)
		var chol mat.Cholesky
		if !chol.Factorize(h) {
			break
		}
		var d mat.VecDense
		if err := chol.SolveVecTo(&d, mat.NewVecDense(k, g)); err != nil {
			break
		}
		for i := range next {
			next[i] = x[i] - d.AtVec(i)
		}
		gn := make([]float64, k)
		mp.grad(gn, next)
		if !(floats.Norm(gn, math.Inf(1)) < floats.Norm(g, math.Inf(1))) {
			break
		}
		x, g, next = next, gn, x
	}
	v := floats.Norm(g, math.Inf(1))
	return x, v <= 1e-10
}

// OmegaTotal returns McDonald's omega total of the unweighted sum of the
// items with correlation matrix r, from the one-factor minres fit of
// MinresLoadings, as psych::omega(r, nfactors = 1) reports it (omega.tot;
// McDonald 1999, ch. 6; Revelle, psych manual: omega):
//
//	ω_t = 1 − Σᵢ (1 − λᵢ²) / Σᵢ Σⱼ sᵢsⱼrᵢⱼ,   sᵢ = sign(λᵢ)
//
// The denominator is the observed variance of the standardized total,
// as in psych, rather than the model's (Σᵢ λᵢ)² + Σᵢ (1 − λᵢ²); the two
// agree when one factor fits exactly. An item loading negatively counts
// reversed (sᵢ = −1), as psych::omega does by default (flip = TRUE).
// Missing data as MinresLoadings; NaN when the fit fails (fewer than 3
// items, an undefined entry, no convergence).
func OmegaTotal(r mat.Symmetric) float64 {
	lambda, err := MinresLoadings(r)
	if err != nil {
		return math.NaN()
	}
	return omegaTotal(r, lambda)
}

// omegaTotal returns ω_t of r with loadings lambda.
func omegaTotal(r mat.Symmetric, lambda []float64) float64 {
	k := len(lambda)
	sign := make([]float64, k)
	var uniq float64
	for i, l := range lambda {
		sign[i] = 1
		if l < 0 {
			sign[i] = -1
		}
		uniq += 1 - l*l
	}
	var vt float64
	for i := range k {
		for j := range k {
			vt += sign[i] * sign[j] * r.At(i, j)
		}
	}
	if vt == 0 {
		return math.NaN()
	}
	return 1 - uniq/vt
}

// An omegaFit is the one-factor fit behind a scale's omega total.
type omegaFit struct {
	omega    float64
	loadings []float64
	err      error
}

// fitOmega fits r and computes omega total, keeping the loadings for the
// warnings.
func fitOmega(r mat.Symmetric) omegaFit {
	lambda, err := MinresLoadings(r)
	if err != nil {
		return omegaFit{omega: math.NaN(), err: err}
	}
	return omegaFit{omega: omegaTotal(r, lambda), loadings: lambda}
}
