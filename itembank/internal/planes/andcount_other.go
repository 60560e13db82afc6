//go:build !amd64 || purego

package planes

// andCount returns the number of bits set in both a and b (len(b) >= len(a)).
func andCount(a, b []uint64) int64 { return andCountGeneric(a, b) }

// andCounts sets out[q] to the number of bits set in both b and plane q of
// a, which holds len(out) planes of len(b) words one after the other.
func andCounts(a, b []uint64, out []int64) { andCountsGeneric(a, b, out) }
