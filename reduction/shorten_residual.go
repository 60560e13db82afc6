package reduction

import (
	"errors"

	"gonum.org/v1/gonum/mat"
)

// The information a set of kept items K retains about all p items of a
// correlation matrix R (Shorten's objective):
//
//	I(K) = (1/p) · Σⱼ R²(j | K),   R²(j | K) = r_jK · R_KK⁻¹ · r_Kj
//
// is 1 − tr(E_K)/p with E_K = R − R_:K · R_KK⁻¹ · R_K: the residual
// (partial) covariance matrix of the items given K. A residual keeps E_K
// and P = R_KK⁻¹ and changes them by rank-one updates (Schur complements)
// as items come and go, so that no candidate needs a fresh inverse:
//
//	adding c:    E ← E − e_c e_cᵀ / E_cc          (e_c the column c of E)
//	             P ← [P + b bᵀ/s, −b/s; −bᵀ/s, 1/s],  b = P·r_Kc, s = E_cc
//	removing a:  E ← E + β_a β_aᵀ / P_aa          (β_a the row a of P·R_K:)
//	             P ← P₋ₐ₋ₐ − P₋ₐ,ₐ Pₐ,₋ₐ / P_aa
//
// (the formulas of the partitioned inverse; e.g. Golub & Van Loan,
// Matrix Computations, 4th ed., §3.4 and §6.5). So the gain of adding c
// is ‖e_c‖²/E_cc and the loss of removing a is ‖β_a‖²/P_aa, both in
// units of the trace.
type residual struct {
	p    int
	r    []float64 // R, p×p row-major
	e    []float64 // E_K, p×p row-major
	kept []int     // K in the order of pinv's rows
	pos  []int     // per item its row in pinv, −1 when not kept
	pinv []float64 // P = R_KK⁻¹, stride cap
	cap  int
	// swaps counts the exchanges the search made (formProblem.improve).
	swaps int
}

// newResidual starts with nothing kept: E = R. capacity is the largest
// number of items that will be kept at once.
func newResidual(r *mat.SymDense, capacity int) *residual {
	p := r.SymmetricDim()
	s := &residual{p: p, r: make([]float64, p*p), e: make([]float64, p*p), pos: make([]int, p), cap: max(capacity, 1)}
	for i := range p {
		for j := range p {
			s.r[i*p+j] = r.At(i, j)
		}
		s.pos[i] = -1
	}
	copy(s.e, s.r)
	s.pinv = make([]float64, s.cap*s.cap)
	return s
}

// trace returns tr(E_K), the standardized variance K leaves unexplained.
func (s *residual) trace() float64 {
	t := 0.0
	for i := range s.p {
		t += s.e[i*s.p+i]
	}
	return t
}

// information returns I(K) = 1 − tr(E_K)/p.
func (s *residual) information() float64 { return 1 - s.trace()/float64(s.p) }

// addGain returns ‖e_c‖²/E_cc, the fall of the trace when c is added; 0
// when c is explained already (E_cc ≤ 0 in floating point).
func (s *residual) addGain(c int) float64 {
	d := s.e[c*s.p+c]
	if d <= 0 || s.pos[c] >= 0 {
		return 0
	}
	sq := 0.0
	for j := range s.p {
		v := s.e[j*s.p+c]
		sq += v * v
	}
	return sq / d
}

// errSingular reports an item that the kept items explain entirely, so
// that keeping it too would make R_KK singular.
var errSingular = errors.New("the item is a linear combination of the kept items")

// add keeps item c.
func (s *residual) add(c int) error {
	p, k := s.p, len(s.kept)
	d := s.e[c*p+c]
	if !(d > 1e-13) {
		return errSingular
	}
	if k >= s.cap {
		s.grow(k + 1)
	}
	// b = P·r_Kc
	b := make([]float64, k)
	for a := range k {
		sum := 0.0
		for l := range k {
			sum += s.pinv[a*s.cap+l] * s.r[s.kept[l]*p+c]
		}
		b[a] = sum
	}
	for a := range k {
		for l := range k {
			s.pinv[a*s.cap+l] += b[a] * b[l] / d
		}
		s.pinv[a*s.cap+k] = -b[a] / d
		s.pinv[k*s.cap+a] = -b[a] / d
	}
	s.pinv[k*s.cap+k] = 1 / d
	col := make([]float64, p)
	for j := range p {
		col[j] = s.e[j*p+c]
	}
	s.rankOne(col, -1/d)
	s.kept = append(s.kept, c)
	s.pos[c] = k
	return nil
}

// beta returns β_a, row a of P·R_K: (the coefficients of a in the
// regression of every item on K), for the kept item a.
func (s *residual) beta(a int) []float64 {
	p, q := s.p, s.pos[a]
	out := make([]float64, p)
	for l, item := range s.kept {
		f := s.pinv[q*s.cap+l]
		row := s.r[item*p : (item+1)*p]
		for j := range p {
			out[j] += f * row[j]
		}
	}
	return out
}

// removeLoss returns ‖β_a‖²/P_aa, the rise of the trace when the kept
// item a is removed.
func (s *residual) removeLoss(a int) float64 {
	b := s.beta(a)
	sq := 0.0
	for _, v := range b {
		sq += v * v
	}
	return sq / s.pinv[s.pos[a]*s.cap+s.pos[a]]
}

// remove drops the kept item a.
func (s *residual) remove(a int) {
	q, k := s.pos[a], len(s.kept)
	b := s.beta(a)
	paa := s.pinv[q*s.cap+q]
	s.rankOne(b, 1/paa)
	for x := range k {
		for y := range k {
			if x != q && y != q {
				s.pinv[x*s.cap+y] -= s.pinv[x*s.cap+q] * s.pinv[q*s.cap+y] / paa
			}
		}
	}
	// Move the last row and column into q.
	last := k - 1
	if q != last {
		for y := range k {
			s.pinv[q*s.cap+y] = s.pinv[last*s.cap+y]
		}
		for x := range k {
			s.pinv[x*s.cap+q] = s.pinv[x*s.cap+last]
		}
		s.pinv[q*s.cap+q] = s.pinv[last*s.cap+last]
		s.kept[q] = s.kept[last]
		s.pos[s.kept[q]] = q
	}
	s.kept = s.kept[:last]
	s.pos[a] = -1
}

// rankOne adds w·v·vᵀ to E.
func (s *residual) rankOne(v []float64, w float64) {
	p := s.p
	for i := range p {
		if v[i] == 0 {
			continue
		}
		f := w * v[i]
		row := s.e[i*p : (i+1)*p]
		for j := range p {
			row[j] += f * v[j]
		}
	}
}

// grow enlarges the stride of pinv.
func (s *residual) grow(capacity int) {
	k := len(s.kept)
	n := make([]float64, capacity*capacity)
	for x := range k {
		copy(n[x*capacity:x*capacity+k], s.pinv[x*s.cap:x*s.cap+k])
	}
	s.pinv, s.cap = n, capacity
}

// refresh recomputes E and P from R with a fresh Cholesky factorization,
// so that rounding from many updates does not accumulate.
func (s *residual) refresh() error {
	k, p := len(s.kept), s.p
	if k == 0 {
		copy(s.e, s.r)
		return nil
	}
	rkk := mat.NewSymDense(k, nil)
	w := mat.NewDense(p, k, nil) // R_:K
	for x, i := range s.kept {
		for y := x; y < k; y++ {
			rkk.SetSym(x, y, s.r[i*p+s.kept[y]])
		}
		for j := range p {
			w.Set(j, x, s.r[j*p+i])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(rkk) {
		return errSingular
	}
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return err
	}
	for x := range k {
		for y := range k {
			s.pinv[x*s.cap+y] = inv.At(x, y)
		}
	}
	var t, q mat.Dense
	t.Mul(w, &inv)
	q.Mul(&t, w.T())
	for i := range p {
		for j := range p {
			s.e[i*p+j] = s.r[i*p+j] - q.At(i, j)
		}
	}
	for _, i := range s.kept {
		for j := range p {
			s.e[i*p+j], s.e[j*p+i] = 0, 0
		}
	}
	return nil
}

// InformationRetained returns I(K) for the kept items (indices into r)
// with one Cholesky factorization of R_KK: the share of the standardized
// variance of all items that a linear prediction from the kept items
// recovers. It is an error when R_KK is not positive definite.
func InformationRetained(r *mat.SymDense, kept []int) (float64, error) {
	s := newResidual(r, len(kept))
	s.kept = append(s.kept, kept...)
	for x, i := range kept {
		if s.pos[i] >= 0 {
			return 0, errors.New("an item is listed twice")
		}
		s.pos[i] = x
	}
	if err := s.refresh(); err != nil {
		return 0, err
	}
	return s.information(), nil
}
