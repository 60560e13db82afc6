package reduction

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

const boundaryBank = `scales:
  likert5: {min: 1, max: 5}
  grade10: {min: 1, max: 10}
items:
  - {id: L, text: "a statement", scale: likert5}
  - {id: G, text: "a grade", scale: grade10}
`

// answers builds n copies of each value, e.g. answers(3, 6, 4, 9) is six
// threes and nine fours.
func answers(pairs ...int) []int {
	var out []int
	for i := 0; i+1 < len(pairs); i += 2 {
		for k := 0; k < pairs[i+1]; k++ {
			out = append(out, pairs[i])
		}
	}
	return out
}

// wave summarises the answers of each column (shorter columns padded with
// missing answers; an item without a column was not asked).
func wave(t *testing.T, bank *itembank.Bank, cols map[string][]int) *itembank.Summary {
	t.Helper()
	rows := 0
	for _, a := range cols {
		rows = max(rows, len(a))
	}
	res := &itembank.Responses{Bank: bank, Respondents: rows, Columns: make([]*itembank.Column, len(bank.Items))}
	for i, it := range bank.Items {
		a, ok := cols[it.ID]
		if !ok || len(a) == 0 {
			continue
		}
		c := itembank.NewColumn(it, rows)
		for r := range rows {
			var code uint8
			if r < len(a) {
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

func loadBank(t *testing.T, src string) *itembank.Bank {
	t.Helper()
	b, err := itembank.LoadBank(strings.NewReader(src), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSingleItemBoundaries checks each single-item rule exactly at, just
// above and just below its default threshold on both scales. Values exactly
// at a threshold must not fire; several of them fool naive float64
// arithmetic (3.4 − 3.0 < 0.4, and a two-pass SD of the 1-10 case gives
// 1.7999999999999992).
func TestSingleItemBoundaries(t *testing.T) {
	bank := loadBank(t, boundaryBank)
	tests := []struct {
		name     string
		item     string
		previous []int
		current  []int
		rule     Rule
		fires    bool
	}{
		// stable, 1-5: |shift| < 0.4. Previous mean 3.0.
		{"stable 1-5 at 0.4", "L", answers(3, 2), answers(3, 3, 4, 2), Stable, false},
		{"stable 1-5 above (0.401)", "L", answers(3, 2), answers(3, 599, 4, 401), Stable, false},
		{"stable 1-5 below (0.399)", "L", answers(3, 2), answers(3, 601, 4, 399), Stable, true},
		{"stable 1-5 at -0.4", "L", answers(3, 3, 4, 2), answers(3, 2), Stable, false},
		// stable, 1-10: |shift| < 0.9. Previous mean 7.0.
		{"stable 1-10 at 0.9", "G", answers(7, 2), answers(7, 1, 8, 9), Stable, false},
		{"stable 1-10 above (0.901)", "G", answers(7, 2), answers(7, 99, 8, 901), Stable, false},
		{"stable 1-10 below (0.899)", "G", answers(7, 2), answers(7, 101, 8, 899), Stable, true},
		// ceiling, 1-5: mean > 4.2.
		{"ceiling 1-5 at 4.2", "L", answers(4, 2), answers(4, 4, 5, 1), Ceiling, false},
		{"ceiling 1-5 above (4.201)", "L", answers(4, 2), answers(4, 799, 5, 201), Ceiling, true},
		{"ceiling 1-5 below (4.199)", "L", answers(4, 2), answers(4, 801, 5, 199), Ceiling, false},
		// ceiling, 1-10: mean > 8.2.
		{"ceiling 1-10 at 8.2", "G", answers(8, 2), answers(8, 4, 9, 1), Ceiling, false},
		{"ceiling 1-10 above (8.201)", "G", answers(8, 2), answers(8, 799, 9, 201), Ceiling, true},
		{"ceiling 1-10 below (8.199)", "G", answers(8, 2), answers(8, 801, 9, 199), Ceiling, false},
		// low_spread, 1-5: sd < 0.8. Exact variances found by search: 16/25, 25/39, 37/58.
		{"low_spread 1-5 at 0.8", "L", answers(4, 2), answers(3, 6, 4, 9, 5, 10), LowSpread, false},
		{"low_spread 1-5 above (0.8006)", "L", answers(4, 2), answers(3, 6, 4, 9, 5, 12), LowSpread, false},
		{"low_spread 1-5 below (0.7987)", "L", answers(4, 2), answers(3, 8, 4, 11, 5, 10), LowSpread, true},
		// low_spread, 1-10: sd < 1.8. Variances 81/25, 660/203, 1048/325.
		{"low_spread 1-10 at 1.8", "G", answers(8, 2), answers(6, 7, 8, 3, 10, 15), LowSpread, false},
		{"low_spread 1-10 above (1.8031)", "G", answers(8, 2), answers(6, 9, 8, 5, 10, 15), LowSpread, false},
		{"low_spread 1-10 below (1.7957)", "G", answers(8, 2), answers(6, 7, 8, 2, 10, 17), LowSpread, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prev := wave(t, bank, map[string][]int{tc.item: tc.previous})
			cur := wave(t, bank, map[string][]int{tc.item: tc.current})
			res, err := Screen(bank, prev, cur, DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			i, _ := bank.Index(tc.item)
			it := res.Items[i]
			if got := it.Has(tc.rule); got != tc.fires {
				t.Errorf("%s fired = %v, want %v (mean %.17g, sd %.17g, shift %.17g)", tc.rule, got, tc.fires, it.Mean, it.SD, it.Shift)
			}
		})
	}
}

// TestRedundantBoundaries checks |r| > 0.5 exactly at, above and below the
// threshold, for positive and negative r, on both scales. x = (1,1,2) and
// y = (1,2,2) give r = 0.5 exactly (cov² = 1, vx·vy = 4 in integers).
func TestRedundantBoundaries(t *testing.T) {
	bank := loadBank(t, boundaryBank+`  - {id: L2, text: "another statement", scale: likert5}
  - {id: G2, text: "another grade", scale: grade10}
`)
	tests := []struct {
		name  string
		x, y  string
		xs    []int
		ys    []int
		fires bool
	}{
		{"1-5 r = 0.5", "L", "L2", []int{1, 1, 2}, []int{1, 2, 2}, false},
		{"1-5 r = -0.5", "L", "L2", []int{1, 1, 2}, []int{2, 1, 1}, false},
		{"1-5 r = 0.5071", "L", "L2", []int{1, 1, 2, 2}, []int{1, 3, 2, 5}, true},
		{"1-5 r = -0.5071", "L", "L2", []int{1, 1, 2, 2}, []int{5, 3, 4, 1}, true},
		{"1-5 r = 0.4924", "L", "L2", []int{1, 1, 2, 3}, []int{1, 1, 4, 2}, false},
		{"1-10 r = 0.5", "G", "G2", []int{1, 1, 10}, []int{1, 10, 10}, false},
		{"1-10 r = 0.5071", "G", "G2", []int{2, 2, 4, 4}, []int{2, 6, 4, 10}, true},
		{"1-10 r = 0.4924", "G", "G2", []int{2, 2, 4, 6}, []int{2, 2, 8, 4}, false},
		{"mixed scales r = 0.5", "L", "G", []int{1, 1, 2}, []int{1, 10, 10}, false},
		{"two common respondents: undefined", "L", "L2", []int{1, 2}, []int{1, 2}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := wave(t, bank, map[string][]int{tc.x: tc.xs, tc.y: tc.ys})
			res, err := Screen(bank, cur, cur, DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{tc.x, tc.y} {
				i, _ := bank.Index(id)
				if got := res.Items[i].Has(Redundant); got != tc.fires {
					t.Errorf("%s: redundant = %v, want %v (partners %+v)", id, got, tc.fires, res.Items[i].Correlated)
				}
			}
		})
	}
}

// TestAbsoluteThresholds checks that per-scale absolute thresholds replace
// the fractions: with the report's literal 0.8 for 1-10 shifts, a shift of
// 0.84 is no longer stable, while the default 0.9 calls it stable.
func TestAbsoluteThresholds(t *testing.T) {
	bank := loadBank(t, boundaryBank)
	prev := wave(t, bank, map[string][]int{"G": answers(7, 100)})
	cur := wave(t, bank, map[string][]int{"G": answers(7, 16, 8, 84)})
	cfg, err := LoadConfig(strings.NewReader("scales:\n  grade10: {stable: 0.8}\n"), "rules.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		th     Thresholds
		stable bool
		from   string
	}{
		{"default fractions", DefaultThresholds(), true, "fraction"},
		{"report's literal 0.8", cfg.Thresholds, false, "absolute"},
	} {
		res, err := Screen(bank, prev, cur, tc.th)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Items[1].Has(Stable); got != tc.stable {
			t.Errorf("%s: stable = %v, want %v", tc.name, got, tc.stable)
		}
		if got := res.Limits[1].StableFrom; got != tc.from {
			t.Errorf("%s: grade10 stable threshold from %q, want %q", tc.name, got, tc.from)
		}
		if got := res.Limits[0].Stable.String(); got != "0.4" {
			t.Errorf("%s: likert5 stable threshold %s, want 0.4", tc.name, got)
		}
	}
}

// TestUndecidedNeverFires checks that missing statistics decide nothing and
// are reported: an item absent from the previous wave gets no stable
// verdict, one answer gives no SD, a constant item correlates with nothing.
func TestUndecidedNeverFires(t *testing.T) {
	bank := loadBank(t, boundaryBank)
	prev := wave(t, bank, map[string][]int{"L": answers(3, 5)})
	cur := wave(t, bank, map[string][]int{"L": answers(4, 5), "G": []int{10}})
	res, err := Screen(bank, prev, cur, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	g := res.Items[1]
	if g.Has(Stable) || g.Has(LowSpread) || g.Has(Redundant) {
		t.Errorf("G fired %v on undefined statistics", g.Flags)
	}
	if !g.Has(Ceiling) {
		t.Errorf("G: one answer of 10 is above the ceiling, flags %v", g.Flags)
	}
	// L answers 4 throughout: no variance, so r with G is undefined too.
	want := []Undecided{{Reason: NotAskedPrevious}, {Reason: TooFewForSD}, {Reason: RUndefined, Others: 1}}
	if !slices.Equal(g.Undecided, want) {
		t.Errorf("G undecided = %v, want %v", g.Undecided, want)
	}
	if got := fmt.Sprint(g.Undecided); got != "[stable: not asked in the previous wave low_spread: SD needs at least 2 answers "+
		"redundant: r undefined with 1 other item(s) (fewer than 3 common respondents, or no variance)]" {
		t.Errorf("G undecided in words: %s", got)
	}
	for _, r := range Rules {
		want := r != Ceiling
		if got := g.mark(r, "X", "-", "?") == "?"; got != want {
			t.Errorf("G: rule %s shown undecided = %v, want %v", r, got, want)
		}
	}
	l := res.Items[0]
	if l.SD != 0 || !l.Has(LowSpread) || l.Has(Redundant) {
		t.Errorf("constant L: sd %v flags %v", l.SD, l.Flags)
	}
	if len(res.Warnings) == 0 {
		t.Error("no warnings for undefined statistics")
	}
}

func TestConfigErrors(t *testing.T) {
	bank := loadBank(t, boundaryBank)
	tests := []struct{ name, src, want string }{
		{"unknown key", "stabel: 0.1\n", "rules.yaml:1: syntax error: unknown key \"stabel\""},
		{"not a number", "ceiling: high\n", "rules.yaml:1:10:"},
		{"fraction above 1", "ceiling: 1.5\n", "ceiling: 1.5 is outside"},
		{"unknown scale", "scales:\n  likert7: {stable: 0.5}\n", "rules.yaml:2:3: scales: \"likert7\" is not a scale of the bank"},
		{"r of 1", "redundant: 1\n", "redundant: 1 is outside"},
		{"line of a later key", "# rules\nstable: 0.1\n\nlow_spread: 0\n", "rules.yaml:4:1: low_spread: 0 is outside"},
		{"absolute threshold of 0", "scales:\n  likert5:\n    ceiling: 4\n    low_spread: 0\n", "rules.yaml:4:5: scales: likert5: low_spread: 0 is not above 0"},
		{"drop_from_ticks", "drop_from_ticks: 5\n", "rules.yaml:1:1: drop_from_ticks: 5 is outside 1-4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.src), "rules.yaml", bank)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
