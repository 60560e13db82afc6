package planes

// A Counter adds up the pair sums of many items over blocks of
// respondents given one after the other, so that a wave can be counted
// without ever holding all of its answers: memory grows with the items
// and pairs, not with the respondents.
//
// The blocks of one Counter code answers alike: code k of an item stands
// for the same answer in every block, and a block may bring new codes (a
// later block can bring answers not seen before). Each block is counted
// on all cores: its bit planes are made and its pairs counted in tiles of
// items small enough to stay in the processor's cache, each pair by one
// core, into one set of accumulators.
//
// The accumulators hold sums of x′ = (x − a)/g (see the package comment),
// whose a and g follow from the item's answers so far. When a block
// changes them for some item (a new lowest answer, say), the sums counted
// so far are first turned into answer units (finish) and put aside, then
// counting starts again from zero; the result is the same integers as
// counting all respondents at once.
type Counter struct {
	p       int
	items   []*planeItem // of the blocks counted since the last finish; nil: not asked
	acc     []pairAcc    // in x′ units of items
	total   []Sums       // finished sums, in answer units
	pending bool         // acc holds counts not yet in total
	buf     []uint64
	lay     []layout // per item: its planes in the block buffer
}

// A layout is how an item's planes lie in a block: the mask M, the b bit
// planes X′ₛ, then either the bq planes Q′ₛ of x′² or, when the item has
// few answers (hot), one plane Eᵥ per answer x′ = v ≥ 1 (who gave it):
//
//	Σx′ = Σᵥ v·popcount(Eᵥ & Mⱼ)    Σx′² = Σᵥ v²·popcount(Eᵥ & Mⱼ)
//
// which takes top planes instead of b + bq (4 instead of 8 for a 1-5
// scale, 9 instead of 11 for 1-10): a pair of 1-5 items then costs 18
// AND-and-popcounts per 64 respondents instead of 26.
type layout struct {
	hot bool
	top int      // the largest x′, when hot
	np  int      // planes
	pat []uint64 // per code: the planes it sets
}

// maxHot is the most answers an item may have to be counted hot.
const maxHot = 16

func newLayout(it *planeItem) layout {
	var top int64
	for _, x := range it.xs {
		top = max(top, x)
	}
	l := layout{np: 1 + it.b + it.bq, pat: it.pat}
	if top < 1 || top > maxHot || int(top) >= it.b+it.bq {
		return l
	}
	l.hot, l.top, l.np = true, int(top), 1+it.b+int(top)
	l.pat = make([]uint64, len(it.xs))
	for k := 1; k < len(it.xs); k++ {
		x := uint64(it.xs[k])
		l.pat[k] = 1 | x<<1
		if x > 0 {
			l.pat[k] |= 1 << (uint(it.b) + uint(x))
		}
	}
	return l
}

// NewCounter returns a Counter for p items.
func NewCounter(p int) *Counter {
	np := p * (p - 1) / 2
	return &Counter{p: p, items: make([]*planeItem, p), acc: make([]pairAcc, np), total: make([]Sums, np), lay: make([]layout, p)}
}

// Add counts the pairs of the first n respondents of items, a block: a nil
// item was not asked. items must be the Counter's p items, coded as in the
// blocks before (see Counter). The sums may wrap around 64 bits on the way;
// they are exact whenever the final ones fit, which the caller makes sure
// of.
func (c *Counter) Add(items []*Item, n int) {
	if len(items) != c.p {
		panic("planes: Counter.Add with another number of items")
	}
	if n == 0 {
		return
	}
	cur := make([]*planeItem, c.p)
	same := true
	for i, it := range items {
		if it != nil {
			cur[i] = newPlaneItem(it)
		}
		if !sameScale(cur[i], c.items[i]) {
			same = false
		}
	}
	if !same {
		c.finish()
	}
	c.items = cur
	c.pending = true

	var narrow, wide []int
	w := blockWords(n)
	words := 0
	for i, it := range cur {
		switch {
		case it == nil:
		case it.wide:
			wide = append(wide, i)
		default:
			c.lay[i] = newLayout(it)
			it.off = words
			words += c.lay[i].np * w
			narrow = append(narrow, i)
		}
	}
	if cap(c.buf) < words {
		c.buf = make([]uint64, words)
	}
	buf := c.buf[:words]
	if len(narrow) >= 2 {
		tiles := c.tilesOf(narrow, w)
		blockRows := 64 * w
		for r0 := 0; r0 < n; r0 += blockRows {
			c.countBlock(buf, narrow, tiles, w, r0, min(n, r0+blockRows))
		}
	}
	for _, i := range wide {
		for j := range c.p {
			if j != i && cur[j] != nil && (!cur[j].wide || j > i) {
				lo, hi := min(i, j), max(i, j)
				s := loopPair(cur[lo], cur[hi], n)
				a := &c.acc[Index(lo, hi, c.p)]
				a.n += s.n
				a.sx += s.sx
				a.sy += s.sy
				a.sxx += s.sxx
				a.syy += s.syy
				a.sxy += s.sxy
			}
		}
	}
}

// sameScale reports whether two plane items of one item turn answers into
// x′ alike, so that their counts add up.
func sameScale(a, b *planeItem) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.base == b.base && a.step == b.step && a.b == b.b && a.bq == b.bq && a.wide == b.wide
}

// finish turns the counts in acc into answer units, adds them to total
// and clears acc.
func (c *Counter) finish() {
	if !c.pending {
		return
	}
	for i := range c.p {
		x := c.items[i]
		if x == nil {
			continue
		}
		row := Index(i, i+1, c.p) - (i + 1)
		for j := i + 1; j < c.p; j++ {
			if y := c.items[j]; y != nil {
				k := row + j
				s := finish(c.acc[k], x, y)
				t := &c.total[k]
				t.N += s.N
				t.SumX += s.SumX
				t.SumY += s.SumY
				t.SumXX += s.SumXX
				t.SumYY += s.SumYY
				t.SumXY += s.SumXY
			}
		}
	}
	clear(c.acc)
	c.pending = false
}

// FlushTo adds the pair sums counted so far (the upper triangle, see
// Index) to dst and starts again from zero. Between two calls, the caller
// may change the units of the answers (as long as codes keep their
// answers), having rescaled what it was given.
func (c *Counter) FlushTo(dst []Sums) {
	c.finish()
	for k, t := range c.total {
		d := &dst[k]
		d.N += t.N
		d.SumX += t.SumX
		d.SumY += t.SumY
		d.SumXX += t.SumXX
		d.SumYY += t.SumYY
		d.SumXY += t.SumXY
	}
	clear(c.total)
	clear(c.items)
}

func (c *Counter) tilesOf(narrow []int, w int) []tile {
	return cutTiles(len(narrow), func(a int) int { return c.lay[narrow[a]].np * w * 8 })
}

// countBlock counts respondents r0 ≤ r < r1 for every pair of narrow
// items on all cores: first the planes, each core some items, then the
// pairs of every two tiles, each pair of tiles by one core.
func (c *Counter) countBlock(buf []uint64, narrow []int, tiles []tile, w, r0, r1 int) {
	countOnCores(narrow, tiles,
		func(part []int) { c.fill(buf, part, w, r0, r1) },
		func(t int) { c.countTiles(buf, narrow, tiles, t, w) })
}

// countTiles counts the pairs of task t: tiles I ≤ J numbered row by row
// ((0,0), (0,1), …, (1,1), …), every pair of an item of I with a later
// item of J.
func (c *Counter) countTiles(buf []uint64, narrow []int, tiles []tile, t, w int) {
	I, J := tilePair(t, len(tiles))
	ti, tj := tiles[I], tiles[J]
	buf = buf[:len(buf):len(buf)]
	for a := ti.lo; a < ti.hi; a++ {
		i := narrow[a]
		row := Index(i, i+1, c.p) - (i + 1)
		from := tj.lo
		if I == J {
			from = a + 1
		}
		for _, j := range narrow[from:tj.hi] {
			c.countPair(&c.acc[row+j], buf, w, i, j)
		}
	}
}

// fill writes the planes of respondents r0 ≤ r < r1 of the given items
// into buf, as fillPlanes does, each item in its layout.
func (c *Counter) fill(buf []uint64, narrow []int, words, r0, r1 int) {
	var byCode [MaxCodes]uint64
	for _, i := range narrow {
		it, l := c.items[i], c.lay[i]
		out := buf[it.off : it.off+l.np*words]
		codes := len(l.pat)
		for w := range words {
			lo := r0 + 64*w
			hi := min(r1, lo+64)
			clear(byCode[:codes])
			if lo < hi {
				for bit, k := range it.codes[lo:hi] {
					byCode[k] |= 1 << uint(bit)
				}
			}
			for q := range l.np {
				var v uint64
				for k := 1; k < codes; k++ {
					v |= byCode[k] & -(l.pat[k] >> q & 1)
				}
				out[q*words+w] = v
			}
		}
	}
}

// countPair adds one block's counts for items i and j, as the package's
// countPair does, the marginal sums of a hot item from its answer planes.
func (c *Counter) countPair(s *pairAcc, buf []uint64, W int, i, j int) {
	x, y := c.items[i], c.items[j]
	lx, ly := &c.lay[i], &c.lay[j]
	var cnt [maxPlaneBits + 2*maxHot]int64
	mx := buf[x.off : x.off+W]
	xBits := buf[x.off+W : x.off+(1+x.b)*W]
	my := buf[y.off : y.off+W]
	yBits := buf[y.off+W : y.off+(1+y.b)*W]
	s.n += andCount(mx, my)
	s.sx, s.sxx = marginal(s.sx, s.sxx, buf, W, x, lx, my, cnt[:])
	s.sy, s.syy = marginal(s.sy, s.syy, buf, W, y, ly, mx, cnt[:])
	cc := cnt[:y.b]
	for q := range x.b {
		andCounts(yBits, xBits[q*W:(q+1)*W], cc)
		for t := range y.b {
			s.sxy += cc[t] << (q + t)
		}
	}
}

// marginal adds Σx′ and Σx′² of item x over the respondents in mask m to
// sx and sxx.
func marginal(sx, sxx int64, buf []uint64, W int, x *planeItem, l *layout, m []uint64, cnt []int64) (int64, int64) {
	if l.hot {
		c := cnt[:l.top]
		andCounts(buf[x.off+(1+x.b)*W:x.off+l.np*W], m, c)
		for v, n := range c {
			v := int64(v + 1)
			sx += v * n
			sxx += v * v * n
		}
		return sx, sxx
	}
	c := cnt[:x.b+x.bq]
	andCounts(buf[x.off+W:x.off+(1+x.b+x.bq)*W], m, c)
	for q := range x.b {
		sx += c[q] << q
	}
	for q := range x.bq {
		sxx += c[x.b+q] << q
	}
	return sx, sxx
}
