package reduction

import (
	"encoding/csv"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// The references in testdata/ordinal were computed by
// testdata/ordinal/make.R (versions in versions.txt):
//
//	bvn.csv:    Φ₂(h, k; ρ) by mvtnorm::pmvnorm(upper = c(h, k), corr = …),
//	            pbivnorm(h, k, rho), and pnorm(h)·pnorm(k) + integrate(φ₂(h, k; t), 0, ρ,
//	            rel.tol = 2e-14) (Plackett's identity)
//	tables.csv: per pair of items, the table(factor(x, levels = min:max), …)
//	            of the answers, spearman = cor(d, method = "spearman",
//	            use = "pairwise.complete.obs"), polychoric = the minimum of
//	            polycor::polychor's two-step objective (thresholds from the
//	            margins, polycor:::binBvn) by optimise(tol = 1e-12), se =
//	            1/sqrt(second difference of the objective, step 1e-4) when |r| < 0.99; polycor and
//	            polycor_se = polychor(x, y, ML = FALSE, std.err = TRUE), psych =
//	            psych::polychoric(d, correct = 0, global = FALSE, smooth = FALSE)$rho
//
// on psych's bfi (25 items 1-6, 2800 respondents, answers missing),
// psychTools' sai (first occasion, 20 items 1-4) and the example's newer
// wave (149 items; polychoric for 12 statements and 6 grades).

// ordinalSets are the data the tables of tables.csv come from.
var ordinalSets = map[string]struct{ bank, data string }{
	"bfi":     {"testdata/reliability/bfi-bank.yaml", "testdata/reliability/bfi.csv"},
	"sai":     {"testdata/reliability/sai-bank.yaml", "testdata/reliability/sai.csv"},
	"example": {"../examples/wijkteams/bank.yaml", "../examples/wijkteams/responses-2017.csv"},
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for k, name := range recs[0] {
			m[name] = r[k]
		}
		out = append(out, m)
	}
	return out
}

// num reads a number written by R; NA is NaN.
func num(t *testing.T, s string) float64 {
	t.Helper()
	if s == "NA" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBivariateNormalReference checks Φ₂ against numerical integration
// in R to 1e-14, and against mvtnorm to 2e-15 (at h = k = 0, ρ = ±0.9999
// mvtnorm is 1.2e-15 off the exact 1/4 + asin(ρ)/(2π), which Go and the
// integration both give to 6e-16).
func TestBivariateNormalReference(t *testing.T) {
	var worst, worstM float64
	for _, row := range readCSV(t, "testdata/ordinal/bvn.csv") {
		h, k, r := num(t, row["h"]), num(t, row["k"]), num(t, row["rho"])
		got := bvnLower(h, k, r)
		if d := math.Abs(got - num(t, row["integrate"])); d > 1e-14 {
			t.Errorf("Φ₂(%g, %g; %g) = %.17g, R integrate %s", h, k, r, got, row["integrate"])
		} else {
			worst = max(worst, d)
		}
		if d := math.Abs(got - num(t, row["mvtnorm"])); d > 2e-15 {
			t.Errorf("Φ₂(%g, %g; %g) = %.17g, mvtnorm %s", h, k, r, got, row["mvtnorm"])
		} else {
			worstM = max(worstM, d)
		}
	}
	t.Logf("largest |Go − R integrate| %.2g, |Go − mvtnorm| %.2g", worst, worstM)
}

// The grid of Φ₂ for one ρ gives bvnLower's values, and its coarse grid
// (for the search's first step) those to 1e-10, at R's reference points.
func TestBivariateNormalGrid(t *testing.T) {
	var worst float64
	for _, row := range readCSV(t, "testdata/ordinal/bvn.csv") {
		h, k, r := num(t, row["h"]), num(t, row["k"]), num(t, row["rho"])
		if math.IsInf(h, 0) || math.IsInf(k, 0) {
			continue // the grid is for finite corners
		}
		want := bvnLower(h, k, r)
		full, coarse := newBVNGrid(r, false), newBVNGrid(r, true)
		if got := full.lower(h, k, normCDF(h), normCDF(k)); math.Abs(got-want) > 4e-16 {
			t.Errorf("Φ₂(%g, %g; %g): grid %.17g, bvnLower %.17g", h, k, r, got, want)
		}
		d := math.Abs(coarse.lower(h, k, normCDF(h), normCDF(k)) - want)
		if d > 1e-10 {
			t.Errorf("Φ₂(%g, %g; %g): coarse grid %.3g off", h, k, r, d)
		}
		worst = max(worst, d)
	}
	t.Logf("coarse grid: largest error %.2g", worst)
}

// ordinalSummaries summarises the three data sets of the ordinal
// references with tables, as flag does, and indexes their items by id.
func ordinalSummaries(t *testing.T) (map[string]*itembank.Summary, map[string]map[string]int) {
	t.Helper()
	summaries := map[string]*itembank.Summary{}
	index := map[string]map[string]int{}
	for name, set := range ordinalSets {
		bank, err := itembank.LoadBankFile(set.bank)
		if err != nil {
			t.Fatal(err)
		}
		r, err := files.LoadFile(set.data, bank, files.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s, err := itembank.Summarize(r, itembank.WithTables)
		if err != nil {
			t.Fatal(err)
		}
		summaries[name] = s
		index[name] = map[string]int{}
		for i, it := range bank.Items {
			index[name][it.ID] = i
		}
	}
	return summaries, index
}

// TestKendallReference checks Kendall's tau-b from the tables of the three
// data sets against R's cor(method = "kendall", use =
// "pairwise.complete.obs") to 1e-12 (kendall.R), and that the exact
// decision at a threshold agrees with the value wherever it is not within
// 1e-9 of it.
func TestKendallReference(t *testing.T) {
	summaries, index := ordinalSummaries(t)
	var worst float64
	rows := readCSV(t, "testdata/ordinal/kendall.csv")
	if len(rows) != 11516 {
		t.Fatalf("%d reference pairs, want 11516", len(rows))
	}
	for _, row := range rows {
		i, j := index[row["set"]][row["x"]], index[row["set"]][row["y"]]
		tab, state := summaries[row["set"]].Table(i, j)
		if state != itembank.TableReady {
			t.Fatalf("%s %s-%s: no table", row["set"], row["x"], row["y"])
		}
		want := num(t, row["kendall"])
		got, ok := KendallTauB(tab)
		if !ok || math.Abs(got-want) > 1e-12 {
			t.Errorf("%s %s-%s: tau-b %.17g (%v), R %.17g", row["set"], row["x"], row["y"], got, ok, want)
			continue
		}
		worst = max(worst, math.Abs(got-want))
		for _, thr := range []string{"0.3", "0.5"} {
			th := mustNumber(thr)
			if f := th.Float(); math.Abs(math.Abs(got)-f) > 1e-9 && kendallExceeds(tab, th) != (math.Abs(got) > f) {
				t.Errorf("%s %s-%s: tau-b %g, exceeds %s: %v", row["set"], row["x"], row["y"], got, thr, kendallExceeds(tab, th))
			}
		}
	}
	t.Logf("%d pairs: largest |Go − R| %.2g", len(rows), worst)
}

// TestOrdinalReference counts the tables of the three data sets as flag
// does (Summarize with tables), checks them cell for cell against R's,
// and checks against R Spearman's r (to 1e-12), the polychoric r (to
// 1e-6) and its SE (to 2e-6 relative, as close as R's second difference
// gets; TestPolychoricDerivatives checks the exact second derivative
// itself); and polycor's own estimate to 5e-4, as its optimise stops at a
// tolerance of about 1.2e-4, and its own SE (optim's numerical Hessian,
// steps of 1e-3) to 1e-3 relative.
func TestOrdinalReference(t *testing.T) {
	summaries, index := ordinalSummaries(t)
	var worstS, worstP, worstSE float64
	var nS, nP int
	for _, row := range readCSV(t, "testdata/ordinal/tables.csv") {
		s := summaries[row["set"]]
		i, j := index[row["set"]][row["x"]], index[row["set"]][row["y"]]
		tab, state := s.Table(i, j)
		if state != itembank.TableReady {
			t.Fatalf("%s %s-%s: no table", row["set"], row["x"], row["y"])
		}
		var want []int64
		for _, f := range strings.Fields(row["counts"]) {
			want = append(want, int64(num(t, f)))
		}
		if !slices.Equal(tab.Counts, want) {
			t.Fatalf("%s %s-%s: table %v, R %v", row["set"], row["x"], row["y"], tab.Counts, want)
		}
		name := row["set"] + " " + row["x"] + "-" + row["y"]
		rs, ok := Spearman(tab)
		if ref := num(t, row["spearman"]); !ok || math.Abs(rs-ref) > 1e-12 {
			t.Errorf("%s: Spearman %.17g (%v), R %.17g", name, rs, ok, ref)
		} else {
			worstS = max(worstS, math.Abs(rs-ref))
			nS++
		}
		if back, _ := s.Table(j, i); func() bool { r2, _ := Spearman(back); return r2 != rs }() {
			t.Errorf("%s: Spearman differs for the pair the other way round", name)
		}
		ref := num(t, row["polychoric"])
		if math.IsNaN(ref) {
			continue
		}
		pc, ok := Polychoric(tab)
		if !ok || math.Abs(pc.R-ref) > 1e-6 {
			t.Errorf("%s: polychoric %.12g (%v), R %.12g", name, pc.R, ok, ref)
			continue
		}
		worstP = max(worstP, math.Abs(pc.R-ref))
		nP++
		se := num(t, row["se"])
		if math.IsNaN(se) { // |r| ≥ 0.99: R's steps would leave (−1, 1)
			continue
		}
		if d := math.Abs(pc.SE/se - 1); d > 2e-6 {
			t.Errorf("%s: polychoric SE %.10g, R %.10g", name, pc.SE, se)
		} else {
			worstSE = max(worstSE, d)
		}
		if pcs := num(t, row["polycor_se"]); !math.IsNaN(pcs) && math.Abs(pc.SE/pcs-1) > 1e-3 {
			t.Errorf("%s: polychoric SE %.10g, polycor's own %.10g", name, pc.SE, pcs)
		}
		if d := math.Abs(pc.R - num(t, row["polycor"])); !math.IsNaN(d) && d > 5e-4 {
			t.Errorf("%s: polychoric %.10g, polycor's own %s", name, pc.R, row["polycor"])
		}
	}
	if nS < 11000 || nP < 300 {
		t.Errorf("only %d Spearman and %d polychoric references checked", nS, nP)
	}
	t.Logf("%d Spearman r: largest |Go − R| %.2g; %d polychoric r: %.2g, SE relative %.2g", nS, worstS, nP, worstP, worstSE)
}
