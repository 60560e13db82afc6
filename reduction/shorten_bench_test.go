package reduction

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// The speed of shorten on synthetic data made in memory by
// internal/benchdata (12 correlated factors, themes, a composite of every
// tenth item), the same for every run:
//
//	go test ./reduction -run '^$' -bench Shorten -benchtime 3x
//
// Each iteration is what shorten does once the answers are summarised:
// the correlation matrix (smoothed when needed), the bounds, the search
// (greedy start and best exchanges) and the reliability of every theme
// and composite before and after. The goals: 149 items at N = 73
// in at most 2 s, 1,000 items at N = 300 in at most 60 s.
func BenchmarkShorten(b *testing.B) {
	for _, size := range []struct{ p, respondents, n int }{
		{149, 1000, 73},
		{1000, 2000, 300},
	} {
		b.Run(fmt.Sprintf("%dx%d/N=%d", size.p, size.respondents, size.n), func(b *testing.B) {
			bank, data := reliabilityBenchData(b, size.p, size.respondents, false)
			r, err := files.LoadCSV(bytes.NewReader(data), "bench.csv", bank, files.LoadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			s, err := itembank.Summarize(r, itembank.WithPairs)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				sh, err := NewShortener(bank, s, ShortenOptions{})
				if err != nil {
					b.Fatal(err)
				}
				f, err := sh.Form(size.n, false)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(f.Information, "I")
				b.ReportMetric(f.Gap(), "gap")
				b.ReportMetric(float64(f.Swaps), "swaps")
			}
		})
	}
}

// BenchmarkShortenExact proves the best form of a 30-item bank (three
// themes, 600 respondents) at N = 10 and 15 by branch and bound:
//
//	go test ./reduction -run '^$' -bench ShortenExact -benchtime 1x
func BenchmarkShortenExact(b *testing.B) {
	bank, s := syntheticBank(b, 30, 3, 600, nil, 17)
	for _, n := range []int{10, 15} {
		b.Run(fmt.Sprintf("30/N=%d", n), func(b *testing.B) {
			for b.Loop() {
				sh, err := NewShortener(bank, s, ShortenOptions{})
				if err != nil {
					b.Fatal(err)
				}
				f, err := sh.Form(n, true)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(f.Nodes), "branches")
			}
		})
	}
}
