package reduction

import (
	"math"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// TestPolychoricLargeTables: a table of more than polyPoints rows and
// columns, beyond the fixed storage, gives the r of the table with its
// empty rows and columns left out, exactly; and a 14 x 14 table with every
// row and column answered gives the r of its transpose, and the
// allocation-free path makes no allocation.
func TestPolychoricLargeTables(t *testing.T) {
	small := table5([3]int64{1, 1, 40}, [3]int64{1, 2, 12}, [3]int64{2, 2, 30}, [3]int64{2, 3, 9},
		[3]int64{3, 3, 25}, [3]int64{4, 4, 14}, [3]int64{5, 5, 6}, [3]int64{3, 4, 3}, [3]int64{4, 3, 5})
	const big = polyPoints + 3
	padded := itembank.PairTable{XMin: 0, YMin: 0, Rows: big, Cols: big, Counts: make([]int64, big*big)}
	for a := range 5 {
		for b := range 5 {
			padded.Counts[(2*a+1)*big+3*b] = small.At(a, b)
		}
	}
	want, ok1 := Polychoric(small)
	got, ok2 := Polychoric(padded)
	if !ok1 || !ok2 || got != want {
		t.Errorf("padded to %d x %d: %+v (%v), want %+v (%v)", big, big, got, ok2, want, ok1)
	}
	full := itembank.PairTable{Rows: big, Cols: big, Counts: make([]int64, big*big)}
	for a := range big {
		for b := range big {
			full.Counts[a*big+b] = int64(1 + 40/(1+(a-b)*(a-b)) + (a*b)%3)
		}
	}
	r, ok := Polychoric(full)
	rt, okt := Polychoric(transpose(full))
	if !ok || !okt || math.IsNaN(r.R) || math.Abs(r.R-rt.R) > 1e-12 || r.R < 0.3 {
		t.Errorf("%d x %d: r %+v, transposed %+v", big, big, r, rt)
	}
	if n := testing.AllocsPerRun(20, func() { Polychoric(small) }); n != 0 {
		t.Errorf("a 5 x 5 table takes %v allocations, want 0", n)
	}
}
