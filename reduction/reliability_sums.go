package reduction

import (
	"math"
	"math/bits"

	"github.com/itemreduce/itemreduce/itembank"
)

// Exact arithmetic on the sums of a summary for the reliability
// estimators: reflecting reverse-keyed items and the co-moments behind
// covariances and correlations, in 128 bits so that nothing overflows or
// cancels before the one division in float64.

// maxReflection bounds the reflection constants reflectPair accepts.
const maxReflection = 1 << 32

// reflection returns a = (min + max)·10^places, the constant that
// reflects an answer x of the scale to a − x (min ↔ max), and false when
// it exceeds maxReflection in size.
func reflection(s *itembank.Scale, places int) (int64, bool) {
	if (s.Min > 0 && s.Max > math.MaxInt64-s.Min) || (s.Min < 0 && s.Max < math.MinInt64-s.Min) {
		return 0, false
	}
	a := s.Min + s.Max
	for range places {
		if a > math.MaxInt64/10 || a < math.MinInt64/10 {
			return 0, false
		}
		a *= 10
	}
	return a, a <= maxReflection && a >= -maxReflection
}

// reflectPair returns the sums of p with X replaced by ax − X when
// ax != 0 and Y by ay − Y when ay != 0 (0 leaves the item as it is):
//
//	Σx' = n·a − Σx
//	Σx'² = n·a² − 2a·Σx + Σx²
//	Σx'y = a·Σy − Σxy
//	Σx'y' = n·a·b − a·Σy − b·Σx + Σxy      (both reflected, y' = b − y)
//
// It returns false when a reflected sum does not fit in int64, and when
// |a| or |b| exceeds 2^32 (itembank keeps answers within ±2^31), which
// keeps every intermediate product below 2^97.
func reflectPair(p itembank.PairSums, ax, ay int64) (itembank.PairSums, bool) {
	if ax > maxReflection || ax < -maxReflection || ay > maxReflection || ay < -maxReflection {
		return p, false
	}
	q, ok := p, true
	fit := func(dst *int64, v int128) {
		var fits bool
		*dst, fits = v.int64()
		ok = ok && fits
	}
	if ax != 0 {
		// Σx'y = a·Σy − Σxy with Σy as yet unreflected.
		fit(&q.SumXY, mul128(ax, q.SumY).sub(i128From(q.SumXY)))
		fit(&q.SumXX, reflectSq(q.N, q.SumX, q.SumXX, ax, &ok))
		fit(&q.SumX, mul128(q.N, ax).sub(i128From(q.SumX)))
	}
	if ay != 0 {
		// Σx(b − y) = b·Σx − Σxy with x already reflected (or not).
		fit(&q.SumXY, mul128(ay, q.SumX).sub(i128From(q.SumXY)))
		fit(&q.SumYY, reflectSq(q.N, q.SumY, q.SumYY, ay, &ok))
		fit(&q.SumY, mul128(q.N, ay).sub(i128From(q.SumY)))
	}
	return q, ok
}

// reflectSq returns n·a² − 2a·Σx + Σx², the sum of squares of a − x; it
// clears *ok when n·a does not fit in int64, far beyond any summary.
func reflectSq(n, sum, sumSq, a int64, ok *bool) int128 {
	na, fits := mul128(n, a).int64()
	if !fits {
		*ok = false
		return int128{}
	}
	return mul128(na, a).sub(mul128(a, sum)).sub(mul128(a, sum)).add(i128From(sumSq))
}

// reflectMoments returns the moments of a − x.
func reflectMoments(m itembank.Moments, a int64) (itembank.Moments, bool) {
	p, ok := reflectPair(itembank.PairSums{N: m.N, SumX: m.Sum, SumXX: m.SumSq}, a, 0)
	return itembank.Moments{N: p.N, Sum: p.SumX, SumSq: p.SumXX, Places: m.Places}, ok
}

// coMoment returns n·Σxy − Σx·Σy, which is n·(n − 1) times the sample
// covariance (and n·Σx² − (Σx)² for X with itself).
func coMoment(n, sx, sy, sxy int64) int128 {
	return mul128(n, sxy).sub(mul128(sx, sy))
}

// An int128 is a signed 128-bit integer, hi·2^64 + lo.
type int128 struct {
	hi int64
	lo uint64
}

func i128From(x int64) int128 { return int128{hi: x >> 63, lo: uint64(x)} }

// mul128 returns a·b exactly.
func mul128(a, b int64) int128 {
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = -ua
	}
	if b < 0 {
		ub = -ub
	}
	hi, lo := bits.Mul64(ua, ub)
	p := int128{hi: int64(hi), lo: lo}
	if (a < 0) != (b < 0) {
		p = p.neg()
	}
	return p
}

func (x int128) add(y int128) int128 {
	lo, c := bits.Add64(x.lo, y.lo, 0)
	return int128{hi: x.hi + y.hi + int64(c), lo: lo}
}

func (x int128) neg() int128 {
	lo, b := bits.Sub64(0, x.lo, 0)
	return int128{hi: -x.hi - int64(b), lo: lo}
}

func (x int128) sub(y int128) int128 { return x.add(y.neg()) }

func (x int128) sign() int {
	switch {
	case x.hi < 0:
		return -1
	case x.hi == 0 && x.lo == 0:
		return 0
	}
	return 1
}

// int64 returns x and whether it fits in int64.
func (x int128) int64() (int64, bool) { return int64(x.lo), x.hi == int64(x.lo)>>63 }

// float returns x rounded to float64 (within one unit in the last place).
func (x int128) float() float64 {
	if x.hi < 0 {
		return -x.neg().float()
	}
	return float64(x.hi)*0x1p64 + float64(x.lo)
}
