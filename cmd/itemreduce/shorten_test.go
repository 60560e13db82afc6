package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// shortenExample is the README's shorten run on the example.
var shortenExample = []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "73"}

// TestShortenExample checks the screen report and the proposal of the
// README's run against their golden files (examples/wijkteams/shorten-73.yaml
// is the proposal a user gets), and that decide takes the proposal.
func TestShortenExample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "statistics.yaml")
	r := runRoot(t, append(shortenExample, "-o", out)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "shorten-example.txt", r.stdout)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	goldenAt(t, filepath.Join(repoRoot, "examples", "wijkteams", "shorten-73.yaml"), string(data))
	if !strings.Contains(r.stderr, "Wrote "+out+": a proposal of 73 items by statistics (shorten)") {
		t.Errorf("stderr %q", r.stderr)
	}
	// Replacing its own earlier output needs no --force.
	if again := runRoot(t, append(shortenExample, "-o", out)...); again.code != 0 {
		t.Errorf("second run: exit %d: %s", again.code, again.stderr)
	}
	d := runRoot(t, "decide", "--bank", exampleBank, "--review", "examples/wijkteams/review.yaml",
		"--proposal", out, "--combine", "any", "--out", filepath.Join(filepath.Dir(out), "next.yaml"))
	if d.code != 0 || !strings.Contains(d.stderr, "statistics (shorten)         keeps  73 (target 73)") {
		t.Errorf("decide: exit %d\n%s", d.code, d.stderr)
	}
}

// goldenAt is golden for a file outside testdata.
func goldenAt(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/itemreduce -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./cmd/itemreduce -update rewrites it)\n--- got:\n%s", path, got)
	}
}

func TestShortenCurve(t *testing.T) {
	r := runRoot(t, "shorten", "--bank", exampleBank, "--current", example2017, "--length", "40:100:10")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "shorten-curve.txt", r.stdout)
	j := runRoot(t, "shorten", "--bank", exampleBank, "--current", example2017, "--length", "40:100:10", "--format", "json")
	var curve struct {
		P     int `json:"p"`
		Curve []struct {
			Length      int      `json:"length"`
			Information *float64 `json:"information"`
			Bound       *float64 `json:"bound"`
		} `json:"curve"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &curve); err != nil {
		t.Fatal(err)
	}
	if curve.P != 149 || len(curve.Curve) != 7 {
		t.Fatalf("p %d, %d points", curve.P, len(curve.Curve))
	}
	for i, pt := range curve.Curve {
		if pt.Information == nil || pt.Bound == nil || *pt.Information > *pt.Bound {
			t.Errorf("length %d: I %v above bound %v", pt.Length, pt.Information, pt.Bound)
		}
		if i > 0 && *pt.Information <= *curve.Curve[i-1].Information {
			t.Errorf("I does not rise from length %d to %d", curve.Curve[i-1].Length, pt.Length)
		}
	}
}

// TestShortenFromSummaries pools the example's per-municipality summaries
// and gets the report and proposal of the answers themselves, byte for
// byte, and the same on a second run.
func TestShortenFromSummaries(t *testing.T) {
	dir := t.TempDir()
	args := []string{"shorten", "--bank", exampleBank, "--length", "60", "--format", "json", "--min-per-theme", "8"}
	for _, g := range []string{"Zwolle", "Ommen-Hardenberg", "Steenwijkerland"} {
		out := filepath.Join(dir, g+".summary.json")
		if r := runRoot(t, "summarize", "--bank", exampleBank, "--data", example2017, "--where", "gemeente="+g,
			"--min-respondents", "5", "--ledger", filepath.Join(dir, "releases.json"), "-o", out); r.code != 0 {
			t.Fatalf("summarize %s: %s", g, r.stderr)
		}
		args = append(args, "--current", out)
	}
	pooled := runRoot(t, append(args, "-o", filepath.Join(dir, "pooled.yaml"))...)
	raw := runRoot(t, "shorten", "--bank", exampleBank, "--current", example2017, "--length", "60", "--format", "json",
		"--min-per-theme", "8", "-o", filepath.Join(dir, "raw.yaml"))
	again := runRoot(t, "shorten", "--bank", exampleBank, "--current", example2017, "--length", "60", "--format", "json",
		"--min-per-theme", "8", "-o", filepath.Join(dir, "again.yaml"))
	if pooled.code != 0 || raw.code != 0 || again.code != 0 {
		t.Fatalf("exit %d, %d, %d: %s %s", pooled.code, raw.code, again.code, pooled.stderr, raw.stderr)
	}
	if pooled.stdout != raw.stdout || raw.stdout != again.stdout {
		t.Error("the summaries, the answers and a second run give different reports")
	}
	p, _ := os.ReadFile(filepath.Join(dir, "pooled.yaml"))
	a, _ := os.ReadFile(filepath.Join(dir, "raw.yaml"))
	b, _ := os.ReadFile(filepath.Join(dir, "again.yaml"))
	if string(p) != string(a) || string(a) != string(b) || len(a) == 0 {
		t.Error("the summaries, the answers and a second run give different proposals")
	}
}

func TestShortenUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"no newer wave", []string{"shorten", "--bank", exampleBank, "--length", "10"}, 2, "give the answers of the newer wave: --current FILE"},
		{"ticks need the older wave", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "10", "--exclude-ticks", "3"}, 2, "give the older wave too"},
		{"bad length", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "ten"}, 2, `--length "ten": give a number of items`},
		{"backwards range", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "90:40:5"}, 2, "FROM (90) is larger than TO (40)"},
		{"curve too long", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "1:1000000000:1"}, 2, "a curve has at most 200 lengths"},
		{"curve to a file", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "40:50:5", "-o", "x.yaml"}, 2, "gives a curve, not one form"},
		{"bad format", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "10", "--format", "csv"}, 2, `--format "csv": choose table or json`},
		{"infeasible", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "10", "--min-per-theme", "2"}, 1, "--min-per-theme 2 over 6 themes needs 12 items besides the 0 that must be kept"},
		{"unknown item", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "10", "--keep", "SA01,XX99"}, 1, "XX99"},
		{"exact too large", []string{"shorten", "--bank", exampleBank, "--current", example2017, "--length", "10", "--exact"}, 1, "--exact searches at most 40 free items, and 149 are free"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.says) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", r.code, r.stderr, tc.code, tc.says)
			}
		})
	}
}

func TestShortenWithTicksAndReview(t *testing.T) {
	r := runRoot(t, "shorten", "--bank", exampleBank, "--previous", example2016, "--current", example2017, "--length", "60",
		"--exclude-ticks", "3", "--review", "examples/wijkteams/review.yaml", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Items []struct {
			ID     string `json:"id"`
			Forced string `json:"forced"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	kept := map[string]string{}
	for _, it := range rep.Items {
		kept[it.ID] = it.Forced
	}
	// The review keeps TB01-TB10 and drops TW01-TW10.
	if !strings.HasPrefix(kept["TB01"], "the review decides keep, line ") {
		t.Errorf("TB01: %q", kept["TB01"])
	}
	if _, ok := kept["TW01"]; ok {
		t.Error("TW01 is kept though the review drops it")
	}
	if len(rep.Items) != 60 {
		t.Errorf("%d items", len(rep.Items))
	}
}

// TestShortenREADME keeps the README's quotes of shorten true: every line
// of the text blocks of its shorten section, but "...", is a line of what
// the commands it shows print, and the story table's figures are what
// those commands give.
func TestShortenREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "<!-- section:shorten -->")
	section, _, ok2 := strings.Cut(section, "<!-- /section:shorten -->")
	if !ok || !ok2 {
		t.Fatal("README has no shorten section")
	}
	run := func(args ...string) string {
		r := runRoot(t, append([]string{"shorten", "--bank", exampleBank, "--current", example2017}, args...)...)
		return r.stdout + r.stderr
	}
	printed := run("--length", "73") + run("--length", "40:100:10") + run("--length", "73", "--min-per-theme", "15") +
		run("--length", "73", "--keep", "SA01", "--drop", "SA01") + run("--length", "66", "--review", "examples/wijkteams/review.yaml")
	lines := map[string]bool{}
	for _, l := range strings.Split(printed, "\n") {
		lines[strings.TrimRight(l, " ")] = true
	}
	blocks := strings.Split(section, "```text\n")
	if len(blocks) < 4 {
		t.Fatalf("%d text blocks in the shorten section", len(blocks)-1)
	}
	for _, b := range blocks[1:] {
		body, _, _ := strings.Cut(b, "```")
		for _, l := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
			if l != "..." && !lines[strings.TrimRight(l, " ")] {
				t.Errorf("the README quotes a line shorten does not print:\n%s", l)
			}
		}
	}
	// The README's example of a binding constraint, whose review-file line
	// moves whenever the example's review file grows.
	binding := regexp.MustCompile(`keep TB08 \(the review decides keep, line \d+\) \+0\.0006 TB08 out, TW08 in`)
	if !binding.MatchString(strings.Join(strings.Fields(printed), " ")) {
		t.Errorf("the README quotes %q, which shorten does not print", binding)
	}
	// The story table.
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--length", "66"}, "I = 0.8365"},
		{[]string{"--length", "66"}, "keeps more than 0.9214"},
		{[]string{"--length", "66", "--review", "examples/wijkteams/review.yaml"}, "I = 0.8336"},
		{[]string{"--length", "66", "--review", "examples/wijkteams/review.yaml"}, "Bound with the forced and left-out items: 0.9000"},
		{[]string{"--length", "73"}, "I = 0.8800"},
	} {
		if out := run(c.args...); !strings.Contains(out, c.says) {
			t.Errorf("shorten %v does not say %q, as the README's table has it", c.args, c.says)
		}
	}
	for _, row := range []string{"| 66 | 0.837 | 0.921 |", "| 66 | 0.834 | 0.921; 0.900 with the forced items |", "| 73 | 0.880 | 0.948 |", "| 66 | 0.807 | 0.921 |"} {
		if !strings.Contains(section, row) {
			t.Errorf("the README's table lacks %q", row)
		}
	}
}

// FuzzParseLength: --length never panics, and what it accepts is one
// length or an ascending curve of at most maxCurve lengths, each at least 1.
func FuzzParseLength(f *testing.F) {
	for _, s := range []string{"73", "40:100:5", "1:1:1", "0", "-3", "5:1:1", "1:9999999999:1", "1::2", " 7 ", "1:2:3:4", "1:9223372036854775807:9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lengths, curve, err := parseLength(s)
		if err != nil {
			return
		}
		if len(lengths) == 0 || len(lengths) > maxCurve || (!curve && len(lengths) != 1) {
			t.Fatalf("%q: %d lengths, curve %v", s, len(lengths), curve)
		}
		for i, n := range lengths {
			if n < 1 || (i > 0 && n <= lengths[i-1]) {
				t.Fatalf("%q: lengths %v", s, lengths)
			}
		}
	})
}
