package reduction

import (
	"bytes"
	"math"
	"testing"

	"github.com/itemreduce/itemreduce/internal/benchdata"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// What the reliability figures add to a flag run, on synthetic data made
// in memory, the same for every run:
//
//	go test ./reduction -run '^$' -bench 'Flag|Reliability' -benchtime 3x
//
// BenchmarkFlagRun is the work of flag without writing the output: load
// and summarise both waves (the newer with pair sums), screen, and with
// /reliability also the figures of every theme and composite. "300x100000"
// is the national-survey size of examples/benchmark: 12 themes of 25 items
// and a composite of 30 items; BenchmarkReliability/all-300 adds a
// composite of every item, the largest matrix a bank can give.

// reliabilityBenchData returns the bank and CSV file of n respondents
// answering p items that internal/benchdata makes (as for the benchmarks
// of itembank/files), with the items of each factor a theme, one in seven
// reverse-keyed, a composite of every tenth item and, with all, one of
// every item.
func reliabilityBenchData(tb testing.TB, p, n int, all bool) (*itembank.Bank, []byte) {
	tb.Helper()
	yaml, data := benchdata.Make(p, n, benchdata.Options{Themes: true, All: all})
	b, err := itembank.LoadBank(bytes.NewReader(yaml), "bench.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return b, data
}

func BenchmarkFlagRun(b *testing.B) {
	bank, data := reliabilityBenchData(b, 300, 100000, false)
	for _, withReliability := range []bool{false, true} {
		name := "screen"
		if withReliability {
			name = "screen+reliability"
		}
		b.Run("300x100000/"+name, func(b *testing.B) {
			for b.Loop() {
				load := func(d itembank.Detail) *itembank.Summary {
					r, err := files.LoadCSV(bytes.NewReader(data), "bench.csv", bank, files.LoadOptions{})
					if err != nil {
						b.Fatal(err)
					}
					s, err := itembank.Summarize(r, d)
					if err != nil {
						b.Fatal(err)
					}
					return s
				}
				previous, current := load(itembank.ItemsOnly), load(itembank.WithPairs)
				if withReliability {
					if _, err := NewReport(bank, previous, current, DefaultThresholds()); err != nil {
						b.Fatal(err)
					}
				} else if _, err := Screen(bank, previous, current, DefaultThresholds()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReliability times the figures alone, from the summary of the
// newer wave.
func BenchmarkReliability(b *testing.B) {
	for _, all := range []bool{false, true} {
		name := "themes"
		if all {
			name = "all-300"
		}
		b.Run("300x100000/"+name, func(b *testing.B) {
			bank, data := reliabilityBenchData(b, 300, 100000, all)
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
				rel, err := Reliability(bank, s)
				if err != nil {
					b.Fatal(err)
				}
				for _, sr := range rel {
					if math.IsNaN(sr.OmegaTotal) {
						b.Fatalf("%s: omega undefined: %q", sr.Name, sr.Warnings)
					}
				}
			}
		})
	}
}
