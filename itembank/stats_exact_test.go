package itembank

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestShiftExact checks that the shift is the exact difference of the means
// rounded once: subtracting the rounded means 3.4 and 3.0 gives
// 0.3999999999999999 in float64, which would print and compare wrongly.
func TestShiftExact(t *testing.T) {
	tests := []struct {
		name      string
		prev, cur Moments
		want      float64
	}{
		// 3, 3, 4, 4, 3 has mean 17/5 = 3.4; 3, 3 has mean 3.
		{"3.4 - 3.0", Moments{N: 2, Sum: 6}, Moments{N: 5, Sum: 17}, 0.4},
		{"3.0 - 3.4", Moments{N: 5, Sum: 17}, Moments{N: 2, Sum: 6}, -0.4},
		// 1-10: 7.9 (79/10) − 7.0 = 0.9.
		{"7.9 - 7.0", Moments{N: 2, Sum: 14}, Moments{N: 10, Sum: 79}, 0.9},
		// Decimal answers: 3.40 held as 340 hundredths, against whole 3.
		{"places", Moments{N: 1, Sum: 3}, Moments{N: 1, Sum: 340, Places: 2}, 0.4},
		{"no previous answers", Moments{}, Moments{N: 5, Sum: 17}, math.NaN()},
		{"no current answers", Moments{N: 2, Sum: 6}, Moments{}, math.NaN()},
	}
	if naive := (Moments{N: 5, Sum: 17}).Mean() - (Moments{N: 2, Sum: 6}).Mean(); naive == 0.4 {
		t.Fatalf("the naive shift is exactly 0.4: the first case no longer tests anything")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Shift(tc.prev, tc.cur)
			if math.IsNaN(tc.want) {
				if !math.IsNaN(got) || ShiftRat(tc.prev, tc.cur) != nil {
					t.Errorf("Shift = %v, want NaN and a nil ShiftRat", got)
				}
				return
			}
			if got != tc.want {
				t.Errorf("Shift = %.17g, want %.17g", got, tc.want)
			}
		})
	}
}

// TestPearsonSymmetric checks that r of (x, y) and of (y, x) are bit for
// bit the same over many random pairs, so that a pair's r prints and
// decides the same whichever item comes first.
func TestPearsonSymmetric(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 20000 {
		n := 3 + rng.IntN(300)
		top := []int64{5, 10}[k%2]
		var p PairSums
		p.N = int64(n)
		for range n {
			x, y := 1+rng.Int64N(top), 1+rng.Int64N(top)
			if rng.IntN(3) == 0 {
				y = x // some strongly correlated pairs
			}
			p.SumX += x
			p.SumY += y
			p.SumXX += x * x
			p.SumYY += y * y
			p.SumXY += x * y
		}
		q := PairSums{N: p.N, SumX: p.SumY, SumY: p.SumX, SumXX: p.SumYY, SumYY: p.SumXX, SumXY: p.SumXY}
		a, b := p.Pearson(), q.Pearson()
		if math.Float64bits(a) != math.Float64bits(b) && !(math.IsNaN(a) && math.IsNaN(b)) {
			t.Fatalf("pair %d: r(x, y) = %.17g, r(y, x) = %.17g (%+v)", k, a, b, p)
		}
	}
}
