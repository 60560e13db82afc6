package reduction

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
)

// smoothEigTol is psych::cor.smooth's eig.tol: eigenvalues below it are
// raised to 100 times it.
const smoothEigTol = 1e-12

// CorSmooth returns a positive definite version of the correlation matrix
// r as psych::cor.smooth (Revelle, psych manual: cor.smooth) makes it,
// and whether it had to change r. When the smallest eigenvalue of r is
// below the machine epsilon (2.22e-16), as a pairwise correlation matrix
// can have, every eigenvalue below 10⁻¹² is set to 10⁻¹⁰, the eigenvalues
// are rescaled to sum to the number of items p, and the matrix rebuilt
// from them is turned back into correlations:
//
//	λᵢ' = p · λ̃ᵢ / Σₗ λ̃ₗ,  λ̃ᵢ = max(λᵢ, 10⁻¹⁰ when λᵢ < 10⁻¹²)
//	X = V · diag(λ') · Vᵀ,  r'ᵢⱼ = Xᵢⱼ / sqrt(Xᵢᵢ · Xⱼⱼ)
//
// Otherwise r is returned as it is. An error reports an entry that is
// NaN or a decomposition that failed.
func CorSmooth(r mat.Symmetric) (*mat.SymDense, bool, error) {
	p := r.SymmetricDim()
	out := mat.NewSymDense(max(p, 1), nil)
	if p == 0 {
		return &mat.SymDense{}, false, nil
	}
	for i := range p {
		for j := i; j < p; j++ {
			v := r.At(i, j)
			if math.IsNaN(v) {
				return nil, false, errors.New("the correlation matrix has an undefined entry")
			}
			out.SetSym(i, j, v)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(out, false) {
		return nil, false, errors.New("the eigenvalues of the correlation matrix could not be computed")
	}
	if floats64Min(eig.Values(nil)) >= epsilon {
		return out, false, nil
	}
	// Only now the eigenvectors, which cost several times the values.
	if !eig.Factorize(out, true) {
		return nil, false, errors.New("the eigenvectors of the correlation matrix could not be computed")
	}
	vals := eig.Values(nil)
	total := 0.0
	for i, v := range vals {
		if v < smoothEigTol {
			vals[i] = 100 * smoothEigTol
		}
		total += vals[i]
	}
	for i := range vals {
		vals[i] *= float64(p) / total
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	x := mat.NewDense(p, p, nil)
	scaled := mat.DenseCopyOf(&vecs)
	for j := range p {
		for i := range p {
			scaled.Set(i, j, scaled.At(i, j)*vals[j])
		}
	}
	x.Mul(scaled, vecs.T())
	for i := range p {
		for j := i; j < p; j++ {
			if i == j {
				out.SetSym(i, i, 1)
				continue
			}
			out.SetSym(i, j, x.At(i, j)/math.Sqrt(x.At(i, i)*x.At(j, j)))
		}
	}
	return out, true, nil
}

// epsilon is R's .Machine$double.eps, 2⁻⁵².
const epsilon = 0x1p-52

func floats64Min(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}
