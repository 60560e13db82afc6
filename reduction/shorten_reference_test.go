package reduction

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank/files"
)

// The references in testdata/shorten were computed with R 4.2.2 and
// psych 2.2.9 by testdata/shorten/reference.R (rebuilt by regenerate.sh):
//
//	R <- cor(x, use = "pairwise"); if not positive definite psych::cor.smooth(R)
//	R2(j | K) = R[j, K] %*% solve(R[K, K]) %*% R[K, j];  I(K) = mean(R2)
//	bound = sum of the |K| largest eigenvalues of R / p
//
// for the forms of testdata/shorten/forms.csv, on the example's 2017 wave
// (117 respondents, 149 items: R is singular and smoothed) and on psych's
// bfi (2800 respondents, 25 items).
var shortenReferences = []struct{ name, bank, data string }{
	{"wijkteams-2017", "../examples/wijkteams/bank.yaml", "../examples/wijkteams/responses-2017.csv"},
	{"bfi", "testdata/reliability/bfi-bank.yaml", "testdata/reliability/bfi.csv"},
}

// shortenTol is the agreement asked of I, R² and the bound.
const shortenTol = 1e-9

func TestShortenInformationAgainstR(t *testing.T) {
	forms := readReliabilityReference(t, "testdata/shorten/forms.csv")
	for _, ref := range shortenReferences {
		t.Run(ref.name, func(t *testing.T) {
			bank, s := loadSummary(t, ref.bank, ref.data, files.LoadOptions{})
			sh, err := NewShortener(bank, s, ShortenOptions{})
			if err != nil {
				t.Fatal(err)
			}
			local := map[string]int{}
			for x, a := range sh.bankIdx {
				local[bank.Items[a].ID] = x
			}
			want := map[[3]string]float64{}
			for _, row := range readReliabilityReference(t, "testdata/shorten/"+ref.name+"-information.csv") {
				v, err := strconv.ParseFloat(row[3], 64)
				if err != nil {
					t.Fatal(err)
				}
				want[[3]string{row[0], row[1], row[2]}] = v
			}
			checked, worst := 0, 0.0
			for _, f := range forms {
				if f[0] != ref.name {
					continue
				}
				var kept []int
				for _, id := range strings.Fields(f[2]) {
					kept = append(kept, local[id])
				}
				res := newResidual(sh.r, len(kept))
				for _, x := range kept {
					if err := res.add(x); err != nil {
						t.Fatal(err)
					}
				}
				if err := res.refresh(); err != nil {
					t.Fatal(err)
				}
				info, err := InformationRetained(sh.r, kept)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]float64{"information": info, "bound": sh.eigen[len(kept)], "smoothed": b2f(sh.Smoothed)}
				for stat, g := range got {
					w, ok := want[[3]string{f[1], "", stat}]
					if !ok {
						t.Fatalf("%s: no reference %s", f[1], stat)
					}
					worst = math.Max(worst, math.Abs(g-w))
					if math.Abs(g-w) > shortenTol {
						t.Errorf("%s %s = %.15g, R gives %.15g", f[1], stat, g, w)
					}
					checked++
				}
				for id, x := range local {
					r2 := 1 - res.e[x*res.p+x]
					w, ok := want[[3]string{f[1], id, "r2"}]
					if !ok {
						t.Fatalf("%s %s: no reference R²", f[1], id)
					}
					worst = math.Max(worst, math.Abs(r2-w))
					if math.Abs(r2-w) > shortenTol {
						t.Errorf("%s R²(%s | K) = %.15g, R gives %.15g", f[1], id, r2, w)
					}
					checked++
				}
			}
			if checked == 0 {
				t.Fatal("no forms checked")
			}
			t.Logf("%s: %d reference values, max |Go − R| %.2g", ref.name, checked, worst)
		})
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
