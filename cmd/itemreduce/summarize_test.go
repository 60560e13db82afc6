package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	exampleBank = "examples/wijkteams/bank.yaml"
	example2016 = "examples/wijkteams/responses-2016.csv"
	example2017 = "examples/wijkteams/responses-2017.csv"
)

// TestSummariesGiveTheSameScreening summarises the example per
// municipality and checks that screening with the six summaries gives,
// byte for byte, the screening of the files of answers themselves; and
// the same with raw answers and summaries mixed in one wave.
func TestSummariesGiveTheSameScreening(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]string{}
	for _, wave := range []struct{ name, data string }{{"2016", example2016}, {"2017", example2017}} {
		for _, g := range []string{"Zwolle", "Ommen-Hardenberg", "Steenwijkerland"} {
			out := filepath.Join(dir, g+"-"+wave.name+".summary.json")
			r := runRoot(t, "summarize", "--bank", exampleBank, "--data", wave.data, "--where", "gemeente="+g, "-o", out)
			if r.code != 0 {
				t.Fatalf("summarize %s %s: exit %d: %s", g, wave.name, r.code, r.stderr)
			}
			if r.stdout != "" || !strings.Contains(r.stderr, "wrote "+out+": ") {
				t.Errorf("summarize says %q on stdout and %q on stderr", r.stdout, r.stderr)
			}
			files[wave.name] = append(files[wave.name], out)
		}
	}
	raw := runRoot(t, "flag", "--bank", exampleBank, "--previous", example2016, "--current", example2017, "--format", "json")
	if raw.code != 0 {
		t.Fatalf("flag on the answers: exit %d: %s", raw.code, raw.stderr)
	}
	args := []string{"flag", "--bank", exampleBank, "--format", "json"}
	for _, f := range files["2016"] {
		args = append(args, "--previous", f)
	}
	for _, f := range files["2017"] {
		args = append(args, "--current", f)
	}
	pooled := runRoot(t, args...)
	if pooled.code != 0 {
		t.Fatalf("flag on the summaries: exit %d: %s", pooled.code, pooled.stderr)
	}
	if pooled.stdout != raw.stdout {
		t.Errorf("flag on the summaries differs from flag on the answers")
	}
	if pooled.stderr != "" {
		t.Errorf("flag on the summaries wrote to stderr: %q", pooled.stderr)
	}
	mixed := runRoot(t, "flag", "--bank", exampleBank, "--format", "json", "--previous", example2016,
		"--current", files["2017"][0], "--current", files["2017"][1], "--current", files["2017"][2])
	if mixed.code != 0 || mixed.stdout != raw.stdout {
		t.Errorf("flag on answers and summaries mixed: exit %d, same output %t: %s", mixed.code, mixed.stdout == raw.stdout, mixed.stderr)
	}
}

func TestSummarizeRefusals(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other-bank.yaml")
	bank, err := os.ReadFile(exampleBankPath(t))
	if err != nil {
		t.Fatal(err)
	}
	// The same bank without its last item.
	text := string(bank)
	last := strings.LastIndex(text, "\n  - {id:")
	if err := os.WriteFile(other, []byte(text[:last+1]), 0o644); err != nil {
		t.Fatal(err)
	}
	summary := filepath.Join(dir, "all-2017.summary.json")
	if r := runRoot(t, "summarize", "--bank", exampleBank, "--data", example2017, "-o", summary); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	small := filepath.Join(dir, "small.summary.json")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"too few respondents",
			[]string{"summarize", "--bank", exampleBank, "--data", example2017, "--where", "team=Centrum-Diezerpoort", "-o", small},
			1, "only 9 respondent(s) to summarise; a summary needs at least 10 (--min-respondents)"},
		{"a higher minimum",
			[]string{"summarize", "--bank", exampleBank, "--data", example2017, "--where", "gemeente=Steenwijkerland", "--min-respondents", "30", "-o", small},
			1, "needs at least 30"},
		{"name without the summary ending",
			[]string{"summarize", "--bank", exampleBank, "--data", example2017, "-o", filepath.Join(dir, "x.json")},
			2, "must end in .summary.json"},
		{"summary of another bank",
			[]string{"flag", "--bank", other, "--previous", example2016, "--current", summary},
			1, "summary made for a different item bank"},
		{"rows selected in a summary",
			[]string{"flag", "--bank", exampleBank, "--previous", example2016, "--current", summary, "--where", "gemeente=Zwolle"},
			1, "rows cannot be selected (gemeente=Zwolle) in a summary file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.stderr)
			}
			if _, err := os.Stat(small); err == nil {
				t.Errorf("a refused summary was written")
			}
		})
	}
}

func exampleBankPath(t *testing.T) string {
	t.Helper()
	return filepath.Join(repoRoot, exampleBank)
}
