package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSummaryHoldsNoPeople attacks the README's promise that a summary
// holds no row of answers, no respondent id and none of the background
// columns: the example's 2017 answers summarised with their id column
// give a file in which no id, municipality, team, function, age, gender
// or years of experience occurs (with the answer tables of --tables or
// without), whose keys are only those the README lists, and whose numbers per item are counts, not answers per person.
func TestSummaryHoldsNoPeople(t *testing.T) {
	for _, tables := range []bool{false, true} {
		t.Run(fmt.Sprintf("tables %v", tables), func(t *testing.T) { summaryHoldsNoPeople(t, tables) })
	}
}

// summaryHoldsNoPeople is TestSummaryHoldsNoPeople, with or without the
// answer tables of summarize --tables.
func summaryHoldsNoPeople(t *testing.T, tables bool) {
	dir := t.TempDir()
	out := filepath.Join(dir, "all-2017.summary.json")
	args := summarizeArgs("", out, filepath.Join(dir, "releases.json"), "--id-column", "respondent")
	if tables {
		args = append(args, "--tables")
	}
	if r := runRoot(t, args...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(repoRoot, example2017))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	background := map[string]bool{"respondent": true, "gemeente": true, "team": true, "functie": true, "leeftijd": true, "geslacht": true, "jaren_ervaring": true}
	for j, name := range rows[0] {
		if !background[name] {
			continue
		}
		if strings.Contains(string(data), strconv.Quote(name)) {
			t.Errorf("the summary names the background column %s", name)
		}
		for _, row := range rows[1:] {
			// Numbers (an age of 35) may well occur as counts or answer
			// values; words and ids, as JSON strings, may not.
			if _, err := strconv.Atoi(row[j]); err == nil || row[j] == "" {
				continue
			}
			if strings.Contains(string(data), strconv.Quote(row[j])) {
				t.Fatalf("the summary holds %q, a value of the column %s", row[j], name)
			}
		}
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	for key := range top {
		switch key {
		case "format", "version", "bank", "respondents", "min_respondents", "places", "items", "pair_fields", "pairs":
		case "tables":
			if !tables {
				t.Error("a summary made without --tables has tables")
			}
		default:
			t.Errorf("the summary has a key %q the README does not list", key)
		}
	}
	var s struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	for _, it := range s.Items {
		for key := range it {
			if key != "id" && key != "asked" && key != "values" && key != "counts" && key != "withheld" {
				t.Errorf("an item of the summary has a key %q", key)
			}
		}
		var counts []int
		if err := json.Unmarshal(it["counts"], &counts); err == nil && len(counts) > 0 {
			total := 0
			for _, c := range counts {
				total += c
			}
			if total > len(rows)-1 {
				t.Errorf("item %s: %d answers counted, more than the %d respondents", it["id"], total, len(rows)-1)
			}
		}
	}
}
