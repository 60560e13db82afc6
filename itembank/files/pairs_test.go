package files

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/internal/planes"
)

// referencePairs is the plain definition of the pair sums: for every pair
// of items, a loop over the respondents who answered both.
func referencePairs(r *itembank.Responses, places int) []itembank.PairSums {
	p := len(r.Columns)
	out := make([]itembank.PairSums, p*(p-1)/2)
	for i := range p {
		for j := i + 1; j < p; j++ {
			a, b := r.Columns[i], r.Columns[j]
			if a == nil || b == nil {
				continue
			}
			ps := &out[planes.Index(i, j, p)]
			for row := range r.Respondents {
				x, okx := a.Value(row)
				y, oky := b.Value(row)
				if !okx || !oky {
					continue
				}
				xv, yv := x.At(places), y.At(places)
				ps.N++
				ps.SumX += xv
				ps.SumY += yv
				ps.SumXX += xv * xv
				ps.SumYY += yv * yv
				ps.SumXY += xv * yv
			}
		}
	}
	return out
}

// randomWave returns a bank and a CSV of n respondents with every kind of
// item the bit-sliced counting must handle: 1-5 and 1-10 scales, decimal
// grades, a scale with a negative minimum, answers far apart (counted by
// the plain loop), an item everybody answers alike, an item nobody
// answers, and missing answers (empty cells and a missing code) at a rate
// that differs per item.
func randomWave(t testing.TB, n int, seed uint64) (*itembank.Bank, string) {
	t.Helper()
	const bankYAML = `scales:
  likert5: {min: 1, max: 5, missing: [9]}
  grade10: {min: 1, max: 10}
  centred: {min: -3, max: 3}
  wide: {min: 0, max: 100000}
items:
  - {id: L1, scale: likert5}
  - {id: L2, scale: likert5}
  - {id: G1, scale: grade10}
  - {id: G2, scale: grade10}
  - {id: C1, scale: centred}
  - {id: W1, scale: wide}
  - {id: W2, scale: wide}
  - {id: K1, scale: likert5}
  - {id: E1, scale: likert5}
  - {id: L3, scale: likert5}
`
	bank, err := itembank.LoadBank(strings.NewReader(bankYAML), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	var sb strings.Builder
	sb.WriteString("id;L1;L2;G1;G2;C1;W1;W2;K1;E1;L3\n")
	for r := range n {
		fmt.Fprintf(&sb, "%d", r)
		cells := []string{
			fmt.Sprint(1 + rng.IntN(5)),
			fmt.Sprint(1 + rng.IntN(5)),
			fmt.Sprint(1 + rng.IntN(10)),
			[]string{"7,5", "8", "6.5", "10", "1"}[rng.IntN(5)],
			fmt.Sprint(rng.IntN(7) - 3),
			fmt.Sprint([]int{0, 1, 2, 99999}[rng.IntN(4)]),
			fmt.Sprint(rng.IntN(200) * 500),
			"4",
			"",
			fmt.Sprint(1 + rng.IntN(5)),
		}
		for k, c := range cells {
			switch u := rng.Float64(); {
			case u < 0.02*float64(k+1):
				c = ""
			case k < 2 && u < 0.3:
				c = "9"
			}
			sb.WriteString(";" + c)
		}
		sb.WriteString("\n")
	}
	return bank, sb.String()
}

func TestPairsMatchReference(t *testing.T) {
	for _, n := range []int{3, 64, 65, 4095, 4096, 4097, 9000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			bank, data := randomWave(t, n, uint64(n))
			r, err := LoadCSV(strings.NewReader(data), "wave.csv", bank, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			s, err := itembank.Summarize(r, itembank.WithPairs)
			if err != nil {
				t.Fatal(err)
			}
			if s.Places != 1 {
				t.Fatalf("places = %d, want 1 (grades 7,5 and 6.5)", s.Places)
			}
			want := referencePairs(r, s.Places)
			got := s.Pairs()
			for i := range bank.Items {
				for j := i + 1; j < len(bank.Items); j++ {
					k := planes.Index(i, j, len(bank.Items))
					if got[k] != want[k] {
						t.Errorf("pair %s-%s: got %+v, want %+v", bank.Items[i].ID, bank.Items[j].ID, got[k], want[k])
					}
				}
			}
		})
	}
}
