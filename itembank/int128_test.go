package itembank

import (
	"math"
	"math/big"
	"testing"
)

// TestInt128 checks products and differences against math/big, including
// small negative results whose low word alone would round badly.
func TestInt128(t *testing.T) {
	cases := [][4]int64{
		{4, -3, 2, 3}, // -12 - 6 = -18
		{-6, 1, 0, 0},
		{math.MaxInt64, math.MaxInt64, -math.MaxInt64, 3},
		{-math.MaxInt64, math.MaxInt64, 1 << 40, 1 << 40},
		{123456789012, 987654321098, 55, -77},
		{0, 0, 0, 0},
	}
	for _, c := range cases {
		got := mul128(c[0], c[1]).sub(mul128(c[2], c[3]))
		want := new(big.Int).Sub(new(big.Int).Mul(big.NewInt(c[0]), big.NewInt(c[1])), new(big.Int).Mul(big.NewInt(c[2]), big.NewInt(c[3])))
		if got.big().Cmp(want) != 0 {
			t.Errorf("%v: got %v, want %v", c, got.big(), want)
		}
		wf, _ := new(big.Float).SetInt(want).Float64()
		if got.float() != wf {
			t.Errorf("%v: float %v, want %v", c, got.float(), wf)
		}
		if got.sign() != want.Sign() {
			t.Errorf("%v: sign %d, want %d", c, got.sign(), want.Sign())
		}
	}
}
