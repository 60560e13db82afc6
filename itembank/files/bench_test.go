package files

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/itemreduce/itemreduce/internal/benchdata"
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

// benchData returns the bank and CSV file of n respondents answering p
// items that internal/benchdata makes: four in five on 1-5 (9 = don't
// know), one in five on 1-10, about 3% empty, correlated within twelve
// factors; no themes.
func benchData(tb testing.TB, p, n int) (*itembank.Bank, []byte) {
	tb.Helper()
	yaml, data := benchdata.Make(p, n, benchdata.Options{})
	b, err := itembank.LoadBank(bytes.NewReader(yaml), "bench.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return b, data
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

// BenchmarkSummarizeFiles times reading and summarising one wave's file
// with pairs, block by block, as flag does for the newer wave.
func BenchmarkSummarizeFiles(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.items, sz.respondents), func(b *testing.B) {
			bank, data := benchData(b, sz.items, sz.respondents)
			path := filepath.Join(b.TempDir(), "wave.csv")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := SummarizeFiles([]string{path}, bank, LoadOptions{}, itembank.WithPairs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScanText is the pass over a text file that decides its
// encoding, on the 300x100000 file (plain ASCII).
func BenchmarkScanText(b *testing.B) {
	_, data := benchData(b, 300, 100000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := scanRange(bytes.NewReader(data), 0, int64(len(data)), nil); err != nil {
			b.Fatal(err)
		}
	}
}
