//go:build !purego

package planes

import "golang.org/x/sys/cpu"

// hasPOPCNT is true on every x86-64 processor made since about 2008. Go
// compiled for the baseline x86-64 checks for the instruction at each
// bits.OnesCount64 and, in a loop, keeps its sums in memory: the assembly
// loop is about five times faster.
var hasPOPCNT = cpu.X86.HasPOPCNT

// hasAVX512 is true on recent processors (and operating systems) with the
// AVX-512 population count, which counts eight words per instruction.
var hasAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512VPOPCNTDQ && hasPOPCNT

//go:noescape
func andCountPOPCNT(a, b *uint64, n int) int64

//go:noescape
func andCountAVX512(a, b *uint64, n int) int64

//go:noescape
func andCountsAVX512(a, b *uint64, words, planes int, out *int64)

// andCount returns the number of bits set in both a and b (len(b) >= len(a)).
func andCount(a, b []uint64) int64 {
	if len(a) == 0 {
		return 0
	}
	_ = b[len(a)-1]
	switch {
	case hasAVX512 && len(a) >= 16:
		return andCountAVX512(&a[0], &b[0], len(a))
	case hasPOPCNT:
		return andCountPOPCNT(&a[0], &b[0], len(a))
	}
	return andCountGeneric(a, b)
}

// andCounts sets out[q] to the number of bits set in both b and plane q of
// a, which holds len(out) planes of len(b) words one after the other.
func andCounts(a, b []uint64, out []int64) {
	w := len(b)
	if len(out) == 0 || w == 0 {
		clear(out)
		return
	}
	_ = a[len(out)*w-1]
	if hasAVX512 && w%16 == 0 {
		andCountsAVX512(&a[0], &b[0], w, len(out), &out[0])
		return
	}
	andCountsGeneric(a, b, out)
}
