package itembank

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"
)

// These tests pin Summarize, Summary.Add and Moments against mutations
// that the rest of the suite lets through. Every expected number is worked
// out by hand in the comment next to it.

// sumBankYAML has two 1-5 statements X and Y, an item W whose answers
// (1, 2 and 1000 below) need more than 8 bits once shifted to start at 0,
// so that its pairs are counted by the plain loop instead of bit planes,
// and an item B on a scale wide enough for the overflow tests.
const sumBankYAML = `scales:
  likert5: {min: 1, max: 5}
  wide: {min: 0, max: 1000}
  huge: {min: 0, max: 4000000000}
items:
  - {id: X, text: "x", scale: likert5}
  - {id: Y, text: "y", scale: likert5}
  - {id: W, text: "w", scale: wide}
  - {id: B, text: "b", scale: huge}
`

// Positions of the items in sumBankYAML.
const (
	sumX = 0
	sumY = 1
	sumW = 2
	sumB = 3
)

func sumBank(t testing.TB) *Bank {
	t.Helper()
	b, err := LoadBank(strings.NewReader(sumBankYAML), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sumResponses builds the responses of rows respondents: cols[id][r] is
// respondent r's answer to item id, 0 meaning no answer (every scale value
// used in these tests is non-zero). An item without an entry in cols was
// not asked (nil column).
func sumResponses(t testing.TB, bank *Bank, rows int, cols map[string][]int64) *Responses {
	t.Helper()
	res := &Responses{Bank: bank, Respondents: rows, Columns: make([]*Column, len(bank.Items))}
	for i, it := range bank.Items {
		a, ok := cols[it.ID]
		if !ok {
			continue
		}
		if len(a) != rows {
			t.Fatalf("item %s: %d answers for %d rows", it.ID, len(a), rows)
		}
		c := NewColumn(it, rows)
		for _, v := range a {
			var code uint8
			if v != 0 {
				var err error
				if code, err = c.Code(Int(v)); err != nil {
					t.Fatal(err)
				}
			}
			c.Codes = append(c.Codes, code)
		}
		res.Columns[i] = c
	}
	return res
}

func summarize(t testing.TB, r *Responses, d Detail) *Summary {
	t.Helper()
	s, err := Summarize(r, d)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPairSkipsHalfAnswered: a respondent who answered only one item of a
// pair counts neither in the pair's N nor in any of its sums (pairwise
// deletion), on the bit-plane path (X-Y) and on the plain loop (X-W, Y-W).
// The gaps lie on either side and between the common respondents.
func TestPairSkipsHalfAnswered(t *testing.T) {
	bank := sumBank(t)
	//        row:   0  1     2  3  4  5  6
	x := []int64{1, 0, 3, 0, 5, 2, 4}
	y := []int64{0, 2, 4, 0, 1, 0, 5}
	w := []int64{0, 2, 1000, 0, 0, 1, 2}
	s := summarize(t, sumResponses(t, bank, 7, map[string][]int64{"X": x, "Y": y, "W": w}), WithPairs)
	tests := []struct {
		name string
		i, j int
		want PairSums
	}{
		// X and Y both answered in rows 2, 4, 6: x = (3, 5, 4), y = (4, 1, 5).
		// N = 3, Σx = 12, Σy = 10, Σx² = 9+25+16 = 50, Σy² = 16+1+25 = 42,
		// Σxy = 12+5+20 = 37. Rows 0 and 5 (x only), 1 (y only) and 3
		// (neither) do not count.
		{"X-Y", sumX, sumY, PairSums{N: 3, SumX: 12, SumY: 10, SumXX: 50, SumYY: 42, SumXY: 37}},
		// The same pair read the other way round swaps X and Y.
		{"Y-X", sumY, sumX, PairSums{N: 3, SumX: 10, SumY: 12, SumXX: 42, SumYY: 50, SumXY: 37}},
		// X and W both answered in rows 2, 5, 6: x = (3, 2, 4), w = (1000, 1, 2).
		// N = 3, Σx = 9, Σw = 1003, Σx² = 9+4+16 = 29,
		// Σw² = 1000000+1+4 = 1000005, Σxw = 3000+2+8 = 3010.
		{"X-W", sumX, sumW, PairSums{N: 3, SumX: 9, SumY: 1003, SumXX: 29, SumYY: 1000005, SumXY: 3010}},
		// Y and W both answered in rows 1, 2, 6: y = (2, 4, 5), w = (2, 1000, 2).
		// N = 3, Σy = 11, Σw = 1004, Σy² = 4+16+25 = 45,
		// Σw² = 4+1000000+4 = 1000008, Σyw = 4+4000+10 = 4014.
		{"Y-W", sumY, sumW, PairSums{N: 3, SumX: 11, SumY: 1004, SumXX: 45, SumYY: 1000008, SumXY: 4014}},
		// B was not asked: nobody answered both.
		{"X-B", sumX, sumB, PairSums{}},
	}
	for _, tc := range tests {
		if got := s.Pair(tc.i, tc.j); got != tc.want {
			t.Errorf("Pair %s = %+v, want %+v", tc.name, got, tc.want)
		}
	}
	// X's own moments count all five of its answers 1, 3, 5, 2, 4:
	// N = 5, Σx = 15, Σx² = 1+9+25+4+16 = 55.
	if got, want := s.Moments(sumX), (Moments{N: 5, Sum: 15, SumSq: 55}); got != want {
		t.Errorf("Moments(X) = %+v, want %+v", got, want)
	}
	// r of X-Y from the sums above: n·Σxy − Σx·Σy = 3·37 − 12·10 = −9,
	// n·Σx² − (Σx)² = 150 − 144 = 6, n·Σy² − (Σy)² = 126 − 100 = 26,
	// r = −9/√(6·26) = −9/√156.
	if got, want := s.Pair(sumX, sumY).Pearson(), -9/math.Sqrt(156); math.Abs(got-want) > 1e-15 {
		t.Errorf("r(X, Y) = %.17g, want %.17g", got, want)
	}
}

// TestPairSkipsHalfAnsweredManyRows repeats the check over waves of more
// than one 64-respondent word and more than one 8192-respondent block of
// bit planes (planes.planeWords = 128 words of 64), including sizes that
// end in the middle of a word and of a block. The expected sums come from
// a plain loop over the respondents who answered both items, the
// definition of pairwise deletion.
func TestPairSkipsHalfAnsweredManyRows(t *testing.T) {
	bank := sumBank(t)
	// 100: two words, the second partly filled; 8192+37: one full block and
	// a partial one; 3·8192+5: four blocks, shared out over the cores.
	for _, rows := range []int{100, 8192 + 37, 3*8192 + 5} {
		x := make([]int64, rows)
		y := make([]int64, rows)
		w := make([]int64, rows)
		for r := range rows {
			// Gaps in X every 7th row; in Y every 5th row and in rows
			// 50-89 of each block, a run across its first word boundary
			// (row 64); in W every 3rd row.
			if r%7 != 3 {
				x[r] = int64(1 + r%5)
			}
			if r%5 != 1 && !(r%8192 >= 50 && r%8192 < 90) {
				y[r] = int64(1 + (r/3)%5)
			}
			if r%3 != 0 {
				w[r] = []int64{1, 2, 1000}[r%4%3]
			}
		}
		s := summarize(t, sumResponses(t, bank, rows, map[string][]int64{"X": x, "Y": y, "W": w}), WithPairs)
		for _, p := range []struct {
			name string
			i, j int
			a, b []int64
		}{{"X-Y", sumX, sumY, x, y}, {"X-W", sumX, sumW, x, w}, {"Y-W", sumY, sumW, y, w}} {
			var want PairSums
			halves := 0
			for r := range rows {
				if (p.a[r] == 0) != (p.b[r] == 0) {
					halves++
				}
				if p.a[r] == 0 || p.b[r] == 0 {
					continue
				}
				want.add(PairSums{N: 1, SumX: p.a[r], SumY: p.b[r], SumXX: p.a[r] * p.a[r], SumYY: p.b[r] * p.b[r], SumXY: p.a[r] * p.b[r]})
			}
			if halves == 0 || want.N == 0 {
				t.Fatalf("%d rows, %s: the data have no half-answered or no common respondents", rows, p.name)
			}
			if got := s.Pair(p.i, p.j); got != want {
				t.Errorf("%d rows: Pair %s = %+v, want %+v", rows, p.name, got, want)
			}
		}
	}
}

// TestSDOfTwoAnswers: two answers define the sample SD (n − 1 = 1); one
// answer does not.
func TestSDOfTwoAnswers(t *testing.T) {
	bank := sumBank(t)
	// X: answers 2 and 4 with a gap between them, so n = 2, not 3.
	// Y: the single answer 3.
	s := summarize(t, sumResponses(t, bank, 3, map[string][]int64{"X": {2, 0, 4}, "Y": {0, 3, 0}}), ItemsOnly)
	m := s.Moments(sumX)
	// N = 2, Σx = 6, Σx² = 4 + 16 = 20.
	if want := (Moments{N: 2, Sum: 6, SumSq: 20}); m != want {
		t.Fatalf("Moments(X) = %+v, want %+v", m, want)
	}
	// variance = (n·Σx² − (Σx)²)/(n·(n − 1)) = (40 − 36)/2 = 2, so sd = √2.
	if got := m.SD(); got != math.Sqrt(2) {
		t.Errorf("SD of (2, 4) = %v, want √2 = %v", got, math.Sqrt(2))
	}
	if got := m.VarianceRat(); got == nil || got.Cmp(big.NewRat(2, 1)) != 0 {
		t.Errorf("VarianceRat of (2, 4) = %v, want 2", got)
	}
	// mean = 6/2 = 3.
	if got := m.MeanRat(); got == nil || got.Cmp(big.NewRat(3, 1)) != 0 || m.Mean() != 3 {
		t.Errorf("mean of (2, 4) = %v (%v), want 3", got, m.Mean())
	}
	one := s.Moments(sumY)
	if !math.IsNaN(one.SD()) || one.VarianceRat() != nil {
		t.Errorf("one answer: SD %v, VarianceRat %v; want NaN and nil", one.SD(), one.VarianceRat())
	}
}

// TestSummarizeOverflow: Summarize refuses answers whose sums over all
// respondents could reach 2^62, the bound that keeps every sum, square and
// cross-product exact in int64.
func TestSummarizeOverflow(t *testing.T) {
	bank := sumBank(t)
	const v = 1 << 31 // 2147483648: v² = 2^62
	// One respondent answering 2^31: Σx² = 2^62 is still allowed
	// (1 respondent ≤ 2^62 / (2^31)² = 1).
	s, err := Summarize(sumResponses(t, bank, 1, map[string][]int64{"B": {v}}), WithPairs)
	if err != nil {
		t.Fatalf("one answer of 2^31: %v", err)
	}
	if got, want := s.Moments(sumB), (Moments{N: 1, Sum: v, SumSq: 1 << 62}); got != want {
		t.Errorf("Moments(B) = %+v, want %+v", got, want)
	}
	// Two respondents answering 2^31: Σx² would be 2^63, one past int64.
	// The answer itself is not above 2^31; only the respondent count trips
	// the guard (2 > 2^62 / 2^62 = 1).
	_, err = Summarize(sumResponses(t, bank, 2, map[string][]int64{"B": {v, v}}), WithPairs)
	if !errors.Is(err, ErrOverflow) || !strings.Contains(err.Error(), "item B") {
		t.Errorf("two answers of 2^31: error %v, want one naming item B and wrapping ErrOverflow", err)
	}
	// An answer above 2^31 is refused even for one respondent:
	// 3000000000 > 2147483648.
	_, err = Summarize(sumResponses(t, bank, 1, map[string][]int64{"B": {3000000000}}), ItemsOnly)
	if !errors.Is(err, ErrOverflow) {
		t.Errorf("one answer of 3·10^9: error %v, want ErrOverflow", err)
	}
}

// oneItemSummary is a summary of respondents who all answered value to
// item X of bank (X asked but unanswered when there are none).
func oneItemSummary(bank *Bank, respondents, value int64) *Summary {
	s := &Summary{Respondents: respondents, Bank: bank.Hash(), Items: make([]ItemSummary, len(bank.Items))}
	for i, it := range bank.Items {
		s.Items[i] = ItemSummary{ID: it.ID}
	}
	s.Items[sumX] = ItemSummary{ID: "X", Asked: true}
	if respondents > 0 {
		s.Items[sumX].Counts = []ValueCount{{Value: value, Count: respondents}}
	}
	return s
}

// TestAddOverflow: pooling summaries that are each within range can push
// the respondent count past the bound; Add must then refuse with
// ErrOverflow. With every answer 5, the bound is
// floor(2^62 / 5²) = floor(4611686018427387904 / 25) = 184467440737095516
// respondents.
func TestAddOverflow(t *testing.T) {
	bank := sumBank(t)
	const limit = 184467440737095516 // floor(2^62 / 25), see above
	// limit−1 and 1 respondents pool to exactly limit: allowed.
	s := oneItemSummary(bank, limit-1, 5)
	if err := s.Add(oneItemSummary(bank, 1, 5)); err != nil {
		t.Fatalf("pooling to %d respondents: %v", int64(limit), err)
	}
	// N = limit, Σx = 5·limit = 922337203685477580, Σx² = 25·limit =
	// 4611686018427387900 (just below 2^62, no wrap-around).
	if got, want := s.Moments(sumX), (Moments{N: limit, Sum: 5 * limit, SumSq: 25 * limit}); got != want || s.Respondents != limit {
		t.Errorf("pooled: %d respondents, Moments %+v; want %d, %+v", s.Respondents, got, int64(limit), want)
	}
	// One more respondent is one too many: limit+1 > 2^62/25.
	if err := s.Add(oneItemSummary(bank, 1, 5)); !errors.Is(err, ErrOverflow) {
		t.Errorf("pooling to %d respondents: error %v, want ErrOverflow", int64(limit)+1, err)
	}
	// Two halves of 2^57 = 144115188075855872 respondents each are fine
	// alone (below limit; pooling one with an empty summary checks it) but
	// not together: 2^58 = 288230376151711744 > limit.
	s = oneItemSummary(bank, 1<<57, 5)
	if err := s.Add(oneItemSummary(bank, 0, 5)); err != nil {
		t.Fatalf("2^57 respondents alone: %v", err)
	}
	if err := s.Add(oneItemSummary(bank, 1<<57, 5)); !errors.Is(err, ErrOverflow) {
		t.Errorf("pooling 2^57 and 2^57 respondents: error %v, want ErrOverflow", err)
	}
}

// TestAddOverflowWrapAround: two summaries of exactly 2^62 respondents who
// all answered 1 are each within range (2^62 ≤ 2^62/1²), but their pool of
// 2^63 respondents does not fit in int64. LoadSummary accepts such files
// (respondents ≥ 1, counts ≤ respondents, 1 inside the scale).
func TestAddOverflowWrapAround(t *testing.T) {
	bank := sumBank(t)
	s := oneItemSummary(bank, 1<<62, 1)
	err := s.Add(oneItemSummary(bank, 1<<62, 1))
	if !errors.Is(err, ErrOverflow) {
		t.Errorf("pooling 2^62 and 2^62 respondents: error %v, want ErrOverflow (respondents now %d, N %d)", err, s.Respondents, s.Moments(sumX).N)
	}
}

// TestAddKeepsAsked: an item asked in either of two pooled summaries was
// asked in the pool, whichever comes first; one asked in neither was not.
func TestAddKeepsAsked(t *testing.T) {
	bank := sumBank(t)
	// asked: X answered (4, 2); notAsked: X has no column, Y answered 3.
	asked := func() *Summary {
		return summarize(t, sumResponses(t, bank, 2, map[string][]int64{"X": {4, 2}, "Y": {0, 0}}), WithPairs)
	}
	notAsked := func() *Summary {
		return summarize(t, sumResponses(t, bank, 1, map[string][]int64{"Y": {3}}), WithPairs)
	}
	for _, tc := range []struct {
		name string
		a, b *Summary
	}{{"asked + not asked", asked(), notAsked()}, {"not asked + asked", notAsked(), asked()}} {
		if err := tc.a.Add(tc.b); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !tc.a.Items[sumX].Asked {
			t.Errorf("%s: X not asked after pooling", tc.name)
		}
		// Y was asked in both (a column of missing answers is still asked).
		if !tc.a.Items[sumY].Asked {
			t.Errorf("%s: Y not asked after pooling", tc.name)
		}
		// W and B were asked in neither.
		if tc.a.Items[sumW].Asked || tc.a.Items[sumB].Asked {
			t.Errorf("%s: W or B asked after pooling", tc.name)
		}
		// 2 + 1 respondents; X has the two answers 4 and 2 (Σ = 6, Σ² = 20),
		// Y the one answer 3.
		if tc.a.Respondents != 3 || tc.a.Moments(sumX) != (Moments{N: 2, Sum: 6, SumSq: 20}) || tc.a.Moments(sumY) != (Moments{N: 1, Sum: 3, SumSq: 9}) {
			t.Errorf("%s: %d respondents, X %+v, Y %+v", tc.name, tc.a.Respondents, tc.a.Moments(sumX), tc.a.Moments(sumY))
		}
	}
}

// TestSummarizeOverflowMostNegative: an answer of −2^63 (math.MinInt64) is
// far beyond 2^31 in size and must be refused like +3·10^9. No file loader
// produces it (ParseValue takes at most 15 digits), but Int does.
func TestSummarizeOverflowMostNegative(t *testing.T) {
	bank := sumBank(t)
	_, err := Summarize(sumResponses(t, bank, 2, map[string][]int64{"B": {math.MinInt64, math.MinInt64}}), ItemsOnly)
	if !errors.Is(err, ErrOverflow) {
		t.Errorf("two answers of −2^63: error %v, want ErrOverflow", err)
	}
}

// TestRespondentsAnswered: a row without any answer to a bank item is no
// respondent (a questionnaire broken off before its first item): 9 who
// answered and 1 who did not are 9 respondents, below a minimum of 10.
func TestRespondentsAnswered(t *testing.T) {
	bank := sumBank(t)
	// Rows 0-8 answer X or Y; row 9 answers nothing; W has a column but
	// no answer in any row, as in a file where nobody reached it.
	x := []int64{1, 2, 3, 0, 5, 1, 2, 3, 4, 0}
	y := []int64{0, 0, 0, 4, 0, 1, 2, 3, 4, 0}
	w := make([]int64, 10)
	r := sumResponses(t, bank, 10, map[string][]int64{"X": x, "Y": y, "W": w})
	if got := r.Unanswered(); !slices.Equal(got, []int{9}) {
		t.Errorf("Unanswered() = %v, want [9]", got)
	}
	if s := summarize(t, r, ItemsOnly); s.Respondents != 9 {
		t.Errorf("%d respondents, want 9", s.Respondents)
	}
	// No item column at all: every row is unanswered.
	none := &Responses{Bank: bank, Respondents: 3, Columns: make([]*Column, len(bank.Items))}
	if got := none.Unanswered(); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("no columns: Unanswered() = %v, want [0 1 2]", got)
	}
}

// TestWithhold: with a minimum of 3, an item 2 people answered is
// withheld with all its pairs, a pair 2 people answered together is
// withheld while its items are published, and nothing else changes.
func TestWithhold(t *testing.T) {
	bank := sumBank(t)
	//           row: 0  1  2  3  4
	x := []int64{1, 2, 3, 4, 5} // 5 answers
	y := []int64{2, 3, 4, 0, 0} // 3 answers; with X: 3, with W: 1 (row 2)
	w := []int64{0, 0, 1, 2, 2} // 3 answers
	b := []int64{7, 0, 0, 0, 8} // 2 answers: withheld
	s := summarize(t, sumResponses(t, bank, 5, map[string][]int64{"X": x, "Y": y, "W": w, "B": b}), WithPairs)
	xy, xw := s.Pair(sumX, sumY), s.Pair(sumX, sumW)
	got := s.Withhold(3)
	want := &Withholding{Min: 3, Items: []WithheldItem{{ID: "B", N: 2}}, Pairs: []WithheldPair{{X: "Y", Y: "W", N: 1}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Withhold(3) = %+v, want %+v", got, want)
	}
	if !s.Items[sumB].Withheld || !s.Items[sumB].Asked || s.Items[sumB].Counts != nil || s.Moments(sumB).N != 0 {
		t.Errorf("B: %+v, want withheld, asked, no counts", s.Items[sumB])
	}
	for _, p := range [][2]int{{sumX, sumB}, {sumY, sumB}, {sumW, sumB}, {sumY, sumW}, {sumW, sumY}} {
		if !s.PairWithheld(p[0], p[1]) || s.Pair(p[0], p[1]) != (PairSums{}) {
			t.Errorf("pair %d-%d: withheld %t, sums %+v; want withheld, 0", p[0], p[1], s.PairWithheld(p[0], p[1]), s.Pair(p[0], p[1]))
		}
	}
	if s.PairWithheld(sumX, sumY) || s.Pair(sumX, sumY) != xy || s.PairWithheld(sumX, sumW) || s.Pair(sumX, sumW) != xw {
		t.Errorf("X-Y or X-W withheld or changed")
	}
	if s.MinRespondents != 3 || s.WithheldPairs() != 4 || !slices.Equal(s.WithheldItems(), []string{"B"}) ||
		fmt.Sprint(s.WithheldPairList()) != "[[Y W]]" {
		t.Errorf("min %d, %d pairs withheld, items %v, pairs listed %v", s.MinRespondents, s.WithheldPairs(), s.WithheldItems(), s.WithheldPairList())
	}
	// Again with a lower minimum: nothing more, and the minimum stays 3.
	if again := s.Withhold(2); !again.Empty() || s.MinRespondents != 3 {
		t.Errorf("Withhold(2) after Withhold(3): %+v, minimum %d", again, s.MinRespondents)
	}
}

// TestAddKeepsWithheld: what one summary withholds stays withheld in the
// pool, whichever comes first, though the other publishes it: adding only
// the other's part would present a part of the respondents as all of them.
func TestAddKeepsWithheld(t *testing.T) {
	bank := sumBank(t)
	// few: B answered by 1 of 3, withheld at a minimum of 3. many: B and
	// every pair published at the same minimum.
	few := func() *Summary {
		s := summarize(t, sumResponses(t, bank, 3, map[string][]int64{"X": {1, 2, 3}, "Y": {3, 4, 5}, "B": {9, 0, 0}}), WithPairs)
		s.Withhold(3)
		return s
	}
	many := func() *Summary {
		s := summarize(t, sumResponses(t, bank, 4, map[string][]int64{"X": {1, 2, 3, 4}, "Y": {2, 2, 3, 5}, "B": {1, 2, 3, 4}}), WithPairs)
		s.Withhold(3)
		return s
	}
	for _, tc := range []struct {
		name string
		a, b *Summary
	}{{"few + many", few(), many()}, {"many + few", many(), few()}} {
		if err := tc.a.Add(tc.b); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		s := tc.a
		if !s.Items[sumB].Withheld || s.Moments(sumB).N != 0 || !s.PairWithheld(sumX, sumB) || !s.PairWithheld(sumY, sumB) || s.Pair(sumX, sumB) != (PairSums{}) {
			t.Errorf("%s: B or its pairs published in the pool", tc.name)
		}
		// X-Y pools exactly: N = 3 + 4, Σx = 6 + 10, Σy = 12 + 12.
		if p := s.Pair(sumX, sumY); s.PairWithheld(sumX, sumY) || p.N != 7 || p.SumX != 16 || p.SumY != 24 {
			t.Errorf("%s: X-Y = %+v", tc.name, p)
		}
		if s.Respondents != 7 || s.MinRespondents != 3 {
			t.Errorf("%s: %d respondents, minimum %d", tc.name, s.Respondents, s.MinRespondents)
		}
	}
	// A summary without a minimum pools into one without a minimum: the
	// pool must be put through Withhold again before it is written.
	s := few()
	if err := s.Add(summarize(t, sumResponses(t, bank, 1, map[string][]int64{"X": {1}, "Y": {1}, "B": {1}}), WithPairs)); err != nil || s.MinRespondents != 0 {
		t.Errorf("pooled with a summary without minimum: %v, minimum %d", err, s.MinRespondents)
	}
}

// TestAddPairOverflow: pair sums that each fit in int64 but not their sum
// are refused with ErrOverflow, naming the pair, and leave the summary as
// it was: in memory nothing checks pair sums against the items' answers
// (LoadSummary does, for files), so Add checks every addition. Unchecked,
// 2^62 + 2^62 wrapped to −2^63 and read as r = −1.
func TestAddPairOverflow(t *testing.T) {
	bank := sumBank(t)
	mk := func() *Summary {
		s := summarize(t, sumResponses(t, bank, 2, map[string][]int64{"X": {1, 2}, "Y": {1, 2}}), WithPairs)
		s.pairs[0].SumXY = 1 << 62 // pair X-Y
		return s
	}
	s := mk()
	before := s.Pair(sumX, sumY)
	err := s.Add(mk())
	if !errors.Is(err, ErrOverflow) || !strings.Contains(err.Error(), "pair X-Y") {
		t.Errorf("error %v, want ErrOverflow naming pair X-Y", err)
	}
	if s.Pair(sumX, sumY) != before || s.Respondents != 2 {
		t.Errorf("a refused Add changed the summary: %+v, %d respondents", s.Pair(sumX, sumY), s.Respondents)
	}
}
