package reduction

import (
	"math"
	"math/big"

	"github.com/itemreduce/itemreduce/itembank"
)

// Spearman's rank correlation from a table of answers.
//
// Over the N respondents of a table (those who answered both items), an
// answer's rank is its midrank among the N: for row a with total nₐ and
// Cₐ respondents in the rows before it,
//
//	Rₐ = Cₐ + (nₐ + 1)/2,
//
// and the same for the columns. Spearman's r is Pearson's r of the
// midranks (R's cor(x, y, method = "spearman", use =
// "pairwise.complete.obs"), which ranks with ties averaged). Written with
// the doubled, centred midranks uₐ = 2Rₐ − (N + 1) = 2Cₐ + nₐ − N and vᵦ,
// whole numbers whose totals Σ nₐ·uₐ and Σ n·ᵦ·vᵦ are 0,
//
//	r = Σ nₐᵦ·uₐ·vᵦ / √(Σ nₐ·uₐ² · Σ n·ᵦ·vᵦ²),
//
// a ratio of whole numbers, so that |r| > t is decided exactly. It is
// undefined with fewer than itembank.MinPairN respondents or when either
// item has one answer only among them.

// spearmanMoments returns Σ nₐᵦ·uₐ·vᵦ, Σ nₐ·uₐ² and Σ n·ᵦ·vᵦ², exactly.
func spearmanMoments(t itembank.PairTable) (cov, vx, vy *big.Int, n int64) {
	u, v, rowN, colN, n := midranks(t)
	cov, vx, vy = new(big.Int), new(big.Int), new(big.Int)
	var term, f big.Int
	for a := range t.Rows {
		if rowN[a] == 0 {
			continue
		}
		term.SetInt64(u[a])
		f.Mul(&term, &term)
		vx.Add(vx, f.Mul(&f, term.SetInt64(rowN[a])))
		for b := range t.Cols {
			if c := t.At(a, b); c != 0 {
				f.SetInt64(c)
				f.Mul(&f, term.SetInt64(u[a]))
				cov.Add(cov, f.Mul(&f, term.SetInt64(v[b])))
			}
		}
	}
	for b := range t.Cols {
		if colN[b] != 0 {
			term.SetInt64(v[b])
			f.Mul(&term, &term)
			vy.Add(vy, f.Mul(&f, term.SetInt64(colN[b])))
		}
	}
	return cov, vx, vy, n
}

// midranks returns the doubled, centred midranks of the rows and columns,
// the row and column totals and N.
func midranks(t itembank.PairTable) (u, v, rowN, colN []int64, n int64) {
	rowN, colN = make([]int64, t.Rows), make([]int64, t.Cols)
	for a := range t.Rows {
		for b := range t.Cols {
			c := t.At(a, b)
			rowN[a] += c
			colN[b] += c
			n += c
		}
	}
	ranks := func(tot []int64) []int64 {
		out := make([]int64, len(tot))
		var before int64
		for a, m := range tot {
			out[a] = 2*before + m - n
			before += m
		}
		return out
	}
	return ranks(rowN), ranks(colN), rowN, colN, n
}

// maxSmallSpearman is the largest N for which every term and sum of
// spearmanFloat fits in int64: |uₐ|, |vᵦ| < N and the counts add up to N,
// so each sum is below N³ < 2⁶³.
const maxSmallSpearman = 2_000_000

// Spearman returns Spearman's r of a table (see above), and false when
// it is undefined. It gives the same r, to the last bit, for the table
// and its transpose.
func Spearman(t itembank.PairTable) (float64, bool) {
	var cov, vx, vy float64
	var n int64
	if t.N() <= maxSmallSpearman {
		u, v, rowN, colN, total := midranks(t)
		n = total
		var c, x, y int64
		for a := range t.Rows {
			x += rowN[a] * u[a] * u[a]
			for b := range t.Cols {
				c += t.At(a, b) * u[a] * v[b]
			}
		}
		for b := range t.Cols {
			y += colN[b] * v[b] * v[b]
		}
		cov, vx, vy = float64(c), float64(x), float64(y)
	} else {
		bc, bx, by, total := spearmanMoments(t)
		n = total
		cov, _ = new(big.Float).SetInt(bc).Float64()
		vx, _ = new(big.Float).SetInt(bx).Float64()
		vy, _ = new(big.Float).SetInt(by).Float64()
	}
	if n < itembank.MinPairN || vx == 0 || vy == 0 {
		return math.NaN(), false
	}
	r := cov / math.Sqrt(vx*vy)
	return math.Max(-1, math.Min(1, r)), true
}

// spearmanExceeds reports exactly whether |r| > thr for Spearman's r of
// t: cov² > thr²·vx·vy in whole numbers; false when r is undefined.
func spearmanExceeds(t itembank.PairTable, thr Number) bool {
	cov, vx, vy, n := spearmanMoments(t)
	if n < itembank.MinPairN || vx.Sign() == 0 || vy.Sign() == 0 {
		return false
	}
	q := thr.Rat()
	lhs := new(big.Int).Mul(cov, cov)
	lhs.Mul(lhs, new(big.Int).Mul(q.Denom(), q.Denom()))
	rhs := new(big.Int).Mul(vx, vy)
	rhs.Mul(rhs, new(big.Int).Mul(q.Num(), q.Num()))
	return lhs.Cmp(rhs) > 0
}
