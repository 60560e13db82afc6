package planes

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// pairPaths are the ways of counting bits, fastest first: the AVX-512 and
// POPCNT assembly (amd64 without the purego tag) and pure Go. setPairPath
// and usePairPath (andcount_amd64_test.go, planes_other_test.go) switch
// between them.
var pairPaths = []string{"avx512", "popcnt", "generic"}

// bitAndCount counts the bits set in both a and b one bit at a time.
func bitAndCount(a, b []uint64) int64 {
	var c int64
	for i := range a {
		for bit := range 64 {
			c += int64((a[i] & b[i]) >> bit & 1)
		}
	}
	return c
}

// refCount is what Count computes, respondent by respondent.
func refCount(items []*Item, n int) []Sums {
	p := len(items)
	out := make([]Sums, 0, p*(p-1)/2)
	for i := 0; i < p; i++ {
		for j := i + 1; j < p; j++ {
			var s Sums
			x, y := items[i], items[j]
			if x != nil && y != nil {
				for r := 0; r < n; r++ {
					cx, cy := x.Codes[r], y.Codes[r]
					if cx == 0 || cy == 0 {
						continue
					}
					a, b := x.Values[cx], y.Values[cy]
					s.N++
					s.SumX += a
					s.SumY += b
					s.SumXX += a * a
					s.SumYY += b * b
					s.SumXY += a * b
				}
			}
			out = append(out, s)
		}
	}
	return out
}

// checkCount fails t unless Count(items, n) equals refCount(items, n).
func checkCount(t *testing.T, what string, names []string, items []*Item, n int) {
	t.Helper()
	got, want := Count(items, n), refCount(items, n)
	if len(got) != len(want) {
		t.Fatalf("%s: Count of %d items gives %d pairs, want %d", what, len(items), len(got), len(want))
	}
	bad := 0
	p := len(items)
	for i := range p {
		for j := i + 1; j < p; j++ {
			k := Index(i, j, p)
			if got[k] != want[k] && bad < 5 {
				bad++
				t.Errorf("%s, n = %d, items %d (%s) and %d (%s):\n got %+v\nwant %+v", what, n, i, names[i], j, names[j], got[k], want[k])
			}
		}
	}
}

// checkCounter fails t unless a Counter fed blocks of the given number
// of respondents counts what refCount does.
func checkCounter(t *testing.T, what string, names []string, items []*Item, n, rows int) {
	t.Helper()
	c := NewCounter(len(items))
	blk := make([]*Item, len(items))
	for r0 := 0; r0 < n; r0 += rows {
		r1 := min(n, r0+rows)
		for i, it := range items {
			blk[i] = nil
			if it != nil {
				blk[i] = &Item{Codes: it.Codes[r0:r1], Values: it.Values}
			}
		}
		c.Add(blk, r1-r0)
	}
	p := len(items)
	got, want := make([]Sums, p*(p-1)/2), refCount(items, n)
	c.FlushTo(got)
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("%s, Counter in blocks of %d, n = %d, pair %d (%v):\n got %+v\nwant %+v", what, rows, n, k, names, got[k], want[k])
		}
	}
}

func TestIndex(t *testing.T) {
	for p := range 8 {
		k := 0
		for i := range p {
			for j := i + 1; j < p; j++ {
				if got := Index(i, j, p); got != k {
					t.Errorf("Index(%d, %d, %d) = %d, want %d", i, j, p, got, k)
				}
				k++
			}
		}
	}
}

// TestCountByHand checks Count, and the reference loop, against sums
// worked out by hand.
func TestCountByHand(t *testing.T) {
	items := []*Item{
		{Codes: []uint8{1, 2, 0, 5, 3}, Values: []int64{0, 1, 2, 3, 4, 5}},
		{Codes: []uint8{1, 0, 2, 3, 0}, Values: []int64{0, 65, 75, 80}},
		nil,
		{Codes: []uint8{1, 1, 1, 2, 2}, Values: []int64{0, -3, 99999}},
	}
	// Pairs (0,1), (0,2), (0,3), (1,2), (1,3), (2,3).
	want := []Sums{
		// Respondents 0 (1, 65) and 3 (5, 80).
		{N: 2, SumX: 6, SumY: 145, SumXX: 26, SumYY: 10625, SumXY: 465},
		{},
		// Respondents 0 (1, -3), 1 (2, -3), 3 (5, 99999), 4 (3, 99999).
		{N: 4, SumX: 11, SumY: 199992, SumXX: 39, SumYY: 2*9 + 2*99999*99999, SumXY: -9 + 8*99999},
		{},
		// Respondents 0 (65, -3), 2 (75, -3), 3 (80, 99999).
		{N: 3, SumX: 220, SumY: 99993, SumXX: 65*65 + 75*75 + 80*80, SumYY: 2*9 + 99999*99999, SumXY: -3*140 + 80*99999},
		{},
	}
	if got := refCount(items, 5); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("refCount = %+v\nwant %+v", got, want)
	}
	for _, path := range pairPaths {
		t.Run(path, func(t *testing.T) {
			usePairPath(t, path)
			got := Count(items, 5)
			if len(got) != len(want) {
				t.Fatalf("Count gives %d pairs, want %d", len(got), len(want))
			}
			for k := range want {
				if got[k] != want[k] {
					t.Errorf("pair %d: %+v, want %+v", k, got[k], want[k])
				}
			}
			// The first 3 respondents only: pair (0,1) has respondent 0.
			if got := Count(items, 3)[0]; got != (Sums{N: 1, SumX: 1, SumY: 65, SumXX: 1, SumYY: 4225, SumXY: 65}) {
				t.Errorf("first 3 respondents, pair (0,1): %+v", got)
			}
		})
	}
}

// testItems returns items of n respondents with many kinds of values and
// rates of missing answers, and their descriptions.
func testItems(rng *rand.Rand, n int) ([]string, []*Item) {
	seq := func(first, step int64, k int) []int64 {
		v := make([]int64, k+1)
		for i := 1; i <= k; i++ {
			v[i] = first + step*int64(i-1)
		}
		return v
	}
	kinds := []struct {
		name    string
		values  []int64
		missing float64
	}{
		{"1-5, 3% missing", seq(1, 1, 5), 0.03},
		{"1-10, 10% missing", seq(1, 1, 10), 0.10},
		{"65/75/80 (decimals as units), none missing", []int64{0, 65, 75, 80}, 0},
		{"-3..3, half missing", seq(-3, 1, 7), 0.5},
		{"wide 0/1/2/99999, 5% missing", []int64{0, 0, 1, 2, 99999}, 0.05},
		{"constant 7, 20% missing", []int64{0, 7}, 0.2},
		{"nil", nil, 0},
		{"5..1 (dictionary in reverse), 97% missing", seq(5, -1, 5), 0.97},
		{"wide -1/0/256 (9 bits), 30% missing", []int64{0, -1, 0, 256}, 0.3},
		{"255 codes 1000+3k (8 bits), 1% missing", seq(1000, 3, 255), 0.01},
		{"0/512/1024 (step 512), 40% missing", []int64{0, 0, 512, 1024}, 0.4},
		{"1-5, never answered", seq(1, 1, 5), 1},
		{"no values, never answered", nil, 1},
		{"1-5, none missing", seq(1, 1, 5), 0},
		{"1000000 + 250k (large offset), 2% missing", seq(1000000, 250, 5), 0.02},
		{"1-10 with unused codes, 60% missing", seq(1, 1, 10), 0.6},
	}
	names := make([]string, len(kinds))
	items := make([]*Item, len(kinds))
	for i, k := range kinds {
		names[i] = k.name
		if k.name == "nil" {
			continue
		}
		it := &Item{Codes: make([]uint8, n), Values: k.values}
		used := len(k.values) - 1
		if i == len(kinds)-1 {
			used = 4 // codes 5..10 have values but no answers
		}
		for r := range it.Codes {
			if used > 0 && rng.Float64() >= k.missing {
				it.Codes[r] = uint8(1 + rng.IntN(used))
			}
		}
		items[i] = it
	}
	return names, items
}

// TestCount compares Count with the respondent-by-respondent loop on
// random items, for numbers of respondents around the word (64) and block
// (64·16 for a small wave, 64·128) sizes, with each way of counting bits.
func TestCount(t *testing.T) {
	for _, path := range pairPaths {
		t.Run(path, func(t *testing.T) {
			usePairPath(t, path)
			for _, n := range []int{0, 1, 3, 63, 64, 65, 1023, 1024, 1025, 8191, 8192, 8193, 20000} {
				names, items := testItems(rand.New(rand.NewPCG(uint64(n), 7)), n)
				checkCount(t, path, names, items, n)
			}
		})
	}
}

// FuzzCount compares Count with the respondent-by-respondent loop on
// small items made from the fuzz input, with each way of counting bits
// this processor has.
func FuzzCount(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{3, 10, 0, 0x0d, 1, 2, 3, 4, 5, 0x3b, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0xff, 0x80, 1})
	f.Add([]byte{5, 0x41, 0x20, 0x15, 200, 10, 0x16, 1, 1, 1, 0x02, 0x11, 0x27, 0xff, 7, 0x31, 9, 3, 2, 1, 0, 5, 4, 3, 2, 1})
	f.Add([]byte{4, 0xc1, 0x00, 0x0c, 0xff, 0x7f, 0x00, 0x0f, 0xaa, 0x55, 0x33, 0x8e, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06})
	f.Fuzz(func(t *testing.T, data []byte) {
		pos := 0
		next := func() byte {
			if pos >= len(data) {
				pos++
				return byte(pos * 37)
			}
			pos++
			return data[pos-1]
		}
		p := 2 + int(next()%5)
		n := (int(next()) | int(next())<<8) % 9000
		var items []*Item
		var names []string
		for range p {
			kind := next()
			if kind%8 == 0 {
				items, names = append(items, nil), append(names, "nil")
				continue
			}
			vals := make([]int64, 1+int(kind%8)) // 1 to 7 answer values
			for k := 1; k < len(vals); k++ {
				switch kind >> 3 & 3 {
				case 0: // small values
					vals[k] = int64(int8(next()))
				case 1: // small values times 4096: narrow by their step
					vals[k] = int64(int8(next())) << 12
				case 2: // up to 16 bits: mostly wide
					vals[k] = int64(int16(uint16(next()) | uint16(next())<<8))
				default: // a large offset
					vals[k] = 1e6 + int64(next()%16)
				}
			}
			names = append(names, fmt.Sprint(vals[1:]))
			it := &Item{Codes: make([]uint8, n), Values: vals}
			start := pos
			for r := range it.Codes {
				if pos >= len(data) {
					pos = start // repeat the rest of the input
				}
				if pos < len(data) {
					it.Codes[r] = next() % uint8(len(vals))
				} else {
					it.Codes[r] = uint8((r*7 + len(items)) % len(vals))
				}
			}
			items = append(items, it)
		}
		for _, path := range pairPaths {
			restore, missing := setPairPath(path)
			if missing != "" {
				continue
			}
			func() {
				defer restore()
				checkCount(t, path, names, items, n)
				checkCounter(t, path, names, items, n, 1+int(next())*37)
			}()
		}
	})
}

// TestCountFirstN: Count sums over the first n respondents only, also on
// the plain-loop path of widely spread answers (0, 1 and 99999 need 17 bits).
func TestCountFirstN(t *testing.T) {
	wide := &Item{Codes: []uint8{1, 2, 3}, Values: []int64{0, 0, 1, 99999}}
	other := &Item{Codes: []uint8{1, 1, 1}, Values: []int64{0, 5}}
	got := Count([]*Item{wide, other}, 2)[0]
	// Respondents 1 and 2: x = 0, 1; y = 5, 5.
	want := Sums{N: 2, SumX: 1, SumY: 10, SumXX: 1, SumYY: 50, SumXY: 5}
	if got != want {
		t.Errorf("Count over 2 of 3 respondents = %+v, want %+v", got, want)
	}
}
