package reduction

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// syntheticBank returns a bank of p items Q01 … on 1-5, item i in theme
// T(i mod themes + 1), with the composites given (each a list of item
// numbers, from 1), and the summary of n respondents whose answers load
// on one factor per theme (seeded, so every run is the same).
func syntheticBank(t testing.TB, p, themes, n int, composites map[string][]int, seed uint64) (*itembank.Bank, *itembank.Summary) {
	t.Helper()
	var b strings.Builder
	b.WriteString("scales:\n  five: {min: 1, max: 5}\nitems:\n")
	for i := range p {
		fmt.Fprintf(&b, "  - {id: Q%02d, scale: five, theme: T%d, text: \"Item %d\"}\n", i+1, i%themes+1, i+1)
	}
	if len(composites) > 0 {
		b.WriteString("composites:\n")
		names := make([]string, 0, len(composites))
		for name := range composites {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			var ids []string
			for _, i := range composites[name] {
				ids = append(ids, fmt.Sprintf("Q%02d", i))
			}
			fmt.Fprintf(&b, "  %s: [%s]\n", name, strings.Join(ids, ", "))
		}
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	load := make([]float64, p)
	for i := range load {
		load[i] = 0.3 + 0.6*rng.Float64()
	}
	var csv bytes.Buffer
	for i := range p {
		if i > 0 {
			csv.WriteByte(',')
		}
		fmt.Fprintf(&csv, "Q%02d", i+1)
	}
	csv.WriteByte('\n')
	f := make([]float64, themes)
	for range n {
		for k := range f {
			f[k] = rng.NormFloat64()
		}
		g := rng.NormFloat64()
		for i := range p {
			if i > 0 {
				csv.WriteByte(',')
			}
			z := load[i]*(0.8*f[i%themes]+0.6*g) + math.Sqrt(1-load[i]*load[i])*rng.NormFloat64()
			fmt.Fprintf(&csv, "%d", int(math.Max(1, math.Min(5, math.Round(3+1.3*z)))))
		}
		csv.WriteByte('\n')
	}
	return summaryOf(t, b.String(), csv.String())
}

// formIDs returns the ids of a form.
func formIDs(f *ShortForm) []string {
	var ids []string
	for _, it := range f.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// localForm returns the form's items as indices of sh's matrix.
func localForm(sh *Shortener, ids []string) []int {
	local := map[string]int{}
	for x, id := range sh.base.ids {
		local[id] = x
	}
	var out []int
	for _, id := range ids {
		out = append(out, local[id])
	}
	return out
}

// shortenFixture is a bank of 20 items in 3 themes with two composites,
// one of them overlapping a third.
func shortenFixture(t testing.TB) (*itembank.Bank, *itembank.Summary) {
	return syntheticBank(t, 20, 3, 400, map[string][]int{"Alpha": {1, 5, 9}, "Beta": {2, 6}, "Gamma": {6, 10}}, 11)
}

func TestShortenFormIsSwapOptimal(t *testing.T) {
	bank, s := shortenFixture(t)
	cases := []struct {
		name string
		opt  ShortenOptions
		n    int
	}{
		{"length only", ShortenOptions{}, 8},
		{"theme minimum", ShortenOptions{MinPerTheme: 3}, 10},
		{"keep and drop", ShortenOptions{Keep: []string{"Q20"}, Drop: []string{"Q03", "Q04"}}, 7},
		{"composites whole", ShortenOptions{KeepComposites: true, MinPerTheme: 2}, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := NewShortener(bank, s, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			f, err := sh.Form(tc.n, false)
			if err != nil {
				t.Fatal(err)
			}
			fp := sh.base
			fp.n = tc.n
			kept := localForm(sh, formIDs(f))
			if len(kept) != tc.n || !fp.formAllowed(kept) {
				t.Fatalf("the form %v breaks the constraints", formIDs(f))
			}
			base := referenceInformation(t, sh.r, kept)
			if math.Abs(base-f.Information) > 1e-12 {
				t.Errorf("I reported %.15f, plain solves give %.15f", f.Information, base)
			}
			tried := 0
			for _, a := range kept {
				for c := range fp.ids {
					if slices.Contains(kept, c) {
						continue
					}
					ua, uc := fp.unitOf[a], fp.unitOf[c]
					swapped := slices.DeleteFunc(slices.Clone(kept), func(i int) bool { return fp.unitOf[i] == ua })
					swapped = append(swapped, fp.units[uc]...)
					if len(swapped) != tc.n || !fp.formAllowed(swapped) {
						continue
					}
					tried++
					if v := referenceInformation(t, sh.r, swapped); v > base+1e-9 {
						t.Errorf("exchanging %s for %s raises I from %.12f to %.12f", fp.ids[a], fp.ids[c], base, v)
					}
				}
			}
			if tried == 0 {
				t.Fatal("no exchange was allowed: the test proves nothing")
			}
			t.Logf("%d exchanges tried, none raises I = %.6f", tried, base)
		})
	}
}

func TestShortenExactAgainstBruteForce(t *testing.T) {
	bank, s := syntheticBank(t, 14, 3, 300, map[string][]int{"Pair": {2, 7}, "Trio": {4, 9, 13}}, 5)
	for _, tc := range []struct {
		opt ShortenOptions
		n   int
	}{
		{ShortenOptions{}, 4},
		{ShortenOptions{MinPerTheme: 2}, 7},
		{ShortenOptions{Keep: []string{"Q01"}, Drop: []string{"Q02"}, MinPerTheme: 1}, 6},
		{ShortenOptions{KeepComposites: true}, 9},
	} {
		sh, err := NewShortener(bank, s, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		f, err := sh.Form(tc.n, true)
		if err != nil {
			t.Fatal(err)
		}
		fp := sh.base
		fp.n = tc.n
		want, wantK := bruteForce(t, &fp)
		if math.Abs(f.Information-want) > 1e-10 {
			t.Errorf("%+v n %d: exact %v I %.12f, brute force %v I %.12f", tc.opt, tc.n, formIDs(f), f.Information, wantK, want)
		}
		if !f.Exact || f.Information > f.ConstrainedBound+1e-12 || f.ConstrainedBound > f.Bound+1e-12 {
			t.Errorf("n %d: I %.6f, constrained bound %.6f, bound %.6f, exact %v", tc.n, f.Information, f.ConstrainedBound, f.Bound, f.Exact)
		}
	}
}

func TestShortenConstraints(t *testing.T) {
	bank, s := shortenFixture(t)
	review := &Review{Items: []ReviewItem{
		{ID: "Q03", InBank: true, Decision: Keep, DecisionLine: 12},
		{ID: "Q07", InBank: true, Decision: Drop, DecisionLine: 20},
		{ID: "Q11", InBank: true},
	}}
	ticks := map[string]int{"Q03": 2, "Q04": 3, "Q12": 2, "Q13": 1}
	cases := []struct {
		name     string
		opt      ShortenOptions
		n        int
		in, out  []string
		holds    func(f *ShortForm) bool
		describe string
	}{
		{name: "keep", opt: ShortenOptions{Keep: []string{"Q19", "Q18"}}, n: 4, in: []string{"Q18", "Q19"}},
		{name: "drop", opt: ShortenOptions{Drop: []string{"Q03", "Q04", "Q07", "Q08", "Q11", "Q12"}}, n: 12, out: []string{"Q03", "Q04", "Q07", "Q08", "Q11", "Q12"}},
		{name: "review", opt: ShortenOptions{Review: review}, n: 5, in: []string{"Q03"}, out: []string{"Q07"}},
		{name: "keep composites", opt: ShortenOptions{KeepComposites: true}, n: 8, in: []string{"Q01", "Q05", "Q09", "Q02", "Q06", "Q10"}},
		{name: "exclude ticks", opt: ShortenOptions{ExcludeTicks: 2, Ticks: ticks, Keep: []string{"Q12"}}, n: 14, in: []string{"Q12"}, out: []string{"Q03", "Q04"}},
		{name: "composites whole or not at all", opt: ShortenOptions{}, n: 11, holds: func(f *ShortForm) bool {
			ids := formIDs(f)
			whole := func(members ...string) bool {
				n := 0
				for _, m := range members {
					if slices.Contains(ids, m) {
						n++
					}
				}
				return n == 0 || n == len(members)
			}
			return whole("Q01", "Q05", "Q09") && whole("Q02", "Q06", "Q10")
		}, describe: "each composite (Beta and Gamma share Q06) whole or absent"},
		{name: "minimum per theme", opt: ShortenOptions{MinPerTheme: 4, Keep: []string{"Q01", "Q04", "Q07", "Q10"}}, n: 12, holds: func(f *ShortForm) bool {
			count := map[string]int{}
			for _, it := range f.Items {
				count[it.Theme]++
			}
			return count["T1"] >= 4 && count["T2"] >= 4 && count["T3"] >= 4
		}, describe: "at least 4 items of every theme"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := NewShortener(bank, s, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			f, err := sh.Form(tc.n, false)
			if err != nil {
				t.Fatal(err)
			}
			ids := formIDs(f)
			if len(ids) != tc.n {
				t.Errorf("%d items kept, not %d", len(ids), tc.n)
			}
			for _, id := range tc.in {
				if !slices.Contains(ids, id) {
					t.Errorf("%s is not kept: %v", id, ids)
				}
			}
			for _, id := range tc.out {
				if slices.Contains(ids, id) {
					t.Errorf("%s is kept: %v", id, ids)
				}
			}
			if tc.holds != nil && !tc.holds(f) {
				t.Errorf("not %s: %v", tc.describe, ids)
			}
			// The constraint must matter: without it the form differs.
			free, err := NewShortener(bank, s, ShortenOptions{})
			if err != nil {
				t.Fatal(err)
			}
			g, err := free.Form(tc.n, false)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Equal(formIDs(g), ids) && tc.name != "composites whole or not at all" {
				t.Errorf("the form is the same without the constraint, so the test proves nothing: %v", ids)
			}
		})
	}
}

func TestShortenInfeasible(t *testing.T) {
	bank, s := shortenFixture(t)
	cases := []struct {
		name string
		opt  ShortenOptions
		n    int
		says []string
	}{
		{"kept and dropped", ShortenOptions{Keep: []string{"Q03"}, Drop: []string{"Q03"}}, 5, []string{"item Q03 must be kept (--keep) and left out (--drop)"}},
		{"composite kept and dropped", ShortenOptions{KeepComposites: true, Drop: []string{"Q05"}}, 8, []string{"the composite Alpha", "Q05 (--drop)"}},
		{"review keeps what --drop drops", ShortenOptions{Review: &Review{Items: []ReviewItem{{ID: "Q04", InBank: true, Decision: Keep, DecisionLine: 9}}}, Drop: []string{"Q04"}}, 5, []string{"Q04 must be kept (the review decides keep, line 9) and left out (--drop)"}},
		{"more kept than the length", ShortenOptions{Keep: []string{"Q11", "Q12", "Q13"}}, 2, []string{"3 items must be kept (3 by --keep), more than the length 2"}},
		{"too few allowed", ShortenOptions{ExcludeTicks: 1, Ticks: map[string]int{"Q11": 1, "Q12": 1, "Q13": 1, "Q14": 1, "Q15": 1}}, 16, []string{"only 15 items may be kept", "5 by 1 ticks, --exclude-ticks 1", "fewer than the length 16"}},
		{"theme too small", ShortenOptions{MinPerTheme: 5, Drop: []string{"Q03", "Q12", "Q15"}}, 16, []string{`theme "T3" has 3 items that may be kept, fewer than --min-per-theme 5`}},
		{"minimums exceed the length", ShortenOptions{MinPerTheme: 3}, 8, []string{"--min-per-theme 3 over 3 themes needs 9 items besides the 0 that must be kept", "the length 8 leaves room for 8"}},
		{"composite sizes", ShortenOptions{KeepComposites: true}, 21, []string{"only 20 items may be kept"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := NewShortener(bank, s, tc.opt)
			if err == nil {
				_, err = sh.Form(tc.n, false)
			}
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("error %v, want ErrInfeasible", err)
			}
			for _, w := range tc.says {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
		})
	}
	// Composite sizes alone: six items in two composites of three, and
	// four items asked for.
	b2, s2 := syntheticBank(t, 6, 2, 200, map[string][]int{"A": {1, 2, 3}, "B": {4, 5, 6}}, 2)
	sh, err := NewShortener(b2, s2, ShortenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.Form(4, false); !errors.Is(err, ErrInfeasible) || !strings.Contains(err.Error(), "cannot be combined with the other items into exactly 4 items") {
		t.Errorf("composite sizes: %v", err)
	}
}

func TestShortenBadIDs(t *testing.T) {
	bank, s := shortenFixture(t)
	if _, err := NewShortener(bank, s, ShortenOptions{Keep: []string{"Q99"}}); !errors.Is(err, ErrUnknownItem) || !strings.Contains(err.Error(), "Q99") {
		t.Errorf("unknown id: %v", err)
	}
}

func TestShortenDeterministic(t *testing.T) {
	bank, s := shortenFixture(t)
	render := func() []byte {
		sh, err := NewShortener(bank, s, ShortenOptions{MinPerTheme: 2})
		if err != nil {
			t.Fatal(err)
		}
		f, err := sh.Form(9, false)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.WriteProposal(&b); err != nil {
			t.Fatal(err)
		}
		if err := sh.WriteJSON(&b, f); err != nil {
			t.Fatal(err)
		}
		if err := sh.WriteText(&b, f); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first, second := render(), render()
	if !bytes.Equal(first, second) {
		t.Error("two runs on the same inputs differ")
	}
}

func TestShortenProposalIsReadByDecide(t *testing.T) {
	bank, s := shortenFixture(t)
	sh, err := NewShortener(bank, s, ShortenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := sh.Form(7, false)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.WriteProposal(&b); err != nil {
		t.Fatal(err)
	}
	p, err := LoadProposal(&b, "statistics.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	if p.By != ShortenBy || p.TargetLength != 7 {
		t.Errorf("by %q, target %d", p.By, p.TargetLength)
	}
	ids := formIDs(f)
	for _, it := range bank.Items {
		if p.Keeps(it.ID) != slices.Contains(ids, it.ID) {
			t.Errorf("%s: proposal keeps %v, form %v", it.ID, p.Keeps(it.ID), ids)
		}
	}
}

func TestShortenBindingConstraints(t *testing.T) {
	bank, s := shortenFixture(t)
	free, err := NewShortener(bank, s, ShortenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := free.Form(6, false)
	if err != nil {
		t.Fatal(err)
	}
	// Leave out every item of the free form and force in the item outside
	// any composite that the free search would add last: dropping and
	// keeping must both hold I back.
	var weakest string
	for _, it := range bank.Items {
		if !slices.Contains(formIDs(g), it.ID) && !strings.Contains("Q01 Q05 Q09 Q02 Q06 Q10", it.ID) {
			weakest = it.ID
		}
	}
	sh, err := NewShortener(bank, s, ShortenOptions{Drop: formIDs(g), Keep: []string{weakest}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := sh.Form(6, false)
	if err != nil {
		t.Fatal(err)
	}
	if f.Information >= g.Information {
		t.Errorf("constrained I %.6f not below free I %.6f", f.Information, g.Information)
	}
	kinds := map[string]bool{}
	kept := localForm(sh, formIDs(f))
	for _, b := range f.Binding {
		kinds[strings.Fields(b.Constraint)[0]] = true
		// The exchange named must raise I by the gain reported.
		var out, in string
		if _, err := fmt.Sscanf(b.Example, "%s out, %s in", &out, &in); err != nil {
			t.Fatalf("example %q: %v", b.Example, err)
		}
		o, n := localForm(sh, []string{out})[0], localForm(sh, []string{in})[0]
		swapped := append(slices.DeleteFunc(slices.Clone(kept), func(i int) bool { return i == o }), n)
		rise := referenceInformation(t, sh.r, swapped) - referenceInformation(t, sh.r, kept)
		if math.Abs(rise-b.Gain) > 1e-10 || !(rise > 0) {
			t.Errorf("%s: %s raises I by %.12f, reported %.12f", b.Constraint, b.Example, rise, b.Gain)
		}
	}
	if !kinds["leave"] || !kinds["keep"] {
		t.Errorf("binding constraints %+v: want both a leave-out and a keep", f.Binding)
	}
}

func TestShortenUnusableItems(t *testing.T) {
	bankYAML := `scales:
  five: {min: 1, max: 5}
items:
  - {id: A, scale: five}
  - {id: B, scale: five}
  - {id: C, scale: five}
  - {id: D, scale: five}
  - {id: K, scale: five}
  - {id: M, scale: five}
`
	// K has one answer only (constant over all), M is not a column.
	data := "A,B,C,D,K\n1,2,1,3,4\n2,2,3,3,4\n3,4,3,5,4\n4,5,4,4,4\n5,5,5,2,4\n2,1,2,2,4\n"
	bank, s := summaryOf(t, bankYAML, data)
	sh, err := NewShortener(bank, s, ShortenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sh.P() != 4 {
		t.Errorf("p = %d, want 4 (A-D)", sh.P())
	}
	var left []string
	for _, u := range sh.Unusable {
		left = append(left, u.ID+": "+u.Why)
	}
	if len(left) != 2 || !strings.HasPrefix(left[0], "K: without variance") || !strings.HasPrefix(left[1], "M: not asked") {
		t.Errorf("left out: %q", left)
	}
	f, err := sh.Form(2, false)
	if err != nil {
		t.Fatal(err)
	}
	if f.P != 4 || len(f.Items) != 2 {
		t.Errorf("form %+v", f)
	}
	var text bytes.Buffer
	if err := sh.WriteText(&text, f); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "2 items have no usable correlations and were not considered:\n  K: without variance") {
		t.Errorf("the report does not name the items left out:\n%s", text.String())
	}
	for _, opt := range []ShortenOptions{{Keep: []string{"K"}}, {Review: &Review{Items: []ReviewItem{{ID: "M", InBank: true, Decision: Keep, DecisionLine: 3}}}}} {
		if _, err := NewShortener(bank, s, opt); err == nil || !strings.Contains(err.Error(), "cannot be placed by shorten") {
			t.Errorf("%+v: forcing an unusable item gave %v", opt, err)
		}
	}
	one, s1 := summaryOf(t, "scales:\n  five: {min: 1, max: 5}\nitems:\n  - {id: A, scale: five}\n  - {id: K, scale: five}\n", "A,K\n1,4\n2,4\n3,4\n")
	if _, err := NewShortener(one, s1, ShortenOptions{}); err == nil || !strings.Contains(err.Error(), "at least 2 items with usable correlations") {
		t.Errorf("one usable item: %v", err)
	}
}
