package reduction

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/itemreduce/itemreduce/itembank"
)

// Tolerances against R. R prints 17 digits of figures it computes in
// floating point from the answers, the Go code from exact sums: they agree
// to about 1e-14, so 1e-9 leaves room without hiding a wrong formula.
// psych::fa stops its minres fit at a relative change of the criterion of
// about 1e-8 (L-BFGS-B, factr = 1e7): its omega_total lies up to 4.1e-8
// from the converged fit's in testdata/reliability (reference.R prints
// the distances), hence 1e-6.
const (
	reliabilityTol = 1e-9
	omegaTol       = 1e-6
)

// smallBank and smallCSV are 12 respondents answering 4 items of one
// theme, one of them reverse-keyed, with one missing answer each on three
// items (9 = don't know on c).
const smallBank = `scales:
  five: {min: 1, max: 5, missing: [9]}
items:
  - {id: a, scale: five, theme: T}
  - {id: b, scale: five, theme: T}
  - {id: c, scale: five, theme: T}
  - {id: d, scale: five, theme: T, reverse: true}
composites:
  ab: [a, b]
`

const smallCSV = `a,b,c,d
1,2,3,4
2,3,3,4
3,3,2,2
4,5,4,3
5,4,5,1
2,1,1,4
3,,3,3
,3,4,2
4,2,9,3
5,5,2,
3,4,4,2
2,3,2,5
`

func smallSummary(t *testing.T) (*itembank.Bank, *itembank.Summary) {
	t.Helper()
	return summaryOf(t, smallBank, smallCSV)
}

// TestReliabilitySmall checks every figure of a small theme against psych.
func TestReliabilitySmall(t *testing.T) {
	bank, s := smallSummary(t)
	rel, err := Reliability(bank, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 2 || rel[0].Kind != ThemeScale || rel[1].Kind != CompositeScale {
		t.Fatalf("got %d scales, want the theme and the composite", len(rel))
	}
	sr := rel[0]
	// R 4.2.2, psych 2.2.9 (testdata/reliability/inline.R), with x the
	// data frame of smallCSV (NA for the empty cells and the 9) and
	// x$d <- 6 - x$d:
	//   a <- psych::alpha(x, use = "pairwise", check.keys = FALSE)
	//   o <- psych::omega(x, nfactors = 1, plot = FALSE)
	for _, c := range []struct {
		what      string
		got, want float64
		tol       float64
	}{
		{"raw_alpha", sr.Alpha, 0.85499960098954597, reliabilityTol},             // a$total$raw_alpha
		{"std.alpha", sr.AlphaStd, 0.85516034564452914, reliabilityTol},          // a$total$std.alpha
		{"average_r", sr.AverageR, 0.59613038772003923, reliabilityTol},          // a$total$average_r
		{"omega.tot", sr.OmegaTotal, 0.85111976390689015, omegaTol},              // o$omega.tot
		{"r.drop a", sr.Items[0].ItemRestR, 0.75002973755823454, reliabilityTol}, // a$item.stats$r.drop
		{"r.drop b", sr.Items[1].ItemRestR, 0.66794512768019387, reliabilityTol},
		{"r.drop c", sr.Items[2].ItemRestR, 0.6349092774808508, reliabilityTol},
		{"r.drop d", sr.Items[3].ItemRestR, 0.7415229802098986, reliabilityTol},
		{"alpha.drop a", sr.Items[0].AlphaIfDeleted, 0.79257641921397382, reliabilityTol}, // a$alpha.drop$raw_alpha
		{"alpha.drop b", sr.Items[1].AlphaIfDeleted, 0.82799274486094321, reliabilityTol},
		{"alpha.drop c", sr.Items[2].AlphaIfDeleted, 0.84058385804235847, reliabilityTol},
		{"alpha.drop d", sr.Items[3].AlphaIfDeleted, 0.79784640390085326, reliabilityTol},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.17g, psych says %.17g", c.what, c.got, c.want)
		}
	}
	// min(psych::pairwiseCount(x)): every pair has 10 respondents.
	if sr.NMin != 10 {
		t.Errorf("n_min = %d, want 10", sr.NMin)
	}
	if strings.Join(sr.Reversed, ",") != "d" {
		t.Errorf("reversed = %v, want [d]", sr.Reversed)
	}
	if len(sr.Warnings) != 0 {
		t.Errorf("unexpected warnings: %q", sr.Warnings)
	}
	// A composite of two items has alpha but neither omega nor alpha if
	// deleted, and says why.
	ab := rel[1]
	if math.IsNaN(ab.Alpha) || !math.IsNaN(ab.OmegaTotal) || !math.IsNaN(ab.Items[0].AlphaIfDeleted) {
		t.Errorf("composite ab: alpha %v, omega %v, alpha if deleted %v", ab.Alpha, ab.OmegaTotal, ab.Items[0].AlphaIfDeleted)
	}
	if w := strings.Join(ab.Warnings, "\n"); w != `composite "ab": omega_total and alpha_if_deleted of every item null: the scale has 2 items; a one-factor fit and alpha without one item need at least 3` {
		t.Errorf("composite ab warnings: %s", w)
	}
}

// TestEstimators checks the estimators on matrices whose figures follow
// from their definitions by hand.
func TestEstimators(t *testing.T) {
	nan := math.NaN()
	sym := func(k int, v ...float64) *mat.SymDense { return mat.NewSymDense(k, v) }
	tests := []struct {
		name                string
		c                   *mat.SymDense
		alpha, averageR     float64
		ifDeleted, itemRest []float64
	}{
		// Spearman-Brown: two items with r = .5 give 2r/(1 + r) = 2/3.
		{"two items", sym(2, 1, .5, .5, 1), 2.0 / 3, .5, []float64{nan, nan}, []float64{.5, .5}},
		// Three items with r = .5: α = 3·.5/(1 + 2·.5) = .75; without one,
		// two items: 2/3; the rest of two items sums to variance 3,
		// covariance with the item 1: 1/√3.
		{"three equal", sym(3, 1, .5, .5, .5, 1, .5, .5, .5, 1), .75, .5, []float64{2.0 / 3, 2.0 / 3, 2.0 / 3},
			[]float64{1 / math.Sqrt(3), 1 / math.Sqrt(3), 1 / math.Sqrt(3)}},
		{"one item", sym(1, 2), nan, nan, []float64{nan}, []float64{nan}},
		// An undefined covariance of items 0 and 1 leaves only the alpha
		// without item 0 or 1 defined.
		{"undefined entry", sym(3, 1, nan, .5, nan, 1, .5, .5, .5, 1), nan, nan, []float64{2.0 / 3, 2.0 / 3, nan},
			[]float64{nan, nan, nan}},
		// Total without variance: x, −x.
		{"no total variance", sym(2, 1, -1, -1, 1), nan, -1, []float64{nan, nan}, []float64{-1, -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			same(t, "alpha", CronbachAlpha(tc.c), tc.alpha)
			same(t, "average r", AverageR(tc.c), tc.averageR)
			for i, v := range AlphaIfDeleted(tc.c) {
				same(t, "alpha if deleted", v, tc.ifDeleted[i])
			}
			for i, v := range ItemRestCorrelation(tc.c) {
				same(t, "item-rest r", v, tc.itemRest[i])
			}
		})
	}
}

func same(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(want) != math.IsNaN(got) || math.Abs(got-want) > 1e-14 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestMinres checks the one-factor fit where it is known exactly and in a
// Heywood case against psych.
func TestMinres(t *testing.T) {
	// Three items fit one factor exactly: rᵢⱼ = λᵢλⱼ with λ = (.6, .8, .7);
	// ω_t = 1 − Σ(1 − λ²)/ΣR = 1 − 1.51/5.92.
	r := mat.NewSymDense(3, []float64{1, .48, .42, .48, 1, .56, .42, .56, 1})
	l, err := MinresLoadings(r)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{.6, .8, .7} {
		if math.Abs(l[i]-want) > 1e-12 {
			t.Errorf("loading %d = %.15f, want %g", i, l[i], want)
		}
	}
	// R 4.2.2, psych 2.2.9 (inline.R): psych::omega(r, nfactors = 1,
	// plot = FALSE)$omega.tot gives 0.74493244337164777.
	if got := OmegaTotal(r); math.Abs(got-(1-1.51/5.92)) > 1e-12 || math.Abs(got-0.74493244337164777) > omegaTol {
		t.Errorf("omega = %.17g, want 1 − 1.51/5.92", got)
	}

	// Exactly, λ₁² = .6·.5/.3 = 1: a Heywood case, ψ₁ held at psych's
	// bound 0.005. The fit is the point where psych's own gradient
	// (FAgr.minres, diag(λλᵀ + Ψ − R)) vanishes in the free uniquenesses
	// and is positive in ψ₁, iterated to convergence in R 4.2.2 with
	// psych 2.2.9 by testdata/reliability/inline.R:
	// 0.997750875345, 0.600930829927, 0.500620916650.
	//
	// psych itself is not matched here, on purpose: its L-BFGS-B stops
	// short of that point on this flat criterion, at 0.99778152704258327,
	// 0.6008729480064301, 0.50053048739411232 (fa(r, 1, fm =
	// "minres")$loadings), omega 0.7598529386490267 (omega(r, nfactors =
	// 1)$omega.tot), about 1e-4 away, where its stopping point depends on
	// the path it took rather than on the data. So omega is checked
	// against the fixed point (1e-9), and a Heywood case is reported as
	// such: the reliability output warns (TestHeywoodWarning) rather than
	// pretend to psych's digits.
	r = mat.NewSymDense(3, []float64{1, .6, .5, .6, 1, .3, .5, .3, 1})
	if l, err = MinresLoadings(r); err != nil {
		t.Fatal(err)
	}
	fixed := []float64{0.997750875345, 0.600930829927, 0.500620916650}
	for i, want := range fixed {
		if math.Abs(l[i]-want) > 1e-11 {
			t.Errorf("Heywood loading %d = %.15f, the fixed point is %.12f", i, l[i], want)
		}
	}
	if l[0]*l[0] < MaxCommunality-1e-9 {
		t.Errorf("Heywood communality %.15f not held at the bound %g", l[0]*l[0], MaxCommunality)
	}
	if got, want := OmegaTotal(r), omegaTotal(r, fixed); math.Abs(got-want) > 1e-9 {
		t.Errorf("Heywood omega = %.17g, at the fixed point %.17g", got, want)
	}

	for _, bad := range []*mat.SymDense{
		mat.NewSymDense(2, []float64{1, .5, .5, 1}),
		mat.NewSymDense(3, []float64{1, math.NaN(), .5, math.NaN(), 1, .5, .5, .5, 1}),
	} {
		if _, err := MinresLoadings(bad); err == nil {
			t.Errorf("MinresLoadings(%v): no error", mat.Formatted(bad))
		}
		if !math.IsNaN(OmegaTotal(bad)) {
			t.Errorf("OmegaTotal(%v) is defined", mat.Formatted(bad))
		}
	}
}

// TestLeadingFactor checks the starting loadings against a full
// eigendecomposition, for a dominant leading eigenvalue (power
// iteration) and for two nearly equal ones (inverse iteration).
func TestLeadingFactor(t *testing.T) {
	block := func(k int, r float64, blocks int) *mat.SymDense {
		s := mat.NewSymDense(k, nil)
		for i := range k {
			for j := i; j < k; j++ {
				v := 0.0
				if i%blocks == j%blocks {
					v = r
				}
				if i == j {
					v = r + 0.01*float64(i%blocks) // separates the blocks' eigenvalues a little
				}
				s.SetSym(i, j, v)
			}
		}
		return s
	}
	for name, s := range map[string]*mat.SymDense{"one factor": block(12, .4, 1), "two factors": block(12, .4, 2)} {
		t.Run(name, func(t *testing.T) {
			got, want := leadingFactor(s), fullLeadingFactor(s)
			sign := 1.0
			if floats.Dot(got, want) < 0 {
				sign = -1
			}
			for i := range got {
				if math.Abs(sign*got[i]-want[i]) > 1e-3 {
					t.Fatalf("leadingFactor = %.6f\nwant %.6f", got, want)
				}
			}
		})
	}
}
