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

// func andCountAVX512(a, b *uint64, n int) int64
// The same with AVX-512 VPOPCNTQ, sixteen words at a time; the last
// n mod 16 words are counted with POPCNT.
TEXT ·andCountAVX512(SB), NOSPLIT, $0-32
	MOVQ   a+0(FP), SI
	MOVQ   b+8(FP), DI
	MOVQ   n+16(FP), CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	CMPQ   CX, $16
	JLT    sum

loop16:
	VMOVDQU64 0(SI), Z2
	VPANDQ    0(DI), Z2, Z2
	VPOPCNTQ  Z2, Z2
	VPADDQ    Z2, Z0, Z0
	VMOVDQU64 64(SI), Z3
	VPANDQ    64(DI), Z3, Z3
	VPOPCNTQ  Z3, Z3
	VPADDQ    Z3, Z1, Z1
	ADDQ      $128, SI
	ADDQ      $128, DI
	SUBQ      $16, CX
	CMPQ      CX, $16
	JGE       loop16

sum:
	VPADDQ        Z1, Z0, Z0
	VEXTRACTI64X4 $1, Z0, Y1
	VPADDQ        Y1, Y0, Y0
	VEXTRACTI128  $1, Y0, X1
	VPADDQ        X1, X0, X0
	VPSHUFD       $0x4e, X0, X1
	VPADDQ        X1, X0, X0
	VMOVQ         X0, AX
	VZEROUPPER
	TESTQ         CX, CX
	JEQ           done512

tail512:
	MOVQ    0(SI), R11
	ANDQ    0(DI), R11
	POPCNTQ R11, R11
	ADDQ    R11, AX
	ADDQ    $8, SI
	ADDQ    $8, DI
	DECQ    CX
	JNZ     tail512

done512:
	MOVQ AX, ret+24(FP)
	RET

// func andCountsAVX512(a, b *uint64, words, planes int, out *int64)
// For q < planes: out[q] = the bits set in a[q*words+i] & b[i] over
// i < words, the planes of a one after the other. words must be a
// positive multiple of 16.
TEXT ·andCountsAVX512(SB), NOSPLIT, $0-40
	MOVQ  a+0(FP), SI
	MOVQ  b+8(FP), DI
	MOVQ  words+16(FP), DX
	MOVQ  planes+24(FP), R8
	MOVQ  out+32(FP), R9
	TESTQ R8, R8
	JEQ   end

plane:
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	MOVQ   DI, BX
	MOVQ   DX, CX

words16:
	VMOVDQU64 0(SI), Z2
	VPANDQ    0(BX), Z2, Z2
	VPOPCNTQ  Z2, Z2
	VPADDQ    Z2, Z0, Z0
	VMOVDQU64 64(SI), Z3
	VPANDQ    64(BX), Z3, Z3
	VPOPCNTQ  Z3, Z3
	VPADDQ    Z3, Z1, Z1
	ADDQ      $128, SI
	ADDQ      $128, BX
	SUBQ      $16, CX
	JNZ       words16

	VPADDQ        Z1, Z0, Z0
	VEXTRACTI64X4 $1, Z0, Y1
	VPADDQ        Y1, Y0, Y0
	VEXTRACTI128  $1, Y0, X1
	VPADDQ        X1, X0, X0
	VPSHUFD       $0x4e, X0, X1
	VPADDQ        X1, X0, X0
	VMOVQ         X0, AX
	MOVQ          AX, 0(R9)
	ADDQ          $8, R9
	DECQ          R8
	JNZ           plane

end:
	VZEROUPPER
	RET
