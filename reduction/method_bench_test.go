package reduction

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// benchTables returns n tables of two correlated 1-5 items of 1,000
// respondents each, cut from bivariate normal answers with correlations
// spread over 0 to 0.8.
func benchTables(n, points int) []itembank.PairTable {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]itembank.PairTable, n)
	for k := range out {
		t := itembank.PairTable{XMin: 1, YMin: 1, Rows: points, Cols: points, Counts: make([]int64, points*points)}
		rho := 0.8 * float64(k%9) / 8
		for range 1000 {
			x := rng.NormFloat64()
			y := rho*x + math.Sqrt(1-rho*rho)*rng.NormFloat64()
			cut := func(v float64) int { return max(0, min(points-1, int((v+2.5)*float64(points)/5))) }
			t.Counts[cut(x)*points+cut(y)]++
		}
		out[k] = t
	}
	return out
}

// BenchmarkPolychoric times the polychoric r of one pair of 1-5 items
// and of 1-10 grades (ns/op is per pair).
func BenchmarkPolychoric(b *testing.B) {
	for _, points := range []int{5, 10} {
		b.Run(map[int]string{5: "5x5", 10: "10x10"}[points], func(b *testing.B) {
			tabs := benchTables(64, points)
			k := 0
			for b.Loop() {
				if _, ok := Polychoric(tabs[k%len(tabs)]); !ok {
					b.Fatal("undefined")
				}
				k++
			}
		})
	}
}

// BenchmarkSpearman times Spearman's r of one pair of 1-5 items.
func BenchmarkSpearman(b *testing.B) {
	tabs := benchTables(64, 5)
	k := 0
	for b.Loop() {
		Spearman(tabs[k%len(tabs)])
		k++
	}
}

// BenchmarkKendall times Kendall's tau-b of one pair of 1-5 items.
func BenchmarkKendall(b *testing.B) {
	tabs := benchTables(64, 5)
	k := 0
	for b.Loop() {
		KendallTauB(tabs[k%len(tabs)])
		k++
	}
}
