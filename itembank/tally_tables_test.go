package itembank

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestTallyPairsFromTables: with answer tables, a Tally takes the pair sums
// from the tables while every answer is a whole point, and counts them once
// an item has an answer between the points or a scale too long for tables.
// Whatever the blocks bring and when, the pair sums and places are those
// of the sums counted from all rows at once (WithPairs): all answers whole
// (also "2.0", whole but with a decimal place, late), decimals late, a
// decimal in the first block, and an item on a long scale.
func TestTallyPairsFromTables(t *testing.T) {
	bank := sumBank(t)
	cases := []struct {
		name    string
		answers map[int][]string // the answers after the first 5 come after row 20,000 only
		early   bool             // the later answers from row 0
	}{
		{"whole", map[int][]string{sumX: {"1", "2", "3", "4", "5"}, sumY: {"1", "2", "3", "4", "5"}}, false},
		{"whole, 2.0 late", map[int][]string{sumX: {"1", "2", "3", "4", "5", "2.0"}, sumY: {"1", "2", "3", "4", "5"}}, false},
		{"decimals late", map[int][]string{sumX: {"1", "2", "3", "4", "5"}, sumY: {"1", "2", "3", "4", "5", "2.5", "4.25"}}, false},
		{"decimals early", map[int][]string{sumX: {"1", "2", "3", "4", "5"}, sumY: {"1", "2", "3", "4", "5", "2.5"}}, true},
		{"long scale late", map[int][]string{sumX: {"1", "2", "3", "4", "5"}, sumY: {"1", "2", "3", "4", "5"}, sumW: {"1", "2", "3", "4", "5", "1000"}}, false},
	}
	for seed, tc := range cases {
		rng := rand.New(rand.NewPCG(uint64(seed), 5))
		const rows = 30000
		whole := &Responses{Bank: bank, Respondents: rows, Columns: make([]*Column, len(bank.Items))}
		for i, vals := range tc.answers {
			c := NewColumn(bank.Items[i], rows)
			for r := range rows {
				var code uint8
				k := rng.IntN(len(vals) + 1)
				if !tc.early && r < 20000 && k > 5 {
					k = 0
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
		want := summarize(t, whole, WithPairs)
		tally := NewTally(bank, WithTables)
		for r0 := 0; r0 < rows; {
			r1 := min(rows, r0+1+rng.IntN(9000))
			tally.Add(block(whole, r0, r1))
			r0 = r1
		}
		got, err := tally.Summary(whole)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := fmt.Sprintf("%d %+v", got.Places, got.Pairs()), fmt.Sprintf("%d %+v", want.Places, want.Pairs()); g != w {
			t.Errorf("%s: places and pair sums with tables, by blocks:\n%s\ncounted at once:\n%s", tc.name, g, w)
		}
		one := summarize(t, whole, WithTables)
		if g, w := fmt.Sprintf("%d %+v", one.Places, one.Pairs()), fmt.Sprintf("%d %+v", want.Places, want.Pairs()); g != w {
			t.Errorf("%s: places and pair sums with tables, one block:\n%s\ncounted:\n%s", tc.name, g, w)
		}
		if got.HasTable(sumX) != true {
			t.Errorf("%s: X has no tables", tc.name)
		}
	}
}
