package reduction

import (
	"math"
	"math/big"

	"github.com/itemreduce/itemreduce/itembank"
)

// Kendall's tau-b from a table of answers.
//
// Over the N respondents of a table (those who answered both items), every
// two respondents are a pair: concordant when one of them is higher on
// both items, discordant when higher on one and lower on the other, and
// tied when equal on either. With C concordant and D discordant pairs,
// n₀ = N(N−1)/2 pairs in all, n₁ = Σₐ nₐ(nₐ−1)/2 tied on the first item
// (rows) and n₂ = Σᵦ n·ᵦ(n·ᵦ−1)/2 on the second (columns),
//
//	τb = (C − D) / √((n₀ − n₁)(n₀ − n₂)),
//
// as R's cor(x, y, method = "kendall", use = "pairwise.complete.obs")
// computes it. From the table, C = Σₐᵦ nₐᵦ·Σ_{a'>a, b'>b} nₐ'ᵦ' and
// D = Σₐᵦ nₐᵦ·Σ_{a'>a, b'<b} nₐ'ᵦ', in r·c steps. All are whole numbers,
// so |τb| > t is decided exactly. It is undefined with fewer than
// itembank.MinPairN respondents or when either item has one answer only
// among them.
//
// M. G. Kendall (1945), The treatment of ties in ranking problems,
// Biometrika 33, 239-251.

// kendallCounts returns C − D, n₀ − n₁ and n₀ − n₂ of a table, and N.
// Each fits in int64 for N below about 4e9 (they are below N²/2).
func kendallCounts(t itembank.PairTable) (s, tx, ty, n int64) {
	var store [3][polyPoints]int64 // no allocation for the tables itembank makes
	rowN, colN, below := int64Buf(store[0][:], t.Rows), int64Buf(store[1][:], t.Cols), int64Buf(store[2][:], t.Cols)
	for a := range t.Rows {
		for b := range t.Cols {
			c := t.At(a, b)
			rowN[a] += c
			colN[b] += c
			n += c
		}
	}
	// below[b]: the respondents in the rows after a, in column b.
	var conc, disc int64
	for a := t.Rows - 1; a >= 0; a-- {
		var left int64 // Σ below[b'] over b' < b
		var all int64
		for _, v := range below {
			all += v
		}
		for b := range t.Cols {
			right := all - left - below[b] // Σ below[b'] over b' > b
			c := t.At(a, b)
			conc += c * right
			disc += c * left
			left += below[b]
		}
		for b := range t.Cols {
			below[b] += t.At(a, b)
		}
	}
	pairs := n * (n - 1) / 2
	tx, ty = pairs, pairs
	for _, m := range rowN {
		tx -= m * (m - 1) / 2
	}
	for _, m := range colN {
		ty -= m * (m - 1) / 2
	}
	return conc - disc, tx, ty, n
}

// KendallTauB returns Kendall's tau-b of a table (see above), and false
// when it is undefined.
func KendallTauB(t itembank.PairTable) (float64, bool) {
	s, tx, ty, n := kendallCounts(t)
	if n < itembank.MinPairN || tx == 0 || ty == 0 {
		return math.NaN(), false
	}
	tau := float64(s) / math.Sqrt(float64(tx)*float64(ty))
	return math.Max(-1, math.Min(1, tau)), true
}

// kendallExceeds reports exactly whether |τb| > thr for a table:
// (C − D)² > thr²·(n₀ − n₁)(n₀ − n₂) in whole numbers; false when τb is
// undefined.
func kendallExceeds(t itembank.PairTable, thr Number) bool {
	s, tx, ty, n := kendallCounts(t)
	if n < itembank.MinPairN || tx == 0 || ty == 0 {
		return false
	}
	q := thr.Rat()
	bs := big.NewInt(s)
	lhs := new(big.Int).Mul(bs, bs)
	lhs.Mul(lhs, new(big.Int).Mul(q.Denom(), q.Denom()))
	rhs := new(big.Int).Mul(big.NewInt(tx), big.NewInt(ty))
	rhs.Mul(rhs, new(big.Int).Mul(q.Num(), q.Num()))
	return lhs.Cmp(rhs) > 0
}
