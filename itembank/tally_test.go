package itembank

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestTallyBlocks: a summary tallied block by block, with answers and
// decimals first seen in later blocks, is exactly the summary of all rows at
// once, with and without pairs, and with the answer tables (Y, whose
// decimals come late, then has none).
func TestTallyBlocks(t *testing.T) {
	bank := sumBank(t)
	rng := rand.New(rand.NewPCG(3, 4))
	const rows = 30000
	answers := map[int][]string{
		sumX: {"1", "2", "3", "4", "5"},
		sumY: {"1", "2", "3", "4", "5", "2.5", "4.25"}, // decimals, late
		sumW: {"1", "2", "1000"},                       // the plain loop
	}
	whole := &Responses{Bank: bank, Respondents: rows, Columns: make([]*Column, len(bank.Items))}
	for i, vals := range answers {
		c := NewColumn(bank.Items[i], rows)
		for r := range rows {
			var code uint8
			k := rng.IntN(len(vals) + 1)
			if r < 20000 && k >= 5 {
				k = 0 // the later answers only after row 20,000
			}
			if k > 0 {
				v, err := ParseValue(vals[k-1])
				if err != nil {
					t.Fatal(err)
				}
				if code, err = c.Code(v); err != nil {
					t.Fatal(err)
				}
			}
			c.Codes = append(c.Codes, code)
		}
		whole.Columns[i] = c
	}
	for _, d := range []Detail{ItemsOnly, WithPairs, WithTables} {
		all := summarize(t, whole, d)
		tally := NewTally(bank, d)
		for r0 := 0; r0 < rows; {
			r1 := min(rows, r0+1+rng.IntN(9000))
			tally.Add(block(whole, r0, r1))
			r0 = r1
		}
		s, err := tally.Summary(whole)
		if err != nil {
			t.Fatal(err)
		}
		// %+v shows the pair sums too.
		if got, want := fmt.Sprintf("%+v", *s), fmt.Sprintf("%+v", *all); got != want {
			t.Errorf("detail %d: tallied by blocks:\n%s\nall at once:\n%s", d, got, want)
		}
		if d == WithTables && (!s.HasTable(sumX) || s.HasTable(sumY)) {
			t.Errorf("tables: X %v, Y %v; want X's only", s.HasTable(sumX), s.HasTable(sumY))
		}
		if d == WithPairs {
			if s.Places != 2 {
				t.Errorf("places %d, want 2 (4.25)", s.Places)
			}
		}
	}
}

// block returns rows r0 ≤ r < r1 of r, each column with the levels coded
// up to row r1, as a loader gives them.
func block(r *Responses, r0, r1 int) *Responses {
	b := &Responses{Bank: r.Bank, Respondents: r1 - r0, Columns: make([]*Column, len(r.Columns))}
	for i, c := range r.Columns {
		if c == nil {
			continue
		}
		top := 0
		for _, k := range c.Codes[:r1] {
			top = max(top, int(k))
		}
		b.Columns[i] = &Column{Item: c.Item, Codes: c.Codes[r0:r1], Levels: c.Levels[:top]}
	}
	return b
}
