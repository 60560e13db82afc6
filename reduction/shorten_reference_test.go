package reduction

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/toolcheck"
	"github.com/itemreduce/itemreduce/itembank"
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

// TestShortenInputsUnchanged checks that the references were computed
// from the bank, answers and forms as they are now (the MD5s in each
// *-versions.txt); a mismatch means testdata/shorten/regenerate.sh must be
// run again.
func TestShortenInputsUnchanged(t *testing.T) {
	for _, ref := range shortenReferences {
		checkInputsUnchanged(t, "testdata/shorten/"+ref.name+"-versions.txt", "", "testdata/shorten/regenerate.sh",
			ref.bank, ref.data, "testdata/shorten/forms.csv")
	}
}

// TestShortenReferenceLive recomputes the bfi reference and the smoothing
// reference with R when Rscript is installed and checks that the
// committed files are what R writes today. REQUIRE_R=1 turns the skip
// into a failure.
func TestShortenReferenceLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	toolcheck.Need(t, "REQUIRE_R", []string{"Rscript", "-e", "library(psych); library(yaml)"})
	dir := t.TempDir()
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	run := func(args ...string) {
		cmd := exec.Command("Rscript", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("Rscript %v: %v\n%s", args, err, out)
		}
	}
	run(abs("testdata/shorten/reference.R"), abs("testdata/reliability/bfi-bank.yaml"), abs("testdata/reliability/bfi.csv"),
		abs("testdata/shorten/forms.csv"), "bfi", filepath.Join(dir, "bfi"))
	run(abs("testdata/shorten/smooth.R"))
	for _, name := range []string{"bfi-information.csv", "smooth.csv"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		want, _ := os.ReadFile("testdata/shorten/" + name)
		if len(got) == 0 || string(got) != string(want) {
			t.Errorf("R now writes a different %s than the committed one", name)
		}
	}
}

// TestShortenDecidedForm checks that the form decided-2018 of forms.csv is
// the example decision's items that have answers this year: those of
// examples/wijkteams/next-2018.yaml that are in bank.yaml (the README
// compares its I with shorten's).
func TestShortenDecidedForm(t *testing.T) {
	bank, err := itembank.LoadBankFile("../examples/wijkteams/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	next, err := itembank.LoadBankFile("../examples/wijkteams/next-2018.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, it := range next.Items {
		if bank.Item(it.ID) != nil {
			want = append(want, it.ID)
		}
	}
	for _, f := range readReliabilityReference(t, "testdata/shorten/forms.csv") {
		if f[1] == "decided-2018" {
			if got := strings.Fields(f[2]); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("decided-2018 lists %d items, next-2018.yaml keeps %d of this year's: run testdata/shorten/regenerate.sh after updating forms.csv", len(got), len(want))
			}
			return
		}
	}
	t.Fatal("forms.csv has no decided-2018")
}
