package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

const (
	exampleBank = "examples/wijkteams/bank.yaml"
	example2016 = "examples/wijkteams/responses-2016.csv"
	example2017 = "examples/wijkteams/responses-2017.csv"
)

// TestSummariesGiveTheSameScreening summarises the example per
// municipality and checks that screening with the six summaries gives,
// byte for byte, the screening of the files of answers themselves; and
// the same with raw answers and summaries mixed in one wave. The minimum
// is 5, at which no summary withholds anything: Steenwijkerland's 12
// respondents answered every item, and every pair of items, at least 5
// times (TestSummariesWithhold is the default minimum of 10).
func TestSummariesGiveTheSameScreening(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]string{}
	for _, wave := range []struct{ name, data string }{{"2016", example2016}, {"2017", example2017}} {
		for _, g := range []string{"Zwolle", "Ommen-Hardenberg", "Steenwijkerland"} {
			out := filepath.Join(dir, g+"-"+wave.name+".summary.json")
			r := runRoot(t, "summarize", "--bank", exampleBank, "--data", wave.data, "--where", "gemeente="+g, "--min-respondents", "5",
				"--ledger", filepath.Join(dir, "releases.json"), "-o", out)
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
	// The selection names the files read: summaries here, answers there.
	if withoutSelection(t, pooled.stdout) != withoutSelection(t, raw.stdout) {
		t.Errorf("flag on the summaries differs from flag on the answers")
	}
	if pooled.stderr != "" {
		t.Errorf("flag on the summaries wrote to stderr: %q", pooled.stderr)
	}
	mixed := runRoot(t, "flag", "--bank", exampleBank, "--format", "json", "--previous", example2016,
		"--current", files["2017"][0], "--current", files["2017"][1], "--current", files["2017"][2])
	if mixed.code != 0 || withoutSelection(t, mixed.stdout) != withoutSelection(t, raw.stdout) {
		t.Errorf("flag on answers and summaries mixed: exit %d: %s", mixed.code, mixed.stderr)
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

// TestSummarizeOneWaveAtATime: a file holding several waves is refused
// unless the rows of one wave are selected; one wave of the file of every
// wave summarises, byte for byte, like that wave's own file.
func TestSummarizeOneWaveAtATime(t *testing.T) {
	dir := t.TempDir()
	all := "examples/wijkteams/responses-alle-jaren.csv"
	refused := "itemreduce: " + all + " holds several waves in column jaar (2016, 2017): summarise one wave at a time, e.g. --where jaar=2017\n"
	for _, tc := range []struct {
		name  string
		where []string
	}{
		{"every row", nil},
		{"a municipality of both waves", []string{"--where", "gemeente=Zwolle"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "refused.summary.json")
			r := runRoot(t, append([]string{"summarize", "--bank", exampleBank, "--data", all, "-o", out}, tc.where...)...)
			if r.code != 1 || !strings.HasSuffix(r.stderr, refused) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, refused)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused summary was written")
			}
		})
	}

	fromAll := filepath.Join(dir, "from-all.summary.json")
	if r := runRoot(t, "summarize", "--bank", exampleBank, "--data", all, "--where", "jaar=2017", "-o", fromAll); r.code != 0 {
		t.Fatalf("--where jaar=2017: exit %d: %s", r.code, r.stderr)
	}
	own := filepath.Join(dir, "own.summary.json")
	if r := runRoot(t, "summarize", "--bank", exampleBank, "--data", example2017, "-o", own); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	a, _ := os.ReadFile(fromAll)
	b, _ := os.ReadFile(own)
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("2017 from the file of every wave differs from responses-2017.csv's summary")
	}

	// --no-wave-check reads the file as one wave, for a column that only
	// looks like a wave column.
	pooled := filepath.Join(dir, "pooled.summary.json")
	r := runRoot(t, "summarize", "--bank", exampleBank, "--data", all, "--no-wave-check", "-o", pooled)
	if r.code != 0 || !strings.Contains(r.stderr, "wrote "+pooled+": 227 respondents") {
		t.Errorf("--no-wave-check: exit %d: %s", r.code, r.stderr)
	}

	// flag refuses it as one wave too, and says how to give it.
	r = runRoot(t, "flag", "--bank", exampleBank, "--previous", example2016, "--current", all)
	want := "itemreduce: --current " + all + " holds several waves in column jaar (2016, 2017): give the files of one wave to --previous and to --current, or this file with --data " + all + " --wave-column jaar --previous-wave 2016 --current-wave 2017\n"
	if r.code != 1 || r.stdout != "" || !strings.HasSuffix(r.stderr, want) {
		t.Errorf("flag: exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
	}
}

// The five attacks of the issue "Summaries that keep their promise", each
// run on the example: what recovered answers, or was accepted, before is
// refused now, or recovers nothing.

// exampleAnswers reads the example's 2017 answers: header and rows.
func exampleAnswers(t *testing.T) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, example2017))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[0], rows[1:]
}

func writeAnswers(t *testing.T, path string, header []string, rows [][]string) {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(rows)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// column returns the field of a column.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %s", name)
	}
	return i
}

// answersOf returns what one row answered, item by item, as a summary
// writes answers: missing codes (9 = don't know) and empty cells left out.
func answersOf(t *testing.T, header, row []string) map[string]string {
	t.Helper()
	bank, err := itembank.LoadBankFile(filepath.Join(repoRoot, exampleBank))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, it := range bank.Items {
		v, err := itembank.ParseValue(row[column(t, header, it.ID)])
		if err == nil && !it.Scale.IsMissing(v) {
			out[it.ID] = v.String()
		}
	}
	return out
}

// summaryFile is a summary file as an attacker reads it.
type summaryFile struct {
	Respondents int64 `json:"respondents"`
	Places      int   `json:"places"`
	Items       []struct {
		ID       string   `json:"id"`
		Withheld bool     `json:"withheld"`
		Values   []string `json:"values"`
		Counts   []int64  `json:"counts"`
	} `json:"items"`
	Pairs []json.RawMessage `json:"pairs"`
}

func readSummaryFile(t *testing.T, path string) summaryFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s summaryFile
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// subtract is the differencing attack: for every item whose frequencies
// in a are those of b plus one answer, that answer.
func subtract(a, b summaryFile) map[string]string {
	out := map[string]string{}
	for i, ia := range a.Items {
		diff := map[string]int64{}
		for k, v := range ia.Values {
			diff[v] += ia.Counts[k]
		}
		for k, v := range b.Items[i].Values {
			diff[v] -= b.Items[i].Counts[k]
		}
		var one []string
		others := false
		for v, d := range diff {
			switch d {
			case 0:
			case 1:
				one = append(one, v)
			default:
				others = true
			}
		}
		if len(one) == 1 && !others {
			out[ia.ID] = one[0]
		}
	}
	return out
}

// summarizeArgs are the arguments that summarise the example's 2017
// answers in data (the example's own file when empty) into out.
func summarizeArgs(data, out, ledger string, more ...string) []string {
	if data == "" {
		data = example2017
	}
	return append([]string{"summarize", "--bank", exampleBank, "--data", data, "--ledger", ledger, "-o", out}, more...)
}

// TestAttackDifferencing: the team Aa-landen has 15 members, 14 of them
// women. Its summary and that of its women differ by the one man: on
// HEAD, subtracting the two gave all his answers. With two release
// records (as two sites would have) the attack still works, which shows
// what the record stops: with one record, the second summary is refused,
// whichever comes first and however respondents are recognised.
func TestAttackDifferencing(t *testing.T) {
	dir := t.TempDir()
	header, rows := exampleAnswers(t)
	var his map[string]string
	for _, row := range rows {
		if row[column(t, header, "team")] == "Aa-landen" && row[column(t, header, "geslacht")] == "m" {
			his = answersOf(t, header, row)
		}
	}
	team := []string{"--where", "team=Aa-landen"}
	women := []string{"--where", "team=Aa-landen", "--where", "geslacht=v"}

	// Two records: nothing to compare with, so both are written...
	teamOut, womenOut := filepath.Join(dir, "team.summary.json"), filepath.Join(dir, "women.summary.json")
	for _, run := range [][]string{
		summarizeArgs("", teamOut, filepath.Join(dir, "a.json"), team...),
		summarizeArgs("", womenOut, filepath.Join(dir, "b.json"), women...),
	} {
		if r := runRoot(t, run...); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
	// ...and subtracting them gives every answer of the man: 146 (he left
	// 3 items empty).
	got := subtract(readSummaryFile(t, teamOut), readSummaryFile(t, womenOut))
	if len(his) != 146 || !maps.Equal(got, his) {
		t.Fatalf("the attack recovered %d answers, %d of them his; he gave %d", len(got), countSame(got, his), len(his))
	}

	// One record: the second summary, either way round, is refused.
	for _, tc := range []struct {
		name          string
		first, second []string
		id            []string
		want          string
	}{
		{"the women after the team", team, women, nil, "1 respondent(s) of release 1 of "},
		{"the team after the women", women, team, nil, "1 respondent(s) in this summary are not in release 1 of "},
		{"by respondent id", team, women, []string{"--id-column", "respondent"}, "1 respondent(s) of release 1 of "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ledger := filepath.Join(t.TempDir(), "releases.json")
			first := filepath.Join(dir, "first.summary.json")
			second := filepath.Join(dir, "second.summary.json")
			os.Remove(second)
			if r := runRoot(t, summarizeArgs("", first, ledger, append(tc.first, tc.id...)...)...); r.code != 0 {
				t.Fatalf("first: exit %d: %s", r.code, r.stderr)
			}
			before, _ := os.ReadFile(ledger)
			r := runRoot(t, summarizeArgs("", second, ledger, append(tc.second, tc.id...)...)...)
			if r.code != 1 || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "subtracting one summary from the other would show their answers") ||
				!strings.Contains(r.stderr, "("+first+" --where ") {
				t.Errorf("exit %d, stderr %q; want exit 1 saying %q and naming %s", r.code, r.stderr, tc.want, first)
			}
			if _, err := os.Stat(second); err == nil {
				t.Error("the refused summary was written")
			}
			if after, _ := os.ReadFile(ledger); !bytes.Equal(before, after) {
				t.Error("the refused summary was recorded")
			}
		})
	}
}

func countSame(a, b map[string]string) int {
	n := 0
	for k, v := range a {
		if b[k] == v {
			n++
		}
	}
	return n
}

// TestAttackRepetition: one respondent's row given ten times was, on HEAD,
// a summary of "10 respondents". The same file or a copy given twice is
// refused by the check on inputs (inputs.go); the row repeated in one
// file, by the check that each respondent is one row.
func TestAttackRepetition(t *testing.T) {
	dir := t.TempDir()
	header, rows := exampleAnswers(t)
	one := []string{"--where", "respondent=2017-108"}
	args := []string{"summarize", "--bank", exampleBank, "--ledger", filepath.Join(dir, "releases.json"), "-o", filepath.Join(dir, "one.summary.json")}
	copies := slices.Clone(args)
	same := slices.Clone(args)
	for k := range 10 {
		same = append(same, "--data", example2017)
		c := filepath.Join(dir, fmt.Sprintf("copy%d.csv", k))
		writeAnswers(t, c, header, rows)
		copies = append(copies, "--data", c)
	}
	var his []string
	for _, row := range rows {
		if row[0] == "2017-108" {
			his = row
		}
	}
	tenTimes := filepath.Join(dir, "ten-times.csv")
	writeAnswers(t, tenTimes, header, slices.Repeat([][]string{his}, 10))
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"one file ten times", append(same, one...), 2, "--data " + example2017 + " is given twice: it would be counted twice"},
		{"ten copies", append(copies, one...), 2, "have the same content: it would be counted twice"},
		{"a row ten times", append(args, "--data", tenTimes), 1, tenTimes + ":2: one respondent in two rows: this row is the same as line 3 in every column"},
		{"an id ten times", append(args, "--data", tenTimes, "--id-column", "respondent"), 1, tenTimes + ":2: one respondent in two rows: the respondent id in column respondent is also the id of line 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "one.summary.json")); err == nil {
				t.Error("a summary was written")
			}
		})
	}
}

// pairAnswers is the lone-answer attack: an item only one person answered
// has pair sums with N = 1 against every other item, and Σy of each is
// that person's answer to the other item. It returns the answers so read.
func pairAnswers(t *testing.T, s summaryFile, lone int) map[string]string {
	t.Helper()
	out := map[string]string{}
	p := len(s.Items)
	k := 0
	for i := range p {
		for j := i + 1; j < p; j++ {
			var sums []int64
			if json.Unmarshal(s.Pairs[k], &sums) == nil && sums[0] == 1 {
				switch lone {
				case i:
					out[s.Items[j].ID] = itembank.Value{Units: sums[2], Places: s.Places}.String()
				case j:
					out[s.Items[i].ID] = itembank.Value{Units: sums[1], Places: s.Places}.String()
				}
			}
			k++
		}
	}
	return out
}

// TestAttackLoneAnswer: in the team Aa-landen (15), SA01 is answered by
// one person only, as routing would have it. On HEAD the summary held the
// pair sums of SA01 with every other item over that one person: their
// answers, read off Σy. Now SA01 is withheld with its pairs (the attack
// reads nothing), summarize says so, and flag leaves SA01 undecided.
// --min-respondents 1, which withholds nothing, shows the attack as it was.
func TestAttackLoneAnswer(t *testing.T) {
	dir := t.TempDir()
	header, rows := exampleAnswers(t)
	sa01 := column(t, header, "SA01")
	var team [][]string
	for _, row := range rows {
		if row[column(t, header, "team")] == "Aa-landen" {
			row = slices.Clone(row)
			if len(team) > 0 {
				row[sa01] = ""
			}
			team = append(team, row)
		}
	}
	theirs := answersOf(t, header, team[0])
	delete(theirs, "SA01")
	data := filepath.Join(dir, "aa-landen.csv")
	writeAnswers(t, data, header, team)

	open := filepath.Join(dir, "open.summary.json")
	if r := runRoot(t, summarizeArgs(data, open, filepath.Join(dir, "a.json"), "--min-respondents", "1")...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// They answered 108 other items: the attack reads all 108.
	if got := pairAnswers(t, readSummaryFile(t, open), 0); len(theirs) != 108 || !maps.Equal(got, theirs) {
		t.Fatalf("without a minimum the attack reads %d answers, %d of them right, of %d", len(got), countSame(got, theirs), len(theirs))
	}

	safe := filepath.Join(dir, "safe.summary.json")
	r := runRoot(t, summarizeArgs(data, safe, filepath.Join(dir, "b.json"))...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "withheld: item SA01: 1 people answered it, fewer than 10 (--min-respondents); its counts and its pairs with other items are left out\n"; !strings.Contains(r.stderr, want) {
		t.Errorf("summarize does not say what it withheld: %s", r.stderr)
	}
	s := readSummaryFile(t, safe)
	if got := pairAnswers(t, s, 0); len(got) != 0 || !s.Items[0].Withheld || s.Items[0].Values != nil {
		t.Errorf("the summary still gives %d answers; SA01 %+v", len(got), s.Items[0])
	}
	for k := range len(s.Items) - 1 { // the pairs (SA01, j) come first
		if string(s.Pairs[k]) != `"withheld"` {
			t.Errorf("pair SA01-%s is %s, want \"withheld\"", s.Items[k+1].ID, s.Pairs[k])
		}
	}
	r = runRoot(t, "flag", "--bank", exampleBank, "--previous", example2016, "--current", safe, "--format", "json")
	if r.code != 0 {
		t.Fatalf("flag: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `"reason": "withheld_current"`) || !strings.Contains(r.stderr, safe+": withholds 1 item(s) (SA01) with their pairs") {
		t.Errorf("flag does not report SA01 as withheld:\n%.3000s\n%s", r.stdout, r.stderr)
	}
}

// TestAttackEmptyRows: the team Centrum-Diezerpoort has 9 respondents; on
// HEAD a tenth row that answers no item (a questionnaire broken off at
// its start) lifted it to the minimum of 10. It is no respondent.
func TestAttackEmptyRows(t *testing.T) {
	dir := t.TempDir()
	header, rows := exampleAnswers(t)
	empty := make([]string, len(header))
	copy(empty, []string{"2017-999", "Zwolle", "Centrum-Diezerpoort", "generalist", "40", "v", "3"})
	data := filepath.Join(dir, "with-empty-row.csv")
	writeAnswers(t, data, header, append(slices.Clone(rows), empty))
	out := filepath.Join(dir, "cd.summary.json")
	r := runRoot(t, summarizeArgs(data, out, filepath.Join(dir, "releases.json"), "--where", "team=Centrum-Diezerpoort")...)
	want := "only 9 respondent(s) to summarise (1 more row(s) answer no item of the bank, and are no respondents); a summary needs at least 10 (--min-respondents)"
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the summary was written")
	}
}

// TestAttackTampering: a summary edited by hand, or damaged, is refused by
// flag, naming the file, the line and the item or pair. On HEAD each was
// read: pair sums of 2^62, pooled with a copy, overflowed into r = −1.00
// and a redundant tick; a key given twice or in other capitals was read
// as encoding/json reads it (the last wins; capitals do not matter), so
// that what a privacy officer read was not what the tool used.
func TestAttackTampering(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "zwolle.summary.json")
	if r := runRoot(t, summarizeArgs("", good, filepath.Join(dir, "releases.json"), "--where", "gemeente=Zwolle")...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(good)
	text := string(data)
	// The first pair, SA01-SA02, is on the line after "pairs": [.
	start := strings.Index(text, "\"pairs\": [\n    [") + len("\"pairs\": [\n    ")
	firstPair := text[start : start+strings.Index(text[start:], "]")+1]
	pairLine := strings.Count(text[:start], "\n") + 1
	respLine := strings.Count(text[:strings.Index(text, `"respondents"`)], "\n") + 1
	var huge []string
	for k, f := range strings.Split(strings.Trim(firstPair, "[]"), ", ") {
		if k >= 3 {
			f = "4611686018427387904" // 2^62
		}
		huge = append(huge, f)
	}
	tests := []struct {
		name, old, new string
		want           string
	}{
		{"sums of 2^62", firstPair, "[" + strings.Join(huge, ", ") + "]", fmt.Sprintf(":%d: not a valid summary file: pair SA01-SA02: sum_xx is 4611686018427387904", pairLine)},
		{"a key given twice", `"respondents": `, `"respondents": 1, "respondents": `, fmt.Sprintf(":%d: not a valid summary file: key \"respondents\" given twice in the summary", respLine)},
		{"a key in other capitals", `"respondents": `, `"Respondents": `, fmt.Sprintf(":%d: not a valid summary file: unknown key \"Respondents\"", respLine)},
		{"version 1", `"version": 2`, `"version": 1`, ":3: not a valid summary file: version 1, made by an earlier itemreduce"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(dir, "bad.summary.json")
			copyOf := filepath.Join(dir, "bad-copy.summary.json")
			edited := strings.Replace(text, tc.old, tc.new, 1)
			if edited == text {
				t.Fatalf("%q not in the summary", tc.old)
			}
			os.WriteFile(bad, []byte(edited), 0o644)
			os.WriteFile(copyOf, []byte(edited+" "), 0o644) // not the same content: a second site's
			r := runRoot(t, "flag", "--bank", exampleBank, "--previous", example2016, "--current", bad, "--current", copyOf)
			if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "itemreduce: "+bad+tc.want) {
				t.Errorf("exit %d, stdout %.100q, stderr %q; want exit 1 and %q", r.code, r.stdout, r.stderr, bad+tc.want)
			}
		})
	}
}

// TestSummariesWithhold: at the default minimum of 10, Steenwijkerland's
// summaries (12 respondents) withhold ER19, answered there by 7 in 2016
// and by 9 in 2017, and pairs of items in 2017. flag on the pooled summaries says which, leaves their rules
// undecided, and screens every other item exactly as from the answers.
func TestSummariesWithhold(t *testing.T) {
	dir := t.TempDir()
	ledger := filepath.Join(dir, "releases.json")
	args := []string{"flag", "--bank", exampleBank, "--format", "json"}
	for _, wave := range []struct{ flag, data string }{{"--previous", example2016}, {"--current", example2017}} {
		for _, g := range []string{"Zwolle", "Ommen-Hardenberg", "Steenwijkerland"} {
			out := filepath.Join(dir, g+wave.flag+".summary.json")
			r := runRoot(t, summarizeArgs(wave.data, out, ledger, "--where", "gemeente="+g)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if g == "Steenwijkerland" && !strings.Contains(r.stderr, "withheld: ") {
				t.Errorf("%s %s: nothing withheld: %s", g, wave.data, r.stderr)
			}
			args = append(args, wave.flag, out)
		}
	}
	pooled := runRoot(t, args...)
	raw := runRoot(t, "flag", "--bank", exampleBank, "--previous", example2016, "--current", example2017, "--format", "json")
	if pooled.code != 0 || raw.code != 0 {
		t.Fatalf("exit %d, %d: %s %s", pooled.code, raw.code, pooled.stderr, raw.stderr)
	}
	if !strings.Contains(pooled.stderr, "Steenwijkerland--previous.summary.json: withholds 1 item(s) (ER19) that fewer than its minimum of 10") ||
		!strings.Contains(pooled.stderr, "Steenwijkerland--current.summary.json: withholds ") {
		t.Errorf("flag does not say what the summaries withhold:\n%s", pooled.stderr)
	}
	type item struct {
		ID        string            `json:"id"`
		Undecided []json.RawMessage `json:"undecided"`
	}
	var p, w struct {
		Items []json.RawMessage `json:"items"`
	}
	if json.Unmarshal([]byte(pooled.stdout), &p) != nil || json.Unmarshal([]byte(raw.stdout), &w) != nil || len(p.Items) != 149 || len(w.Items) != 149 {
		t.Fatal("flag output is not the JSON expected")
	}
	same, withheld := 0, 0
	for k := range p.Items {
		var it item
		json.Unmarshal(p.Items[k], &it)
		if strings.Contains(string(p.Items[k]), `"reason": "withheld_`) || strings.Contains(string(p.Items[k]), `"reason": "r_withheld"`) {
			withheld++
			if it.ID == "ER19" && !strings.Contains(string(p.Items[k]), `"reason": "withheld_current"`) {
				t.Errorf("ER19: %s", p.Items[k])
			}
			continue
		}
		// Partners' keep suggestions may differ where a partner lost a
		// tick to a withheld pair, and p-values corrected for the number
		// of items tested (Holm) where a withheld item is not tested;
		// everything else is exact.
		if dropFamily(p.Items[k]) != dropFamily(w.Items[k]) {
			t.Errorf("item %s differs from the screening of the answers:\n%s\n%s", it.ID, p.Items[k], w.Items[k])
		}
		same++
	}
	if withheld == 0 || same == 0 {
		t.Errorf("%d items with something withheld, %d screened as from the answers", withheld, same)
	}
}

// dropFamily drops from an item of flag's JSON what depends on the other
// items: a pair's suggestion which to keep, a p-value corrected for the
// items tested.
func dropFamily(item json.RawMessage) string {
	var lines []string
	for _, l := range strings.Split(string(item), "\n") {
		if !strings.Contains(l, `"keep":`) && !strings.Contains(l, `"p_holm":`) {
			lines = append(lines, strings.TrimSuffix(strings.TrimSpace(l), ","))
		}
	}
	return strings.Join(lines, "\n")
}

// TestLedgerDefault: without --ledger, the record is releases.json in the
// itemreduce folder of the settings folder, readable by its owner only,
// and says it holds no answers; a summary to the screen is recorded too.
func TestLedgerDefault(t *testing.T) {
	settings := t.TempDir()
	defer func(f func() (string, error)) { userConfigDir = f }(userConfigDir)
	userConfigDir = func() (string, error) { return settings, nil }
	r := runRoot(t, "summarize", "--bank", exampleBank, "--data", example2017, "--where", "gemeente=Zwolle", "--id-column", "respondent")
	path := filepath.Join(settings, "itemreduce", "releases.json")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{\n  \"format\": \"itemreduce summary\"") ||
		!strings.Contains(r.stderr, "note: started the release record "+path) || !strings.Contains(r.stderr, "recorded as release 1 in "+path) {
		t.Fatalf("exit %d, stdout %.60q, stderr %s", r.code, r.stdout, r.stderr)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("the record has mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"identified_by": "id column"`) || strings.Contains(string(data), "2017-0") {
		t.Errorf("the record does not say how it knew the respondents, or shows an id:\n%.2000s", data)
	}
	// A summary of the same respondents is accepted again.
	if r := runRoot(t, "summarize", "--bank", exampleBank, "--data", example2017, "--where", "gemeente=Zwolle", "--id-column", "respondent"); r.code != 0 {
		t.Errorf("the same again: exit %d: %s", r.code, r.stderr)
	}
	// Recognising them by row cannot be compared with by id: a warning.
	r = runRoot(t, "summarize", "--bank", exampleBank, "--data", example2017, "--where", "gemeente=Ommen-Hardenberg")
	if r.code != 0 || !strings.Contains(r.stderr, "warning: release(s) 1, 2 of "+path+" recognised respondents by the ids of a column, this one by their whole row") ||
		!strings.Contains(r.stderr, "note: respondents are recognised by their whole row; if column respondent holds an id") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}
