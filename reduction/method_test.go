package reduction

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// table5 returns a 5×5 table of two 1-5 items with the given cells
// (x, y, count).
func table5(cells ...[3]int64) itembank.PairTable {
	t := itembank.PairTable{XMin: 1, YMin: 1, Rows: 5, Cols: 5, Counts: make([]int64, 25)}
	for _, c := range cells {
		t.Counts[(c[0]-1)*5+c[1]-1] += c[2]
	}
	return t
}

// transpose returns t with its items swapped.
func transpose(t itembank.PairTable) itembank.PairTable {
	out := itembank.PairTable{XMin: t.YMin, YMin: t.XMin, Rows: t.Cols, Cols: t.Rows, Counts: make([]int64, len(t.Counts))}
	for a := range t.Rows {
		for b := range t.Cols {
			out.Counts[b*t.Rows+a] = t.At(a, b)
		}
	}
	return out
}

// TestSpearmanExactThreshold: x = 3, 2, 1 and y = 5, 3, 4 rank as 3, 2, 1
// and 3, 1, 2, whose r is 1/2 exactly (centred ranks 1, 0, −1 and 1, −1,
// 0: covariance 1, variances 2 and 2). At the threshold 0.5 the rule does
// not fire; just below it, it does.
func TestSpearmanExactThreshold(t *testing.T) {
	tab := table5([3]int64{3, 5, 1}, [3]int64{2, 3, 1}, [3]int64{1, 4, 1})
	if r, ok := Spearman(tab); !ok || r != 0.5 {
		t.Fatalf("Spearman = %v (%v), want 0.5", r, ok)
	}
	for _, tc := range []struct {
		thr  string
		want bool
	}{{"0.5", false}, {"1/2", false}, {"0.4999999999999", true}, {"0.5000000000001", false}} {
		if got := spearmanExceeds(tab, mustNumber(tc.thr)); got != tc.want {
			t.Errorf("|r| = 1/2 > %s: %v, want %v", tc.thr, got, tc.want)
		}
	}
	// Ties: 1, 1, 2, 2 against 1, 2, 1, 2 has r = 0.
	ties := table5([3]int64{1, 1, 1}, [3]int64{1, 2, 1}, [3]int64{2, 1, 1}, [3]int64{2, 2, 1})
	if r, ok := Spearman(ties); !ok || r != 0 || spearmanExceeds(ties, mustNumber("0.01")) {
		t.Errorf("Spearman of crossed ties = %v (%v), want 0", r, ok)
	}
}

// TestOrdinalUndefined: no variance in one item, or fewer than 3
// respondents, leaves both correlations undefined (NaN, never 0).
func TestOrdinalUndefined(t *testing.T) {
	for name, tab := range map[string]itembank.PairTable{
		"one answer to x": table5([3]int64{2, 1, 4}, [3]int64{2, 3, 5}),
		"two respondents": table5([3]int64{1, 1, 1}, [3]int64{2, 2, 1}),
		"empty":           table5(),
	} {
		if r, ok := Spearman(tab); ok || !math.IsNaN(r) {
			t.Errorf("%s: Spearman %v (%v), want undefined", name, r, ok)
		}
		if pc, ok := Polychoric(tab); ok || !math.IsNaN(pc.R) {
			t.Errorf("%s: polychoric %v (%v), want undefined", name, pc.R, ok)
		}
		if spearmanExceeds(tab, mustNumber("0.1")) {
			t.Errorf("%s: an undefined r exceeds the threshold", name)
		}
	}
}

// TestPolychoricSymmetry: the pair the other way round gives the same r,
// and an item turned round gives −r with the same SE; a table with only
// concordant answers reaches the bound 0.9999, without an SE.
func TestPolychoricSymmetry(t *testing.T) {
	tab := table5([3]int64{1, 1, 20}, [3]int64{1, 2, 7}, [3]int64{2, 2, 15}, [3]int64{3, 2, 4}, [3]int64{3, 3, 11},
		[3]int64{4, 5, 3}, [3]int64{5, 5, 9}, [3]int64{2, 4, 2}, [3]int64{4, 3, 6})
	pc, ok := Polychoric(tab)
	if !ok || pc.R < 0.5 || pc.R > 0.99 || !(pc.SE > 0) || pc.N != 77 {
		t.Fatalf("polychoric %+v (%v)", pc, ok)
	}
	back, _ := Polychoric(transpose(tab))
	if math.Abs(back.R-pc.R) > 1e-12 || math.Abs(back.SE-pc.SE) > 1e-9 {
		t.Errorf("transposed: %+v, want %+v", back, pc)
	}
	rev := itembank.PairTable{XMin: 1, YMin: 1, Rows: 5, Cols: 5, Counts: make([]int64, 25)}
	for a := range 5 {
		for b := range 5 {
			rev.Counts[(4-a)*5+b] = tab.At(a, b)
		}
	}
	neg, _ := Polychoric(rev)
	if math.Abs(neg.R+pc.R) > 1e-12 || math.Abs(neg.SE-pc.SE) > 1e-9 {
		t.Errorf("reversed: %+v, want −%+v", neg, pc)
	}
	perfect, ok := Polychoric(table5([3]int64{1, 1, 10}, [3]int64{2, 2, 10}, [3]int64{3, 3, 10}))
	if !ok || perfect.R != maxPolychoric || !math.IsNaN(perfect.SE) {
		t.Errorf("perfect agreement: %+v (%v), want r = %v and no SE", perfect, ok, maxPolychoric)
	}
}

// TestMethodKey reads the method from a rules file and refuses a
// misspelt one, naming the line.
func TestMethodKey(t *testing.T) {
	c, err := LoadConfig(strings.NewReader("method: polychoric\n"), "rules.yaml", nil)
	if err != nil || c.Method != MethodPolychoric || !NeedsTables(c.Method) {
		t.Fatalf("method: polychoric gives %q, %v", c.Method, err)
	}
	if c, _ := LoadConfig(strings.NewReader("redundant: 0.6\n"), "rules.yaml", nil); NeedsTables(c.Method) || methodName(c.Method) != MethodPearson {
		t.Errorf("default method %q", c.Method)
	}
	if c, err := LoadConfig(strings.NewReader("method: kendall\n"), "rules.yaml", nil); err != nil || c.Method != MethodKendall || !NeedsTables(c.Method) {
		t.Errorf("method: kendall gives %q, %v", c.Method, err)
	}
	_, err = LoadConfig(strings.NewReader("redundant: 0.6\nmethod: kendal\n"), "rules.yaml", nil)
	if err == nil || !strings.Contains(err.Error(), "rules.yaml:2") || !strings.Contains(err.Error(), "kendal") {
		t.Errorf("method: kendal: %v", err)
	}
}

// TestPolychoricDerivatives checks the exact ℓ″ against a central
// difference of the exact ℓ′, and ℓ′ against a central difference of ℓ,
// at several ρ, on both sides of BVND's switch at |ρ| = 0.925. (A cell
// far off the diagonal would have a probability near 1e-12 at ρ = 0.95,
// known only to about 1e-4 relative as a difference of Φ₂ values, and
// the difference of ℓ would measure that, not ℓ′.)
func TestPolychoricDerivatives(t *testing.T) {
	var st polyStore
	rows, cols, counts := nonEmpty(table5([3]int64{1, 1, 40}, [3]int64{1, 2, 12}, [3]int64{2, 2, 30}, [3]int64{2, 3, 9},
		[3]int64{3, 3, 25}, [3]int64{4, 4, 14}, [3]int64{5, 5, 6}, [3]int64{3, 4, 3}, [3]int64{4, 3, 5}), &st)
	var n int64
	for _, c := range counts {
		n += c
	}
	p := newPolyLik(&st, rows, cols, counts, n)
	loglik := func(rho float64) float64 {
		var l float64
		cc := len(p.b) - 1
		for a := 0; a < len(p.a)-1; a++ {
			for b := range cc {
				if c := p.counts[a*cc+b]; c > 0 {
					prob := bvnLower(p.a[a+1], p.b[b+1], rho) - bvnLower(p.a[a], p.b[b+1], rho) -
						bvnLower(p.a[a+1], p.b[b], rho) + bvnLower(p.a[a], p.b[b], rho)
					l += c * math.Log(prob)
				}
			}
		}
		return l
	}
	const h = 1e-5
	for _, rho := range []float64{-0.6, -0.1, 0.2, 0.5, 0.8, 0.9, 0.95} {
		d1, d2, d3 := p.derivs(rho, false)
		up, upD2, _ := p.derivs(rho+h, false)
		down, downD2, _ := p.derivs(rho-h, false)
		if num := (up - down) / (2 * h); math.Abs(num-d2) > 1e-5*math.Abs(d2) {
			t.Errorf("ρ = %g: ℓ″ = %.10g, difference of ℓ′ %.10g", rho, d2, num)
		}
		if num := (upD2 - downD2) / (2 * h); math.Abs(num-d3) > 1e-5*math.Abs(d3) {
			t.Errorf("ρ = %g: ℓ‴ = %.10g, difference of ℓ″ %.10g", rho, d3, num)
		}
		if num := (loglik(rho+h) - loglik(rho-h)) / (2 * h); math.Abs(num-d1) > 1e-4*max(1, math.Abs(d1)) {
			t.Errorf("ρ = %g: ℓ′ = %.10g, difference of ℓ %.10g", rho, d1, num)
		}
	}
}

// screenTwo screens a bank of two 1-5 items whose answers are rows of
// (x, y) pairs repeated, with the rules file text rules.
func screenTwo(t *testing.T, rules string, rows map[[2]int]int) *Result {
	return screenTwoOn(t, "l5", rules, rows)
}

// screenTwoOn is screenTwo with item B on scale l5 (1-5) or pct (0-100).
func screenTwoOn(t *testing.T, scaleB, rules string, rows map[[2]int]int) *Result {
	t.Helper()
	bank, err := itembank.LoadBank(strings.NewReader("scales:\n  l5: {min: 1, max: 5}\n  pct: {min: 0, max: 100}\nitems:\n  - {id: A, text: a, scale: l5}\n  - {id: B, text: b, scale: "+scaleB+"}\n"), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("A,B\n")
	for xy, n := range rows {
		for range n {
			fmt.Fprintf(&csv, "%d,%d\n", xy[0], xy[1])
		}
	}
	path := filepath.Join(t.TempDir(), "current.csv")
	if err := os.WriteFile(path, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(strings.NewReader(rules), "rules.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	r, err := files.LoadFile(path, bank, files.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	detail := itembank.WithPairs
	if NeedsTables(cfg.Method) {
		detail = itembank.WithTables
	}
	s, err := itembank.Summarize(r, detail)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Screen(bank, nil, s, cfg.Thresholds)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestCloseCall: a polychoric r just above and just below the threshold
// is a close call either way, in the result, the evidence and the JSON;
// one further away is not.
func TestCloseCall(t *testing.T) {
	rows := map[[2]int]int{{1, 1}: 20, {1, 2}: 9, {2, 2}: 15, {3, 2}: 6, {3, 3}: 12, {4, 4}: 10, {5, 5}: 8, {2, 4}: 5, {4, 3}: 7, {5, 2}: 3}
	base := screenTwo(t, "method: polychoric\n", rows)
	r := base.Items[0].MaxR.R
	if base.Items[0].MaxR.ID != "B" || math.IsNaN(base.Items[0].MaxR.SE) {
		t.Fatalf("MaxR %+v", base.Items[0].MaxR)
	}
	for _, tc := range []struct {
		delta       float64
		fires, near bool
	}{{-0.004, true, true}, {+0.004, false, true}, {-0.02, true, false}, {+0.02, false, false}} {
		thr := strconv.FormatFloat(r+tc.delta, 'f', 6, 64)
		res := screenTwo(t, "method: polychoric\nredundant: "+thr+"\n", rows)
		it := &res.Items[0]
		if it.Has(Redundant) != tc.fires || it.RedundantCloseCall() != tc.near {
			t.Errorf("r %.4f, threshold %s: fires %v, close %v", r, thr, it.Has(Redundant), it.RedundantCloseCall())
		}
		if e := res.Evidence(0); (e.CloseCall != "") != tc.near {
			t.Errorf("threshold %s: evidence close_call %q", thr, e.CloseCall)
		}
		var js bytes.Buffer
		if err := res.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(js.String(), `"redundant_close_call": true`) != tc.near || !strings.Contains(js.String(), `"method": "polychoric"`) {
			t.Errorf("threshold %s: JSON close call or method wrong", thr)
		}
	}
	// Spearman on the same answers: no SE, never a close call; a summary
	// without tables leaves the rule undecided, with the reason.
	sp := screenTwo(t, "method: spearman\n", rows)
	if it := sp.Items[0]; !math.IsNaN(it.MaxR.SE) || it.RedundantCloseCall() {
		t.Errorf("spearman: %+v", it.MaxR)
	}
}

// TestCloseCallText: the screen table and the CSV say a close call, and
// the CSV gives the polychoric SE.
func TestCloseCallText(t *testing.T) {
	rows := map[[2]int]int{{1, 1}: 20, {1, 2}: 9, {2, 2}: 15, {3, 2}: 6, {3, 3}: 12, {4, 4}: 10, {5, 5}: 8, {2, 4}: 5, {4, 3}: 7, {5, 2}: 3}
	r := screenTwo(t, "method: polychoric\n", rows).Items[0].MaxR.R
	res := screenTwo(t, "method: polychoric\nredundant: "+strconv.FormatFloat(r-0.002, 'f', 6, 64)+"\n", rows)
	if got := res.Items[0].partners(3); !strings.HasSuffix(got, "(close call)") {
		t.Errorf("screen partners %q", got)
	}
	var csv bytes.Buffer
	if err := res.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), ", se=0.") || !strings.Contains(csv.String(), "close call)") {
		t.Errorf("CSV without SE or close call:\n%s", csv.String())
	}
}

// TestNoTableUndecided: an item on a 0-100 scale has no tables, so under
// spearman its redundancy is undecided, with the reason, while Pearson's r
// decides it.
func TestNoTableUndecided(t *testing.T) {
	rows := map[[2]int]int{{1, 10}: 5, {2, 30}: 5, {3, 35}: 4, {4, 80}: 6, {5, 95}: 5}
	sp := screenTwoOn(t, "pct", "method: spearman\n", rows)
	it := sp.Items[0]
	var found *Undecided
	for k, u := range it.Undecided {
		if u.Concerns(Redundant) {
			found = &it.Undecided[k]
		}
	}
	if found == nil || found.Reason != RNoTable || found.Others != 1 || it.Has(Redundant) {
		t.Fatalf("spearman with a 0-100 item: undecided %v, flags %v", it.Undecided, it.Flags)
	}
	if !strings.Contains(found.String(), "no table of answers") {
		t.Errorf("reason in words: %q", found)
	}
	pe := screenTwoOn(t, "pct", "redundant: 0.5\n", rows).Items[0]
	if !pe.Has(Redundant) {
		t.Errorf("pearson with a 0-100 item: flags %v", pe.Flags)
	}
	for _, u := range pe.Undecided {
		if u.Concerns(Redundant) {
			t.Errorf("pearson with a 0-100 item: undecided %v", u)
		}
	}
}

// Polychoric stops its search early (a Halley step below 1e-5, a Newton
// step below 1e-6) and carries ℓ″ to the estimate: on tables of every
// strength of correlation, of either sign, small and large, its r is
// within 1e-10 of the root of ℓ′ found by bisection to 1e-15, and its SE
// within 1e-5 of the SE there (relative; SEs are printed to 3 digits).
func TestPolychoricConverged(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var worstR, worstSE float64
	defer func() { t.Logf("largest |r − root| %.2g, SE relative %.2g", worstR, worstSE) }()
	for _, points := range []int{2, 5, 10} {
		for _, n := range []int{40, 1000, 100000} {
			for _, rho := range []float64{-0.97, -0.8, -0.4, 0, 0.3, 0.6, 0.9, 0.95, 0.99} {
				tab := itembank.PairTable{XMin: 1, YMin: 1, Rows: points, Cols: points, Counts: make([]int64, points*points)}
				for range n {
					x := rng.NormFloat64()
					y := rho*x + math.Sqrt(1-rho*rho)*rng.NormFloat64()
					cut := func(v float64) int { return max(0, min(points-1, int((v+2.5)*float64(points)/5))) }
					tab.Counts[cut(x)*points+cut(y)]++
				}
				got, ok := Polychoric(tab)
				if !ok {
					continue
				}
				var st polyStore
				rows, cols, counts := nonEmpty(tab, &st)
				p := newPolyLik(&st, rows, cols, counts, got.N)
				lo, hi := -maxPolychoric, maxPolychoric
				for hi-lo > 1e-15 {
					mid := (lo + hi) / 2
					if d1, _, _ := p.derivs(mid, false); d1 > 0 {
						lo = mid
					} else {
						hi = mid
					}
				}
				root := (lo + hi) / 2
				if math.Abs(root) > maxPolychoric-1e-12 { // ℓ rises up to the bound
					if math.Abs(got.R) != maxPolychoric || !math.IsNaN(got.SE) {
						t.Errorf("%dx%d, n %d, ρ %g: r %.15g SE %g; ℓ is largest at the bound", points, points, n, rho, got.R, got.SE)
					}
					continue
				}
				_, d2, _ := p.derivs(root, false)
				se := 1 / math.Sqrt(-d2)
				if math.Abs(got.R-root) > 1e-10 || math.Abs(got.SE/se-1) > 1e-5 {
					t.Errorf("%dx%d, n %d, ρ %g: r %.15g SE %.12g; root %.15g SE %.12g", points, points, n, rho, got.R, got.SE, root, se)
				}
				worstR, worstSE = max(worstR, math.Abs(got.R-root)), max(worstSE, math.Abs(got.SE/se-1))
			}
		}
	}
}

// Kendall's tau-b is decided exactly at the threshold: the table
// [[1 0] [1 1]] has C − D = 1 and n₀ − n₁ = n₀ − n₂ = 2, so τb = 1/2
// exactly, which is not above 0.5 and is above 0.4999.
func TestKendallAtThreshold(t *testing.T) {
	tab := itembank.PairTable{XMin: 1, YMin: 1, Rows: 2, Cols: 2, Counts: []int64{1, 0, 1, 1}}
	if tau, ok := KendallTauB(tab); !ok || tau != 0.5 {
		t.Fatalf("tau-b %v (%v), want 0.5", tau, ok)
	}
	if kendallExceeds(tab, mustNumber("0.5")) || !kendallExceeds(tab, mustNumber("0.4999")) {
		t.Errorf("exceeds 0.5: %v, 0.4999: %v; want false, true", kendallExceeds(tab, mustNumber("0.5")), kendallExceeds(tab, mustNumber("0.4999")))
	}
	// The transpose, and the table turned upside down (τb = −1/2).
	for _, c := range [][]int64{{1, 1, 0, 1}, {1, 1, 1, 0}} {
		tr := tab
		tr.Counts = c
		tau, _ := KendallTauB(tr)
		if math.Abs(tau) != 0.5 || kendallExceeds(tr, mustNumber("0.5")) || !kendallExceeds(tr, mustNumber("0.4999")) {
			t.Errorf("%v: tau-b %v", c, tau)
		}
	}
	// Undefined: one answer only on an item, or fewer than three people.
	for _, c := range [][]int64{{3, 4, 0, 0}, {1, 0, 0, 1}} {
		tr := tab
		tr.Counts = c
		if tau, ok := KendallTauB(tr); ok || !math.IsNaN(tau) || kendallExceeds(tr, mustNumber("0")) {
			t.Errorf("%v: tau-b %v (%v), want undefined", c, tau, ok)
		}
	}
}
