package reduction

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

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

// reliabilityBenchData returns a bank and a CSV file of n respondents
// answering p items, as itembank/files' benchData makes them (four in
// five on 1-5 with 9 = don't know, one in five on 1-10, about 3% empty,
// correlated within twelve factors), with the items of each factor a
// theme, one in seven reverse-keyed, and a composite of every tenth item.
func reliabilityBenchData(tb testing.TB, p, n int, all bool) (*itembank.Bank, []byte) {
	tb.Helper()
	var bank bytes.Buffer
	bank.WriteString("scales:\n  likert5: {min: 1, max: 5, missing: [9]}\n  grade10: {min: 1, max: 10}\nitems:\n")
	for i := range p {
		scale := "likert5"
		if i%5 == 4 {
			scale = "grade10"
		}
		fmt.Fprintf(&bank, "  - {id: Q%04d, scale: %s, theme: F%02d, reverse: %v}\n", i+1, scale, i%12, i%7 == 3)
	}
	bank.WriteString("composites:\n  tenth: [")
	for i := 0; i < p; i += 10 {
		if i > 0 {
			bank.WriteString(", ")
		}
		fmt.Fprintf(&bank, "Q%04d", i+1)
	}
	bank.WriteString("]\n")
	if all {
		bank.WriteString("  all: [")
		for i := range p {
			if i > 0 {
				bank.WriteString(", ")
			}
			fmt.Fprintf(&bank, "Q%04d", i+1)
		}
		bank.WriteString("]\n")
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
