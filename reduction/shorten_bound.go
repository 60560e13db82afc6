package reduction

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// EigenBound returns, for each length N = 0 … p, the largest I any N
// items of the correlation matrix r can retain: the sum of the N largest
// eigenvalues of R divided by p. Any N-item form predicts the items by
// projection onto the span of N variables, and no N linear combinations
// of the items explain more of their total variance than the first N
// principal components (Ky Fan's maximum principle; Jolliffe, Principal
// Component Analysis, 2nd ed., §2.1).
func EigenBound(r *mat.SymDense) ([]float64, error) {
	p := r.SymmetricDim()
	var eig mat.EigenSym
	if !eig.Factorize(r, false) {
		return nil, errEigen
	}
	return cumulativeTop(eig.Values(nil), float64(p)), nil
}

// cumulativeTop returns, for m = 0 … len(vals), the sum of the m largest
// of vals divided by div.
func cumulativeTop(vals []float64, div float64) []float64 {
	v := append([]float64(nil), vals...)
	sort.Sort(sort.Reverse(sort.Float64Slice(v)))
	out := make([]float64, len(v)+1)
	for m, x := range v {
		out[m+1] = out[m] + math.Max(x, 0)/div
	}
	return out
}

// constrainedBound returns, for each number m of further items, the
// largest I a form can reach that keeps the items forced (and so the
// residual E_F of s, whose kept items are exactly those) and adds m items
// of allowed (items not kept in s):
//
//	I ≤ (p − tr(E_F) + Σ_{l≤m} λ_l) / p
//
// where λ_1 ≥ λ_2 ≥ … are the eigenvalues of L⁻¹·(E_F²)_AA·L⁻ᵀ with
// L·Lᵀ = (E_F)_AA, A the allowed items. Adding a set M ⊆ A lowers the
// trace by tr((E_F)_MM⁻¹ (E_F²)_MM), a generalized Rayleigh trace that
// no m-column matrix W over A can push above the sum of the m largest
// generalized eigenvalues of ((E_F²)_AA, (E_F)_AA) (Ky Fan's maximum
// principle for the pencil). It is never above EigenBound: p − tr(E_F)
// plus the best m directions of what F leaves is at most the best
// |F| + m directions of R. Themes and composites are not used: the bound
// holds for the relaxed problem, and so for the constrained one.
func constrainedBound(s *residual, allowed []int) ([]float64, error) {
	p := s.p
	base := float64(p) - s.trace()
	a := len(allowed)
	if a == 0 {
		return []float64{base / float64(p)}, nil
	}
	eaa := mat.NewSymDense(a, nil)
	ea := mat.NewDense(a, p, nil) // rows of E_F for A
	for x, i := range allowed {
		copy(ea.RawRowView(x), s.e[i*p:(i+1)*p])
		for y := x; y < a; y++ {
			eaa.SetSym(x, y, s.e[i*p+allowed[y]])
		}
	}
	var sq mat.SymDense
	sq.SymOuterK(1, ea) // (E_F²)_AA = E_A: · E_:A
	var ch mat.Cholesky
	if !ch.Factorize(eaa) {
		return nil, errEigen
	}
	var l mat.TriDense
	ch.LTo(&l)
	// M = L⁻¹ · S · L⁻ᵀ
	var y, m mat.Dense
	if err := y.Solve(&l, &sq); err != nil {
		return nil, errEigen
	}
	if err := m.Solve(&l, y.T()); err != nil {
		return nil, errEigen
	}
	sym := mat.NewSymDense(a, nil)
	for x := range a {
		for z := x; z < a; z++ {
			sym.SetSym(x, z, (m.At(x, z)+m.At(z, x))/2)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(sym, false) {
		return nil, errEigen
	}
	top := cumulativeTop(eig.Values(nil), float64(p))
	for i := range top {
		top[i] += base / float64(p)
	}
	return top, nil
}

// errEigen reports a failed decomposition, which a positive definite
// matrix does not give.
var errEigen = errorString("the eigenvalues of the correlation matrix could not be computed")

type errorString string

func (e errorString) Error() string { return string(e) }
