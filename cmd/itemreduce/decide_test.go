package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var decideArgs = []string{"decide",
	"--bank", "examples/wijkteams/bank.yaml",
	"--review", "examples/wijkteams/review.yaml",
	"--proposal", "examples/wijkteams/proposals/zwolle.yaml",
	"--proposal", "examples/wijkteams/proposals/ommen-hardenberg.yaml",
	"--proposal", "examples/wijkteams/proposals/steenwijkerland.yaml"}

// exampleFile compares got with a file the example ships, or rewrites it
// with -update.
func exampleFile(t *testing.T, path string, got []byte) {
	t.Helper()
	path = filepath.Join(repoRoot, path)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test ./cmd/itemreduce -update rewrites it)", path)
	}
}

// TestDecideExample runs the README's decision on the example and
// compares next year's bank and the audits with the files it ships.
func TestDecideExample(t *testing.T) {
	dir := t.TempDir()
	// The names of the README's command, which the audits record.
	for _, audit := range []string{"audit-2018.md", "audit-2018.html", "audit-2018.json"} {
		next := filepath.Join(dir, "next-2018.yaml")
		r := runRoot(t, append(decideArgs, "--combine", "at-least:3", "--title", "Vragenlijst sociale wijkteams 2018",
			"--out", next, "--audit", filepath.Join(dir, audit))...)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if audit == "audit-2018.md" {
			if r.stdout != "" {
				t.Errorf("stdout %q, want the confirmation on stderr", r.stdout)
			}
			golden(t, "decide-example.txt", strings.ReplaceAll(r.stderr, dir+string(filepath.Separator), ""))
			data, _ := os.ReadFile(next)
			exampleFile(t, "examples/wijkteams/next-2018.yaml", data)
		}
		data, err := os.ReadFile(filepath.Join(dir, audit))
		if err != nil {
			t.Fatal(err)
		}
		switch audit {
		case "audit-2018.json":
			golden(t, "decide-example-audit.json", string(data))
		default:
			exampleFile(t, "examples/wijkteams/audit-2018"+filepath.Ext(audit), data)
		}
	}

	// Next year's bank feeds straight into next year's screening.
	r := runRoot(t, "flag", "--bank", "examples/wijkteams/next-2018.yaml",
		"--previous", "examples/wijkteams/responses-2016.csv", "--current", "examples/wijkteams/responses-2017.csv")
	if r.code != 0 || !strings.Contains(r.stdout, "Screened 71 items") {
		t.Errorf("flag on next-2018.yaml: exit %d\n%s%s", r.code, r.stdout[:min(len(r.stdout), 300)], r.stderr)
	}
}

// TestDecideDefaultMajority: with the default rule an item stays when two
// of the four sources keep it; as Ommen-Hardenberg keeps everything, that
// is any item one other source keeps.
func TestDecideDefaultMajority(t *testing.T) {
	r := runRoot(t, append(decideArgs, "--out", filepath.Join(t.TempDir(), "next.yaml"))...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "149 items: 97 kept, 46 dropped, 6 merged into 3; 2 new → 102 items next year, written to ") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// TestDecideErrors: mistakes on the command line exit with 2, mistakes in
// the files with 1 and their file and line; nothing is written.
func TestDecideErrors(t *testing.T) {
	dir := t.TempDir()
	review, _ := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/review.yaml"))
	noReason := filepath.Join(dir, "no-reason.yaml")
	os.WriteFile(noReason, bytes.Replace(review, []byte(`    reason: "Over de samenwerking met de gemeente wordt dit jaar opnieuw onderhandeld."`), []byte("    reason:"), 1), 0o644)
	badProposal := filepath.Join(dir, "bad.yaml")
	os.WriteFile(badProposal, []byte("by: X\nkeep:\n  - SA01\n  - SA99\n"), 0o644)
	out := filepath.Join(dir, "next.yaml")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"audit format", append(decideArgs, "--out", out, "--audit", filepath.Join(dir, "audit.pdf")), 2, "must end in .md, .html or .json"},
		{"combine rule", append(decideArgs, "--out", out, "--combine", "most"), 2, `"most" is not a combine rule`},
		{"too few sources", append(decideArgs, "--out", out, "--combine", "at-least:5"), 2, "only 4 sources"},
		{"override without reason", []string{"decide", "--bank", "examples/wijkteams/bank.yaml", "--review", noReason, "--out", out}, 1,
			noReason + ":" + lineWith(t, review, "  - id: SA21") + ": item SA21: decision differs from the suggestion but gives no reason"},
		{"unknown item in proposal", append(decideArgs, "--proposal", badProposal, "--out", out), 1, badProposal + ":4:5: item SA99: not an item of the bank"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tc.code, tc.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("next.yaml was written")
			}
		})
	}
}

// lineWith returns the number, as text, of the line of the decision of
// the item that starts with the line item.
func lineWith(t *testing.T, data []byte, item string) string {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if l == item {
			for j := i; j < len(lines); j++ {
				if strings.HasPrefix(lines[j], "    decision:") {
					return strconv.Itoa(j + 1)
				}
			}
		}
	}
	t.Fatalf("%s not found", item)
	return ""
}
