package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSameInputRefused: a file given twice, for one wave or for both,
// under the same name, another spelling, a link or as a copy, and a
// proposal given twice, are refused with exit 2 naming both as given.
// On HEAD, --current given twice screened 234 respondents from 117.
func TestSameInputRefused(t *testing.T) {
	dir := t.TempDir()
	bank := "examples/wijkteams/bank.yaml"
	older, newer := "examples/wijkteams/responses-2016.csv", "examples/wijkteams/responses-2017.csv"
	copied := filepath.Join(dir, "responses-2017 (1).csv")
	data, err := os.ReadFile(filepath.Join(repoRoot, newer))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, data, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(filepath.Join(repoRoot, newer), link); err != nil {
		link = "" // no links on this system
	}
	summary := filepath.Join(dir, "zwolle-2017.summary.json")
	if r := runRoot(t, "summarize", "--bank", bank, "--data", newer, "--where", "gemeente=Zwolle", "-o", summary); r.code != 0 {
		t.Fatalf("summarize: exit %d: %s", r.code, r.stderr)
	}
	summaryCopy := filepath.Join(dir, "zwolle-2017-kopie.summary.json")
	data, _ = os.ReadFile(summary)
	if err := os.WriteFile(summaryCopy, data, 0o644); err != nil {
		t.Fatal(err)
	}
	flag := func(args ...string) []string { return append([]string{"flag", "--bank", bank}, args...) }
	twice := ": it would be counted twice; give each file once"
	bothWaves := ": both waves would be the same answers; give each wave its own files, or one file holding both waves with --data FILE"
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"both waves, same name", flag("--previous", newer, "--current", newer),
			"--previous " + newer + " and --current " + newer + " are the same file" + bothWaves},
		{"both waves, another spelling", flag("--previous", newer, "--current", "./"+newer),
			"--previous " + newer + " and --current ./" + newer + " are the same file" + bothWaves},
		{"both waves, a copy", flag("--previous", copied, "--current", newer),
			"--previous " + copied + " and --current " + newer + " have the same content" + bothWaves},
		{"current twice (234 from 117 on HEAD)", flag("--previous", older, "--current", newer, "--current", newer),
			"--current " + newer + " is given twice" + twice},
		{"current twice, another spelling", flag("--previous", older, "--current", newer, "--current", "examples/../examples/wijkteams/responses-2017.csv"),
			"--current " + newer + " and --current examples/../examples/wijkteams/responses-2017.csv are the same file" + twice},
		{"current and a copy", flag("--previous", older, "--current", newer, "--current", copied),
			"--current " + newer + " and --current " + copied + " have the same content" + twice},
		{"the same summary twice", flag("--previous", older, "--current", summary, "--current", summary),
			"--current " + summary + " is given twice" + twice},
		{"a summary and its copy", flag("--previous", older, "--current", summary, "--current", summaryCopy),
			"--current " + summary + " and --current " + summaryCopy + " have the same content" + twice},
		{"previous twice", flag("--previous", older, "--previous", "./"+older, "--current", newer),
			"--previous " + older + " and --previous ./" + older + " are the same file" + twice},
		{"data twice", flag("--data", "examples/wijkteams/responses-alle-jaren.csv", "--data", "./examples/wijkteams/responses-alle-jaren.csv",
			"--wave-column", "jaar", "--previous-wave", "2016", "--current-wave", "2017"),
			"--data examples/wijkteams/responses-alle-jaren.csv and --data ./examples/wijkteams/responses-alle-jaren.csv are the same file" + twice},
		{"review, current twice", []string{"review", "--bank", bank, "--previous", older, "--current", newer, "--current", "./" + newer, "--out", filepath.Join(dir, "review.yaml")},
			"--current " + newer + " and --current ./" + newer + " are the same file" + twice},
		{"summarize, data twice", []string{"summarize", "--bank", bank, "--data", newer, "--data", copied, "-o", filepath.Join(dir, "x.summary.json")},
			"--data " + newer + " and --data " + copied + " have the same content" + twice},
		{"a proposal twice", []string{"decide", "--bank", bank, "--review", "examples/wijkteams/review.yaml",
			"--proposal", "examples/wijkteams/proposals/zwolle.yaml", "--proposal", "./examples/wijkteams/proposals/zwolle.yaml", "--out", filepath.Join(dir, "next.yaml")},
			"--proposal examples/wijkteams/proposals/zwolle.yaml and --proposal ./examples/wijkteams/proposals/zwolle.yaml are the same file: its votes would count twice; give each proposal once"},
	}
	if link != "" {
		tests = append(tests, struct {
			name string
			args []string
			msg  string
		}{"current and a link to it", flag("--previous", older, "--current", newer, "--current", link),
			"--current " + newer + " and --current " + link + " are the same file" + twice})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, "itemreduce: "+tc.msg) {
				t.Errorf("exit %d, stderr %q\nwant exit 2 and %q", r.code, r.stderr, tc.msg)
			}
			if r.stdout != "" {
				t.Errorf("output on a refusal: %.200q", r.stdout)
			}
		})
	}
	for _, out := range []string{"review.yaml", "x.summary.json", "next.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, out)); err == nil {
			t.Errorf("a refused run wrote %s", out)
		}
	}
}

// TestDistinctInputsAccepted: one file holding both waves read for each
// wave, and two proposals with the same content (two team leaders who
// propose the same), are not refused.
func TestDistinctInputsAccepted(t *testing.T) {
	dir := t.TempDir()
	r := runRoot(t, "flag", "--bank", "examples/wijkteams/bank.yaml", "--data", "examples/wijkteams/responses-alle-jaren.csv",
		"--wave-column", "jaar", "--previous-wave", "2016", "--current-wave", "2017", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"items_screened": 149`) {
		t.Errorf("--data for both waves: exit %d: %s", r.code, r.stderr)
	}
	// The file is noted once, though read for both waves.
	if n := strings.Count(r.stderr, "note: examples/wijkteams/responses-alle-jaren.csv: ignored 8 column(s)"); n != 1 {
		t.Errorf("the file is noted %d times:\n%s", n, r.stderr)
	}
	proposal, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/proposals/zwolle.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	same := filepath.Join(dir, "zwolle-again.yaml")
	if err := os.WriteFile(same, proposal, 0o644); err != nil {
		t.Fatal(err)
	}
	review := filepath.Join(dir, "review.yaml")
	if r := runRoot(t, append(reviewArgs, "--out", review)...); r.code != 0 {
		t.Fatalf("review: exit %d: %s", r.code, r.stderr)
	}
	r = runRoot(t, "decide", "--bank", "examples/wijkteams/bank.yaml", "--review", review,
		"--proposal", "examples/wijkteams/proposals/zwolle.yaml", "--proposal", same, "--out", filepath.Join(dir, "next.yaml"))
	if r.code != 0 {
		t.Errorf("two proposals with the same content: exit %d: %s", r.code, r.stderr)
	}
}
