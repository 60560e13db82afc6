package planes

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
// Point[k] the answer point (0 ≤ Point[k] < Points) of code k ≥ 1, or
// NoPoint for a code that no cell counts; Point[0] is not used.
type TableItem struct {
	Codes  []uint8
	Point  []uint8
	Points int
}

// NoPoint marks a code that counts in no table.
const NoPoint = 255

// MaxPoints is the most answer points an item may have in a table.
const MaxPoints = 16

// A TableCounter adds up the answer tables of blocks of respondents. The
// items and their points are fixed when it is made; a block may leave an
// item out (nil: nobody in it answered).
type TableCounter struct {
	points []int
	cells  []int // first cell of each pair's table; one more at the end
	acc    []int64
	buf    []uint64 // the one-hot planes of a block, kept from block to block
}

// NewTableCounter returns a counter for items with the given numbers of
// answer points (0: the item has no tables).
func NewTableCounter(points []int) *TableCounter {
	p := len(points)
	c := &TableCounter{points: points, cells: make([]int, p*(p-1)/2+1)}
	for i := range p {
		if points[i] < 0 || points[i] > MaxPoints {
			panic("planes: a table item needs 0 to MaxPoints answer points")
		}
		for j := i + 1; j < p; j++ {
			k := Index(i, j, p)
			c.cells[k+1] = c.cells[k] + points[i]*points[j]
		}
	}
	c.acc = make([]int64, c.cells[len(c.cells)-1])
	return c
}

// Add counts the first n respondents of items (indexed like the points;
// nil for an item nobody in the block answered, or without tables).
func (c *TableCounter) Add(items []*TableItem, n int) {
	w := blockWords(n)
	offs := make([]int, len(items))
	words := 0
	var used []int
	for i, pt := range c.points {
		if pt == 0 {
			continue
		}
		if items[i] != nil && items[i].Points != pt {
			panic("planes: a table item's points differ from the counter's")
		}
		offs[i] = words
		words += pt * w
		used = append(used, i)
	}
	if len(used) >= 2 && n > 0 {
		c.countBlocks(items, used, offs, w, words, n)
	}
}

// Tables returns the table of every pair (the upper triangle, see Index):
// for pair (i, j), i < j, Kᵢ·Kⱼ counts row by row, cell (a, b) at a·Kⱼ + b;
// nil when either item has no tables. The counts are the counter's own.
func (c *TableCounter) Tables() [][]int64 {
	out := make([][]int64, len(c.cells)-1)
	for k := range out {
		if c.cells[k+1] > c.cells[k] {
			out[k] = c.acc[c.cells[k]:c.cells[k+1]:c.cells[k+1]]
		}
	}
	return out
}

// CountTables returns the answer table of every pair of items over the
// first n respondents (see TableCounter.Tables); the table of a pair with
// a nil item is nil.
func CountTables(items []*TableItem, n int) [][]int64 {
	points := make([]int, len(items))
	for i, it := range items {
		if it != nil {
			if it.Points < 1 {
				panic("planes: a table item needs 1 to MaxPoints answer points")
			}
			points[i] = it.Points
		}
	}
	c := NewTableCounter(points)
	c.Add(items, n)
	return c.Tables()
}

// countBlocks adds the tables of every block of 64·w respondents, one
// block after the other, each on all cores: first its one-hot planes, each
// core some items, then the pairs of every two tiles of items, each pair
// of tiles by one core. A pair's table is counted by one core only, so
// that the cores add into the same counts.
func (c *TableCounter) countBlocks(items []*TableItem, used, offs []int, w, words, n int) {
	if cap(c.buf) < words {
		c.buf = make([]uint64, words)
	}
	buf := c.buf[:words]
	tiles := cutTiles(len(used), func(a int) int { return c.points[used[a]] * w * 8 })
	blockRows := 64 * w
	for r0 := 0; r0 < n; r0 += blockRows {
		r1 := min(n, r0+blockRows)
		countOnCores(used, tiles,
			func(part []int) { fillOneHot(buf, items, part, offs, c.points, w, r0, r1) },
			func(t int) { countTableTiles(c.acc, c.cells, buf, c.points, used, offs, tiles, t, w) })
	}
}

// fillOneHot writes the one-hot planes of respondents r0 ≤ r < r1: plane a
// of an item holds the respondents who gave its a-th answer point.
func fillOneHot(buf []uint64, items []*TableItem, used, offs, points []int, words, r0, r1 int) {
	var byCode [MaxCodes]uint64
	for _, i := range used {
		it := items[i]
		out := buf[offs[i] : offs[i]+points[i]*words]
		clear(out)
		if it == nil {
			continue
		}
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
				if pt := it.Point[k]; pt != NoPoint {
					out[int(pt)*words+w] |= byCode[k]
				}
			}
		}
	}
}

// countTableTiles adds one block's tables for the pairs of task t: tiles
// I ≤ J numbered row by row ((0,0), (0,1), …, (1,1), …), every pair of an
// item of I with a later item of J, whose planes then stay in the
// processor's level-2 cache.
func countTableTiles(acc []int64, cells []int, buf []uint64, points, used, offs []int, tiles []tile, t, w int) {
	I, J := tilePair(t, len(tiles))
	ti, tj := tiles[I], tiles[J]
	p := len(points)
	var row [MaxPoints]int64
	for a := ti.lo; a < ti.hi; a++ {
		i := used[a]
		for _, j := range used[max(a+1, tj.lo):tj.hi] {
			tab := acc[cells[Index(i, j, p)]:]
			yPlanes := buf[offs[j] : offs[j]+points[j]*w]
			c := row[:points[j]]
			for q := range points[i] {
				andCounts(yPlanes, buf[offs[i]+q*w:offs[i]+(q+1)*w], c)
				cell := tab[q*points[j] : (q+1)*points[j]]
				for b, v := range c {
					cell[b] += v
				}
			}
		}
	}
}
