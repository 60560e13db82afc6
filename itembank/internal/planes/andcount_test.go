package planes

import (
	"math/rand/v2"
	"testing"
)

func TestAndCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 70 {
		a, b := make([]uint64, n), make([]uint64, n)
		var want int64
		for i := range a {
			a[i], b[i] = rng.Uint64(), rng.Uint64()
			for bit := range 64 {
				want += int64((a[i] & b[i]) >> bit & 1)
			}
		}
		if got := andCount(a, b); got != want {
			t.Errorf("andCount of %d words = %d, want %d", n, got, want)
		}
		if got := andCountGeneric(a, b); got != want {
			t.Errorf("andCountGeneric of %d words = %d, want %d", n, got, want)
		}
	}
}

// TestAndCounts checks the counts of several planes against one mask, for
// plane lengths the vector loop takes (multiples of 16 words) and not.
func TestAndCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, w := range []int{1, 5, 16, 32, 48, 128} {
		for planes := range 5 {
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
				if want := andCountGeneric(a[q*w:(q+1)*w], b); got[q] != want {
					t.Errorf("%d planes of %d words: plane %d counts %d, want %d", planes, w, q, got[q], want)
				}
			}
		}
	}
}
