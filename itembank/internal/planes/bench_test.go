package planes

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchItems returns p items of n respondents like a survey's: four items
// in five on a 1-5 scale, one on 1-10, about 3% of answers missing.
func benchItems(p, n int) []*Item {
	rng := rand.New(rand.NewPCG(uint64(p), uint64(n)))
	five := []int64{0, 1, 2, 3, 4, 5}
	ten := []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	items := make([]*Item, p)
	for i := range items {
		vals := five
		if i%5 == 4 {
			vals = ten
		}
		it := &Item{Codes: make([]uint8, n), Values: vals}
		for r := range it.Codes {
			if rng.IntN(100) >= 3 {
				it.Codes[r] = uint8(1 + rng.IntN(len(vals)-1))
			}
		}
		items[i] = it
	}
	return items
}

// BenchmarkCount times Count with each way of counting bits (see
// pairPaths; a path this processor lacks is skipped) for items×respondents
// of a small and a large wave. pair-resp/s is pairs of items times
// respondents counted per second.
func BenchmarkCount(b *testing.B) {
	sizes := []struct{ p, n int }{{149, 200}, {300, 100000}}
	data := make([][]*Item, len(sizes)) // made once, when first needed
	for _, path := range pairPaths {
		b.Run(path, func(b *testing.B) {
			for k, size := range sizes {
				b.Run(fmt.Sprintf("%dx%d", size.p, size.n), func(b *testing.B) {
					usePairPath(b, path)
					if data[k] == nil {
						data[k] = benchItems(size.p, size.n)
					}
					items := data[k]
					var sums []Sums
					for b.Loop() {
						sums = Count(items, size.n)
					}
					if sums[0].N == 0 || sums[0].N > int64(size.n) {
						b.Fatalf("pair (0,1) has %d respondents of %d", sums[0].N, size.n)
					}
					pairs := float64(size.p * (size.p - 1) / 2)
					b.ReportMetric(pairs*float64(size.n)*float64(b.N)/b.Elapsed().Seconds(), "pair-resp/s")
				})
			}
		})
	}
}

// BenchmarkCounter times a Counter fed blocks of 8,192 respondents, as a
// streaming load feeds it, for 1,000 items.
func BenchmarkCounter(b *testing.B) {
	for _, size := range []struct{ p, n int }{{300, 100000}, {1000, 32768}} {
		b.Run(fmt.Sprintf("%dx%d", size.p, size.n), func(b *testing.B) {
			items := benchItems(size.p, size.n)
			blk := make([]*Item, size.p)
			for b.Loop() {
				c := NewCounter(size.p)
				for r0 := 0; r0 < size.n; r0 += 8192 {
					r1 := min(size.n, r0+8192)
					for i, it := range items {
						blk[i] = &Item{Codes: it.Codes[r0:r1], Values: it.Values}
					}
					c.Add(blk, r1-r0)
				}
			}
			pairs := float64(size.p * (size.p - 1) / 2)
			b.ReportMetric(pairs*float64(size.n)*float64(b.N)/b.Elapsed().Seconds(), "pair-resp/s")
		})
	}
}
