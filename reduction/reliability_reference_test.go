package reduction

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/itemreduce/itemreduce/internal/toolcheck"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// The references in testdata/reliability were computed with R 4.2.2,
// psych 2.2.9, psychTools 2.2.9 (for sai) and GPArotation 2022.10-2 by testdata/reliability/reference.R
// (rebuilt by regenerate.sh; see its header for the exact calls):
//
//	a <- psych::alpha(x, use = "pairwise", check.keys = FALSE)
//	raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
//	average_r = a$total$average_r, r_drop = a$item.stats$r.drop,
//	alpha_drop = a$alpha.drop$raw_alpha,
//	omega_total = psych::omega(x, nfactors = 1, fm = "minres")$omega.tot,
//	n_min = min(psych::pairwiseCount(x))
//
// with x the items of one theme or composite, reverse-keyed items
// reflected to min + max − x. Tolerances: reliabilityTol and omegaTol.
var reliabilityReferences = []struct {
	name, bank, data, prefix string
}{
	// psych's bfi: the Big Five scales, 2800 respondents, psych's keys.
	{"bfi", "testdata/reliability/bfi-bank.yaml", "testdata/reliability/bfi.csv", "testdata/reliability/bfi"},
	// psychTools' sai (psychTools 2.2.9), first occasion: 20 state anxiety
	// items on 1-4, 3032 respondents, keyed as sai.keys in its help page:
	// two themes of ten items (anxiety absent reversed) and the composite.
	{"sai", "testdata/reliability/sai-bank.yaml", "testdata/reliability/sai.csv", "testdata/reliability/sai"},
	// The example: six themes and two composites, 117 respondents.
	{"wijkteams-2017", "../examples/wijkteams/bank.yaml", "../examples/wijkteams/responses-2017.csv", "testdata/reliability/wijkteams-2017"},
}

func TestReliabilityReference(t *testing.T) {
	for _, ref := range reliabilityReferences {
		t.Run(ref.name, func(t *testing.T) {
			bank, s := loadSummary(t, ref.bank, ref.data, files.LoadOptions{})
			rel, err := Reliability(bank, s)
			if err != nil {
				t.Fatal(err)
			}
			rows := readReliabilityReference(t, ref.prefix+"-reliability.csv")
			maxDiff, maxOmega := compareReliability(t, rel, rows)
			t.Logf("%s: %d reference values; max |Go − R| %.2g (alpha, r), %.2g (omega_total)", ref.name, len(rows), maxDiff, maxOmega)
		})
	}
}

// compareReliability compares every reference row with rel and returns
// the largest differences found.
func compareReliability(t *testing.T, rel []ScaleReliability, rows [][]string) (maxDiff, maxOmega float64) {
	t.Helper()
	byName := map[string]*ScaleReliability{}
	for i := range rel {
		byName[string(rel[i].Kind)+":"+rel[i].Name] = &rel[i]
	}
	if len(rows) == 0 {
		t.Fatal("no reference rows")
	}
	for _, row := range rows {
		kind, name, item, stat, value := row[0], row[1], row[2], row[3], row[4]
		sr := byName[kind+":"+name]
		if sr == nil {
			t.Fatalf("%s %q: not computed", kind, name)
		}
		what := fmt.Sprintf("%s %q %s %s", kind, name, item, stat)
		if stat == "n_min" {
			if want, _ := strconv.ParseInt(value, 10, 64); sr.NMin != want {
				t.Errorf("%s = %d, R says %d", what, sr.NMin, want)
			}
			continue
		}
		got := scaleFigure(t, sr, item, stat)
		want, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		d := math.Abs(got - want)
		tol := reliabilityTol
		if stat == "omega_total" {
			tol, maxOmega = omegaTol, max(maxOmega, d)
		} else {
			maxDiff = max(maxDiff, d)
		}
		if math.IsNaN(got) || d > tol {
			t.Errorf("%s = %.17g, R says %.17g", what, got, want)
		}
	}
	return maxDiff, maxOmega
}

func scaleFigure(t *testing.T, sr *ScaleReliability, item, stat string) float64 {
	t.Helper()
	switch stat {
	case "raw_alpha":
		return sr.Alpha
	case "std_alpha":
		return sr.AlphaStd
	case "average_r":
		return sr.AverageR
	case "omega_total":
		return sr.OmegaTotal
	}
	for _, it := range sr.Items {
		if it.ID != item {
			continue
		}
		switch stat {
		case "r_drop":
			return it.ItemRestR
		case "alpha_drop":
			return it.AlphaIfDeleted
		}
	}
	t.Fatalf("%s %s: no such figure", item, stat)
	return 0
}

func loadSummary(t testing.TB, bankPath, data string, opt files.LoadOptions) (*itembank.Bank, *itembank.Summary) {
	t.Helper()
	bank, err := itembank.LoadBankFile(bankPath)
	if err != nil {
		t.Fatal(err)
	}
	r, err := files.LoadFile(data, bank, opt)
	if err != nil {
		t.Fatal(err)
	}
	s, err := itembank.Summarize(r, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	return bank, s
}

func readReliabilityReference(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

// TestReliabilityInputsUnchanged checks that every reference was computed
// from the bank and data as they are now: each *-versions.txt records
// their MD5s. A mismatch means testdata/reliability/regenerate.sh must be
// run again.
func TestReliabilityInputsUnchanged(t *testing.T) {
	for _, ref := range reliabilityReferences {
		checkInputsUnchanged(t, ref.prefix+"-versions.txt", "", "testdata/reliability/regenerate.sh", ref.bank, ref.data)
	}
}

// TestReliabilityLive recomputes the references with R when Rscript and
// the packages psych, GPArotation and yaml are installed, and compares the
// Go figures with what R computes today. REQUIRE_R=1 turns the skip into
// a failure.
func TestReliabilityLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	toolcheck.Need(t, "REQUIRE_R", []string{"Rscript", "-e", "library(psych); library(GPArotation); library(yaml)"})
	dir := t.TempDir()
	script, _ := filepath.Abs("testdata/reliability/reference.R")
	for _, ref := range reliabilityReferences {
		t.Run(ref.name, func(t *testing.T) {
			bank, _ := filepath.Abs(ref.bank)
			data, _ := filepath.Abs(ref.data)
			out := filepath.Join(dir, ref.name)
			if msg, err := exec.Command("Rscript", script, bank, data, out).CombinedOutput(); err != nil {
				t.Fatalf("Rscript: %v\n%s", err, msg)
			}
			b, s := loadSummary(t, ref.bank, ref.data, files.LoadOptions{})
			rel, err := Reliability(b, s)
			if err != nil {
				t.Fatal(err)
			}
			compareReliability(t, rel, readReliabilityReference(t, out+"-reliability.csv"))
		})
	}
}

// TestReliabilityPooled checks that the figures from the summaries of the
// three municipalities, pooled, are exactly those from the whole file:
// pooling adds exact integer sums.
func TestReliabilityPooled(t *testing.T) {
	const bankPath, data = "../examples/wijkteams/bank.yaml", "../examples/wijkteams/responses-2017.csv"
	bank, whole := loadSummary(t, bankPath, data, files.LoadOptions{})
	var pooled *itembank.Summary
	for _, g := range []string{"Zwolle", "Ommen-Hardenberg", "Steenwijkerland"} {
		_, s := loadSummary(t, bankPath, data, files.LoadOptions{Where: []files.Condition{{Column: "gemeente", Value: g}}})
		if pooled == nil {
			pooled = s
		} else if err := pooled.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if pooled.Respondents != whole.Respondents {
		t.Fatalf("pooled %d respondents, the file has %d", pooled.Respondents, whole.Respondents)
	}
	a, err := Reliability(bank, whole)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Reliability(bank, pooled)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%#v", b), fmt.Sprintf("%#v", a); got != want {
		t.Errorf("pooled figures differ from the whole file's:\n%s\n%s", got, want)
	}
	if len(a) != 8 || math.IsNaN(a[0].Alpha) {
		t.Errorf("%d scales, first alpha %v: want 8 with figures", len(a), a[0].Alpha)
	}
}
