package files

// linkBudget is the memory, in bytes, that LinkWaves may hold at once for
// the rows of both waves (the ids and the previous wave's answer codes);
// a variable so that tests can force several passes.
var linkBudget int64 = 256 << 20

// The bytes a held row costs besides its id and its codes: the map entry
// id -> row, where the row is, and (previous wave) whether it linked,
// with room for the maps' spare slots.
const (
	prevRowBytes = 64
	curRowBytes  = 48
)

// A linkPass is pass k of n over both waves: it holds and links only the
// rows whose id falls in bucket k (idBucket), so that each pass holds
// about 1/n of the ids.
//
// The first pass (first, n = 1) reads every row: it checks every cell,
// finds each wave's answers (their codes), counts the rows without an id,
// and adds up in need the bytes holding every row with an id takes:
//
//	need = Σ_previous (items + len(id) + prevRowBytes) + Σ_current (len(id) + curRowBytes)
//
// Once need is above linkBudget it holds nothing more and only counts, and
// LinkWaves links again in ⌈need / linkBudget⌉ passes of one bucket each:
// a count from all rows, never an estimate from the first ones.
type linkPass struct {
	k, n  int
	first bool
	need  int64
}

// holds reports whether the pass holds the row of this (non-empty) id.
func (p *linkPass) holds(id string) bool {
	return !p.over() && (p.n == 1 || idBucket(id, p.n) == p.k)
}

// over reports whether the first pass has met more than the budget holds.
func (p *linkPass) over() bool { return p.first && p.need > linkBudget }

// linkPasses is the number of passes that keeps each within the budget,
// ⌈need / linkBudget⌉.
func linkPasses(need int64) int { return int((need + linkBudget - 1) / linkBudget) }

// idBucket returns the bucket (0 to n-1) of an id: its 64-bit FNV-1a hash
// (as hash/fnv's New64a computes it) modulo n. The same id always falls in
// the same bucket, so that both of its rows, in one wave or in the two,
// are in one pass.
func idBucket(id string, n int) int {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return int(h % uint64(n))
}

// linkHeld, when set (by tests), is told after each pass how many rows of
// the previous wave and ids of the current it held at its end.
var linkHeld func(pass linkPass, previous, current int)
