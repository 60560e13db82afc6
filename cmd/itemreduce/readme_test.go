package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// readmeBlock returns the body of the README's first fenced block whose
// first line starts with start, failing the test when there is none.
func readmeBlock(t *testing.T, start string) []string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range strings.Split(string(readme), "```")[1:] {
		_, body, _ := strings.Cut(part, "\n") // after the fence's language
		if strings.HasPrefix(body, start) {
			return strings.Split(strings.TrimRight(body, "\n"), "\n")
		}
	}
	t.Fatalf("the README has no block starting %q", start)
	return nil
}

// quotedInOrder checks that every quoted line is a line of printed, in
// order. A quoted line "..." stands for any lines; a line ending in
// ` ..."` (a reason cut short) matches a line starting with what precedes it.
func quotedInOrder(t *testing.T, what string, quote []string, printed string) {
	t.Helper()
	lines := strings.Split(printed, "\n")
	at := 0
	for _, q := range quote {
		if strings.TrimSpace(q) == "..." {
			continue
		}
		prefix, cut := strings.CutSuffix(q, ` ..."`)
		for at < len(lines) && !(lines[at] == q || cut && strings.HasPrefix(lines[at], prefix)) {
			at++
		}
		if at == len(lines) {
			t.Errorf("the README quotes a line %s does not print (in this order):\n%s", what, q)
			return
		}
		at++
	}
}

// TestREADMEQuotes keeps the README's quotes of what the commands print
// and write true: the proposal check of the Excel checklist, the decision,
// the researchers' entry for TB01, the refusal of a review file edited by
// hand, and the drafted bank. The screen table and shorten have their own
// tests (TestREADMEQuotesTheTable, TestShortenREADME).
func TestREADMEQuotes(t *testing.T) {
	t.Run("proposal check", func(t *testing.T) {
		r := runRoot(t, "proposal", "check", "--bank", exampleBank, "examples/wijkteams/proposals/zwolle.xlsx")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		quotedInOrder(t, "proposal check", readmeBlock(t, "examples/wijkteams/proposals/zwolle.xlsx: valid"), r.stdout)
	})
	t.Run("decide", func(t *testing.T) {
		// The golden file is the README's command with --audit audit-2018.md
		// (TestDecideExample); the README writes the HTML audit.
		gold, err := os.ReadFile(filepath.Join(testdata, "decide-example.txt"))
		if err != nil {
			t.Fatal(err)
		}
		printed := strings.ReplaceAll(string(gold), "Audit: audit-2018.md", "Audit: audit-2018.html")
		quotedInOrder(t, "decide", readmeBlock(t, "149 items: "), printed)
	})
	t.Run("review entry", func(t *testing.T) {
		example, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/review.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		quotedInOrder(t, "examples/wijkteams/review.yaml", readmeBlock(t, "  - id: TB01"), string(example))
	})
	t.Run("edited by hand", func(t *testing.T) {
		example, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/review.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		// Change the ticks of SA01 and SA07, as the README's message has it.
		lines := strings.Split(string(example), "\n")
		item := ""
		for i, l := range lines {
			if id, ok := strings.CutPrefix(l, "  - id: "); ok {
				item = id
			}
			if (item == "SA01" || item == "SA07") && strings.HasPrefix(l, "    flags: [") {
				lines[i] = "    flags: [ceiling]"
			}
		}
		dir := t.TempDir()
		review := filepath.Join(dir, "review.yaml")
		if err := os.WriteFile(review, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runRoot(t, "decide", "--bank", exampleBank, "--review", review, "--out", filepath.Join(dir, "next.yaml"))
		if r.code != 1 {
			t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
		}
		quotedInOrder(t, "decide", readmeBlock(t, "itemreduce: review.yaml: the computed fields"),
			strings.ReplaceAll(r.stderr, review, "review.yaml"))
	})
	t.Run("bank init", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "bank.yaml")
		r := runRoot(t, "bank", "init", "--from", "examples/wijkteams/responses-2017.sav", "-o", out)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		draft, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		quotedInOrder(t, "bank init", readmeBlock(t, "# Draft item bank made from"), string(draft))
	})
}

// TestExampleREADMEFigures keeps the figures of examples/wijkteams/README.md
// true: its counts per rule and per number of ticks, its items with four
// ticks and without any, are those of the screen table (the golden file
// of the README's first command, flag-example.txt).
func TestExampleREADMEFigures(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	gold, err := os.ReadFile(filepath.Join(testdata, "flag-example.txt"))
	if err != nil {
		t.Fatal(err)
	}
	perRule := map[string]int{}
	byTicks := map[string][]string{}
	for _, l := range strings.Split(string(gold), "\n") {
		f := strings.Fields(l)
		// An item's line: id, scale, ..., the four rules' marks, the ticks.
		if len(f) < 6 || f[1] != "likert5" && f[1] != "grade10" {
			continue
		}
		marks := f[len(f)-5 : len(f)-1]
		for i, rule := range []string{"stable", "ceiling", "low_spread", "redundant"} {
			if marks[i] == "X" {
				perRule[rule]++
			}
		}
		byTicks[f[len(f)-1]] = append(byTicks[f[len(f)-1]], f[0])
	}
	for rule, n := range perRule {
		if row := "| `" + rule + "` | " + strconv.Itoa(n) + " |"; !strings.Contains(text, row) {
			t.Errorf("the example's README lacks %q", row)
		}
	}
	row := "| items |"
	for _, k := range []string{"0", "1", "2", "3", "4"} {
		row += " " + strconv.Itoa(len(byTicks[k])) + " |"
	}
	if !strings.Contains(text, row) {
		t.Errorf("the example's README lacks %q", row)
	}
	four := byTicks["4"]
	if want := "The items with four ticks are " + strings.Join(four[:len(four)-1], ", ") + " and " + four[len(four)-1] + "."; !strings.Contains(text, want) {
		t.Errorf("the example's README lacks %q", want)
	}
	_, none, _ := strings.Cut(text, "Items without any tick include ")
	zero := map[string]bool{}
	for _, id := range byTicks["0"] {
		zero[id] = true
	}
	for _, w := range strings.FieldsFunc(none, func(r rune) bool { return r == ',' || r == ' ' }) {
		if w == "and" {
			continue
		}
		if w == "which" {
			break
		}
		if !zero[w] {
			t.Errorf("the example's README names %s among the items without any tick", w)
		}
	}
}

// TestAuditSameInAnyFolder attacks the README's promise that the same
// command on the same inputs gives the same audit byte for byte in
// whatever folder it is run: the README's decision run from inside the
// example folder, the inputs named without folders and the outputs
// elsewhere, writes the example's audits exactly.
func TestAuditSameInAnyFolder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(filepath.Join(repoRoot, "examples", "wijkteams"))
	for _, audit := range []string{"audit-2018.md", "audit-2018.html"} {
		var stdout, stderr bytes.Buffer
		args := []string{"itemreduce", "decide", "--bank", "bank.yaml", "--review", "./review.yaml",
			"--proposal", "proposals/zwolle.yaml", "--proposal", "proposals/ommen-hardenberg.yaml",
			"--proposal", "proposals/../proposals/steenwijkerland.yaml",
			"--combine", "at-least:3", "--title", "Vragenlijst sociale wijkteams 2018",
			"--out", filepath.Join(dir, "next-2018.yaml"), "--audit", filepath.Join(dir, audit)}
		if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		got, err := os.ReadFile(filepath.Join(dir, audit))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(audit)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s run from the example folder differs from the example's", audit)
		}
	}
}

// TestREADMELinks: every link of the README to one of its own sections
// (](#...)) names a heading, spelt as GitHub makes anchors of headings:
// lower case, spaces as hyphens, other punctuation dropped.
func TestREADMELinks(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, l := range strings.Split(string(readme), "\n") {
		if !strings.HasPrefix(l, "#") || !strings.Contains(l, "# ") {
			continue
		}
		_, heading, _ := strings.Cut(l, "# ")
		var a strings.Builder
		for _, r := range strings.ToLower(heading) {
			switch {
			case r == ' ':
				a.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				a.WriteRune(r)
			}
		}
		anchors[a.String()] = true
	}
	links := regexp.MustCompile(`\]\(#([^)]*)\)`).FindAllStringSubmatch(string(readme), -1)
	if len(links) == 0 {
		t.Fatal("no links to sections found")
	}
	for _, m := range links {
		if !anchors[m[1]] {
			t.Errorf("the README links to #%s, which is no heading", m[1])
		}
	}
}

// TestREADMEReliabilityCost: the README's example of what the decision
// costs ("Samenwerking en kwaliteit" from 24 items, alpha 0.77, to 10
// items, alpha 0.60) is what the audit of its decision with --current says.
func TestREADMEReliabilityCost(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const says = `"Samenwerking en kwaliteit" goes from 24 items, alpha 0.77, to 10 items, alpha 0.60`
	if !strings.Contains(strings.Join(strings.Fields(string(readme)), " "), says) {
		t.Fatalf("the README no longer says %s; update this test with it", says)
	}
	audit := filepath.Join(t.TempDir(), "audit.md")
	r := runRoot(t, append(decideArgs, "--combine", "at-least:3", "--current", example2017,
		"--out", filepath.Join(t.TempDir(), "next.yaml"), "--audit", audit)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(audit)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "| Samenwerking en kwaliteit | 24 | 10 | 0.77 | 0.60 |") {
		t.Errorf("the audit does not give the README's 24 items, alpha 0.77, and 10 items, alpha 0.60 for Samenwerking en kwaliteit")
	}
}
