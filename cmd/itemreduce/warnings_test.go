package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// enqueteBank rates the items of the SPSS fixture survey
// (itembank/sav/testdata/enquete_data.sps).
const enqueteBank = `scales:
  likert5: {min: 1, max: 5}
  grade10: {min: 1, max: 10}
items:
  - {id: werkdruk_ervaren, text: werkdruk, scale: likert5}
  - {id: samenwerking, text: samenwerking, scale: grade10}
  - {id: coordinatie, text: coordinatie, scale: likert5}
  - {id: tevredenheid, text: tevredenheid, scale: likert5}
`

// TestReaderWarningsPrinted checks that every command reading an SPSS file
// prints its reader's warnings on stderr, once per run, as
// "warning: FILE: ...". The file is the committed fixture
// enquete_compressed.sav with its character encoding record naming
// "UTF-9", which does not exist, made here by replacing its one "UTF-8":
// the reader reads it as windows-1252 and says so.
func TestReaderWarningsPrinted(t *testing.T) {
	dir := t.TempDir()
	fixtures := filepath.Join(repoRoot, "itembank/sav/testdata")
	data, err := os.ReadFile(filepath.Join(fixtures, "enquete_compressed.sav"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(data, []byte("UTF-8")) != 1 {
		t.Fatal("the fixture should name UTF-8 once, in its encoding record")
	}
	odd := filepath.Join(dir, "odd.sav")
	bank := filepath.Join(dir, "bank.yaml")
	if err := os.WriteFile(odd, bytes.Replace(data, []byte("UTF-8"), []byte("UTF-9"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bank, []byte(enqueteBank), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(fixtures, "enquete_uncompressed.sav")
	want := "warning: " + odd + `: offset 4060: character encoding record: unknown character encoding "UTF-9"; reading as windows-1252` + "\n"
	for name, args := range map[string][]string{
		"flag":             {"flag", "--bank", bank, "--previous", good, "--current", odd},
		"flag, both waves": {"flag", "--bank", bank, "--data", odd, "--wave-column", "resp_id", "--previous-wave", "1", "--current-wave", "2"},
		"summarize":        {"summarize", "--bank", bank, "--data", odd, "--min-respondents", "1", "-o", filepath.Join(dir, "odd.summary.json")},
		"bank init":        {"bank", "init", "--from", odd, "-o", filepath.Join(dir, "draft.yaml")},
		"review":           {"review", "--bank", bank, "--previous", good, "--current", odd, "--out", filepath.Join(dir, "review.yaml")},
		"flag, no warning": {"flag", "--bank", bank, "--previous", good, "--current", filepath.Join(fixtures, "enquete_compressed.sav")},
	} {
		t.Run(name, func(t *testing.T) {
			r := runRoot(t, args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			n := 1
			if name == "flag, no warning" {
				n = 0
			}
			if got := strings.Count(r.stderr, want); got != n || strings.Count(r.stderr, "warning:") != n {
				t.Errorf("the warning is %d times on stderr, want %d:\n%s", got, n, r.stderr)
			}
			if strings.Contains(r.stdout, "UTF-9") {
				t.Errorf("the warning went to stdout")
			}
		})
	}
}
