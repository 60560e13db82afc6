// Package planes counts the pair statistics of many items exactly and fast:
// for every pair of items, the count N and the sums Σx, Σy, Σx², Σy², Σxy
// over the respondents who answered both, by AND-and-popcount over bit
// planes of the answers. It holds the project's assembly; the pure-Go
// paths (build tag purego, or any architecture but amd64) give the same
// counts.
package planes

import (
	"math/bits"
	"runtime"
	"sync"
)

// Pair statistics by bit-sliced counting.
//
// An item's answers are first written as small whole numbers: with the
// item's lowest answer value a and the greatest common divisor g of the
// differences between its answer values, every answer is x = a + g·x′ with
// x′ in 0, 1, …, 2^b − 1 (b = 3 for a 1-5 scale, 4 for 1-10). For a block of
// up to 64·planeWords respondents, each item becomes a set of bit vectors: the
// mask M of who answered, the b bit planes X′ₛ of x′ and the planes Q′ₛ of
// x′². Over the respondents who answered both items i and j:
//
//	N      = popcount(Mᵢ & Mⱼ)
//	Σx′    = Σₛ 2^s · popcount(X′ᵢₛ & Mⱼ)
//	Σx′²   = Σₛ 2^s · popcount(Q′ᵢₛ & Mⱼ)
//	Σx′y′  = Σₛ Σₜ 2^(s+t) · popcount(X′ᵢₛ & X′ⱼₜ)
//
// so a pair of 1-5 items costs 26 AND-and-popcount operations on 64-bit
// words per 64 respondents instead of 64 multiply-adds per sum; on amd64
// they run in assembly, eight words per instruction where the processor
// has the AVX-512 population count (andcount_amd64.s). The sums in answer
// units follow exactly from x = a + g·x′ (see finish). Blocks are shared
// out over all cores, each with its own accumulators, added at the end.
//
// Every count is an exact integer: no rounding enters the pair sums, and
// the result does not depend on the number of cores or the block size.
//
// An item whose x′ needs more than maxPlaneBits bits (unusual answer values
// such as 1, 2 and 1000) is paired by a plain loop over the respondents.

const (
	planeWords   = 128 // words of 64 respondents per block
	maxPlaneBits = 8
)

// planeItem is how one item's answers become bit planes.
type planeItem struct {
	codes []uint8
	base  int64    // a: the value of x′ = 0, in units
	step  int64    // g
	xs    []int64  // x′ per code, 0 for code 0 (missing)
	pat   []uint64 // per code: bit 0 answered, then b bits of x′, then bq bits of x′²
	b, bq int
	off   int // first word of the item's planes in a block buffer
	wide  bool
}

// An Item is one item's answers, dictionary-coded: Codes[r] is 0 when
// respondent r gave no answer, else k for the answer Values[k] (an exact
// integer, e.g. in units of 10^-places; Values[0] is not used).
type Item struct {
	Codes  []uint8
	Values []int64
}

// Sums are the sums over the respondents who answered both items X and Y.
type Sums struct {
	N                   int64
	SumX, SumY          int64
	SumXX, SumYY, SumXY int64
}

// MaxCodes is the number of distinct codes an item may use, 0 included.
const MaxCodes = 256

// Index returns the position of pair (i, j), i < j, among p items in the
// upper triangle row by row: (0,1), (0,2), …, (1,2), ….
func Index(i, j, p int) int { return i*p - i*(i+1)/2 + j - i - 1 }

// pairAcc are the pair sums in x′ units.
type pairAcc struct{ n, sx, sy, sxx, syy, sxy int64 }

// Count returns the pair sums of every pair of items over the first n
// respondents, the upper triangle (see Index). A nil item (not asked) has
// all-zero sums with every other. The caller makes sure that no sum
// overflows 64 bits: intermediate terms may wrap around, the results are
// exact whenever they fit.
func Count(items []*Item, n int) []Sums {
	p := len(items)
	sums := make([]Sums, p*(p-1)/2)
	pitems := make([]*planeItem, p)
	var narrow, wide []int
	w := blockWords(n)
	words := 0
	for i, c := range items {
		if c == nil {
			continue
		}
		it := newPlaneItem(c)
		pitems[i] = it
		if it.wide {
			wide = append(wide, i)
			continue
		}
		it.off = words
		words += (1 + it.b + it.bq) * w
		narrow = append(narrow, i)
	}
	acc := make([]pairAcc, len(sums))
	countBlocks(acc, pitems, narrow, w, words, n, p)
	for _, i := range wide {
		for j := range p {
			if j != i && pitems[j] != nil && (!pitems[j].wide || j > i) {
				lo, hi := min(i, j), max(i, j)
				acc[Index(lo, hi, p)] = loopPair(pitems[lo], pitems[hi], n)
			}
		}
	}
	for i := range p {
		for j := i + 1; j < p; j++ {
			if pitems[i] != nil && pitems[j] != nil {
				k := Index(i, j, p)
				sums[k] = finish(acc[k], pitems[i], pitems[j])
			}
		}
	}
	return sums
}

func newPlaneItem(c *Item) *planeItem {
	vals := c.Values
	it := &planeItem{codes: c.Codes, step: 1, xs: make([]int64, len(vals)), pat: make([]uint64, len(vals))}
	if len(vals) < 2 {
		return it
	}
	it.base = vals[1]
	for _, v := range vals[1:] {
		it.base = min(it.base, v)
	}
	var g uint64
	for _, v := range vals[1:] {
		g = gcd(g, uint64(v-it.base))
	}
	if g > 0 {
		it.step = int64(g)
	}
	var top uint64
	for k, v := range vals[1:] {
		x := (v - it.base) / it.step
		it.xs[k+1] = x
		top = max(top, uint64(x))
	}
	it.b = bits.Len64(top)
	if it.b > maxPlaneBits {
		it.wide = true
		return it
	}
	it.bq = bits.Len64(top * top)
	for k := 1; k < len(vals); k++ {
		x := uint64(it.xs[k])
		it.pat[k] = 1 | x<<1 | (x*x)<<(1+it.b)
	}
	return it
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// blockWords returns the words per plane of a block for n respondents:
// planeWords, or fewer for a small wave, a multiple of 16 (the vector
// loop's step).
func blockWords(n int) int {
	w := (n + 63) / 64
	return min(planeWords, (w+15)/16*16)
}

// countBlocks fills acc for every pair of narrow items, block by block on
// all cores.
func countBlocks(acc []pairAcc, items []*planeItem, narrow []int, w, words, n, p int) {
	if len(narrow) < 2 || n == 0 {
		return
	}
	blockRows := 64 * w
	blocks := (n + blockRows - 1) / blockRows
	workers := min(runtime.GOMAXPROCS(0), blocks)
	next := make(chan int, blocks)
	for b := range blocks {
		next <- b
	}
	close(next)
	parts := make([][]pairAcc, workers)
	var wg sync.WaitGroup
	for k := range workers {
		mine := acc
		if k > 0 {
			mine = make([]pairAcc, len(acc))
			parts[k] = mine
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]uint64, words)
			for b := range next {
				r0 := b * blockRows
				fillPlanes(buf, items, narrow, w, r0, min(n, r0+blockRows))
				countPairs(mine, buf, items, narrow, w, p)
			}
		}()
	}
	wg.Wait()
	for _, part := range parts[1:] {
		for k := range acc {
			a, b := &acc[k], part[k]
			a.n += b.n
			a.sx += b.sx
			a.sy += b.sy
			a.sxx += b.sxx
			a.syy += b.syy
			a.sxy += b.sxy
		}
	}
}

// fillPlanes writes the bit planes of respondents r0 ≤ r < r1 into buf.
// Each 64 respondents are first sorted into one bit vector per answer
// code (one operation per answer); a plane is then the union of the
// vectors of the codes that have its bit set.
func fillPlanes(buf []uint64, items []*planeItem, narrow []int, words, r0, r1 int) {
	var byCode [MaxCodes]uint64
	for _, i := range narrow {
		it := items[i]
		np := 1 + it.b + it.bq
		out := buf[it.off : it.off+np*words]
		codes := len(it.pat)
		for w := range words {
			lo := r0 + 64*w
			hi := min(r1, lo+64)
			clear(byCode[:codes])
			if lo < hi {
				for bit, k := range it.codes[lo:hi] {
					byCode[k] |= 1 << uint(bit)
				}
			}
			for q := range np {
				var v uint64
				for k := 1; k < codes; k++ {
					v |= byCode[k] & -(it.pat[k] >> q & 1)
				}
				out[q*words+w] = v
			}
		}
	}
}

// countPairs adds one block's counts for every pair of narrow items.
func countPairs(acc []pairAcc, buf []uint64, items []*planeItem, narrow []int, w, p int) {
	for a, i := range narrow {
		row := Index(i, i+1, p) - (i + 1)
		for _, j := range narrow[a+1:] {
			countPair(&acc[row+j], buf[:len(buf):len(buf)], w, items[i], items[j])
		}
	}
}

// countPair adds one block's counts for items x and y. An item's planes
// lie one after the other (M, X′₀…, Q′₀…), so that one call counts all of
// them against the other item's mask.
func countPair(s *pairAcc, buf []uint64, W int, x, y *planeItem) {
	var cnt [2 + 3*maxPlaneBits]int64
	mx := buf[x.off : x.off+W]
	xPlanes := buf[x.off+W : x.off+(1+x.b+x.bq)*W]
	my := buf[y.off : y.off+W]
	yPlanes := buf[y.off+W : y.off+(1+y.b+y.bq)*W]
	s.n += andCount(mx, my)
	c := cnt[:x.b+x.bq]
	andCounts(xPlanes, my, c)
	for q := range x.b {
		s.sx += c[q] << q
	}
	for q := range x.bq {
		s.sxx += c[x.b+q] << q
	}
	c = cnt[:y.b+y.bq]
	andCounts(yPlanes, mx, c)
	for q := range y.b {
		s.sy += c[q] << q
	}
	for q := range y.bq {
		s.syy += c[y.b+q] << q
	}
	c = cnt[:y.b]
	for q := range x.b {
		andCounts(yPlanes, xPlanes[q*W:(q+1)*W], c)
		for t := range y.b {
			s.sxy += c[t] << (q + t)
		}
	}
}

// andCountsGeneric is andCounts one plane at a time.
func andCountsGeneric(a, b []uint64, out []int64) {
	w := len(b)
	for q := range out {
		out[q] = andCount(a[q*w:(q+1)*w], b)
	}
}

// andCountGeneric returns the number of bits set in both a and b.
func andCountGeneric(a, b []uint64) int64 {
	b = b[:len(a)]
	var c0, c1, c2, c3 int
	i := 0
	for ; i+4 <= len(a); i += 4 {
		c0 += bits.OnesCount64(a[i] & b[i])
		c1 += bits.OnesCount64(a[i+1] & b[i+1])
		c2 += bits.OnesCount64(a[i+2] & b[i+2])
		c3 += bits.OnesCount64(a[i+3] & b[i+3])
	}
	for ; i < len(a); i++ {
		c0 += bits.OnesCount64(a[i] & b[i])
	}
	return int64(c0 + c1 + c2 + c3)
}

// loopPair sums a pair over the first n respondents one by one, in x′ units.
func loopPair(x, y *planeItem, n int) pairAcc {
	var s pairAcc
	for r, kx := range x.codes[:n] {
		ky := y.codes[r]
		if kx == 0 || ky == 0 {
			continue
		}
		a, b := x.xs[kx], y.xs[ky]
		s.n++
		s.sx += a
		s.sy += b
		s.sxx += a * a
		s.syy += b * b
		s.sxy += a * b
	}
	return s
}

// finish turns sums of x′ = (x − a)/g and y′ = (y − c)/h into sums of x and
// y, exactly:
//
//	Σx  = N·a + g·Σx′
//	Σx² = N·a² + 2·a·g·Σx′ + g²·Σx′²
//	Σxy = N·a·c + a·h·Σy′ + c·g·Σx′ + g·h·Σx′y′
//
// Intermediate terms may wrap around in 64-bit arithmetic; the results are
// exact whenever they fit, which the caller makes sure of.
func finish(s pairAcc, x, y *planeItem) Sums {
	a, g, c, h := x.base, x.step, y.base, y.step
	return Sums{
		N:     s.n,
		SumX:  s.n*a + g*s.sx,
		SumY:  s.n*c + h*s.sy,
		SumXX: s.n*a*a + 2*a*g*s.sx + g*g*s.sxx,
		SumYY: s.n*c*c + 2*c*h*s.sy + h*h*s.syy,
		SumXY: s.n*a*c + a*h*s.sy + c*g*s.sx + g*h*s.sxy,
	}
}
