package itembank

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// tabBankYAML has two 1-5 statements, a 1-10 grade, a grade with a half
// point among its answers (no tables) and a 0-100 item (too many points
// for tables).
const tabBankYAML = `scales:
  likert5: {min: 1, max: 5, missing: [9]}
  grade10: {min: 1, max: 10}
  pct: {min: 0, max: 100}
items:
  - {id: X, text: "x", scale: likert5}
  - {id: Y, text: "y", scale: likert5}
  - {id: G, text: "g", scale: grade10}
  - {id: H, text: "h", scale: grade10}
  - {id: P, text: "p", scale: pct}
`

// tabResponses returns rows random respondents of tabBankYAML, about a
// tenth of answers missing; item H has answers 7.5 when half is set; the
// items in notAsked have no column.
func tabResponses(t testing.TB, bank *Bank, seed uint64, rows int, half bool, notAsked ...string) *Responses {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	res := &Responses{Bank: bank, Respondents: rows, Columns: make([]*Column, len(bank.Items))}
	for i, it := range bank.Items {
		if slices.Contains(notAsked, it.ID) {
			continue
		}
		c := NewColumn(it, rows)
		for range rows {
			var code uint8
			if rng.IntN(10) > 0 {
				v := Int(it.Scale.Min + rng.Int64N(it.Scale.Range()+1))
				if half && it.ID == "H" && rng.IntN(20) == 0 {
					v = Value{Units: 75, Places: 1}
				}
				var err error
				if code, err = c.Code(v); err != nil {
					t.Fatal(err)
				}
			}
			c.Codes = append(c.Codes, code)
		}
		res.Columns[i] = c
	}
	return res
}

// loopTable counts the table of items i and j respondent by respondent.
func loopTable(r *Responses, i, j int) []int64 {
	x, y := r.Columns[i], r.Columns[j]
	sx, sy := r.Bank.Items[i].Scale, r.Bank.Items[j].Scale
	k := int(sy.Range() + 1)
	t := make([]int64, int(sx.Range()+1)*k)
	if x == nil || y == nil {
		return t
	}
	for row := range r.Respondents {
		a, okA := x.Value(row)
		b, okB := y.Value(row)
		if okA && okB {
			t[int(a.Floor()-sx.Min)*k+int(b.Floor()-sy.Min)]++
		}
	}
	return t
}

func tabBank(t testing.TB) *Bank {
	t.Helper()
	b, err := LoadBank(strings.NewReader(tabBankYAML), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSummarizeTables checks every table against a plain loop, and the
// pair sums of a summary with tables against those counted apart: whether
// every item has tables (the sums then come from the tables) or not.
func TestSummarizeTables(t *testing.T) {
	bank := tabBank(t)
	for _, tc := range []struct {
		name     string
		half     bool
		notAsked []string
		tabled   []bool
	}{
		{"all tabled", false, []string{"P"}, []bool{true, true, true, true, false}},
		{"a half point and a long scale", true, nil, []bool{true, true, true, false, false}},
		{"an item not asked", false, []string{"Y", "P"}, []bool{true, true, true, true, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tabResponses(t, bank, 3, 20000, tc.half, tc.notAsked...)
			withT := summarize(t, r, WithTables)
			withP := summarize(t, r, WithPairs)
			if !slices.Equal(withT.Pairs(), withP.Pairs()) {
				t.Errorf("pair sums with tables differ from those counted apart")
			}
			for i := range bank.Items {
				if got := withT.HasTable(i); got != tc.tabled[i] {
					t.Errorf("item %s: HasTable %v, want %v", bank.Items[i].ID, got, tc.tabled[i])
				}
				for j := range bank.Items {
					if i == j {
						continue
					}
					tab, state := withT.Table(i, j)
					if !tc.tabled[i] || !tc.tabled[j] {
						if state != NoTable {
							t.Errorf("table %d-%d: state %d, want NoTable", i, j, state)
						}
						continue
					}
					if want := loopTable(r, i, j); state != TableReady || !slices.Equal(tab.Counts, want) {
						t.Errorf("table %d-%d (state %d) = %v, want %v", i, j, state, tab.Counts, want)
					}
					if got, want := tab.Sums(withT.Places), withP.Pair(i, j); got != want {
						t.Errorf("table %d-%d: sums %+v, want %+v", i, j, got, want)
					}
				}
			}
			if _, state := withP.Table(0, 1); withP.HasTables() || state != NoTable {
				t.Errorf("a summary made WithPairs has tables")
			}
		})
	}
}

// TestAddTables pools the summaries of three parts of a wave, one without
// item Y, one with a half point for H: the pool equals the summary of the
// whole, table for table.
func TestAddTables(t *testing.T) {
	bank := tabBank(t)
	parts := []*Responses{
		tabResponses(t, bank, 4, 700, false),
		tabResponses(t, bank, 5, 300, false, "Y"),
		tabResponses(t, bank, 6, 9000, true),
	}
	whole := &Responses{Bank: bank, Columns: make([]*Column, len(bank.Items))}
	for _, p := range parts {
		for i, c := range p.Columns {
			w := whole.Columns[i]
			if w == nil {
				w = NewColumn(bank.Items[i], 0)
				w.Codes = make([]uint8, whole.Respondents)
				whole.Columns[i] = w
			}
			for row := range p.Respondents {
				var code uint8
				if c != nil {
					if v, ok := c.Value(row); ok {
						code, _ = w.Code(v)
					}
				}
				w.Codes = append(w.Codes, code)
			}
		}
		whole.Respondents += p.Respondents
	}
	pooled := summarize(t, parts[0], WithTables)
	for _, p := range parts[1:] {
		if err := pooled.Add(summarize(t, p, WithTables)); err != nil {
			t.Fatal(err)
		}
	}
	want := summarize(t, whole, WithTables)
	if !slices.Equal(pooled.Pairs(), want.Pairs()) {
		t.Errorf("pooled pair sums differ from the whole's")
	}
	for i := range bank.Items {
		if pooled.HasTable(i) != want.HasTable(i) {
			t.Errorf("item %d: pooled HasTable %v, whole %v", i, pooled.HasTable(i), want.HasTable(i))
		}
		for j := i + 1; j < len(bank.Items); j++ {
			a, sa := pooled.Table(i, j)
			b, sb := want.Table(i, j)
			if sa != sb || !slices.Equal(a.Counts, b.Counts) {
				t.Errorf("table %d-%d: pooled %v (%d), whole %v (%d)", i, j, a.Counts, sa, b.Counts, sb)
			}
		}
	}
	if pooled.HasTable(3) {
		t.Errorf("H has tables after pooling a part with a half point")
	}
	// A summary without tables pools with one with them into one without.
	s := summarize(t, parts[0], WithTables)
	if err := s.Add(summarize(t, parts[1], WithPairs)); err != nil || s.HasTables() {
		t.Errorf("pooling with a summary without tables: err %v, HasTables %v", err, s.HasTables())
	}
}

// TestWithholdTables withholds a table with a small cell, keeps the
// pair's sums, and keeps it withheld in a pool.
func TestWithholdTables(t *testing.T) {
	bank := tabBank(t)
	// X and Y: 12 answer (1, 1), 11 answer (2, 2), 3 answer (1, 2); G only by 5.
	x := append(append(rep(1, 12), rep(2, 11)...), rep(1, 3)...)
	y := append(append(rep(1, 12), rep(2, 11)...), rep(2, 3)...)
	g := append(rep(3, 5), rep(0, 21)...)
	r := sumResponses(t, bank, 26, map[string][]int64{"X": x, "Y": y, "G": g})
	s := summarize(t, r, WithTables)
	w := s.Withhold(10)
	if len(w.Tables) != 1 || w.Tables[0] != (WithheldTable{X: "X", Y: "Y", Cell: 3}) {
		t.Fatalf("withheld tables %+v, want X-Y with a cell of 3", w.Tables)
	}
	if _, state := s.Table(0, 1); state != TableWithheld {
		t.Errorf("X-Y table state %d, want TableWithheld", state)
	}
	if s.PairWithheld(0, 1) || s.Pair(0, 1).N != 26 {
		t.Errorf("X-Y sums withheld with their table: %+v", s.Pair(0, 1))
	}
	if _, state := s.Table(0, 2); state != TableWithheld {
		t.Errorf("X-G (G withheld) table state %d, want TableWithheld", state)
	}
	if _, state := s.Table(0, 3); state != TableReady {
		t.Errorf("X-H (nobody answered both) table state %d, want TableReady", state)
	}
	other := summarize(t, r, WithTables)
	if err := other.Add(s); err != nil {
		t.Fatal(err)
	}
	if _, state := other.Table(1, 0); state != TableWithheld {
		t.Errorf("pooled X-Y table state %d, want TableWithheld", state)
	}
	// X-Y, and G's tables with X, Y and H.
	if other.WithheldTables() != 4 {
		t.Errorf("pool withholds %d tables, want 4", other.WithheldTables())
	}
}

func rep(v int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = v
	}
	return out
}
