package reduction

import (
	"math"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// These tests pin, through Screen, the edges of the statistics the rules
// are decided on: r exactly at the threshold, an SD of two answers, a
// previous mean of one answer. Every expected number is worked out by hand
// in the comment next to it.

// statsBankYAML has two 1-5 statements and a 1-10 grade; the default
// thresholds are then redundant |r| > 0.5, low_spread sd < 0.2·4 = 0.8 on
// 1-5 and < 0.2·9 = 1.8 on 1-10, stable |shift| < 0.1·4 = 0.4 on 1-5 and
// < 0.1·9 = 0.9 on 1-10.
const statsBankYAML = `scales:
  likert5: {min: 1, max: 5}
  grade10: {min: 1, max: 10}
items:
  - {id: L, text: "a statement", scale: likert5}
  - {id: L2, text: "another statement", scale: likert5}
  - {id: G, text: "a grade", scale: grade10}
`

// Positions of the items in statsBankYAML.
const (
	statsL  = 0
	statsL2 = 1
	statsG  = 2
)

func statsBank(t *testing.T) *itembank.Bank {
	t.Helper()
	b, err := itembank.LoadBank(strings.NewReader(statsBankYAML), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// statsWave summarises one wave: cols[id][r] is respondent r's answer to
// item id, 0 meaning no answer; shorter columns are padded with no answer,
// and an item without an entry was not asked.
func statsWave(t *testing.T, bank *itembank.Bank, cols map[string][]int) *itembank.Summary {
	t.Helper()
	rows := 0
	for _, a := range cols {
		rows = max(rows, len(a))
	}
	res := &itembank.Responses{Bank: bank, Respondents: rows, Columns: make([]*itembank.Column, len(bank.Items))}
	for i, it := range bank.Items {
		a, ok := cols[it.ID]
		if !ok {
			continue
		}
		c := itembank.NewColumn(it, rows)
		for r := range rows {
			var code uint8
			if r < len(a) && a[r] != 0 {
				var err error
				if code, err = c.Code(itembank.Int(int64(a[r]))); err != nil {
					t.Fatal(err)
				}
			}
			c.Codes = append(c.Codes, code)
		}
		res.Columns[i] = c
	}
	s, err := itembank.Summarize(res, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func statsScreen(t *testing.T, bank *itembank.Bank, previous, current *itembank.Summary) *Result {
	t.Helper()
	res, err := Screen(bank, previous, current, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRedundantExactlyHalfInFloat: r = ±0.5 exactly is not redundant
// (strict >), also where float64 arithmetic makes it 0.5000000000000001;
// r just above 0.5 is.
func TestRedundantExactlyHalfInFloat(t *testing.T) {
	bank := statsBank(t)
	tests := []struct {
		name  string
		x, y  []int
		fires bool
		wantN int64
	}{
		// x = (3, 2, 1), y = (5, 3, 4): n = 3, Σx = 6, Σy = 12, Σx² = 14,
		// Σy² = 50, Σxy = 15+6+4 = 25; n·Σxy − Σx·Σy = 75 − 72 = 3,
		// n·Σx² − (Σx)² = 42 − 36 = 6, n·Σy² − (Σy)² = 150 − 144 = 6,
		// r = 3/√(6·6) = 0.5 exactly, but 3/√6/√6 = 0.5000000000000001.
		{"r = 0.5 (float 0.5000000000000001)", []int{3, 2, 1}, []int{5, 3, 4}, false, 3},
		// y = 8 − (5, 3, 4) = (3, 5, 4): covariance −3, r = −0.5 exactly
		// (float −0.5000000000000001).
		{"r = -0.5 (float -0.5000000000000001)", []int{3, 2, 1}, []int{3, 5, 4}, false, 3},
		// x = (1, 1, 2, 3), y = (1, 4, 5, 4): n = 4, Σx = 7, Σy = 14,
		// Σx² = 15, Σy² = 58, Σxy = 1+4+10+12 = 27; covariance term
		// 108 − 98 = 10, 60 − 49 = 11, 232 − 196 = 36:
		// r = 10/√(11·36) = 0.50252 (r² = 100/396 > 1/4).
		{"r = 0.50252", []int{1, 1, 2, 3}, []int{1, 4, 5, 4}, true, 4},
		// y = 6 − (1, 4, 5, 4) = (5, 2, 1, 2): r = −0.50252.
		{"r = -0.50252", []int{1, 1, 2, 3}, []int{5, 2, 1, 2}, true, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := statsWave(t, bank, map[string][]int{"L": tc.x, "L2": tc.y})
			res := statsScreen(t, bank, cur, cur)
			for _, p := range []struct{ me, other int }{{statsL, statsL2}, {statsL2, statsL}} {
				it := res.Items[p.me]
				if got := it.Has(Redundant); got != tc.fires {
					t.Errorf("%s: redundant = %v, want %v (partners %+v)", it.Item.ID, got, tc.fires, it.Correlated)
				}
				if !tc.fires {
					if len(it.Correlated) != 0 {
						t.Errorf("%s: partners %+v, want none", it.Item.ID, it.Correlated)
					}
					continue
				}
				if len(it.Correlated) != 1 {
					t.Fatalf("%s: partners %+v, want one", it.Item.ID, it.Correlated)
				}
				pt := it.Correlated[0]
				// |r| = 10/√396 = 10/(6·√11), see above.
				wantR := 10 / math.Sqrt(396)
				if strings.HasPrefix(tc.name, "r = -") {
					wantR = -wantR
				}
				if pt.ID != res.Items[p.other].Item.ID || pt.N != tc.wantN || math.Abs(pt.R-wantR) > 1e-15 {
					t.Errorf("%s: partner %+v, want %s with r %.17g over n %d", it.Item.ID, pt, res.Items[p.other].Item.ID, wantR, tc.wantN)
				}
			}
		})
	}
}

// TestLowSpreadOfTwoAnswers: two answers give an SD (n − 1 = 1), so the
// low_spread rule is decided, both ways.
func TestLowSpreadOfTwoAnswers(t *testing.T) {
	bank := statsBank(t)
	// L: (3, 4) with a gap between the two answers; G: (1, 10).
	cur := statsWave(t, bank, map[string][]int{"L": {3, 0, 4}, "G": {1, 10}})
	res := statsScreen(t, bank, cur, cur)
	l, g := res.Items[statsL], res.Items[statsG]
	// L: n = 2, Σx = 7, Σx² = 25, variance = (2·25 − 49)/(2·1) = 1/2,
	// sd = √0.5 = 0.7071 < 0.8: fires.
	if l.N != 2 || l.SD != math.Sqrt(0.5) {
		t.Errorf("L: n %d sd %v, want 2 and √0.5 = %v", l.N, l.SD, math.Sqrt(0.5))
	}
	if !l.Has(LowSpread) {
		t.Errorf("L: sd %v < 0.8 with two answers, but flags %v", l.SD, l.Flags)
	}
	// G: n = 2, Σx = 11, Σx² = 101, variance = (202 − 121)/2 = 40.5,
	// sd = √40.5 = 6.364 ≥ 1.8: does not fire.
	if g.N != 2 || g.SD != math.Sqrt(40.5) {
		t.Errorf("G: n %d sd %v, want 2 and √40.5 = %v", g.N, g.SD, math.Sqrt(40.5))
	}
	if g.Has(LowSpread) {
		t.Errorf("G: sd %v ≥ 1.8, but flags %v", g.SD, g.Flags)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "low_spread") {
			t.Errorf("warning %q: low_spread is decided for two answers", w)
		}
	}
}

// TestStableWithOnePreviousAnswer: one answer in the previous wave gives a
// previous mean, so the stable rule is decided.
func TestStableWithOnePreviousAnswer(t *testing.T) {
	bank := statsBank(t)
	// Previous wave: three respondents, one answer each: L 3, G 7, L2 2.
	prev := statsWave(t, bank, map[string][]int{"L": {0, 3, 0}, "G": {7, 0, 0}, "L2": {0, 0, 2}})
	// Current wave: L = (3, 4, 3), G = (7, 8), L2 = (5, 5).
	cur := statsWave(t, bank, map[string][]int{"L": {3, 4, 3}, "G": {7, 8}, "L2": {5, 5}})
	res := statsScreen(t, bank, prev, cur)
	for _, tc := range []struct {
		item         int
		prevMean     float64
		shift        float64
		stable       bool
		shiftNumbers string
		curN, prevN  int64
	}{
		// L: mean (3+4+3)/3 = 10/3, previous 3, shift 1/3 < 0.4: stable.
		{statsL, 3, 10.0/3 - 3, true, "10/3 − 3 = 1/3", 3, 1},
		// G: mean 15/2 = 7.5, previous 7, shift 0.5 < 0.9: stable.
		{statsG, 7, 0.5, true, "7.5 − 7 = 0.5", 2, 1},
		// L2: mean 5, previous 2, shift 3 ≥ 0.4: not stable.
		{statsL2, 2, 3, false, "5 − 2 = 3", 2, 1},
	} {
		it := res.Items[tc.item]
		if it.N != tc.curN || it.PreviousN != tc.prevN || it.PreviousMean != tc.prevMean || math.Abs(it.Shift-tc.shift) > 1e-15 {
			t.Errorf("%s: n %d, previous n %d mean %v, shift %v; want %d, %d, %v, %s", it.Item.ID, it.N, it.PreviousN, it.PreviousMean, it.Shift, tc.curN, tc.prevN, tc.prevMean, tc.shiftNumbers)
		}
		if got := it.Has(Stable); got != tc.stable {
			t.Errorf("%s: stable = %v, want %v (shift %s)", it.Item.ID, got, tc.stable, tc.shiftNumbers)
		}
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "stable") {
			t.Errorf("warning %q: stable is decided for one previous answer", w)
		}
	}
}
