package reduction

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestShiftPrintsExactly checks that answers with means 3.4 (current) and
// 3.0 (previous) report a shift of exactly 0.4 in the table, the CSV and
// the JSON, not 0.3999999999999999, and that 0.4 is not stable.
func TestShiftPrintsExactly(t *testing.T) {
	bank := loadBank(t, boundaryBank)
	prev := wave(t, bank, map[string][]int{"L": answers(3, 2)})
	cur := wave(t, bank, map[string][]int{"L": answers(3, 3, 4, 2)})
	res, err := Screen(bank, prev, cur, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	it := res.Items[0]
	if it.Shift != 0.4 || it.Has(Stable) {
		t.Fatalf("shift %.17g, stable %v; want 0.4, not stable", it.Shift, it.Has(Stable))
	}
	var js bytes.Buffer
	if err := res.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Items []struct {
			Shift json.Number `json:"shift"`
		} `json:"items"`
	}
	dec := json.NewDecoder(&js)
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if got := v.Items[0].Shift.String(); got != "0.4" {
		t.Errorf("JSON shift %s, want 0.4", got)
	}
	var csv bytes.Buffer
	if err := res.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Split(csv.String(), "\n"); !strings.Contains(rows[1], ",3,0.4,") {
		t.Errorf("CSV row %q: want previous mean 3 and shift 0.4", rows[1])
	}
	var tab bytes.Buffer
	if err := res.WriteTable(&tab); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tab.String(), "+0.40") {
		t.Errorf("table has no +0.40:\n%s", tab.String())
	}
}

// TestPairPearsonSymmetric checks over many random waves that
// Pair(i, j).Pearson() and Pair(j, i).Pearson() are bit for bit equal.
func TestPairPearsonSymmetric(t *testing.T) {
	bank := loadBank(t, boundaryBank+`  - {id: L2, text: "another statement", scale: likert5}
  - {id: G2, text: "another grade", scale: grade10}
`)
	rng := rand.New(rand.NewPCG(7, 11))
	pairs := 0
	for range 300 {
		n := 3 + rng.IntN(200)
		cols := map[string][]int{}
		for _, id := range []string{"L", "G", "L2", "G2"} {
			top := 5
			if id[0] == 'G' {
				top = 10
			}
			a := make([]int, n)
			for r := range a {
				a[r] = 1 + rng.IntN(top)
				if id == "L2" && rng.IntN(2) == 0 {
					a[r] = cols["L"][r] // correlated with L
				}
			}
			cols[id] = a
		}
		s := wave(t, bank, cols)
		for i := range bank.Items {
			for j := i + 1; j < len(bank.Items); j++ {
				a, b := s.Pair(i, j).Pearson(), s.Pair(j, i).Pearson()
				if math.Float64bits(a) != math.Float64bits(b) {
					t.Fatalf("r(%d, %d) = %.17g, r(%d, %d) = %.17g", i, j, a, j, i, b)
				}
				pairs++
			}
		}
	}
	if pairs != 300*6 {
		t.Fatalf("%d pairs compared", pairs)
	}
}
