package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

const checklistBank = "examples/wijkteams/bank.yaml"

// answerChecklist sets the keep cells of the first n items of a checklist
// written for the example to answer, as a team leader would in Excel.
func answerChecklist(t *testing.T, path string, n int, answer string, cells map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i := range n {
		f.SetCellValue(sheet, "D"+strconv.Itoa(8+i), answer)
	}
	for _, cell := range slices.Sorted(maps.Keys(cells)) { // the same file each time
		f.SetCellValue(sheet, cell, cells[cell])
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestProposalWorkbookRoute is the team leader's route: the researcher
// writes a Dutch checklist, the team leader answers it in Excel, the
// researcher checks it and decides with it next to a YAML proposal.
func TestProposalWorkbookRoute(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "zwolle.xlsx")
	r := runRoot(t, "proposal", "--bank", checklistBank, "--by", "Teamleider Zwolle", "--target", "80", "--lang", "nl", "-o", book)
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "Wrote "+book+": an Excel checklist of 149 items, each at ja.") {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetName(0); got != "Voorstel" {
		t.Errorf("sheet %q, want Voorstel", got)
	}
	f.Close()

	// Not replaced: it may hold the team leader's work.
	before, _ := os.ReadFile(book)
	r = runRoot(t, "proposal", "--bank", checklistBank, "-o", book)
	after, _ := os.ReadFile(book)
	if r.code != 1 || !strings.Contains(r.stderr, "already exists") || string(before) != string(after) {
		t.Errorf("overwrite: exit %d, %s", r.code, r.stderr)
	}

	// 69 items to nee (written in any case): 80 kept, on target.
	answerChecklist(t, book, 69, " Nee", nil)
	r = runRoot(t, "proposal", "check", "--bank", checklistBank, book, "examples/wijkteams/proposals/zwolle.yaml")
	if r.code != 0 {
		t.Fatalf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		book + ": valid, by Teamleider Zwolle: keeps 80 of 149 items, target 80: on target\n",
		"  theme                             kept    of\n",
		"  Samenwerking en kwaliteit            0    24\n", // the first 69 items are SA01-24, ER01-24 and 21 of IN
		"  Inhoud van het werk                 13    34\n",
		"  Werkbeleving                        17    17\n",
		"examples/wijkteams/proposals/zwolle.yaml: valid, by Teamleider Zwolle: keeps 80 of 149 items, target 80: on target\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}

	next := filepath.Join(dir, "next.yaml")
	r = runRoot(t, "decide", "--bank", checklistBank, "--review", "examples/wijkteams/review.yaml",
		"--proposal", book, "--proposal", "examples/wijkteams/proposals/ommen-hardenberg.yaml", "--combine", "any", "--out", next)
	if r.code != 0 || !strings.Contains(r.stderr, "Teamleider Zwolle            keeps  80 (target 80)") {
		t.Errorf("decide: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A mistake: decide and check both name the cell, check exits 1.
	answerChecklist(t, book, 0, "", map[string]string{"D14": "misschien", "B9": "SA99"})
	r = runRoot(t, "proposal", "check", "--bank", checklistBank, book)
	wantErr := book + ":Voorstel:14:4: cell D14: invalid answer for SA07: \"misschien\" is not ja or nee"
	if r.code != 1 || !strings.Contains(r.stdout, book+": not valid\n") || !strings.Contains(r.stdout, "  "+wantErr+"\n") ||
		!strings.Contains(r.stdout, "cell B9: SA99 is not an item of the bank") || !strings.Contains(r.stderr, "1 of 1 proposal(s) not valid") {
		t.Errorf("check of a mistake: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runRoot(t, "decide", "--bank", checklistBank, "--review", "examples/wijkteams/review.yaml", "--proposal", book, "--out", next+"2")
	if r.code != 1 || !strings.Contains(r.stderr, wantErr) {
		t.Errorf("decide with a mistake: exit %d\n%s", r.code, r.stderr)
	}

	r = runRoot(t, "proposal", "--bank", checklistBank, "-o", book, "--force")
	if r.code != 0 {
		t.Errorf("--force: exit %d, %s", r.code, r.stderr)
	}
}

// TestProposalLanguage: the workbook follows the bank's language unless
// --lang says otherwise.
func TestProposalLanguage(t *testing.T) {
	dir := t.TempDir()
	nlBank, enBank := checklistBank, englishBank(t) // the example's bank says language: nl
	for _, tc := range []struct {
		bank, lang, sheet string
	}{
		{nlBank, "", "Voorstel"}, {nlBank, "en", "Proposal"}, {enBank, "", "Proposal"}, {enBank, "NL", "Voorstel"},
	} {
		out := filepath.Join(dir, tc.sheet+tc.lang+filepath.Base(tc.bank)+".xlsx")
		args := []string{"proposal", "--bank", tc.bank, "-o", out}
		if tc.lang != "" {
			args = append(args, "--lang", tc.lang)
		}
		if r := runRoot(t, args...); r.code != 0 {
			t.Fatalf("%v: exit %d, %s", args, r.code, r.stderr)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetName(0); got != tc.sheet {
			t.Errorf("%v: sheet %q, want %q", args, got, tc.sheet)
		}
		f.Close()
	}
}

// TestProposalCommandLine: mistakes on the command line are usage errors
// (exit 2) that say what to do; nothing is written.
func TestProposalCommandLine(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"proposal", "--bank", checklistBank, "-o", filepath.Join(dir, "z.txt")}, 2, "the name must end in .xlsx (an Excel checklist) or .yaml"},
		{[]string{"proposal", "--bank", checklistBank, "-o", filepath.Join(dir, "z.xls")}, 2, "name it " + filepath.Join(dir, "z") + ".xlsx"},
		{[]string{"proposal", "--bank", checklistBank, "-o", filepath.Join(dir, "z.xlsx"), "--lang", "de"}, 2, "--lang de: write nl (Nederlands) or en (English)"},
		{[]string{"proposal", "--bank", checklistBank, "-o", checklistBank + ".xlsx", "--target", "-3"}, 2, "--target -3"},
		{[]string{"proposal", "--bank", checklistBank, "zwolle.xlsx"}, 2, "proposal takes no file names (got \"zwolle.xlsx\"): to check a proposal, run itemreduce proposal check"},
		{[]string{"proposal", "chek"}, 2, "unknown command \"chek\"; did you mean \"check\"?"},
		{[]string{"proposal", "-o", filepath.Join(dir, "z.xlsx")}, 2, "itemreduce proposal: give --bank FILE (item bank FILE (YAML))\n"},
		{[]string{"proposal", "check", "--bank", checklistBank}, 2, "give the proposal files to check"},
		{[]string{"proposal", "check", "z.xlsx", "--bank", checklistBank}, 2, "--bank after the files: give the options first"},
		{[]string{"proposal", "check", "z.xlsx"}, 2, "itemreduce proposal check: give --bank FILE"},
	} {
		t.Run(strings.Join(tc.args[1:], " "), func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d with %q", r.code, r.stderr, tc.code, tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused runs wrote %d files", len(entries))
	}
	if _, err := os.Stat(filepath.Join(repoRoot, checklistBank+".xlsx")); err == nil {
		t.Errorf("a refused run wrote next to the bank")
	}
}

// TestProposalFormats: a YAML checklist with -o NAME.yml, and a proposal
// given to decide that is named .xlsx but is not a workbook.
func TestProposalFormats(t *testing.T) {
	dir := t.TempDir()
	yml := filepath.Join(dir, "z.yml")
	if r := runRoot(t, "proposal", "--bank", checklistBank, "-o", yml); r.code != 0 {
		t.Fatalf("exit %d, %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(yml)
	if !strings.HasPrefix(string(data), "# Voorstel voor de volgende versie van") { // the bank says language: nl
		t.Errorf(".yml is not the YAML checklist: %.60q", data)
	}
	dutch := filepath.Join(dir, "nl.yaml")
	if r := runRoot(t, "proposal", "--bank", checklistBank, "--lang", "nl", "-o", dutch); r.code != 0 {
		t.Fatalf("exit %d, %s", r.code, r.stderr)
	}
	if nl, _ := os.ReadFile(dutch); !strings.HasPrefix(string(nl), "# Voorstel voor de volgende versie van Vragenlijst sociale wijkteams 2017.") {
		t.Errorf("--lang nl: %.60q", nl)
	}
	fake := filepath.Join(dir, "fake.xlsx")
	os.WriteFile(fake, data, 0o644)
	r := runRoot(t, "proposal", "check", "--bank", checklistBank, fake, yml)
	if r.code != 1 || !strings.Contains(r.stdout, fake+": not an Excel workbook, though its name says so") ||
		!strings.Contains(r.stdout, yml+": valid, by z: keeps 149 of 149 items, no target given") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	csv := filepath.Join(dir, "zwolle.csv")
	os.WriteFile(csv, []byte("Thema;id;Tekst;Behouden?\n"), 0o644)
	r = runRoot(t, "proposal", "check", "--bank", checklistBank, csv)
	if r.code != 1 || !strings.Contains(r.stdout, "open the checklist in Excel and save it as Excel Workbook (.xlsx)") {
		t.Errorf("csv: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A workbook saved under a .yaml name is read as the workbook it is.
	book := filepath.Join(dir, "z.xlsx")
	if r := runRoot(t, "proposal", "--bank", checklistBank, "-o", book); r.code != 0 {
		t.Fatal(r.stderr)
	}
	renamed := filepath.Join(dir, "renamed.yaml")
	b, _ := os.ReadFile(book)
	os.WriteFile(renamed, b, 0o644)
	r = runRoot(t, "proposal", "check", "--bank", checklistBank, renamed)
	if r.code != 0 || !strings.Contains(r.stdout, renamed+": valid") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestProposalCheckHelp: help proposal check is proposal check --help.
func TestProposalCheckHelp(t *testing.T) {
	a, b := runRoot(t, "help", "proposal", "check"), runRoot(t, "proposal", "check", "--help")
	if a.code != 0 || a.stdout != b.stdout || !strings.HasPrefix(a.stdout, "NAME:\n   itemreduce proposal check - ") {
		t.Errorf("help proposal check: exit %d\n%s", a.code, a.stdout)
	}
}

// TestExampleChecklistWorkbook: examples/wijkteams/proposals/zwolle.xlsx
// is the Dutch checklist answered as zwolle.yaml is, and reads to the same
// proposal. -update writes it again: the checklist of the bank with nee
// for every item zwolle.yaml leaves out.
func TestExampleChecklistWorkbook(t *testing.T) {
	const book, yaml = "examples/wijkteams/proposals/zwolle.xlsx", "examples/wijkteams/proposals/zwolle.yaml"
	t.Chdir(repoRoot)
	bank, err := itembank.LoadBankFile(checklistBank)
	if err != nil {
		t.Fatal(err)
	}
	want, err := reduction.LoadProposalFile(yaml, bank)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		os.Remove(book)
		if r := runRoot(t, "proposal", "--bank", checklistBank, "--by", want.By, "--target", strconv.Itoa(want.TargetLength), "--lang", "nl", "-o", book); r.code != 0 {
			t.Fatal(r.stderr)
		}
		noes := map[string]string{}
		for i, it := range bank.Items {
			if !want.Keeps(it.ID) {
				noes["D"+strconv.Itoa(8+i)] = "nee"
			}
		}
		answerChecklist(t, book, 0, "", noes)
	}
	got, err := loadProposal(book, bank)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/itemreduce -run TestExampleChecklistWorkbook -update to write it)", err)
	}
	if got.By != want.By || got.TargetLength != want.TargetLength {
		t.Errorf("by %q, target %d; zwolle.yaml has %q, %d", got.By, got.TargetLength, want.By, want.TargetLength)
	}
	for _, it := range bank.Items {
		if got.Keeps(it.ID) != want.Keeps(it.ID) {
			t.Errorf("%s: the workbook keeps it %v, zwolle.yaml %v", it.ID, got.Keeps(it.ID), want.Keeps(it.ID))
		}
	}
}
