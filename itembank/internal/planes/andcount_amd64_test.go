//go:build !purego

package planes

import (
	"math/rand/v2"
	"testing"
)

// TestAndCountPaths runs the bit counting with each instruction set this
// processor has, so that a machine with AVX-512 also checks the POPCNT
// loop that machines without it use.
func TestAndCountPaths(t *testing.T) {
	saved := hasAVX512
	defer func() { hasAVX512 = saved }()
	rng := rand.New(rand.NewPCG(5, 6))
	for _, avx := range []bool{false, saved} {
		hasAVX512 = avx
		for _, w := range []int{1, 15, 16, 17, 64, 100} {
			for planes := 1; planes <= 3; planes++ {
				a, b := make([]uint64, planes*w), make([]uint64, w)
				for i := range a {
					a[i] = rng.Uint64()
				}
				for i := range b {
					b[i] = rng.Uint64()
				}
				got := make([]int64, planes)
				andCounts(a, b, got)
				for q := range planes {
					want := andCountGeneric(a[q*w:(q+1)*w], b)
					if got[q] != want || andCount(a[q*w:(q+1)*w], b) != want {
						t.Errorf("AVX-512 %v, %d words, plane %d: %d, want %d", avx, w, q, got[q], want)
					}
				}
			}
		}
	}
}
