package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestFlagFormatFromExtension checks that -o chooses the format by the
// file's extension unless --format is given, and that a --format which
// contradicts the extension is refused before anything is written.
func TestFlagFormatFromExtension(t *testing.T) {
	tests := []struct {
		file, format string
		code         int
		start, err   string
	}{
		{"flags.csv", "", 0, "\ufeffid;text;scale;n;mean;sd;", ""}, // the bank says language: nl
		{"flags.CSV", "", 0, "\ufeffid;text;scale;n;mean;sd;", ""},
		{"flags.json", "", 0, "{\n  \"selection\"", ""},
		{"flags.md", "", 0, "# Item screening", ""},
		{"flags.txt", "", 0, "Screened 149 items", ""},
		{"flags.out", "", 0, "Screened 149 items", ""},
		{"flags.csv", "csv", 0, "\ufeffid;text;scale;n;mean;sd;", ""},
		{"flags.out", "json", 0, "{\n  \"selection\"", ""},
		{"flags.csv", "table", 2, "", "--format table contradicts -o"},
		{"flags.xlsx", "csv", 2, "", "--format csv contradicts -o"},
		{"flags.txt", "xlsx", 2, "", "--format xlsx contradicts -o"},
		{"flags.out", "xlsx", 2, "", "--format xlsx: give the workbook to write with -o FILE.xlsx"},
		{"flags.json", "", 2, "", "--decimal-comma is for CSV output, not json"},
	}
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.format+" "+strconv.Itoa(tc.code), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tc.file)
			args := append(append([]string{}, exampleArgs...), "-o", out)
			if tc.format != "" {
				args = append(args, "--format", tc.format)
			}
			if strings.Contains(tc.err, "decimal-comma") {
				args = append(args, "--decimal-comma")
			}
			r := runCLI(t, args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d: %s", r.code, tc.code, r.stderr)
			}
			data, err := os.ReadFile(out)
			if tc.code != 0 {
				if !strings.Contains(r.stderr, tc.err) {
					t.Errorf("stderr = %q, want %q", r.stderr, tc.err)
				}
				if err == nil {
					t.Errorf("a refused run wrote %s", tc.file)
				}
				return
			}
			if err != nil || !strings.HasPrefix(string(data), tc.start) {
				t.Errorf("%s begins %.40q, want %q (%v)", tc.file, data, tc.start, err)
			}
		})
	}
	t.Run("screen xlsx", func(t *testing.T) {
		r := runCLI(t, append(append([]string{}, exampleArgs...), "--format", "xlsx")...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "-o FILE.xlsx") {
			t.Errorf("exit %d, stdout %.20q, stderr %q", r.code, r.stdout, r.stderr)
		}
	})
}

// TestFlagXLSX writes the example's workbook and reads it back: the
// header, the frozen first row, and cells whose values and types equal
// the numbers of the JSON.
func TestFlagXLSX(t *testing.T) {
	out := filepath.Join(t.TempDir(), "flags.xlsx")
	if r := runSub(t, "xlsx", append(append([]string{}, exampleArgs...), "-o", out)...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var js struct {
		Items []struct {
			ID           string   `json:"id"`
			N            int64    `json:"n"`
			Mean         *float64 `json:"mean"`
			SD           *float64 `json:"sd"`
			PreviousN    int64    `json:"previous_n"`
			PreviousMean *float64 `json:"previous_mean"`
			Shift        *float64 `json:"shift"`
			Flags        []string `json:"flags"`
		} `json:"items"`
	}
	r := runSub(t, "json", append(append([]string{}, exampleArgs...), "--format", "json")...)
	if err := json.Unmarshal([]byte(r.stdout), &js); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "Items,Screening" {
		t.Errorf("sheets %v, want Items, Screening", got)
	}
	rows, err := f.GetRows("Items")
	if err != nil {
		t.Fatal(err)
	}
	wantHead := "id,text,theme,scale,n,mean,sd,previous_n,previous_mean,shift,stable,ceiling,low_spread,redundant,ticks,correlated," +
		"stable_if_shift_below,ceiling_if_mean_above,low_spread_if_sd_below,redundant_if_r_above," +
		"wave_test,wave_statistic,wave_p,wave_p_holm,wave_effect,wave_n_linked"
	if got := strings.Join(rows[0], ","); got != wantHead {
		t.Errorf("header\n%s\nwant\n%s", got, wantHead)
	}
	if len(rows) != 1+len(js.Items) {
		t.Fatalf("%d rows, want %d", len(rows), 1+len(js.Items))
	}
	panes, err := f.GetPanes("Items")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v (%v), want the header row frozen", panes, err)
	}
	col := map[string]int{}
	for j, h := range rows[0] {
		col[h] = j + 1
	}
	// number reads the cell of item row i in column name and checks it is
	// stored as a number (or empty).
	number := func(i int, name string) *float64 {
		t.Helper()
		cell, _ := excelize.CoordinatesToCellName(col[name], i+2)
		v, err := f.GetCellValue("Items", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if v == "" {
			return nil
		}
		typ, _ := f.GetCellType("Items", cell)
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s: type %v, want a number", cell, typ)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Errorf("%s = %q, not a number", cell, v)
		}
		return &x
	}
	same := func(id, name string, got, want *float64) {
		t.Helper()
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Errorf("%s %s: workbook %v, JSON %v", id, name, deref(got), deref(want))
		}
	}
	checked := 0
	for i, it := range js.Items {
		if rows[i+1][0] != it.ID {
			t.Fatalf("row %d is %s, want %s", i+2, rows[i+1][0], it.ID)
		}
		if i%10 != 0 && it.PreviousN != 0 {
			continue
		}
		checked++
		n, pn := float64(it.N), float64(it.PreviousN)
		same(it.ID, "n", number(i, "n"), &n)
		same(it.ID, "mean", number(i, "mean"), it.Mean)
		same(it.ID, "sd", number(i, "sd"), it.SD)
		same(it.ID, "previous_n", number(i, "previous_n"), &pn)
		same(it.ID, "previous_mean", number(i, "previous_mean"), it.PreviousMean)
		same(it.ID, "shift", number(i, "shift"), it.Shift)
		ticks := float64(len(it.Flags))
		same(it.ID, "ticks", number(i, "ticks"), &ticks)
		for _, fl := range it.Flags {
			one := 1.0
			same(it.ID, fl, number(i, fl), &one)
		}
	}
	if checked < 15 {
		t.Errorf("checked only %d items", checked)
	}
	// SA01 is on likert5 (1-5): stable below 0.1 x 4 (the default fraction).
	if v := number(0, "stable_if_shift_below"); v == nil || *v != 0.4 {
		t.Errorf("SA01 stable threshold %v, want 0.4", deref(v))
	}
	screening, err := f.GetRows("Screening")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, row := range screening {
		text = append(text, strings.Join(row, "|"))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"current wave|responses-2017.csv", "current wave rows|all rows", "previous wave rows|all rows", "redundant if |r| above|0.5", "likert5|1|5|0.4|fraction"} {
		if !strings.Contains(all, want) {
			t.Errorf("sheet Screening lacks %q:\n%s", want, all)
		}
	}
}

// runSub is runCLI in a subtest of its own, as runCLI changes the working
// folder for the rest of its test.
func runSub(t *testing.T, name string, args ...string) result {
	t.Helper()
	var r result
	t.Run(name, func(t *testing.T) { r = runCLI(t, args...) })
	return r
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestFlagDecimalComma checks the CSV for Excel with Dutch settings: ';'
// between fields, decimal commas, the item text, and the same numbers as
// the CSV with decimal points. The example's bank says language: nl, so
// it is the default there, and --decimal-comma=false turns it off.
func TestFlagDecimalComma(t *testing.T) {
	plain := runSub(t, "csv", append(append([]string{}, exampleArgs...), "--format", "csv", "--decimal-comma=false")...)
	dutch := runSub(t, "decimal comma", append(append([]string{}, exampleArgs...), "--format", "csv", "--decimal-comma")...)
	byBank := runSub(t, "by the bank", append(append([]string{}, exampleArgs...), "--format", "csv")...)
	if plain.code != 0 || dutch.code != 0 || byBank.code != 0 {
		t.Fatalf("exit %d, %d, %d: %s", plain.code, dutch.code, byBank.code, dutch.stderr)
	}
	if byBank.stdout != dutch.stdout {
		t.Error("with a bank that says language: nl the CSV is not the one of --decimal-comma")
	}
	if !strings.HasPrefix(plain.stdout, "id,text,") {
		t.Errorf("--decimal-comma=false: CSV begins %.20q, want decimal points and commas between fields", plain.stdout)
	}
	body, ok := strings.CutPrefix(dutch.stdout, "\ufeff")
	if !ok {
		t.Error("no byte order mark: Excel would misread accented texts")
	}
	read := func(s string, comma rune) [][]string {
		cr := csv.NewReader(strings.NewReader(s))
		cr.Comma, cr.FieldsPerRecord = comma, -1
		recs, err := cr.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	p, d := read(plain.stdout, ','), read(body, ';')
	if len(p) != len(d) {
		t.Fatalf("%d records, want %d", len(d), len(p))
	}
	if !strings.HasPrefix(strings.Join(d[0], ";"), "id;text;scale;n;mean;sd") {
		t.Errorf("header %v", d[0])
	}
	// SA01's text, from examples/wijkteams/bank.yaml.
	if d[1][0] != "SA01" || d[1][1] != "De samenwerking binnen ons team kan beter dan nu het geval is." {
		t.Errorf("first row %v", d[1][:2])
	}
	if d[1][4] != "2,9469026548672566" || d[1][15] != "0,4" {
		t.Errorf("SA01 mean %q, stable threshold %q: want decimal commas", d[1][4], d[1][15])
	}
	for i := range p {
		for j := range p[i] {
			want := p[i][j]
			if _, err := strconv.ParseFloat(want, 64); err == nil && j > 2 && p[i][0] != "reliability" && !strings.Contains(want, " ") {
				want = strings.Replace(want, ".", ",", 1)
			}
			if d[i][j] != want && !(j <= 3 && d[i][j] == p[i][j]) {
				t.Errorf("record %d field %d: %q, want %q", i+1, j+1, d[i][j], want)
			}
		}
	}
	if strings.Contains(body, "\n\n") == false {
		t.Error("no empty line before the reliability section")
	}
}

// TestFlagRerunReplaces checks that flag recognises its CSV in both
// dialects, so that a second run replaces it without --force, and that it
// does not replace an existing workbook without --force.
func TestFlagRerunReplaces(t *testing.T) {
	dir := t.TempDir()
	csvOut, xlsxOut := filepath.Join(dir, "flags.csv"), filepath.Join(dir, "flags.xlsx")
	runs := []struct {
		name string
		args []string
		code int
	}{
		{"csv", []string{"-o", csvOut}, 0},
		{"decimal comma over csv", []string{"-o", csvOut, "--decimal-comma"}, 0},
		{"decimal comma again", []string{"-o", csvOut, "--decimal-comma"}, 0},
		{"csv over decimal comma", []string{"-o", csvOut}, 0},
		{"xlsx", []string{"-o", xlsxOut}, 0},
		{"xlsx again", []string{"-o", xlsxOut}, 1},
		{"xlsx forced", []string{"-o", xlsxOut, "--force"}, 0},
	}
	for _, run := range runs {
		r := runSub(t, run.name, append(append([]string{}, exampleArgs...), run.args...)...)
		if r.code != run.code {
			t.Errorf("%s: exit %d, want %d: %s", run.name, r.code, run.code, r.stderr)
		}
	}
}
