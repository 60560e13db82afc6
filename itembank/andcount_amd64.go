//go:build !purego

package itembank

import "golang.org/x/sys/cpu"

// hasPOPCNT is true on every x86-64 processor made since about 2008. Go
// compiled for the baseline x86-64 checks for the instruction at each
// bits.OnesCount64 and, in a loop, keeps its sums in memory: the assembly
// loop is about five times faster.
var hasPOPCNT = cpu.X86.HasPOPCNT

//go:noescape
func andCountPOPCNT(a, b *uint64, n int) int64

// andCount returns the number of bits set in both a and b (len(b) >= len(a)).
func andCount(a, b []uint64) int64 {
	if len(a) == 0 {
		return 0
	}
	_ = b[len(a)-1]
	if hasPOPCNT {
		return andCountPOPCNT(&a[0], &b[0], len(a))
	}
	return andCountGeneric(a, b)
}
