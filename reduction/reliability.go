package reduction

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Internal consistency of a scale, from the matrix of its items'
// covariances or correlations: the estimators psych::alpha reports
// (Revelle, psych manual: alpha), each on a matrix so that it works on
// summaries as well as on raw answers. Reliability (reliability_scale.go)
// builds the matrices from a summary; OmegaTotal (reliability_omega.go)
// fits one factor.
//
// Missing data. The matrices may be pairwise: each covariance over the
// respondents who answered both items, each variance over those who
// answered the item, as R's cov(x, use = "pairwise") and psych::alpha's
// default use = "pairwise" compute them. Such a matrix need not be
// positive semi-definite, so an estimate may fall outside its usual
// range; it is returned as computed, not clipped.
//
// Edge cases. An estimate that the matrix does not determine (too few
// items, an undefined entry, a total without variance) is NaN, never 0.

// CronbachAlpha returns coefficient alpha of the unweighted sum of the k
// items whose covariance matrix is c (Cronbach 1951, eq. 2; psych::alpha's
// raw_alpha):
//
//	α = k/(k − 1) · (1 − Σᵢ cᵢᵢ / Σᵢ Σⱼ cᵢⱼ)
//
// Given a correlation matrix it returns the standardized alpha
// (psych::alpha's std.alpha), the alpha of the sum of standardized items:
//
//	α_std = k/(k − 1) · (1 − k / Σᵢ Σⱼ rᵢⱼ) = k·r̄ / (1 + (k − 1)·r̄)
//
// It is NaN when k < 2, when an entry of c is NaN, or when Σᵢ Σⱼ cᵢⱼ = 0
// (the total has no variance).
func CronbachAlpha(c mat.Symmetric) float64 {
	k := c.SymmetricDim()
	if k < 2 {
		return math.NaN()
	}
	tr, sum := traceAndSum(c)
	return alphaFrom(k, tr, sum)
}

// alphaFrom returns k/(k − 1)·(1 − tr/sum), NaN when it is undefined.
func alphaFrom(k int, tr, sum float64) float64 {
	if k < 2 || sum == 0 {
		return math.NaN()
	}
	return float64(k) / float64(k-1) * (1 - tr/sum)
}

// AlphaIfDeleted returns, for each of the k items whose covariance matrix
// is c, coefficient alpha of the other k − 1 items (psych::alpha's
// alpha.drop raw_alpha; std.alpha when c is a correlation matrix). With
// T = Σⱼ Σₗ cⱼₗ, tr = Σⱼ cⱼⱼ and sᵢ = Σⱼ cᵢⱼ:
//
//	α₋ᵢ = (k − 1)/(k − 2) · (1 − (tr − cᵢᵢ) / (T − 2·sᵢ + cᵢᵢ))
//
// Missing data and edge cases as CronbachAlpha: each value is NaN when
// k < 3 (alpha of a single item is undefined; psych::alpha prints the
// correlation of the two items instead) or when the remaining items'
// matrix has a NaN entry, so that deleting the one item whose entries are
// undefined leaves a defined alpha.
func AlphaIfDeleted(c mat.Symmetric) []float64 {
	k := c.SymmetricDim()
	out := make([]float64, k)
	ms := sumsOf(c)
	for i := range out {
		out[i] = math.NaN()
		if tr, sum, ok := ms.without(c, i); ok && k >= 3 {
			out[i] = alphaFrom(k-1, tr, sum)
		}
	}
	return out
}

// ItemRestCorrelation returns, for each of the k items whose covariance
// matrix is c, the correlation of the item with the sum of the other
// items (the corrected item-total correlation; psych::alpha's r.drop):
//
//	rᵢ = (sᵢ − cᵢᵢ) / sqrt(cᵢᵢ · (T − 2·sᵢ + cᵢᵢ))
//
// with T and sᵢ as in AlphaIfDeleted. Missing data as CronbachAlpha.
// Each value is NaN when k < 2, when an entry in the item's row or among
// the other items is NaN, or when the item or the rest has no variance.
func ItemRestCorrelation(c mat.Symmetric) []float64 {
	k := c.SymmetricDim()
	out := make([]float64, k)
	ms := sumsOf(c)
	for i := range out {
		out[i] = math.NaN()
		cii := c.At(i, i)
		_, rest, ok := ms.without(c, i)
		if k < 2 || !ok || ms.nanRow[i] > 0 || !(cii > 0) || !(rest > 0) {
			continue
		}
		out[i] = (ms.row[i] - cii) / math.Sqrt(cii*rest)
	}
	return out
}

// AverageR returns the mean correlation between two different items of
// the correlation matrix r (psych::alpha's average_r):
//
//	r̄ = Σᵢ Σⱼ≠ᵢ rᵢⱼ / (k·(k − 1))
//
// It is NaN when k < 2 or when an entry is NaN.
func AverageR(r mat.Symmetric) float64 {
	k := r.SymmetricDim()
	if k < 2 {
		return math.NaN()
	}
	tr, sum := traceAndSum(r)
	return (sum - tr) / float64(k*(k-1))
}

// CorrelationFromCovariance returns the correlation matrix of the
// covariance matrix c, rᵢⱼ = cᵢⱼ / sqrt(cᵢᵢ·cⱼⱼ) and rᵢᵢ = 1, as R's
// cov2cor does (and psych::alpha, for std.alpha and average_r). Of a
// pairwise covariance matrix, rᵢⱼ divides the covariance over the
// respondents who answered both by the SDs over all who answered each, so
// it differs from the pairwise Pearson r when answers are missing. An
// entry is NaN when cᵢᵢ or cⱼⱼ is not positive or cᵢⱼ is NaN.
func CorrelationFromCovariance(c mat.Symmetric) *mat.SymDense {
	k := c.SymmetricDim()
	if k == 0 {
		return &mat.SymDense{}
	}
	sd := make([]float64, k)
	for i := range sd {
		sd[i] = math.NaN()
		if v := c.At(i, i); v > 0 {
			sd[i] = math.Sqrt(v)
		}
	}
	r := mat.NewSymDense(k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			switch {
			case math.IsNaN(sd[i]) || math.IsNaN(sd[j]):
				r.SetSym(i, j, math.NaN())
			case i == j:
				r.SetSym(i, i, 1)
			default:
				r.SetSym(i, j, c.At(i, j)/sd[i]/sd[j])
			}
		}
	}
	return r
}

// traceAndSum returns the trace of c and the sum of all its entries.
func traceAndSum(c mat.Symmetric) (tr, sum float64) {
	k := c.SymmetricDim()
	for i := range k {
		tr += c.At(i, i)
		sum += c.At(i, i)
		for j := i + 1; j < k; j++ {
			sum += 2 * c.At(i, j)
		}
	}
	return tr, sum
}

// matrixSums are the sums of a symmetric matrix's defined entries that
// the estimators without one item need, so that each costs O(k) once
// they are known.
type matrixSums struct {
	tr, sum float64   // trace and sum of all defined entries
	row     []float64 // per row, the sum of its defined entries
	nanRow  []int     // per row, its NaN entries
	nan     int       // NaN entries of the whole matrix
}

func sumsOf(c mat.Symmetric) matrixSums {
	k := c.SymmetricDim()
	ms := matrixSums{row: make([]float64, k), nanRow: make([]int, k)}
	for i := range k {
		for j := i; j < k; j++ {
			v := c.At(i, j)
			if math.IsNaN(v) {
				ms.nanRow[i]++
				ms.nan++
				if j != i {
					ms.nanRow[j]++
					ms.nan++
				}
				continue
			}
			ms.row[i] += v
			ms.sum += v
			if j != i {
				ms.row[j] += v
				ms.sum += v
			} else {
				ms.tr += v
			}
		}
	}
	return ms
}

// without returns the trace and the sum of c without row and column i,
// and false when an entry among them is NaN.
func (ms matrixSums) without(c mat.Symmetric, i int) (tr, sum float64, ok bool) {
	cii := c.At(i, i)
	inRow := 2 * ms.nanRow[i] // entries of row i and column i
	if math.IsNaN(cii) {
		inRow--
		cii = 0
	}
	if ms.nan > inRow {
		return math.NaN(), math.NaN(), false
	}
	return ms.tr - cii, ms.sum - 2*ms.row[i] + cii, true
}
