package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/reduction"
)

// withoutSelection is flag's JSON without its first member, "selection".
func withoutSelection(t *testing.T, js string) string {
	t.Helper()
	start := strings.Index(js, "\n  \"selection\": {")
	end := strings.Index(js, "\n  \"thresholds\": {")
	if start < 0 || end < start {
		t.Fatalf("the JSON does not begin with its selection:\n%.300s", js)
	}
	return js[:start] + js[end:]
}

// zwolleArgs screen Zwolle from the file holding every wave.
var zwolleArgs = []string{"flag", "--bank", "examples/wijkteams/bank.yaml",
	"--data", "examples/wijkteams/responses-alle-jaren.csv", "--wave-column", "jaar",
	"--previous-wave", "2016", "--current-wave", "2017", "--where", "gemeente=Zwolle"}

// TestFlagRecordsSelection checks that every format of flag records the
// files and rows it screened: a screening of Zwolle says so, one of every
// row says "all rows".
func TestFlagRecordsSelection(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name                  string
		args                  []string
		files                 [2]string // previous, current
		previous, current     string    // rows text
		where                 []string
		previousWave, curWave string
	}{
		{"Zwolle from one file", zwolleArgs, [2]string{"responses-alle-jaren.csv", "responses-alle-jaren.csv"},
			"rows where jaar=2016 and gemeente=Zwolle", "rows where jaar=2017 and gemeente=Zwolle",
			[]string{"gemeente=Zwolle"}, "jaar=2016", "jaar=2017"},
		{"every row of two files", exampleArgs, [2]string{"responses-2016.csv", "responses-2017.csv"},
			"all rows", "all rows", []string{}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := func(format string) string {
				args := append(append([]string{}, tc.args...), "--format", format)
				if format == "csv" {
					args = append(args, "--decimal-comma=false") // the bank says nl
				}
				r := runRoot(t, args...)
				if r.code != 0 {
					t.Fatalf("--format %s: exit %d: %s", format, r.code, r.stderr)
				}
				return r.stdout
			}
			wantLines := []string{"Previous wave: " + tc.files[0] + ", " + tc.previous + ".",
				"Current wave: " + tc.files[1] + ", " + tc.current + "."}

			// The table, its lines wrapped: compare the words.
			table := strings.Join(strings.Fields(out("table")), " ")
			for _, want := range wantLines {
				if !strings.Contains(table, want) {
					t.Errorf("table lacks %q", want)
				}
			}
			md := out("markdown")
			for _, want := range wantLines {
				if !strings.Contains(md, "\n- "+want+"\n") {
					t.Errorf("markdown lacks the line %q", want)
				}
			}

			var js struct {
				Selection *reduction.Selection `json:"selection"`
			}
			if err := json.Unmarshal([]byte(out("json")), &js); err != nil {
				t.Fatal(err)
			}
			wantSel := reduction.Selection{Where: tc.where,
				Previous: reduction.WaveRows{Files: []string{tc.files[0]}, Wave: tc.previousWave},
				Current:  reduction.WaveRows{Files: []string{tc.files[1]}, Wave: tc.curWave}}
			if js.Selection == nil || !reflect.DeepEqual(*js.Selection, wantSel) {
				t.Errorf("JSON selection %+v, want %+v", js.Selection, wantSel)
			}

			// CSV: a section after the items and the reliability, Excel
			// reading the items' header from the first line.
			csvText := out("csv")
			records, err := csv.NewReader(strings.NewReader(csvText)).ReadAll() // every line as wide as the header
			if err != nil || records[0][0] != "id" {
				t.Fatalf("CSV: %v, first field %q", err, records[0][0])
			}
			n := len(records)
			want := [][]string{{"selection", "wave", "files", "sheet", "rows"},
				{"wave", "previous", tc.files[0], "", tc.previous}, {"wave", "current", tc.files[1], "", tc.current}}
			for i, w := range want {
				if got := records[n-3+i][:5]; !reflect.DeepEqual(got, w) {
					t.Errorf("CSV line %d: %q, want %q", n-2+i, got, w)
				}
			}

			// The workbook's Screening sheet.
			wb := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".xlsx")
			if r := runRoot(t, append(append([]string{}, tc.args...), "-o", wb)...); r.code != 0 {
				t.Fatalf("xlsx: exit %d: %s", r.code, r.stderr)
			}
			f, err := excelize.OpenFile(wb)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows("Screening")
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, r := range rows {
				if len(r) >= 2 {
					got[r[0]] = r[1]
				}
			}
			for label, value := range map[string]string{"previous wave": tc.files[0], "current wave": tc.files[1],
				"previous wave rows": tc.previous, "current wave rows": tc.current, "bank": "bank.yaml"} {
				if got[label] != value {
					t.Errorf("Screening sheet: %s is %q, want %q", label, got[label], value)
				}
			}
		})
	}
}

// TestSheetRecorded checks that the worksheet read (--sheet) is recorded
// by flag, in the review file, and in the audit of a decision made from
// that review.
func TestSheetRecorded(t *testing.T) {
	dir := t.TempDir()
	var waves []string
	for _, year := range []string{"2016", "2017"} {
		wb := filepath.Join(dir, "antwoorden-"+year+".xlsx")
		writeWorkbook(t, wb, "Antwoorden", readCSV(t, filepath.Join(repoRoot, "examples/wijkteams/responses-"+year+".csv")))
		waves = append(waves, wb)
	}
	data := []string{"--bank", "examples/wijkteams/bank.yaml", "--previous", waves[0], "--current", waves[1], "--sheet", "Antwoorden"}
	r := runRoot(t, append([]string{"flag", "--format", "json"}, data...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "\"sheet\": \"Antwoorden\"") {
		t.Errorf("flag JSON: exit %d, no sheet: %.300s %s", r.code, r.stdout, r.stderr)
	}
	r = runRoot(t, append([]string{"flag"}, data...)...)
	if !strings.Contains(r.stdout, "Previous wave: antwoorden-2016.xlsx (worksheet Antwoorden), all rows.") {
		t.Errorf("table does not name the worksheet:\n%.400s", r.stdout)
	}
	review := filepath.Join(dir, "review.yaml")
	if r := runRoot(t, append([]string{"review", "--out", review}, data...)...); r.code != 0 {
		t.Fatalf("review: exit %d: %s", r.code, r.stderr)
	}
	text, _ := os.ReadFile(review)
	if !strings.Contains(string(text), "\n  sheet: Antwoorden\n") {
		t.Errorf("review file does not record the worksheet")
	}
	audit := filepath.Join(dir, "audit.md")
	r = runRoot(t, "decide", "--bank", "examples/wijkteams/bank.yaml", "--review", review,
		"--proposal", "examples/wijkteams/proposals/zwolle.yaml", "--out", filepath.Join(dir, "next.yaml"), "--audit", audit)
	if r.code != 0 {
		t.Fatalf("decide: exit %d: %s", r.code, r.stderr)
	}
	text, _ = os.ReadFile(audit)
	if !strings.Contains(string(text), "117 in de laatste (alle rijen) uit het werkblad Antwoorden\n") { // the bank says nl
		t.Errorf("audit does not record the rows and the worksheet")
	}
}
