package planes

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// tableItems returns p items of n respondents with 1 to 11 answer points,
// some answers missing, every third item's codes in a shuffled order of
// points, and item 2 nil (not asked).
func tableItems(rng *rand.Rand, p, n int) []*TableItem {
	items := make([]*TableItem, p)
	for i := range items {
		if i == 2 {
			continue
		}
		k := 1 + rng.IntN(11)
		it := &TableItem{Codes: make([]uint8, n), Point: make([]uint8, k+1), Points: k}
		perm := rng.Perm(k)
		for c := 1; c <= k; c++ {
			it.Point[c] = uint8(c - 1)
			if i%3 == 0 {
				it.Point[c] = uint8(perm[c-1])
			}
		}
		missing := rng.IntN(40)
		for r := range it.Codes {
			if rng.IntN(100) >= missing {
				it.Codes[r] = uint8(1 + rng.IntN(k))
			}
		}
		items[i] = it
	}
	return items
}

// loopTable counts the table of x and y respondent by respondent.
func loopTable(x, y *TableItem, n int) []int64 {
	t := make([]int64, x.Points*y.Points)
	for r := range n {
		kx, ky := x.Codes[r], y.Codes[r]
		if kx != 0 && ky != 0 {
			t[int(x.Point[kx])*y.Points+int(y.Point[ky])]++
		}
	}
	return t
}

// TestCountTables checks every table against a plain loop, on each way of
// counting bits, for waves smaller than one word, of several blocks (so
// that both cores take part) and with a last block cut short.
func TestCountTables(t *testing.T) {
	for _, path := range pairPaths {
		t.Run(path, func(t *testing.T) {
			usePairPath(t, path)
			rng := rand.New(rand.NewPCG(7, 8))
			for _, n := range []int{0, 1, 5, 63, 64, 65, 1000, 3*8192 + 17} {
				items := tableItems(rng, 7, n)
				tables := CountTables(items, n)
				for i := range items {
					for j := i + 1; j < len(items); j++ {
						got := tables[Index(i, j, len(items))]
						if items[i] == nil || items[j] == nil {
							if got != nil {
								t.Errorf("n %d: pair (%d,%d) of a nil item has a table", n, i, j)
							}
							continue
						}
						if want := loopTable(items[i], items[j], n); !slices.Equal(got, want) {
							t.Errorf("n %d: table (%d,%d) = %v, want %v", n, i, j, got, want)
						}
					}
				}
			}
		})
	}
}

// With enough items for several tiles (TableCounter.countBlocks), counted
// by one core or by several, every table is the one counted respondent by
// respondent: no pair is counted twice or left out.
func TestCountTablesTiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const p, n = 80, 8192 + 70
	items := tableItems(rng, p, n)
	words := 0
	for _, it := range items {
		if it != nil {
			words += it.Points * blockWords(n)
		}
	}
	if tiles := words * 8 / tileBytes; tiles < 3 {
		t.Fatalf("the items make %d tiles; the test needs several", tiles)
	}
	for _, procs := range []int{1, 2, 3} {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		tables := CountTables(items, n)
		for i := range p {
			for j := i + 1; j < p; j++ {
				if items[i] == nil || items[j] == nil {
					continue
				}
				if want := loopTable(items[i], items[j], n); !slices.Equal(tables[Index(i, j, p)], want) {
					t.Fatalf("%d cores: table (%d,%d) = %v, want %v", procs, i, j, tables[Index(i, j, p)], want)
				}
			}
		}
	}
}

// TestCountTablesFirstN checks that only the first n respondents count
// when the codes are longer.
func TestCountTablesFirstN(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	items := tableItems(rng, 4, 500)
	got := CountTables(items, 130)[Index(0, 1, 4)]
	if want := loopTable(items[0], items[1], 130); !slices.Equal(got, want) {
		t.Errorf("first 130 respondents: %v, want %v", got, want)
	}
}

// BenchmarkCountTables times the tables beside the pair sums (see
// BenchmarkCount) on the same items: four in five on a 1-5 scale, one on
// 1-10.
func BenchmarkCountTables(b *testing.B) {
	for _, size := range []struct{ p, n int }{{149, 200}, {300, 100000}} {
		b.Run(fmt.Sprintf("%dx%d", size.p, size.n), func(b *testing.B) {
			items := benchItems(size.p, size.n)
			tab := make([]*TableItem, len(items))
			for i, it := range items {
				k := len(it.Values) - 1
				ti := &TableItem{Codes: it.Codes, Point: make([]uint8, k+1), Points: k}
				for c := 1; c <= k; c++ {
					ti.Point[c] = uint8(c - 1)
				}
				tab[i] = ti
			}
			for b.Loop() {
				CountTables(tab, size.n)
			}
			pairs := float64(size.p * (size.p - 1) / 2)
			b.ReportMetric(pairs*float64(size.n)*float64(b.N)/b.Elapsed().Seconds(), "pair-resp/s")
		})
	}
}
