package reduction

import (
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

// The reference values of the wave tests were computed with R 4.2.2 (and
// PSPP 1.6.2) by testdata/wavetest/wavetest.R; regenerate.sh there holds
// the exact commands and README.md the formats. Each case names its
// output prefix, its bank and the rows of each wave.

const (
	waveDir   = "testdata/wavetest/"
	exampleEx = "../examples/wijkteams/"
)

type waveCase struct {
	prefix            string
	bank              string
	previous, current string
	pwhere, cwhere    []files.Condition
	pspp, paired      bool
}

func where(col, val string) []files.Condition { return []files.Condition{{Column: col, Value: val}} }

var waveCases = []waveCase{
	{prefix: "wijkteams", bank: exampleEx + "bank.yaml", previous: exampleEx + "responses-2016.csv", current: exampleEx + "responses-2017.csv", pspp: true},
	{prefix: "wijkteams-zwolle", bank: exampleEx + "bank.yaml", previous: exampleEx + "responses-2016.csv", current: exampleEx + "responses-2017.csv",
		pwhere: where("gemeente", "Zwolle"), cwhere: where("gemeente", "Zwolle"), pspp: true},
	{prefix: "wijkteams-ommen-hardenberg", bank: exampleEx + "bank.yaml", previous: exampleEx + "responses-2016.csv", current: exampleEx + "responses-2017.csv",
		pwhere: where("gemeente", "Ommen-Hardenberg"), cwhere: where("gemeente", "Ommen-Hardenberg"), pspp: true},
	{prefix: "wijkteams-steenwijkerland", bank: exampleEx + "bank.yaml", previous: exampleEx + "responses-2016.csv", current: exampleEx + "responses-2017.csv",
		pwhere: where("gemeente", "Steenwijkerland"), cwhere: where("gemeente", "Steenwijkerland"), pspp: true},
	{prefix: "bfi", bank: waveDir + "bfi-bank.yaml", previous: waveDir + "bfi.csv", current: waveDir + "bfi.csv",
		pwhere: where("gender", "1"), cwhere: where("gender", "2"), pspp: true},
	{prefix: "satact", bank: waveDir + "satact-bank.yaml", previous: waveDir + "satact.csv", current: waveDir + "satact.csv",
		pwhere: where("gender", "1"), cwhere: where("gender", "2")},
	{prefix: "sai", bank: waveDir + "sai-bank.yaml", previous: waveDir + "sai.csv", current: waveDir + "sai.csv",
		pwhere: where("time", "1"), cwhere: where("time", "2"), pspp: true, paired: true},
}

// screenCase screens a case's two waves with the default thresholds.
func screenCase(t *testing.T, c waveCase) (*itembank.Bank, *Result) {
	t.Helper()
	bank, err := itembank.LoadBankFile(c.bank)
	if err != nil {
		t.Fatal(err)
	}
	prev, _, err := files.SummarizeFiles([]string{c.previous}, bank, files.LoadOptions{Where: c.pwhere}, itembank.ItemsOnly)
	if err != nil {
		t.Fatal(err)
	}
	cur, _, err := files.SummarizeFiles([]string{c.current}, bank, files.LoadOptions{Where: c.cwhere}, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Screen(bank, prev, cur, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	return bank, res
}

// readRef reads a reference CSV file as maps from column to text.
func readRef(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for k, h := range rows[0] {
			m[h] = r[k]
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no rows", path)
	}
	return out
}

// refNum reads a reference number; NA is NaN.
func refNum(t *testing.T, s string) float64 {
	t.Helper()
	if s == "NA" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// maxDiff tracks the largest difference from a reference, relative to
// |want| above 1, and fails the test beyond 1e-9.
type maxDiff struct {
	t    *testing.T
	max  float64
	what string
}

func (d *maxDiff) check(what string, got, want float64) {
	d.t.Helper()
	if math.IsNaN(got) || math.IsNaN(want) {
		if math.IsNaN(got) != math.IsNaN(want) {
			d.t.Errorf("%s = %v, want %v", what, got, want)
		}
		return
	}
	diff := math.Abs(got-want) / math.Max(1, math.Abs(want))
	if diff > d.max {
		d.max, d.what = diff, what
	}
	if diff > 1e-9 {
		d.t.Errorf("%s = %.17g, want %.17g", what, got, want)
	}
}

// TestWaveTestsAgainstR compares every item's wave test with R's
// wilcox.test, t.test, p.adjust(method = "holm") and the conf.level = 0.9
// interval, at 1e-9.
func TestWaveTestsAgainstR(t *testing.T) {
	for _, c := range waveCases {
		t.Run(c.prefix, func(t *testing.T) {
			bank, res := screenCase(t, c)
			d := &maxDiff{t: t}
			rows := readRef(t, waveDir+c.prefix+"-wavetests.csv")
			tested := 0
			for i := range res.Items {
				if res.Items[i].WaveTest != nil {
					tested++
				}
			}
			if tested != len(rows) {
				t.Errorf("%d items tested, R tested %d", tested, len(rows))
			}
			for _, row := range rows {
				id := row["item"]
				i, ok := bank.Index(id)
				if !ok {
					t.Fatalf("R item %s not in the bank", id)
				}
				wt := res.Items[i].WaveTest
				if wt == nil {
					t.Errorf("%s: no wave test; R has one", id)
					continue
				}
				if string(wt.Test) != row["test"] || strconv.FormatBool(wt.Flipped) != row["flipped"] || wt.Effect.Name != row["effect_name"] {
					t.Errorf("%s: %s flipped %v %s, R %s %s %s", id, wt.Test, wt.Flipped, wt.Effect.Name, row["test"], row["flipped"], row["effect_name"])
				}
				if strconv.FormatInt(wt.NPrevious, 10) != row["n_previous"] || strconv.FormatInt(wt.NCurrent, 10) != row["n_current"] {
					t.Errorf("%s: n %d %d, R %s %s", id, wt.NPrevious, wt.NCurrent, row["n_previous"], row["n_current"])
				}
				d.check(id+" statistic", wt.Statistic, refNum(t, row["statistic"]))
				if wt.Test == MannWhitneyTest {
					d.check(id+" z", wt.Z, refNum(t, row["z"]))
				} else {
					d.check(id+" df", wt.DF, refNum(t, row["df"]))
				}
				d.check(id+" p", wt.P, refNum(t, row["p"]))
				d.check(id+" p_holm", wt.PHolm, refNum(t, row["p_holm"]))
				d.check(id+" effect", wt.Effect.Value, refNum(t, row["effect"]))
				d.check(id+" ci90 lo", wt.ShiftCI90[0], refNum(t, row["ci90_lo"]))
				d.check(id+" ci90 hi", wt.ShiftCI90[1], refNum(t, row["ci90_hi"]))
			}
			t.Logf("%s: %d items, largest difference from R %.3g (%s)", c.prefix, len(rows), d.max, d.what)
		})
	}
}

// TestWaveTestsAgainstPSPP compares the Mann-Whitney tests with PSPP 1.6.2's
// NPAR TESTS /M-W, read at full precision (wavetest.R, pspp_mw): PSPP
// prints U as min(U, n₁n₂ − U), W as the rank sum of that group and Z as
// −|z|.
func TestWaveTestsAgainstPSPP(t *testing.T) {
	for _, c := range waveCases {
		if !c.pspp {
			continue
		}
		t.Run(c.prefix, func(t *testing.T) {
			bank, res := screenCase(t, c)
			d := &maxDiff{t: t}
			for _, row := range readRef(t, waveDir+c.prefix+"-pspp.csv") {
				id := row["item"]
				i, _ := bank.Index(id)
				wt := res.Items[i].WaveTest
				if wt == nil || wt.Test != MannWhitneyTest {
					t.Fatalf("%s: no Mann-Whitney test; PSPP has one", id)
				}
				n1, n2 := float64(wt.NPrevious), float64(wt.NCurrent)
				u := math.Min(wt.Statistic, n1*n2-wt.Statistic)
				d.check(id+" U", u, refNum(t, row["u"]))
				w := refNum(t, row["w"])
				switch {
				case u == wt.Statistic && w == u+n2*(n2+1)/2:
				case u == n1*n2-wt.Statistic && w == u+n1*(n1+1)/2:
				default:
					t.Errorf("%s: PSPP's W %v is the rank sum of neither wave (U %v, n %v %v)", id, w, wt.Statistic, n1, n2)
				}
				d.check(id+" Z", -math.Abs(wt.Z), refNum(t, row["z"]))
				d.check(id+" p", wt.P, refNum(t, row["p"]))
			}
			t.Logf("%s: largest difference from PSPP %.3g (%s)", c.prefix, d.max, d.what)
		})
	}
}

// TestPairedTestsAgainstR links the participants of psychTools::sai across
// occasions 1 and 2 by study and id (keys that occur twice in an occasion
// link nobody) and compares the paired tests of every item with R's
// wilcox.test(paired = TRUE, exact = FALSE, correct = FALSE) and
// t.test(paired = TRUE, conf.level = 0.9).
func TestPairedTestsAgainstR(t *testing.T) {
	bank, err := itembank.LoadBankFile(waveDir + "sai-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	diffs := linkedDiffs(t, bank, waveDir+"sai.csv")
	d := &maxDiff{t: t}
	rows := readRef(t, waveDir+"sai-paired.csv")
	for _, row := range rows {
		id := row["item"]
		var got RankTest
		var tt TTest
		var stat, z, df, p, effect float64
		var ci [2]float64
		var linked, ranked int64
		switch row["test"] {
		case string(SignedRankTest):
			got = WilcoxonSignedRank(diffs[id])
			stat, z, df, p, effect, linked, ranked = got.Statistic, got.Z, math.NaN(), got.P, got.R, got.N1, got.N2
			ci = [2]float64{math.NaN(), math.NaN()}
		case string(PairedTTest):
			tt = PairedT(diffs[id])
			stat, z, df, p, effect, linked, ranked = tt.T, math.NaN(), tt.DF, tt.P, tt.D, tt.N1, tt.N1
			ci = tt.CI(0.9)
		default:
			t.Fatalf("unknown test %q", row["test"])
		}
		what := id + " " + row["test"]
		if fmt.Sprint(linked) != row["n_linked"] || fmt.Sprint(ranked) != row["n_ranked"] {
			t.Errorf("%s: n %d %d, R %s %s", what, linked, ranked, row["n_linked"], row["n_ranked"])
		}
		d.check(what+" statistic", stat, refNum(t, row["statistic"]))
		d.check(what+" z", z, refNum(t, row["z"]))
		d.check(what+" df", df, refNum(t, row["df"]))
		d.check(what+" p", p, refNum(t, row["p"]))
		d.check(what+" effect", effect, refNum(t, row["effect"]))
		d.check(what+" ci90 lo", ci[0], refNum(t, row["ci90_lo"]))
		d.check(what+" ci90 hi", ci[1], refNum(t, row["ci90_hi"]))
	}
	if len(rows) != 2*len(bank.Items) {
		t.Errorf("%d reference rows, want 2 per item", len(rows))
	}
	t.Logf("sai paired: %d tests, largest difference from R %.3g (%s)", len(rows), d.max, d.what)
}

// linkedDiffs returns per item the differences occasion 2 − occasion 1 of
// the participants of sai.csv linked by study and id, on the favourable
// orientation; NaN where either answer is missing.
func linkedDiffs(t *testing.T, bank *itembank.Bank, path string) map[string][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for k, h := range rows[0] {
		col[h] = k
	}
	byKey := [3]map[string][]string{nil, {}, {}}
	seen := [3]map[string]int{nil, {}, {}}
	for _, r := range rows[1:] {
		occ, _ := strconv.Atoi(r[col["time"]])
		key := r[col["study"]] + "\r" + r[col["id"]]
		seen[occ][key]++
		byKey[occ][key] = r
	}
	out := map[string][]float64{}
	for key, r1 := range byKey[1] {
		r2, ok := byKey[2][key]
		if !ok || seen[1][key] > 1 || seen[2][key] > 1 {
			continue
		}
		for _, it := range bank.Items {
			out[it.ID] = append(out[it.ID], favourableAnswer(t, it, r2[col[it.ID]])-favourableAnswer(t, it, r1[col[it.ID]]))
		}
	}
	return out
}

// favourableAnswer reads an answer, flipped for a reverse-keyed item; NaN
// when empty.
func favourableAnswer(t *testing.T, it *itembank.Item, s string) float64 {
	if s == "" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	if it.Reverse {
		x = float64(it.Scale.Min+it.Scale.Max) - x
	}
	return x
}

// TestWaveInputsUnchanged fails when an input no longer has the MD5
// recorded in its versions file: rebuild with regenerate.sh.
func TestWaveInputsUnchanged(t *testing.T) {
	for _, c := range waveCases {
		checkInputsUnchanged(t, waveDir+c.prefix+"-versions.txt", "input ", waveDir+"regenerate.sh", c.bank, c.previous, c.current)
	}
}

// TestWaveTestsLive reruns wavetest.R on the example with R (and PSPP)
// when they are installed, and checks that they still write the committed
// references; skipped otherwise, REQUIRE_R=1 or REQUIRE_PSPP=1 turns the
// skip into a failure.
func TestWaveTestsLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	toolcheck.Need(t, "REQUIRE_R", []string{"Rscript", "-e", "library(yaml); library(psych)"})
	args := []string{"wavetest.R"}
	outs := []string{"wavetests"}
	if os.Getenv("REQUIRE_PSPP") == "1" || (exec.Command("pspp", "--version").Run() == nil && exec.Command("pspp-output", "--version").Run() == nil) {
		toolcheck.Need(t, "REQUIRE_PSPP", []string{"pspp", "--version"}, []string{"pspp-output", "--version"})
		args, outs = append(args, "--pspp"), append(outs, "pspp")
	}
	dir := t.TempDir()
	for _, c := range []waveCase{waveCases[0], waveCases[5]} {
		a := append([]string{}, args...)
		for _, w := range c.pwhere {
			a = append(a, "--previous-where="+w.Column+"="+w.Value)
		}
		for _, w := range c.cwhere {
			a = append(a, "--current-where="+w.Column+"="+w.Value)
		}
		for _, p := range []string{c.bank, c.previous, c.current} {
			abs, _ := filepath.Abs(p)
			a = append(a, abs)
		}
		a = append(a, filepath.Join(dir, c.prefix))
		cmd := exec.Command("Rscript", a...)
		cmd.Dir = waveDir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("Rscript %s: %v\n%s", strings.Join(a, " "), err, out)
		}
		for _, o := range outs {
			if c.prefix == "satact" && o == "pspp" {
				continue
			}
			got, _ := os.ReadFile(filepath.Join(dir, c.prefix+"-"+o+".csv"))
			want, _ := os.ReadFile(waveDir + c.prefix + "-" + o + ".csv")
			if string(got) != string(want) {
				t.Errorf("R now writes a different %s-%s.csv than the committed one", c.prefix, o)
			}
		}
	}
}
