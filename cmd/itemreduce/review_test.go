package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the repository root, where the tests run the program.
var repoRoot, _ = filepath.Abs("../..")

// runRoot runs itemreduce from the repository root like runCLI, and may be
// called several times in one test.
func runRoot(t *testing.T, args ...string) result {
	t.Helper()
	t.Chdir(repoRoot)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"itemreduce"}, args...), strings.NewReader(""), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

var reviewArgs = []string{"review",
	"--bank", "examples/wijkteams/bank.yaml",
	"--previous", "examples/wijkteams/responses-2016.csv",
	"--current", "examples/wijkteams/responses-2017.csv"}

// TestReviewExampleIsCurrent: refreshing the example's filled-in review
// file with the example's data changes nothing, and a fresh review file
// differs from it only where the researchers wrote.
func TestReviewExampleIsCurrent(t *testing.T) {
	example, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/review.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "review.yaml")
	if err := os.WriteFile(out, example, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runRoot(t, append(reviewArgs, "--out", out)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, example) {
		t.Errorf("refreshing examples/wijkteams/review.yaml changed it; refresh it with the README's review command")
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want the confirmation on stderr", r.stdout)
	}
	golden(t, "review-refresh.txt", strings.ReplaceAll(r.stderr, out, "review.yaml"))

	fresh := filepath.Join(t.TempDir(), "review.yaml")
	r = runRoot(t, append(reviewArgs, "--out", fresh)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want the confirmation on stderr", r.stdout)
	}
	golden(t, "review-new.txt", strings.ReplaceAll(r.stderr, fresh, "review.yaml"))
	data, _ := os.ReadFile(fresh)
	golden(t, "review-new.yaml", string(data))
}

// TestReviewRefreshAfterNewThresholds refreshes the filled-in example with
// the report's literal thresholds: TB04 loses its stable tick, and every
// line the researchers wrote is still there.
func TestReviewRefreshAfterNewThresholds(t *testing.T) {
	example, _ := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/review.yaml"))
	out := filepath.Join(t.TempDir(), "review.yaml")
	os.WriteFile(out, example, 0o644)
	r := runRoot(t, append(reviewArgs, "--config", "examples/wijkteams/report-2018.yaml", "--out", out)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "ticks or suggestion changed (1): TB04") {
		t.Errorf("stderr does not name TB04:\n%s", r.stderr)
	}
	got, _ := os.ReadFile(out)
	for _, line := range strings.Split(string(example), "\n") {
		s := strings.TrimSpace(line)
		human := strings.HasPrefix(s, "decision:") || strings.HasPrefix(s, "reason:") || strings.HasPrefix(s, "#") ||
			strings.HasPrefix(s, "from:") || strings.HasPrefix(s, "- id: OR23")
		if human && !bytes.Contains(got, []byte(line+"\n")) {
			t.Errorf("line lost: %s", line)
		}
	}
	if !bytes.Contains(got, []byte("config:\n    file: report-2018.yaml\n")) {
		t.Error("the screening: section does not name the rules file")
	}
}

// TestReviewRefusesBrokenFile: a review file with a mistake is reported
// with file and line, and left as it was.
func TestReviewRefusesBrokenFile(t *testing.T) {
	example, _ := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/review.yaml"))
	broken := bytes.Replace(example, []byte("    decision: behouden\n"), []byte("    decision: behoude\n"), 1)
	line := bytes.Count(broken[:bytes.Index(broken, []byte("decision: behoude"))], []byte("\n")) + 1
	out := filepath.Join(t.TempDir(), "review.yaml")
	os.WriteFile(out, broken, 0o644)
	r := runRoot(t, append(reviewArgs, "--out", out)...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if want := out + ":" + strconv.Itoa(line) + ":"; !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, `"behoude" is not a decision: write keep or drop (behouden or schrappen)`) {
		t.Errorf("stderr %q does not give %s and the problem", r.stderr, want)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, broken) {
		t.Error("the broken file was changed")
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("left %d files behind", len(entries))
	}
}

// TestReviewAllWavesFile checks that a review made from one file holding
// both waves records that file and how each wave was selected.
func TestReviewAllWavesFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "review.yaml")
	r := runRoot(t, "review", "--bank", "examples/wijkteams/bank.yaml",
		"--data", "examples/wijkteams/responses-alle-jaren.csv", "--wave-column", "jaar",
		"--previous-wave", "2016", "--current-wave", "2017", "--where", "gemeente=Zwolle", "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"  previous:\n    - file: responses-alle-jaren.csv\n",
		"  current:\n    - file: responses-alle-jaren.csv\n",
		"  where:\n    - gemeente=Zwolle\n    - jaar=2016 for the older wave\n    - jaar=2017 for the newer wave\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("review file lacks %q", want)
		}
	}
}
