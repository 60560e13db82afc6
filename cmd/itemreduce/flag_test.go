package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var exampleArgs = []string{"flag",
	"--bank", "examples/wijkteams/bank.yaml",
	"--previous", "examples/wijkteams/responses-2016.csv",
	"--current", "examples/wijkteams/responses-2017.csv"}

// TestFlagExample runs the README's first command in every format and
// compares with the expected output of the shipped example.
func TestFlagExample(t *testing.T) {
	for _, tc := range []struct{ golden, format, config string }{
		{"flag-example.txt", "", ""},
		{"flag-example.json", "json", ""},
		{"flag-example.csv", "csv", ""},
		{"flag-example.md", "markdown", ""},
		{"flag-example-report-2018.json", "json", "examples/wijkteams/report-2018.yaml"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			args := append([]string{}, exampleArgs...)
			if tc.format != "" {
				args = append(args, "--format", tc.format)
			}
			if tc.format == "csv" {
				args = append(args, "--decimal-comma=false") // the bank says nl
			}
			if tc.config != "" {
				args = append(args, "--config", tc.config)
			}
			r := runCLI(t, args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			golden(t, tc.golden, r.stdout)
			if !strings.Contains(r.stderr, "responses-2017.csv: ignored 7 column(s) that are not bank items: respondent, gemeente") {
				t.Errorf("stderr does not name the ignored columns: %q", r.stderr)
			}
		})
	}
}

// TestFlagExampleFiresEveryRule checks the promise of the example: all four
// rules fire on some items, and the JSON has the documented shape.
func TestFlagExampleFiresEveryRule(t *testing.T) {
	r := runCLI(t, append(exampleArgs, "--format", "json")...)
	var out struct {
		Thresholds map[string]any `json:"thresholds"`
		Items      []struct {
			ID         string   `json:"id"`
			Scale      string   `json:"scale"`
			N          int      `json:"n"`
			Mean       *float64 `json:"mean"`
			SD         *float64 `json:"sd"`
			PreviousN  int      `json:"previous_n"`
			Flags      []string `json:"flags"`
			Correlated []struct {
				ID string  `json:"id"`
				R  float64 `json:"r"`
				N  int     `json:"n"`
			} `json:"correlated"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Items) != 149 {
		t.Fatalf("%d items, want 149", len(out.Items))
	}
	fired := map[string]int{}
	for _, it := range out.Items {
		if it.Flags == nil || it.Correlated == nil {
			t.Errorf("%s: flags and correlated must be lists, even when empty", it.ID)
		}
		for _, f := range it.Flags {
			fired[f]++
		}
		for k := 1; k < len(it.Correlated); k++ {
			if abs(it.Correlated[k].R) > abs(it.Correlated[k-1].R) {
				t.Errorf("%s: partners not sorted by |r|", it.ID)
			}
		}
	}
	for _, rule := range []string{"stable", "ceiling", "low_spread", "redundant"} {
		if fired[rule] == 0 {
			t.Errorf("rule %s fires on no item of the example", rule)
		}
	}
	// TB01 ("I possess") and TW01 ("I want to work towards") are a pair.
	var tb01 []string
	for _, it := range out.Items {
		if it.ID == "TB01" {
			for _, p := range it.Correlated {
				tb01 = append(tb01, p.ID)
			}
		}
	}
	if !strings.Contains(strings.Join(tb01, ","), "TW01") {
		t.Errorf("TB01 partners %v, want TW01 among them", tb01)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestFlagErrors checks exit codes and messages for mistakes a user makes.
func TestFlagErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("SA01,SA02\n4,5\n4,7\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no bank", []string{"flag", "--previous", "a.csv", "--current", "b.csv"}, 2, "itemreduce flag: give --bank FILE"},
		{"unknown format", append(append([]string{}, exampleArgs...), "--format", "pdf"), 2, `--format "pdf": choose table, csv, xlsx, json or markdown`},
		{"missing file", []string{"flag", "--bank", "examples/wijkteams/bank.yaml", "--previous", "nope.csv", "--current", "nope.csv"}, 1, "nope.csv: no such file"},
		{"answer outside scale", []string{"flag", "--bank", "examples/wijkteams/bank.yaml", "--previous", bad, "--current", bad}, 1, "bad.csv:3:3: item SA02: answer outside its scale: 7 is outside likert5 (1-5)"},
		{"bad where", append(append([]string{}, exampleArgs...), "--where", "gemeente"), 2, "--where: condition \"gemeente\": want column=value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit code %d, want %d", r.code, tc.code)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tc.want)
			}
			if r.stdout != "" && tc.code != 2 {
				t.Errorf("partial output on error: %q", r.stdout)
			}
		})
	}
}

// TestFlagOutputFile checks -o: written whole on success, and on an error
// neither created nor changed.
func TestFlagOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "flags.csv")
	r := runCLI(t, append(exampleArgs, "--format", "csv", "--decimal-comma=false", "-o", out)...)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(out)
	// The header and 149 items, then after an empty line the reliability section.
	items, _, _ := strings.Cut(string(data), "\n\n")
	if err != nil || !strings.HasPrefix(string(data), "id,text,scale,n,mean,sd") || strings.Count(items, "\n") != 149 {
		t.Fatalf("flags.csv: %v, %d lines of items", err, strings.Count(items, "\n"))
	}
	// A failing run must leave the earlier file exactly as it was.
	failing := []string{"flag", "--bank", "examples/wijkteams/bank.yaml", "--previous", "nope.csv", "--current", "nope.csv", "-o", out}
	if r := runCLI(t, failing...); r.code == 0 {
		t.Fatal("expected failure")
	}
	again, _ := os.ReadFile(out)
	if string(again) != string(data) {
		t.Error("a failing run changed the output file")
	}
	fresh := filepath.Join(dir, "fresh.json")
	runCLI(t, append(failing[:len(failing)-1], fresh)...)
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a failing run created %s", fresh)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftover files in the output folder: %v", entries)
	}
}

func TestVersionAndHelp(t *testing.T) {
	r := runCLI(t, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "itemreduce version ") {
		t.Errorf("--version: exit %d, %q", r.code, r.stdout)
	}
	r = runCLI(t, "flag", "--help")
	for _, want := range []string{"--bank", "--previous", "--current", "--config", "--format", "--out", "Example:", "examples/wijkteams/bank.yaml", "reliability of each theme", "wave tests"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("flag --help does not mention %q", want)
		}
	}
}
