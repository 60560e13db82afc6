// Command gen writes a synthetic survey of any size for the benchmark: an
// item bank and two waves of answers, the same bytes for the same flags.
//
//	go run ./examples/benchmark/gen -items 300 -respondents 100000 -out data/300x100k
//
// writes bank.yaml, previous.csv and current.csv in the -out folder. Four
// in five items are 1-5 statements (9 = don't know), one in five 1-10
// grades. Items load on one of twelve themes, so that items of a theme
// correlate as in a real questionnaire; about 3% of the answers are left
// empty and 1% of the statements are answered "don't know".
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

const themes = 12

type item struct {
	id      string
	grade   bool    // 1-10 instead of 1-5
	theme   int     // the latent factor the item loads on
	loading float64 // how strongly
	mean    float64 // on a 0-1 scale
	shift   float64 // change of the mean in the current wave
}

func main() {
	nItems := flag.Int("items", 300, "number of items")
	nResp := flag.Int("respondents", 100000, "respondents per wave")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", ".", "output `folder`")
	flag.Parse()
	if err := run(*nItems, *nResp, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(nItems, nResp int, seed uint64, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x1f2e3d4c))
	items := make([]item, nItems)
	for i := range items {
		items[i] = item{
			id:      fmt.Sprintf("Q%04d", i+1),
			grade:   i%5 == 4,
			theme:   rng.IntN(themes),
			loading: 0.2 + 0.6*rng.Float64(),
			mean:    0.35 + 0.5*rng.Float64(),
			shift:   0.1 * rng.NormFloat64(),
		}
	}
	if err := writeBank(filepath.Join(out, "bank.yaml"), items); err != nil {
		return err
	}
	for w, name := range []string{"previous.csv", "current.csv"} {
		if err := writeWave(filepath.Join(out, name), items, nResp, float64(w), rand.New(rand.NewPCG(seed, uint64(w+1)))); err != nil {
			return err
		}
	}
	return nil
}

func writeBank(path string, items []item) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "title: \"Synthetic benchmark survey, %d items\"\n", len(items))
	fmt.Fprintln(w, "scales:\n  likert5: {min: 1, max: 5, missing: [9]}\n  grade10: {min: 1, max: 10}\nitems:")
	for _, it := range items {
		scale := "likert5"
		if it.grade {
			scale = "grade10"
		}
		fmt.Fprintf(w, "  - {id: %s, scale: %s, theme: \"theme %d\", text: \"Synthetic item %s\"}\n", it.id, scale, it.theme+1, it.id)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeWave writes one wave: an id and a region column, then one column
// per item.
func writeWave(path string, items []item, n int, wave float64, rng *rand.Rand) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("respondent,region")
	for _, it := range items {
		w.WriteString("," + it.id)
	}
	w.WriteString("\n")
	var factors [themes]float64
	line := make([]byte, 0, 4*len(items)+32)
	for r := range n {
		for t := range factors {
			factors[t] = rng.NormFloat64()
		}
		line = strconv.AppendInt(line[:0], int64(r+1), 10)
		line = append(line, ",region"...)
		line = strconv.AppendInt(line, int64(r%12+1), 10)
		for _, it := range items {
			line = append(line, ',')
			u := rng.Float64()
			if u < 0.03 {
				continue // no answer
			}
			if !it.grade && u < 0.04 {
				line = append(line, '9') // don't know
				continue
			}
			z := it.mean + wave*it.shift + 0.22*(it.loading*factors[it.theme]+math.Sqrt(1-it.loading*it.loading)*rng.NormFloat64())
			top := 5.0
			if it.grade {
				top = 10
			}
			v := math.Round(1 + (top-1)*z)
			v = math.Max(1, math.Min(top, v))
			line = strconv.AppendInt(line, int64(v), 10)
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
