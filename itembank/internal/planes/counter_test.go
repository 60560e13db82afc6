package planes

import (
	"math/rand/v2"
	"testing"
)

// firstSeen recodes an item as a loader codes it, answers numbered in the
// order they first occur, and returns how many codes the first r
// respondents use, for each r.
func firstSeen(it *Item) (*Item, []int) {
	if it == nil {
		return nil, nil
	}
	remap := make([]int, len(it.Values))
	out := &Item{Codes: make([]uint8, len(it.Codes)), Values: []int64{0}}
	used := make([]int, len(it.Codes)+1)
	for r, k := range it.Codes {
		used[r] = len(out.Values) - 1
		if k == 0 {
			continue
		}
		if remap[k] == 0 {
			out.Values = append(out.Values, it.Values[k])
			remap[k] = len(out.Values) - 1
		}
		out.Codes[r] = uint8(remap[k])
	}
	used[len(it.Codes)] = len(out.Values) - 1
	return out, used
}

// block returns respondents r0 ≤ r < r1 of items, each with the values of
// the codes seen up to r1, as a loader reading block by block has them.
func block(items []*Item, used [][]int, r0, r1 int) []*Item {
	out := make([]*Item, len(items))
	for i, it := range items {
		if it != nil {
			out[i] = &Item{Codes: it.Codes[r0:r1], Values: it.Values[:1+used[i][r1]]}
		}
	}
	return out
}

// TestCounterBlocks: counting block by block, with answers first seen in
// later blocks (which changes the planes of an item), gives what counting
// all respondents at once gives, on every way of counting bits.
func TestCounterBlocks(t *testing.T) {
	for _, path := range pairPaths {
		t.Run(path, func(t *testing.T) {
			usePairPath(t, path)
			for _, n := range []int{0, 1, 70, 8192, 20000} {
				rng := rand.New(rand.NewPCG(uint64(n), 11))
				names, raw := testItems(rng, n)
				items := make([]*Item, len(raw))
				used := make([][]int, len(raw))
				for i, it := range raw {
					items[i], used[i] = firstSeen(it)
				}
				c := NewCounter(len(items))
				for r0 := 0; r0 < n; {
					r1 := min(n, r0+1+rng.IntN(9000))
					if rng.IntN(4) == 0 {
						r1 = min(n, r0+1+rng.IntN(50)) // small blocks, where new answers appear
					}
					c.Add(block(items, used, r0, r1), r1-r0)
					r0 = r1
				}
				got := make([]Sums, len(items)*(len(items)-1)/2)
				c.FlushTo(got)
				want := refCount(items, n)
				for i := range items {
					for j := i + 1; j < len(items); j++ {
						if k := Index(i, j, len(items)); got[k] != want[k] {
							t.Errorf("n = %d, items %s and %s:\n got %+v\nwant %+v", n, names[i], names[j], got[k], want[k])
						}
					}
				}
			}
		})
	}
}

// TestCounterUnits: the caller may change the units of the answers
// between two FlushTo, rescaling what it was given: the sums are those of
// the answers in the new units.
func TestCounterUnits(t *testing.T) {
	x := &Item{Codes: []uint8{1, 2, 1, 3, 0, 2}, Values: []int64{0, 1, 2, 25}}
	y := &Item{Codes: []uint8{2, 1, 1, 1, 1, 0}, Values: []int64{0, 4, 5}}
	c := NewCounter(2)
	c.Add([]*Item{{Codes: x.Codes[:3], Values: x.Values[:3]}, {Codes: y.Codes[:3], Values: y.Values}}, 3)
	got := make([]Sums, 1)
	c.FlushTo(got)
	// Tenths from here on: 2.5 is 25 tenths.
	got[0].SumX *= 10
	got[0].SumY *= 10
	got[0].SumXX *= 100
	got[0].SumYY *= 100
	got[0].SumXY *= 100
	tenths := func(v []int64) []int64 {
		out := make([]int64, len(v))
		for k, a := range v {
			out[k] = 10 * a
		}
		return out
	}
	x10 := &Item{Codes: x.Codes, Values: []int64{0, 10, 20, 25}}
	y10 := &Item{Codes: y.Codes, Values: tenths(y.Values)}
	c.Add([]*Item{{Codes: x10.Codes[3:], Values: x10.Values}, {Codes: y10.Codes[3:], Values: y10.Values}}, 3)
	c.FlushTo(got)
	if want := refCount([]*Item{x10, y10}, 6)[0]; got[0] != want {
		t.Errorf("counted in two units: %+v, want %+v", got[0], want)
	}
}
