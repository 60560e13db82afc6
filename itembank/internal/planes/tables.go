package planes

import (
	"runtime"
	"sync"
)

// Answer tables by one-hot bit planes.
//
// For an item with K answer points, a block of respondents becomes K bit
// vectors, one per point: L_a has bit r set when respondent r gave the a-th
// answer. The table of items i and j over the respondents who answered both
// is then, cell by cell,
//
//	T[a][b] = popcount(L_ia & L_jb)
//
// Kᵢ·Kⱼ AND-and-popcount operations per 64 respondents (25 for two 1-5
// items; the pair sums take 26), counted by the same kernels as the sums
// (andCounts: one call per row of the table, all of item j's planes
// against one plane of item i). The table determines the pair sums too,
// so a caller that needs both need not count the sums apart.
// Every count is an exact integer, whatever the number of cores or the
// block size.

// A TableItem is one item's answers for tables: Codes as in Item, and
// Point[k] the answer point (0 ≤ Point[k] < Points) of code k ≥ 1;
// Point[0] is not used.
type TableItem struct {
	Codes  []uint8
	Point  []uint8
	Points int
}

// MaxPoints is the most answer points an item may have in a table.
const MaxPoints = 16

// CountTables returns the answer table of every pair of items over the
// first n respondents, the upper triangle (see Index): for pair (i, j), i
// < j, Kᵢ·Kⱼ counts row by row, cell (a, b) at a·Kⱼ + b, the respondents
// whose answer to i is point a and to j point b. The table of a pair with
// a nil item is nil.
func CountTables(items []*TableItem, n int) [][]int64 {
	p := len(items)
	tables := make([][]int64, p*(p-1)/2)
	w := blockWords(n)
	offs := make([]int, p) // first word of each item's planes in a block
	cells := make([]int, len(tables)+1)
	words := 0
	var used []int
	for i, it := range items {
		if it == nil {
			continue
		}
		if it.Points < 1 || it.Points > MaxPoints {
			panic("planes: a table item needs 1 to MaxPoints answer points")
		}
		offs[i] = words
		words += it.Points * w
		used = append(used, i)
	}
	for i := range p {
		for j := i + 1; j < p; j++ {
			k := Index(i, j, p)
			cells[k+1] = cells[k]
			if items[i] != nil && items[j] != nil {
				cells[k+1] += items[i].Points * items[j].Points
			}
		}
	}
	acc := make([]int64, cells[len(tables)])
	if len(used) >= 2 && n > 0 {
		countTableBlocks(acc, cells, items, used, offs, w, words, n)
	}
	for k := range tables {
		if cells[k+1] > cells[k] {
			tables[k] = acc[cells[k]:cells[k+1]:cells[k+1]]
		}
	}
	return tables
}

// countTableBlocks adds the tables of every block, the blocks shared out
// over all cores, each with its own counts, added at the end.
func countTableBlocks(acc []int64, cells []int, items []*TableItem, used, offs []int, w, words, n int) {
	blockRows := 64 * w
	blocks := (n + blockRows - 1) / blockRows
	workers := min(runtime.GOMAXPROCS(0), blocks)
	next := make(chan int, blocks)
	for b := range blocks {
		next <- b
	}
	close(next)
	parts := make([][]int64, workers)
	var wg sync.WaitGroup
	for k := range workers {
		mine := acc
		if k > 0 {
			mine = make([]int64, len(acc))
			parts[k] = mine
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]uint64, words)
			for b := range next {
				r0 := b * blockRows
				fillOneHot(buf, items, used, offs, w, r0, min(n, r0+blockRows))
				countTablePairs(mine, cells, buf, items, used, offs, w)
			}
		}()
	}
	wg.Wait()
	for _, part := range parts[1:] {
		for k, v := range part {
			acc[k] += v
		}
	}
}

// fillOneHot writes the one-hot planes of respondents r0 ≤ r < r1: plane a
// of an item holds the respondents who gave its a-th answer point.
func fillOneHot(buf []uint64, items []*TableItem, used, offs []int, words, r0, r1 int) {
	var byCode [MaxCodes]uint64
	for _, i := range used {
		it := items[i]
		out := buf[offs[i] : offs[i]+it.Points*words]
		clear(out)
		codes := len(it.Point)
		for w := range words {
			lo := r0 + 64*w
			hi := min(r1, lo+64)
			if lo >= hi {
				continue
			}
			clear(byCode[:codes])
			for bit, k := range it.Codes[lo:hi] {
				byCode[k] |= 1 << uint(bit)
			}
			for k := 1; k < codes; k++ {
				out[int(it.Point[k])*words+w] |= byCode[k]
			}
		}
	}
}

// countTablePairs adds one block's tables for every pair of items.
func countTablePairs(acc []int64, cells []int, buf []uint64, items []*TableItem, used, offs []int, w int) {
	p := len(items)
	var row [MaxPoints]int64
	for a, i := range used {
		x := items[i]
		for _, j := range used[a+1:] {
			y := items[j]
			t := acc[cells[Index(i, j, p)]:]
			yPlanes := buf[offs[j] : offs[j]+y.Points*w]
			c := row[:y.Points]
			for q := range x.Points {
				andCounts(yPlanes, buf[offs[i]+q*w:offs[i]+(q+1)*w], c)
				cell := t[q*y.Points : (q+1)*y.Points]
				for b, v := range c {
					cell[b] += v
				}
			}
		}
	}
}
