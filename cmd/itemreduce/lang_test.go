package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// englishBank writes the example's bank without its language: key, so
// that the files default to English.
func englishBank(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/bank.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("\nlanguage: nl\n")) {
		t.Fatal("the example's bank does not say language: nl")
	}
	path := filepath.Join(t.TempDir(), "bank.yaml")
	os.WriteFile(path, bytes.Replace(data, []byte("\nlanguage: nl\n"), []byte("\n"), 1), 0o644)
	return path
}

// TestReviewLanguage: the review file is in the bank's language, or the
// one --lang names; a refresh keeps the language the file was written in
// and says so; an unknown language is a mistake on the command line.
func TestReviewLanguage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		wants []string
	}{
		{"bank says nl", nil, []string{"# Beoordelingsbestand: ", "  language: nl\n", "    suggestion: schrappen\n"}},
		{"--lang en", []string{"--lang", "en"}, []string{"# Review file: ", "    suggestion: drop\n"}},
		{"--lang NL", []string{"--lang", "NL"}, []string{"# Beoordelingsbestand: ", "    suggestion: behouden\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".yaml")
			r := runRoot(t, append(append(append([]string{}, reviewArgs...), "--out", out), tc.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			data, _ := os.ReadFile(out)
			for _, want := range tc.wants {
				if !bytes.Contains(data, []byte(want)) {
					t.Errorf("review file lacks %q", want)
				}
			}
		})
	}

	// An English file refreshed with the Dutch bank stays English.
	en := filepath.Join(dir, "--lang-en.yaml")
	before, _ := os.ReadFile(en)
	r := runRoot(t, append(append([]string{}, reviewArgs...), "--out", en)...)
	after, _ := os.ReadFile(en)
	if r.code != 0 || !bytes.Equal(before, after) {
		t.Errorf("refreshing the English file: exit %d, changed %v: %s", r.code, !bytes.Equal(before, after), r.stderr)
	}
	if !strings.Contains(r.stderr, "is written in English and stays so") {
		t.Errorf("the refresh does not say the file stays English: %s", r.stderr)
	}

	bad := filepath.Join(dir, "bad.yaml")
	r = runRoot(t, append(append([]string{}, reviewArgs...), "--out", bad, "--lang", "fries")...)
	if r.code != 2 || !strings.Contains(r.stderr, `--lang fries: write nl (Nederlands) or en (English)`) {
		t.Errorf("--lang fries: exit %d, %s", r.code, r.stderr)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("--lang fries wrote a file")
	}
}

// TestProposalChecklistLanguage: the checklist's comments follow the bank's
// language or --lang, and either loads as a proposal.
func TestProposalChecklistLanguage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, bank, want string
		args             []string
	}{
		{"nl from the bank", "examples/wijkteams/bank.yaml", "# Voorstel voor de volgende versie van Vragenlijst sociale wijkteams 2017.", nil},
		{"en by --lang", "examples/wijkteams/bank.yaml", "# Proposal for next year's version of Vragenlijst sociale wijkteams 2017.", []string{"--lang", "en"}},
		{"en without language", englishBank(t), "# Proposal for next year's version", nil},
		{"nl by --lang", englishBank(t), "# Voorstel voor de volgende versie", []string{"--lang", "nl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".yaml")
			r := runRoot(t, append([]string{"proposal", "--bank", tc.bank, "--out", out}, tc.args...)...)
			data, _ := os.ReadFile(out)
			if r.code != 0 || !strings.HasPrefix(string(data), tc.want) {
				t.Fatalf("exit %d, file begins %.80q, want %q: %s", r.code, data, tc.want, r.stderr)
			}
			r = runRoot(t, "decide", "--bank", tc.bank, "--review", "examples/wijkteams/review.yaml", "--proposal", out, "--out", filepath.Join(t.TempDir(), "next.yaml"))
			if r.code != 0 || !strings.Contains(r.stderr, "keeps 149") {
				t.Errorf("the checklist as written: exit %d, %s", r.code, r.stderr)
			}
		})
	}
}

// TestDecideLanguage: the Markdown and HTML audit follow the bank's
// language or --lang; the JSON audit is the same in both.
func TestDecideLanguage(t *testing.T) {
	dir := t.TempDir()
	audit := func(name string, args ...string) (string, result) {
		path := filepath.Join(dir, name)
		r := runRoot(t, append(append(append([]string{}, decideArgs...), "--out", filepath.Join(dir, "next.yaml"), "--audit", path), args...)...)
		data, _ := os.ReadFile(path)
		return string(data), r
	}
	for _, tc := range []struct {
		file, want string
		args       []string
	}{
		{"nl.md", "# Verantwoording van de itemreductie: ", nil},
		{"en.md", "# Audit of the item reduction: ", []string{"--lang", "en"}},
		{"nl.html", `<html lang="nl">`, nil},
		{"en.html", `<html lang="en">`, []string{"--lang", "en"}},
	} {
		got, r := audit(tc.file, tc.args...)
		if r.code != 0 || !strings.Contains(got, tc.want) {
			t.Errorf("%s: exit %d, lacks %q: %s", tc.file, r.code, tc.want, r.stderr)
		}
	}
	// The same JSON but for the command line and the audit's own name.
	nl, _ := audit("a.json")
	en, _ := audit("b.json", "--lang", "en")
	en = strings.Replace(en, ",\n      \"--lang\",\n      \"en\"\n", "\n", 1)
	if nl == "" || strings.ReplaceAll(nl, "a.json", "b.json") != en {
		t.Errorf("the JSON audit depends on --lang")
	}
	got, r := audit("bad.md", "--lang", "de")
	if r.code != 2 || got != "" || !strings.Contains(r.stderr, `--lang de: write nl (Nederlands) or en (English)`) {
		t.Errorf("--lang de: exit %d, wrote %d bytes: %s", r.code, len(got), r.stderr)
	}
}

// TestFlagCSVByLanguage: without language: nl the CSV has decimal points
// unless --decimal-comma asks otherwise.
func TestFlagCSVByLanguage(t *testing.T) {
	bank := englishBank(t)
	args := []string{"flag", "--bank", bank, "--previous", "examples/wijkteams/responses-2016.csv",
		"--current", "examples/wijkteams/responses-2017.csv", "--format", "csv"}
	if r := runRoot(t, args...); r.code != 0 || !strings.HasPrefix(r.stdout, "id,text,") {
		t.Errorf("no language: exit %d, CSV begins %.20q", r.code, r.stdout)
	}
	if r := runRoot(t, append(args, "--decimal-comma")...); r.code != 0 || !strings.HasPrefix(r.stdout, "\ufeffid;text;") {
		t.Errorf("--decimal-comma: exit %d, CSV begins %.20q", r.code, r.stdout)
	}
}
