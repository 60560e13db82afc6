//go:build !purego

package planes

import (
	"math/rand/v2"
	"os"
	"testing"
)

// What this processor has, as andcount_amd64.go found it at start-up
// (before any test switched a path off).
var cpuAVX512, cpuPOPCNT = hasAVX512, hasPOPCNT

// setPairPath makes andCount, andCounts and so Count take the named path
// (see pairPaths) and returns a function that undoes it, or, when this
// processor lacks the path, nil and why.
func setPairPath(path string) (restore func(), missing string) {
	avx, pop := hasAVX512, hasPOPCNT
	switch path {
	case "avx512":
		if !cpuAVX512 {
			return nil, "avx512: this processor (or operating system) lacks AVX-512 VPOPCNTDQ"
		}
		hasAVX512, hasPOPCNT = true, true
	case "popcnt":
		if !cpuPOPCNT {
			return nil, "popcnt: this processor lacks POPCNT"
		}
		hasAVX512, hasPOPCNT = false, true
	case "generic":
		hasAVX512, hasPOPCNT = false, false
	default:
		panic("unknown pair-counting path " + path)
	}
	return func() { hasAVX512, hasPOPCNT = avx, pop }, ""
}

// usePairPath makes the rest of the test or benchmark take the named path,
// or skips it when this processor lacks the path. With REQUIRE_AVX512=1
// in the environment, a missing AVX-512 fails instead: set it on the
// machines that are meant to check the AVX-512 assembly.
func usePairPath(tb testing.TB, path string) {
	tb.Helper()
	restore, missing := setPairPath(path)
	if missing != "" {
		if path == "avx512" && os.Getenv("REQUIRE_AVX512") == "1" {
			tb.Fatalf("REQUIRE_AVX512=1, but %s", missing)
		}
		tb.Skip(missing)
	}
	tb.Cleanup(restore)
}

// TestAndCountPaths runs the bit counting with each instruction set, so
// that a machine with AVX-512 also checks the POPCNT loop that machines
// without it use, and the pure-Go loop. A path this processor lacks is
// skipped, and said so (go test -v).
func TestAndCountPaths(t *testing.T) {
	for _, path := range pairPaths {
		t.Run(path, func(t *testing.T) {
			usePairPath(t, path)
			rng := rand.New(rand.NewPCG(5, 6))
			for _, fill := range []string{"random", "ones", "sparse"} {
				word := func() uint64 {
					switch fill {
					case "ones":
						return ^uint64(0)
					case "sparse":
						return rng.Uint64() & rng.Uint64() & rng.Uint64()
					}
					return rng.Uint64()
				}
				for _, w := range []int{1, 3, 4, 5, 15, 16, 17, 31, 32, 33, 64, 100, 128} {
					for planes := 1; planes <= 3; planes++ {
						a, b := make([]uint64, planes*w), make([]uint64, w)
						for i := range a {
							a[i] = word()
						}
						for i := range b {
							b[i] = word()
						}
						got := make([]int64, planes)
						andCounts(a, b, got)
						for q := range planes {
							plane := a[q*w : (q+1)*w]
							want := bitAndCount(plane, b)
							if fill == "ones" && want != int64(64*w) {
								t.Fatalf("bitAndCount of %d words of ones = %d, want %d", w, want, 64*w)
							}
							if got[q] != want {
								t.Errorf("%s, %s words, %d words, plane %d of %d: andCounts %d, want %d", path, fill, w, q, planes, got[q], want)
							}
							if c := andCount(plane, b); c != want {
								t.Errorf("%s, %s words, %d words: andCount %d, want %d", path, fill, w, c, want)
							}
						}
					}
				}
			}
			if c := andCount(nil, nil); c != 0 {
				t.Errorf("%s: andCount of no words = %d", path, c)
			}
		})
	}
}
