package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// exampleID matches the item ids of the example (SA01, TB10).
var exampleID = regexp.MustCompile(`\b[A-Z]{2}[0-9]{2}\b`)

// longIDExample writes the example's bank and both waves with every item
// id made 20 characters long (SA01 -> SA01_long_item_name_), and returns
// the flag command line that screens them.
func longIDExample(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	long := func(s string) string {
		return exampleID.ReplaceAllStringFunc(s, func(id string) string { return id + "_long_item_name_" })
	}
	for _, name := range []string{"bank.yaml", "responses-2016.csv", "responses-2017.csv"} {
		data, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(long(string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n := utf8.RuneCountInString(long("SA01")); n != 20 {
		t.Fatalf("long ids have %d characters, want 20", n)
	}
	return []string{"flag", "--bank", filepath.Join(dir, "bank.yaml"),
		"--previous", filepath.Join(dir, "responses-2016.csv"), "--current", filepath.Join(dir, "responses-2017.csv")}
}

// TestTableFits80Columns checks that every line of the screen table is at
// most 80 runes wide, on the example and on the example with 20-character
// item ids, with the floor rule on too; and that --wide, one line per
// item, is wider.
func TestTableFits80Columns(t *testing.T) {
	floor := filepath.Join(t.TempDir(), "floor.yaml")
	if err := os.WriteFile(floor, []byte("floor: 0.20\nceiling_reversed: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{
		"example":           exampleArgs,
		"20-character ids":  longIDExample(t),
		"report thresholds": append(append([]string{}, exampleArgs...), "--config", "examples/wijkteams/report-2018.yaml"),
		"floor rule":        append(append([]string{}, exampleArgs...), "--config", floor),
		"Zwolle, one file":  zwolleArgs,
	} {
		t.Run(name, func(t *testing.T) {
			r := runRoot(t, args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for i, line := range strings.Split(r.stdout, "\n") {
				if n := utf8.RuneCountInString(line); n > 80 {
					t.Errorf("line %d has %d runes:\n%s", i+1, n, line)
				}
			}
			wide := runRoot(t, append(append([]string{}, args...), "--wide")...)
			if wide.code != 0 {
				t.Fatalf("--wide: exit %d: %s", wide.code, wide.stderr)
			}
			widest := 0
			for _, line := range strings.Split(wide.stdout, "\n") {
				widest = max(widest, utf8.RuneCountInString(line))
			}
			if widest <= 80 {
				t.Errorf("--wide is at most %d runes wide: it should be the full-width layout", widest)
			}
		})
	}
}

// startsWithID matches a cell that begins with an example id.
var startsWithID = regexp.MustCompile(`^[A-Z]{2}[0-9]{2}`)

// statToken matches the figures and item ids of the table: 4.66, -0.13,
// <0.001, 113/116, SA12.
var statToken = regexp.MustCompile(`^(?:[-+<]?[0-9]+(?:\.[0-9]+)?(?:/[0-9]+)?|[A-Z]{2}[0-9]{2}[A-Za-z_]*)$`)

// TestWideKeepsEverything checks that --wide shows every figure and item id
// of the screen table, each item's statistics on its own line in the same
// order, and the names of the tests.
func TestWideKeepsEverything(t *testing.T) {
	for name, args := range map[string][]string{"example": exampleArgs, "20-character ids": longIDExample(t)} {
		t.Run(name, func(t *testing.T) {
			narrow, wide := runRoot(t, args...), runRoot(t, append(append([]string{}, args...), "--wide")...)
			if narrow.code != 0 || wide.code != 0 {
				t.Fatalf("exit %d and %d: %s%s", narrow.code, wide.code, narrow.stderr, wide.stderr)
			}
			count := func(s string) map[string]int {
				m := map[string]int{}
				for _, f := range strings.Fields(s) {
					if f = strings.Trim(f, ",;:()[]."); statToken.MatchString(f) {
						m[f]++
					}
				}
				return m
			}
			have := count(wide.stdout)
			for tok, n := range count(narrow.stdout) {
				if have[tok] < n {
					t.Errorf("%q is %d times in the table, %d times with --wide", tok, n, have[tok])
				}
			}
			rows := map[string][]string{}
			for _, line := range strings.Split(wide.stdout, "\n") {
				if f := strings.Fields(line); len(f) >= 8 && startsWithID.MatchString(f[0]) && (f[1] == "likert5" || f[1] == "grade10") {
					rows[f[0]] = f
				}
			}
			lines := strings.Split(narrow.stdout, "\n")
			checked := 0
			for i, line := range lines {
				f := strings.Fields(line)
				if len(f) == 1 && i+1 < len(lines) && rows[f[0]] != nil { // an id too long for its column, alone on its line
					f = append(f, strings.Fields(lines[i+1])...)
				}
				if len(f) < 8 || rows[f[0]] == nil || (f[1] != "likert5" && f[1] != "grade10") {
					continue
				}
				if got, want := strings.Join(f[:8], " "), strings.Join(rows[f[0]][:8], " "); got != want {
					t.Errorf("item %s: %q in the table, %q with --wide", f[0], got, want)
				}
				checked++
			}
			if checked != 149 {
				t.Errorf("compared %d items, want the 149", checked)
			}
			for _, want := range []string{"mann_whitney", "welch_t", "correlated with (r)"} {
				if !strings.Contains(wide.stdout, want) {
					t.Errorf("--wide lacks %q", want)
				}
			}
		})
	}
}

// TestREADMEQuotesTheTable checks that the part of the screen table the
// README shows under "What the screening shows" is the table the first
// command writes: every quoted line (but "...") is a line of the golden
// file, in order.
func TestREADMEQuotesTheTable(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```text\nScreened ")
	quote, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("the README quotes no screen table")
	}
	gold, err := os.ReadFile(filepath.Join(testdata, "flag-example.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(gold), "\n")
	at := 0
	for _, q := range strings.Split(strings.TrimSuffix("Screened "+quote, "\n"), "\n") {
		if q == "..." {
			continue
		}
		for at < len(lines) && lines[at] != q {
			at++
		}
		if at == len(lines) {
			t.Fatalf("the README's line %q is not in the table (in this order); update the quote", q)
		}
		if n := utf8.RuneCountInString(q); n > 80 {
			t.Errorf("the README's line %q has %d runes", q, n)
		}
	}
}
