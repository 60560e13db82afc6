// Package benchdata makes the synthetic questionnaire the benchmarks of
// itembank/files and reduction run on: an item bank and a CSV file, made
// in memory, the same for every run of the same size.
//
// Four items in five are on 1-5 with 9 = don't know, one in five on 1-10;
// about 3% of the cells are empty. The answers are correlated within
// twelve factors: item i loads on factor i mod 12.
package benchdata

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
)

// Options says what the bank holds besides the items and their scales.
type Options struct {
	// Themes makes the items of each factor a theme (F00 … F11), with one
	// item in seven reverse-keyed, and adds the composite "tenth" of every
	// tenth item.
	Themes bool
	// All adds the composite "all" of every item, the largest matrix a
	// bank can give. It needs Themes.
	All bool
}

// Make returns the YAML of a bank of p items Q0001 … and a CSV file of n
// respondents answering them. The answers depend on p and n only.
func Make(p, n int, opt Options) (bank, csv []byte) {
	return bankYAML(p, opt), answers(p, n)
}

// bankYAML writes the bank: likert5 and grade10 scales, the items, and
// with opt.Themes their themes and the composites.
func bankYAML(p int, opt Options) []byte {
	var b bytes.Buffer
	b.WriteString("scales:\n  likert5: {min: 1, max: 5, missing: [9]}\n  grade10: {min: 1, max: 10}\nitems:\n")
	for i := range p {
		scale := "likert5"
		if i%5 == 4 {
			scale = "grade10"
		}
		if opt.Themes {
			fmt.Fprintf(&b, "  - {id: Q%04d, scale: %s, theme: F%02d, reverse: %v}\n", i+1, scale, i%12, i%7 == 3)
		} else {
			fmt.Fprintf(&b, "  - {id: Q%04d, scale: %s}\n", i+1, scale)
		}
	}
	if !opt.Themes {
		return b.Bytes()
	}
	composite := func(name string, step int) {
		fmt.Fprintf(&b, "  %s: [", name)
		for i := 0; i < p; i += step {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "Q%04d", i+1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("composites:\n")
	composite("tenth", 10)
	if opt.All {
		composite("all", 1)
	}
	return b.Bytes()
}

// answers writes the CSV file: a respondent column and the p items.
func answers(p, n int) []byte {
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
	return csv.Bytes()
}
