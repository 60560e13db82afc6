package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/reduction"
)

const waveRefs = "../../reduction/testdata/wavetest/"

// saiLinked writes psychTools::sai (occasions 1 and 2, waveRefs/sai.csv)
// with one id column, participant = study-id, as the R reference links
// them (wavetest.R, linked): a key that occurs twice on an occasion links
// nobody there, so its rows on that occasion are left out (HOME-23 on
// occasion 2), and the rows without an id keep an empty participant.
func saiLinked(t *testing.T, dir string) string {
	t.Helper()
	rows := readCSVFile(t, waveRefs+"sai.csv")
	col := map[string]int{}
	for k, h := range rows[0] {
		col[h] = k
	}
	key := func(r []string) string { return r[col["time"]] + "\r" + r[col["study"]] + "\r" + r[col["id"]] }
	count := map[string]int{}
	for _, r := range rows[1:] {
		count[key(r)]++
	}
	out := [][]string{append([]string{"participant"}, rows[0]...)}
	dropped := 0
	for _, r := range rows[1:] {
		id := ""
		if r[col["id"]] != "" {
			id = r[col["study"]] + "-" + r[col["id"]]
			if count[key(r)] > 1 {
				dropped++
				continue
			}
		}
		out = append(out, append([]string{id}, r...))
	}
	if dropped != 2 {
		t.Fatalf("%d rows of keys given twice on an occasion, want the 2 of HOME-23", dropped)
	}
	path := filepath.Join(dir, "sai-linked.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.WriteAll(out)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func readCSVFile(t *testing.T, path string) [][]string {
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
	return rows
}

// jsonWaveTest is the wave_test object of the flag JSON.
type jsonWaveTest struct {
	Test      string   `json:"test"`
	Statistic *float64 `json:"statistic"`
	Z         *float64 `json:"z"`
	DF        *float64 `json:"df"`
	P         *float64 `json:"p"`
	PHolm     *float64 `json:"p_holm"`
	Effect    struct {
		Name  string   `json:"name"`
		Value *float64 `json:"value"`
	} `json:"effect"`
	NPrevious int64  `json:"n_previous"`
	NCurrent  int64  `json:"n_current"`
	NLinked   *int64 `json:"n_linked"`
	Warning   string `json:"warning"`
}

func linkedFlag(t *testing.T, data string, extra ...string) (map[string]jsonWaveTest, string) {
	t.Helper()
	args := append([]string{"flag", "--bank", waveRefs + "sai-bank.yaml", "--format", "json", "--data", data,
		"--wave-column", "time", "--previous-wave", "1", "--current-wave", "2", "--id-column", "participant"}, extra...)
	out, errOut, code := runArgs(t, args...)
	if code != 0 {
		t.Fatalf("itemreduce %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	var doc struct {
		Items []struct {
			ID       string        `json:"id"`
			WaveTest *jsonWaveTest `json:"wave_test"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	tests := map[string]jsonWaveTest{}
	for _, it := range doc.Items {
		if it.WaveTest == nil {
			t.Fatalf("%s: no wave_test", it.ID)
		}
		tests[it.ID] = *it.WaveTest
	}
	return tests, errOut
}

// TestFlagPairedAgainstR runs flag --id-column on sai, occasion 1 against
// occasion 2, and compares every item's paired test with R 4.2.2's
// (waveRefs/sai-paired.csv, made by wavetest.R --link=study,id):
// wilcox.test(paired = TRUE, exact = FALSE, correct = FALSE) by default
// (1-4 scale), t.test(paired = TRUE) when the rules file asks for welch_t;
// p_holm is p.adjust(method = "holm") of R's p values over the 20 items
// (Holm itself is checked against R in package reduction). At 1e-9,
// relative above 1.
func TestFlagPairedAgainstR(t *testing.T) {
	dir := t.TempDir()
	data := saiLinked(t, dir)
	config := filepath.Join(dir, "paired-t.yaml")
	if err := os.WriteFile(config, []byte("scales:\n  four:\n    wave_test: welch_t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := readCSVFile(t, waveRefs+"sai-paired.csv")
	col := map[string]int{}
	for k, h := range ref[0] {
		col[h] = k
	}
	for _, c := range []struct {
		test  string
		extra []string
	}{{"wilcoxon_signed_rank", nil}, {"paired_t", []string{"--config", config}}} {
		t.Run(c.test, func(t *testing.T) {
			got, errOut := linkedFlag(t, data, c.extra...)
			if !strings.Contains(errOut, "respondents linked by column participant") {
				t.Errorf("stderr does not say how many were linked:\n%s", errOut)
			}
			var rows [][]string
			var ps []float64
			for _, r := range ref[1:] {
				if r[col["test"]] == c.test {
					rows = append(rows, r)
					ps = append(ps, refFloat(t, r[col["p"]]))
				}
			}
			holm := reduction.Holm(ps)
			if len(rows) != 20 || len(got) != 20 {
				t.Fatalf("%d reference rows, %d items tested; want 20", len(rows), len(got))
			}
			for k, r := range rows {
				id := r[col["item"]]
				wt := got[id]
				if wt.Test != c.test || wt.NLinked == nil || strconv.FormatInt(*wt.NLinked, 10) != r[col["n_linked"]] {
					t.Errorf("%s: test %s n_linked %v, R %s %s", id, wt.Test, wt.NLinked, c.test, r[col["n_linked"]])
					continue
				}
				if wt.Effect.Name != r[col["effect_name"]] {
					t.Errorf("%s: effect %s, R %s", id, wt.Effect.Name, r[col["effect_name"]])
				}
				near(t, id+" statistic", wt.Statistic, refFloat(t, r[col["statistic"]]))
				near(t, id+" p", wt.P, refFloat(t, r[col["p"]]))
				near(t, id+" p_holm", wt.PHolm, holm[k])
				near(t, id+" effect", wt.Effect.Value, refFloat(t, r[col["effect"]]))
				if c.test == "paired_t" {
					near(t, id+" df", wt.DF, refFloat(t, r[col["df"]]))
				} else {
					near(t, id+" z", wt.Z, refFloat(t, r[col["z"]]))
				}
			}
		})
	}
}

func refFloat(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("reference %q: %v", s, err)
	}
	return x
}

// near fails unless got is within 1e-9 of want (relative above 1).
func near(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s is null, R %v", what, want)
		return
	}
	if d := math.Abs(*got-want) / math.Max(1, math.Abs(want)); !(d <= 1e-9) {
		t.Errorf("%s = %.17g, R %.17g", what, *got, want)
	}
}

// TestFlagPairedJSON checks that a run without --id-column keeps the
// independent tests (no n_linked), that a linked one names the paired test
// with n_linked in the JSON and "paired, N linked" in the table, and that
// stderr counts the people not linked in each wave.
func TestFlagPairedJSON(t *testing.T) {
	dir := t.TempDir()
	data := saiLinked(t, dir)
	plain := flagJSON(t, waveRefs+"sai-bank.yaml", "--data", data, "--wave-column", "time", "--previous-wave", "1", "--current-wave", "2")
	if strings.Contains(plain, "n_linked") || !strings.Contains(plain, `"test": "mann_whitney"`) {
		t.Errorf("without --id-column the JSON should hold Mann-Whitney tests without n_linked:\n%.600s", plain)
	}
	got, errOut := linkedFlag(t, data)
	out, _, _ := runArgs(t, "flag", "--bank", waveRefs+"sai-bank.yaml", "--format", "json", "--data", data, "--wave-column", "time",
		"--previous-wave", "1", "--current-wave", "2", "--id-column", "participant")
	if !strings.Contains(out, `"id_column": "participant"`) {
		t.Error("the JSON's selection does not record the id column")
	}
	if wt := got["calm"]; wt.Test != "wilcoxon_signed_rank" || wt.NLinked == nil || *wt.NLinked != 1204 || wt.NPrevious != 3020 {
		t.Errorf("calm: %+v, want the signed-rank test on 1204 linked (3020 answers in the previous wave)", wt)
	}
	// 3032 rows on occasion 1: 1227 linked, 6 without an id, 1799 others.
	if want := "note: 1227 respondents linked by column participant; not linked: 1799 (and 6 rows without an id) in the previous wave, 0 in the current"; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	table, _, code := runArgs(t, "flag", "--bank", waveRefs+"sai-bank.yaml", "--data", data, "--wave-column", "time",
		"--previous-wave", "1", "--current-wave", "2", "--id-column", "participant")
	if code != 0 || !strings.Contains(table, "paired, 1227 linked") || !strings.Contains(table, "1204 linked") {
		t.Errorf("the table does not say the tests are paired on 1227 linked people:\n%s", table)
	}
	base := []string{"--bank", waveRefs + "sai-bank.yaml", "--data", data, "--wave-column", "time",
		"--previous-wave", "1", "--current-wave", "2", "--id-column", "participant"}
	md, _, _ := runArgs(t, append([]string{"flag", "--format", "markdown"}, base...)...)
	if !strings.Contains(md, "paired, 1227 linked") || !strings.Contains(md, "| calm | wilcoxon_signed_rank | 1204 linked | z -10.38 |") {
		t.Errorf("the Markdown does not show the paired tests:\n%s", md)
	}
	csvOut, _, _ := runArgs(t, append([]string{"flag", "--format", "csv"}, base...)...)
	if !strings.Contains(csvOut, ",wave_test,wave_statistic,wave_p,wave_p_holm,wave_effect,wave_n_linked\n") ||
		!strings.Contains(csvOut, ",wilcoxon_signed_rank,45565.5,") || !strings.Contains(csvOut, ",1204\n") {
		t.Errorf("the CSV lacks the paired tests:\n%.2000s", csvOut)
	}
	book := filepath.Join(dir, "flags.xlsx")
	if _, errOut, code := runArgs(t, append(append([]string{"flag"}, base...), "-o", book)...); code != 0 {
		t.Fatalf("flag -o flags.xlsx: exit %d: %s", code, errOut)
	}
	xf, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := xf.GetRows("Items")
	xf.Close()
	if err != nil || len(rows) < 2 {
		t.Fatalf("Items sheet: %v", err)
	}
	cell := map[string]string{}
	for k, h := range rows[0] {
		if k < len(rows[1]) {
			cell[h] = rows[1][k]
		}
	}
	if rows[1][0] != "calm" || cell["wave_test"] != "wilcoxon_signed_rank" || cell["wave_n_linked"] != "1204" {
		t.Errorf("workbook's calm row: test %q, n linked %q", cell["wave_test"], cell["wave_n_linked"])
	}
	review := filepath.Join(dir, "review.yaml")
	if _, errOut, code := runArgs(t, append(append([]string{"review"}, base...), "--out", review)...); code != 0 {
		t.Fatalf("review: exit %d: %s", code, errOut)
	}
	text, _ := os.ReadFile(review)
	if want := "wave_test: {test: wilcoxon_signed_rank, p: 3.22e-25, p_holm: 6.44e-24, effect: -0.46, n_linked: 1204}"; !strings.Contains(string(text), want) {
		t.Errorf("the review file lacks %q", want)
	}
	// A refresh reads the paired evidence back: nothing changes.
	if _, errOut, code := runArgs(t, append(append([]string{"review"}, base...), "--out", review)...); code != 0 || !strings.Contains(errOut, "unchanged") {
		t.Errorf("refresh: exit %d: %s", code, errOut)
	}
	if again, _ := os.ReadFile(review); string(again) != string(text) {
		t.Error("refreshing the paired review file changed it")
	}
	if !strings.Contains(string(text), "id_column: participant") || !strings.Contains(string(text), "linked: 1227") {
		t.Errorf("the review file's screening does not record the linking:\n%.1500s", text)
	}
	for _, audit := range []string{"audit.md", "audit.html"} {
		out := filepath.Join(dir, audit)
		if _, errOut, code := runArgs(t, "decide", "--bank", waveRefs+"sai-bank.yaml", "--review", review,
			"--out", filepath.Join(dir, "next.yaml"), "--audit", out, "--force"); code != 0 {
			t.Fatalf("decide: exit %d: %s", code, errOut)
		}
		a, _ := os.ReadFile(out)
		for _, want := range []string{"1227 linked by the ids in column participant (wave tests paired)",
			"(paired, 1204 linked): p 3.22e-25, Holm 6.44e-24, effect -0.46"} {
			if !strings.Contains(string(a), want) {
				t.Errorf("%s lacks %q", audit, want)
			}
		}
	}
}

// TestFlagIDColumnErrors attacks --id-column: an id twice in a wave and a
// missing id column are errors naming the file and line; a summary input
// is a usage error.
func TestFlagIDColumnErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bank := write("bank.yaml", "scales:\n  five: {min: 1, max: 5}\nitems:\n  - {id: Q1, scale: five}\n  - {id: Q2, scale: five}\n")
	prev := write("2016.csv", "pid,Q1,Q2\na,1,2\nb,2,3\nc,3,3\n")
	twice := write("2017.csv", "pid,Q1,Q2\na,1,2\nb,2,3\na,3,3\n")
	noID := write("2017b.csv", "person,Q1,Q2\na,1,2\nb,2,3\nc,3,3\n")
	for _, c := range []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"id twice", []string{"--previous", prev, "--current", twice}, 1, []string{twice + ":4:", `id "a" in column pid is also on line 2`}},
		{"no id column", []string{"--previous", prev, "--current", noID}, 1, []string{noID + ":1:", `no column "pid" to link`}},
		{"pooled duplicate", []string{"--previous", prev, "--previous", write("2016b.csv", "pid,Q1,Q2\nc,1,1\n"), "--current", write("2017c.csv", "pid,Q1,Q2\nc,1,1\nd,2,2\n")}, 1,
			[]string{"2016b.csv:2:", `id "c" in column pid is also on ` + prev + ":4"}},
		{"summary", []string{"--previous", write("x.summary.json", "{}"), "--current", prev}, 2, []string{"x.summary.json is a summary", "--id-column"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append(append([]string{"flag", "--bank", bank}, c.args...), "--id-column", "pid")
			_, errOut, code := runArgs(t, args...)
			if code != c.code {
				t.Errorf("exit %d, want %d: %s", code, c.code, errOut)
			}
			for _, w := range c.wants {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}
