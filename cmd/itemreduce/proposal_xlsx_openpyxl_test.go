package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/toolcheck"
)

// openpyxlPython returns a Python that has openpyxl, or skips the test;
// with REQUIRE_OPENPYXL=1 it fails instead.
func openpyxlPython(t *testing.T) string {
	t.Helper()
	return toolcheck.Python(t, "REQUIRE_OPENPYXL", "openpyxl")
}

// openpyxlSheet is a sheet as testdata/openpyxl/dump.py prints it.
type openpyxlSheet struct {
	Name      string     `json:"name"`
	Rows      [][]any    `json:"rows"`
	Freeze    *string    `json:"freeze"`
	Lists     [][]string `json:"lists"`
	Protected bool       `json:"protected"`
}

// openpyxlDump reads a workbook with openpyxl.
func openpyxlDump(t *testing.T, py, path string) []openpyxlSheet {
	t.Helper()
	out, err := exec.Command(py, filepath.Join(repoRoot, "cmd/itemreduce/testdata/openpyxl/dump.py"), path).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("openpyxl cannot read %s: %v\n%s", filepath.Base(path), err, stderr)
	}
	var dump struct{ Sheets []openpyxlSheet }
	if err := json.Unmarshal(out, &dump); err != nil {
		t.Fatal(err)
	}
	return dump.Sheets
}

// TestOpenpyxlReadsFlagWorkbook: openpyxl reads flag -o flags.xlsx with
// the values of flag --format json, numbers as the same numbers.
func TestOpenpyxlReadsFlagWorkbook(t *testing.T) {
	py := openpyxlPython(t)
	book := filepath.Join(t.TempDir(), "flags.xlsx")
	if r := runRoot(t, append(append([]string{}, exampleArgs...), "-o", book)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := runRoot(t, append(append([]string{}, exampleArgs...), "--format", "json")...)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	var js struct {
		Thresholds struct {
			Redundant float64
			Scales    []map[string]any
		}
		Items   []map[string]any
		Summary struct {
			ItemsScreened float64 `json:"items_screened"`
		}
		Selection struct {
			Previous, Current struct{ Files []string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &js); err != nil {
		t.Fatal(err)
	}
	scales := map[string]map[string]any{}
	for _, s := range js.Thresholds.Scales {
		scales[s["scale"].(string)] = s
	}

	sheets := openpyxlDump(t, py, book)
	if len(sheets) < 2 || sheets[0].Name != "Items" {
		t.Fatalf("sheets %v", sheetNames(sheets))
	}
	items := sheets[0]
	if items.Freeze == nil || *items.Freeze != "A2" {
		t.Errorf("Items: frozen at %v, want the header row (A2)", items.Freeze)
	}
	col := headerIndex(items.Rows[0])
	if len(items.Rows)-1 != len(js.Items) {
		t.Fatalf("%d item rows, JSON has %d items", len(items.Rows)-1, len(js.Items))
	}
	for i, it := range js.Items {
		row := items.Rows[i+1]
		cell := func(name string) any {
			j, ok := col[name]
			if !ok {
				t.Fatalf("no column %s in %v", name, items.Rows[0])
			}
			if j >= len(row) {
				return nil
			}
			return row[j]
		}
		id := it["id"].(string)
		// Numbers as numbers, the same to the last digit; undefined
		// statistics (JSON null) as empty cells.
		for _, key := range []string{"id", "scale", "n", "mean", "sd", "previous_n", "previous_mean", "shift"} {
			if got, want := cell(key), it[key]; got != want {
				t.Errorf("%s %s: openpyxl %v (%T), JSON %v (%T)", id, key, got, got, want, want)
			}
		}
		fired := map[string]bool{}
		for _, f := range it["flags"].([]any) {
			fired[f.(string)] = true
		}
		undecided := map[string]bool{}
		if us, ok := it["undecided"].([]any); ok {
			for _, u := range us {
				for _, rule := range u.(map[string]any)["rules"].([]any) {
					undecided[rule.(string)] = true
				}
			}
		}
		for _, rule := range []string{"stable", "ceiling", "low_spread", "redundant"} {
			var want any = 0.0
			switch {
			case fired[rule]:
				want = 1.0
			case undecided[rule]:
				want = nil
			}
			if got := cell(rule); got != want {
				t.Errorf("%s %s: openpyxl %v, want %v from the JSON", id, rule, got, want)
			}
		}
		if got := cell("ticks"); got != float64(len(fired)) {
			t.Errorf("%s ticks: openpyxl %v, JSON %d flags", id, got, len(fired))
		}
		var partners []string
		for _, p := range it["correlated"].([]any) {
			p := p.(map[string]any)
			partners = append(partners, fmt.Sprintf("%s (r=%.2f, n=%.0f, keep=%s)", p["id"], p["r"], p["n"], p["keep"]))
		}
		var wantPartners any
		if len(partners) > 0 {
			wantPartners = strings.Join(partners, "; ")
		}
		if got := cell("correlated"); got != wantPartners {
			t.Errorf("%s correlated: openpyxl %v, JSON %v", id, got, wantPartners)
		}
		s := scales[it["scale"].(string)]
		for col, key := range map[string]string{"stable_if_shift_below": "stable", "ceiling_if_mean_above": "ceiling", "low_spread_if_sd_below": "low_spread"} {
			if got := cell(col); got != s[key] {
				t.Errorf("%s %s: openpyxl %v, JSON %v", id, col, got, s[key])
			}
		}
		if got := cell("redundant_if_r_above"); got != js.Thresholds.Redundant {
			t.Errorf("%s redundant_if_r_above: openpyxl %v, JSON %v", id, got, js.Thresholds.Redundant)
		}
	}
	screening := sheets[1]
	found := map[string]any{}
	for _, row := range screening.Rows {
		if len(row) >= 2 {
			if label, ok := row[0].(string); ok {
				found[label] = row[1]
			}
		}
	}
	if found["items"] != js.Summary.ItemsScreened || found["items"] != float64(len(js.Items)) {
		t.Errorf("Screening sheet: items %v, JSON %v", found["items"], js.Summary.ItemsScreened)
	}
	for label, files := range map[string][]string{"previous wave": js.Selection.Previous.Files, "current wave": js.Selection.Current.Files} {
		if want := strings.Join(files, "; "); found[label] != want || want == "" {
			t.Errorf("Screening sheet: %s %v, JSON %q", label, found[label], want)
		}
	}
}

// TestOpenpyxlReadsChecklist: openpyxl reads proposal -o zwolle.xlsx with
// the items, texts, themes, name and target of the YAML checklist written
// from the same bank, the keep column a yes/no list, the header frozen.
func TestOpenpyxlReadsChecklist(t *testing.T) {
	py := openpyxlPython(t)
	dir := t.TempDir()
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			book, yml := filepath.Join(dir, lang+".xlsx"), filepath.Join(dir, lang+".yaml")
			for _, out := range []string{book, yml} {
				if r := runRoot(t, "proposal", "--bank", exampleBank, "--by", "Teamleider Zwolle", "--target", "80", "--lang", lang, "-o", out); r.code != 0 {
					t.Fatal(r.stderr)
				}
			}
			want := parseTemplate(t, yml)
			sheets := openpyxlDump(t, py, book)
			if len(sheets) != 1 {
				t.Fatalf("sheets %v", sheetNames(sheets))
			}
			s := sheets[0]
			yes, no := "yes", "no"
			if lang == "nl" {
				yes, no = "ja", "nee"
			}
			if s.Rows[2][1] != want.by || s.Rows[3][1] != float64(want.target) {
				t.Errorf("name %v, target %v; YAML has %q, %d", s.Rows[2][1], s.Rows[3][1], want.by, want.target)
			}
			if f, _ := s.Rows[4][1].(string); !strings.HasPrefix(f, `=COUNTIF(D8:D156,"`+yes+`")`) {
				t.Errorf("count cell %v", s.Rows[4][1])
			}
			var got []templateItem
			for _, row := range s.Rows[7:] {
				theme, _ := row[0].(string)
				got = append(got, templateItem{theme: theme, id: row[1].(string), text: row[2].(string)})
				if row[3] != yes {
					t.Errorf("%v: keep %v, want %s", row[1], row[3], yes)
				}
			}
			if !slices.Equal(got, want.items) {
				t.Errorf("items differ from the YAML checklist:\n%v\n%v", got[:3], want.items[:3])
			}
			if s.Freeze == nil || *s.Freeze != "A8" || !s.Protected {
				t.Errorf("frozen at %v, protected %v", s.Freeze, s.Protected)
			}
			if len(s.Lists) != 1 || s.Lists[0][0] != "D8:D156" || s.Lists[0][1] != `"`+yes+`,`+no+`"` {
				t.Errorf("drop-downs %v", s.Lists)
			}
		})
	}
}

// templateItem is an item line of the YAML checklist.
type templateItem struct{ theme, id, text string }

type template struct {
	by     string
	target int
	items  []templateItem
}

var (
	itemLine  = regexp.MustCompile(`^  - (\S+)  # (.*)$`)
	themeLine = regexp.MustCompile(`^  # --- (.*)$`)
)

// parseTemplate reads the YAML checklist's name, target and item lines.
func parseTemplate(t *testing.T, path string) template {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tm template
	theme := ""
	for _, l := range strings.Split(string(data), "\n") {
		if m := themeLine.FindStringSubmatch(l); m != nil {
			theme = m[1]
		} else if m := itemLine.FindStringSubmatch(l); m != nil {
			tm.items = append(tm.items, templateItem{theme, m[1], m[2]})
		} else if v, ok := strings.CutPrefix(l, "by: "); ok {
			tm.by = strings.Trim(v, `"`)
		} else if v, ok := strings.CutPrefix(l, "target_length: "); ok {
			fmt.Sscan(v, &tm.target)
		}
	}
	if len(tm.items) == 0 {
		t.Fatalf("no items in %s", path)
	}
	return tm
}

func headerIndex(header []any) map[string]int {
	m := map[string]int{}
	for j, h := range header {
		if s, ok := h.(string); ok {
			m[s] = j
		}
	}
	return m
}

func sheetNames(sheets []openpyxlSheet) []string {
	var names []string
	for _, s := range sheets {
		names = append(names, s.Name)
	}
	return names
}
