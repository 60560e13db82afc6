package itembank

import (
	"math"
	"math/big"
	"math/bits"
)

// int128 is a signed 128-bit integer, enough to hold the differences of
// products of 64-bit sums (n·Σxy − Σx·Σy) exactly.
type int128 struct {
	hi int64
	lo uint64
}

// mul128 returns a·b exactly.
func mul128(a, b int64) int128 {
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	v := int128{hi: int64(hi), lo: lo}
	if neg {
		v = v.neg()
	}
	return v
}

func uabs(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}

func (a int128) neg() int128 {
	lo, borrow := bits.Sub64(0, a.lo, 0)
	hi, _ := bits.Sub64(0, uint64(a.hi), borrow)
	return int128{hi: int64(hi), lo: lo}
}

func (a int128) sub(b int128) int128 {
	lo, borrow := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(uint64(a.hi), uint64(b.hi), borrow)
	return int128{hi: int64(hi), lo: lo}
}

func (a int128) sign() int {
	switch {
	case a.hi < 0:
		return -1
	case a.hi == 0 && a.lo == 0:
		return 0
	}
	return 1
}

// float returns the nearest float64 (within one rounding of each half).
func (a int128) float() float64 {
	if a.hi < 0 {
		return -a.neg().float()
	}
	return float64(uint64(a.hi))*math.Exp2(64) + float64(a.lo)
}

// big returns a as a big.Int.
func (a int128) big() *big.Int {
	v := new(big.Int).SetInt64(a.hi)
	v.Lsh(v, 64)
	return v.Add(v, new(big.Int).SetUint64(a.lo))
}
