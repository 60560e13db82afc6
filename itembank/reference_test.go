package itembank_test

import (
	"crypto/md5"
	"encoding/csv"
	"fmt"
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

// The reference values in testdata/reference were computed with R 4.2.2 and
// psych 2.2.9 by testdata/reference/reference.R (see its README):
//
//	n    = sum(!is.na(x))
//	mean = mean(x, na.rm = TRUE)
//	sd   = sd(x, na.rm = TRUE)
//	r    = cor(x, y, use = "pairwise.complete.obs")
//
// printed with %.17g; NA marks an undefined value. R prints 17 digits, so
// the tolerance is 1e-12 relative (the Go side computes from exact integer
// sums, R with floating-point accumulation).
const refTolerance = 1e-12

const trickyBank = `scales:
  likert5: {min: 1, max: 5, missing: [9]}
  grade10: {min: 1, max: 10}
items:
  - {id: T01, text: t, scale: likert5}
  - {id: T02, text: t, scale: likert5}
  - {id: T03, text: t, scale: likert5}
  - {id: T04, text: t, scale: grade10}
  - {id: T05, text: t, scale: grade10}
  - {id: T06, text: t, scale: likert5}
  - {id: T07, text: t, scale: likert5}
  - {id: T08, text: t, scale: grade10}
  - {id: T09, text: t, scale: likert5}
  - {id: T10, text: t, scale: likert5}
  - {id: T11, text: t, scale: grade10}
  - {id: T12, text: t, scale: likert5}
  - {id: T13, text: t, scale: grade10}
  - {id: T14, text: t, scale: likert5}
`

func TestReferenceTricky(t *testing.T) {
	bank, err := itembank.LoadBank(strings.NewReader(trickyBank), "tricky-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	compareWithReference(t, bank, "testdata/reference/tricky.csv", "testdata/reference/tricky")
}

func TestReferenceExample(t *testing.T) {
	bank, err := itembank.LoadBankFile("../examples/wijkteams/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, year := range []string{"2016", "2017"} {
		t.Run(year, func(t *testing.T) {
			compareWithReference(t, bank, "../examples/wijkteams/responses-"+year+".csv", "testdata/reference/wijkteams-"+year)
		})
	}
}

func compareWithReference(t *testing.T, bank *itembank.Bank, data, prefix string) {
	r, err := files.LoadFile(data, bank, files.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := itembank.Summarize(r, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	items := readReference(t, prefix+"-items.csv")
	if len(items) == 0 {
		t.Fatal("no reference items")
	}
	for _, row := range items {
		id := row[0]
		i, ok := bank.Index(id)
		if !ok {
			t.Fatalf("reference item %s not in bank", id)
		}
		m := s.Moments(i)
		if want := atoi(t, row[1]); m.N != want {
			t.Errorf("%s: n = %d, R says %d", id, m.N, want)
		}
		checkRef(t, id+" mean", m.Mean(), row[2])
		checkRef(t, id+" sd", m.SD(), row[3])
	}
	pairs := readReference(t, prefix+"-pairs.csv")
	for _, row := range pairs {
		i, _ := bank.Index(row[0])
		j, _ := bank.Index(row[1])
		p := s.Pair(i, j)
		name := row[0] + "~" + row[1]
		if want := atoi(t, row[2]); p.N != want {
			t.Errorf("%s: n = %d, R says %d", name, p.N, want)
		}
		want := row[3]
		if p.N < itembank.MinPairN {
			want = "NA" // the toolkit needs 3 common respondents; R answers from 2
		}
		checkRef(t, name+" r", p.Pearson(), want)
	}
	t.Logf("%s: compared %d items and %d pairs with R", data, len(items), len(pairs))
}

func readReference(t *testing.T, path string) [][]string {
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

func atoi(t *testing.T, s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func checkRef(t *testing.T, what string, got float64, want string) {
	t.Helper()
	if want == "NA" {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, R says NA (undefined)", what, got)
		}
		return
	}
	w, err := strconv.ParseFloat(want, 64)
	if err != nil {
		t.Fatal(err)
	}
	if math.IsNaN(got) || math.Abs(got-w) > refTolerance*math.Max(1, math.Abs(w)) {
		t.Errorf("%s = %.17g, R says %.17g", what, got, w)
	}
}

// TestReferenceInputsUnchanged checks that every reference was computed
// from the data file as it is now: each *-versions.txt records the MD5 of
// its input. A mismatch means the data changed and the reference must be
// rebuilt with testdata/reference/regenerate.sh.
func TestReferenceInputsUnchanged(t *testing.T) {
	for prefix, input := range map[string]string{
		"tricky":         "testdata/reference/tricky.csv",
		"wijkteams-2016": "../examples/wijkteams/responses-2016.csv",
		"wijkteams-2017": "../examples/wijkteams/responses-2017.csv",
	} {
		versions, err := os.ReadFile("testdata/reference/" + prefix + "-versions.txt")
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		sum := fmt.Sprintf("md5 %x", md5.Sum(data))
		if !strings.Contains(string(versions), sum) {
			t.Errorf("%s changed since its R reference was computed (want %s in %s-versions.txt): run testdata/reference/regenerate.sh", input, sum, prefix)
		}
	}
}

// TestReferenceLive recomputes the reference of tricky.csv with R when
// Rscript is installed and checks that the committed files are what R
// writes today. REQUIRE_R=1 turns the skip into a failure.
func TestReferenceLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	toolcheck.Need(t, "REQUIRE_R", []string{"Rscript", "-e", "library(psych)"})
	dir := t.TempDir()
	script, _ := filepath.Abs("testdata/reference/reference.R")
	input, _ := filepath.Abs("testdata/reference/tricky.csv")
	cmd := exec.Command("Rscript", script, input, filepath.Join(dir, "tricky"), "T01=9", "T03=9", "T06=9", "T07=9")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	for _, name := range []string{"tricky-items.csv", "tricky-pairs.csv"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		want, _ := os.ReadFile("testdata/reference/" + name)
		if string(got) != string(want) {
			t.Errorf("R now writes a different %s than the committed one", name)
		}
	}
}
