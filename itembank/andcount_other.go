//go:build !amd64 || purego

package itembank

// andCount returns the number of bits set in both a and b (len(b) >= len(a)).
func andCount(a, b []uint64) int64 { return andCountGeneric(a, b) }
