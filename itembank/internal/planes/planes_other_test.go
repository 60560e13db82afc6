//go:build !amd64 || purego

package planes

import "testing"

// setPairPath: this build has only the pure-Go path (andcount_other.go),
// which it always takes; the assembly paths are missing.
func setPairPath(path string) (restore func(), missing string) {
	switch path {
	case "generic":
		return func() {}, ""
	case "avx512", "popcnt":
		return nil, path + ": not in this build (purego, or not amd64)"
	}
	panic("unknown pair-counting path " + path)
}

// usePairPath skips the test or benchmark unless path is the pure-Go one.
func usePairPath(tb testing.TB, path string) {
	tb.Helper()
	if _, missing := setPairPath(path); missing != "" {
		tb.Skip(missing)
	}
}
