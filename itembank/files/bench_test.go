package files

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// Benchmarks on synthetic data made in memory, the same for every run:
//
//	go test ./itembank/files -run '^$' -bench . -benchmem
//
// "149x200" is the size of the example questionnaire; "300x100000" the
// national-survey size of the benchmark in examples/benchmark.

var benchSizes = []struct{ items, respondents int }{
	{149, 200},
	{300, 100000},
}

// benchData returns a bank and a CSV file of n respondents answering p
// items: four in five on 1-5 (9 = don't know), one in five on 1-10, about
// 3% empty, correlated within twelve themes.
func benchData(tb testing.TB, p, n int) (*itembank.Bank, []byte) {
	tb.Helper()
	var bank bytes.Buffer
	bank.WriteString("scales:\n  likert5: {min: 1, max: 5, missing: [9]}\n  grade10: {min: 1, max: 10}\nitems:\n")
	for i := range p {
		scale := "likert5"
		if i%5 == 4 {
			scale = "grade10"
		}
		fmt.Fprintf(&bank, "  - {id: Q%04d, scale: %s}\n", i+1, scale)
	}
	b, err := itembank.LoadBank(&bank, "bench.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(p), uint64(n)))
	var csv bytes.Buffer
	csv.WriteString("respondent")
	for i := range p {
		fmt.Fprintf(&csv, ",Q%04d", i+1)
	}
	csv.WriteByte('\n')
	line := make([]byte, 0, 4*p+16)
	var f [12]float64
	for r := range n {
		for t := range f {
			f[t] = rng.NormFloat64()
		}
		line = strconv.AppendInt(line[:0], int64(r+1), 10)
		for i := range p {
			line = append(line, ',')
			u := rng.Float64()
			switch {
			case u < 0.03:
				continue
			case i%5 != 4 && u < 0.04:
				line = append(line, '9')
				continue
			}
			top := 5.0
			if i%5 == 4 {
				top = 10
			}
			z := 0.6 + 0.22*(0.6*f[i%12]+0.8*rng.NormFloat64())
			v := math.Max(1, math.Min(top, math.Round(1+(top-1)*z)))
			line = strconv.AppendInt(line, int64(v), 10)
		}
		line = append(line, '\n')
		csv.Write(line)
	}
	return b, csv.Bytes()
}

func BenchmarkLoadCSV(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.items, sz.respondents), func(b *testing.B) {
			bank, data := benchData(b, sz.items, sz.respondents)
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for b.Loop() {
				if _, err := LoadCSV(bytes.NewReader(data), "bench.csv", bank, LoadOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSummarize times summarising one loaded wave with the pair sums
// of every pair of items (see also package planes' benchmarks per path).
func BenchmarkSummarize(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.items, sz.respondents), func(b *testing.B) {
			bank, data := benchData(b, sz.items, sz.respondents)
			r, err := LoadCSV(bytes.NewReader(data), "bench.csv", bank, LoadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := itembank.Summarize(r, itembank.WithPairs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
