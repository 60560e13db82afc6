//go:build !purego

#include "textflag.h"

// func andCountPOPCNT(a, b *uint64, n int) int64
// Returns the number of bits set in a[i] & b[i] for 0 <= i < n, four
// words at a time in independent registers.
TEXT ·andCountPOPCNT(SB), NOSPLIT, $0-32
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ n+16(FP), CX
	XORQ AX, AX
	XORQ R8, R8
	XORQ R9, R9
	XORQ R10, R10
	CMPQ CX, $4
	JLT  tail

loop4:
	MOVQ    0(SI), R11
	ANDQ    0(DI), R11
	POPCNTQ R11, R11
	ADDQ    R11, AX
	MOVQ    8(SI), R12
	ANDQ    8(DI), R12
	POPCNTQ R12, R12
	ADDQ    R12, R8
	MOVQ    16(SI), R13
	ANDQ    16(DI), R13
	POPCNTQ R13, R13
	ADDQ    R13, R9
	MOVQ    24(SI), BX
	ANDQ    24(DI), BX
	POPCNTQ BX, BX
	ADDQ    BX, R10
	ADDQ    $32, SI
	ADDQ    $32, DI
	SUBQ    $4, CX
	CMPQ    CX, $4
	JGE     loop4

tail:
	TESTQ CX, CX
	JEQ   done

tail1:
	MOVQ    0(SI), R11
	ANDQ    0(DI), R11
	POPCNTQ R11, R11
	ADDQ    R11, AX
	ADDQ    $8, SI
	ADDQ    $8, DI
	DECQ    CX
	JNZ     tail1

done:
	ADDQ R8, AX
	ADDQ R9, AX
	ADDQ R10, AX
	MOVQ AX, ret+24(FP)
	RET
