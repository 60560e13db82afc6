package reduction

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// auditCase decides the combine test case with a merge, a new item and an
// item text holding Markdown and HTML markup.
func auditCase(t *testing.T) *Audit {
	t.Helper()
	bank, _, props := combineCase(t)
	bank.Items[2].Text = "Stelling met | pijp, <b>tag</b> & *ster*"
	review := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{
		"A1": {"keep", "nodig voor de Index"},
		"A2": {"keep", "idem"},
	})
	review = []byte(strings.Replace(string(review), "add:\n", "add:\n  - {id: N1, text: Nieuw, scale: likert5, reason: van de teamleiders}\n", 1))
	review = []byte(strings.Replace(string(review), "merge:\n", "merge:\n  - {id: M1, text: Samen, scale: grade10, from: [G1, A3], reason: een vraag}\n", 1))
	d, err := Decide(bank, loadReviewBytes(t, review), props, Combine{Rule: "at-least", N: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Next(""); err != nil {
		t.Fatal(err)
	}
	return NewAudit(d, AuditRecord{Tool: "itemreduce test",
		Command:   []string{"itemreduce", "decide", "--bank", "bank.yaml", "--review", "review.yaml", "--title", "Lijst 2018", "--out", "next.yaml", "--audit", "audit.md"},
		Bank:      FileDigest{File: "bank.yaml", SHA256: "ab"},
		Review:    FileDigest{File: "review.yaml", SHA256: "12"},
		Proposals: []FileDigest{{File: "p1.yaml", SHA256: "34"}, {File: "p2.yaml", SHA256: "56"}, {File: "p3.yaml", SHA256: "78"}},
		Next:      &FileDigest{File: "next.yaml", SHA256: "9a"}, AuditFile: "audit.md"})
}

func render(t *testing.T, a *Audit, f func(*Audit, io.Writer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(a, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var auditFormats = map[string]func(*Audit, io.Writer) error{
	"markdown": (*Audit).WriteMarkdown,
	"html":     (*Audit).WriteHTML,
	"json":     (*Audit).WriteJSON,
}

// TestAuditDeterministic: the same inputs give the same audit, byte for byte.
func TestAuditDeterministic(t *testing.T) {
	for name, f := range auditFormats {
		if a, b := render(t, auditCase(t), f), render(t, auditCase(t), f); a != b {
			t.Errorf("%s: two audits of the same inputs differ", name)
		}
	}
}

// TestAuditJSON: totals, sources, votes and costs, and the statistics of
// every item with the names of flag --format json, as JSON numbers.
func TestAuditJSON(t *testing.T) {
	var v struct {
		Totals  Totals `json:"totals"`
		Sources []struct {
			Name string `json:"name"`
			Kept int    `json:"kept"`
		} `json:"sources"`
		Themes []ThemeCount `json:"themes"`
		Items  []struct {
			ID        string   `json:"id"`
			Scale     string   `json:"scale"`
			N         int64    `json:"n"`
			Mean      *float64 `json:"mean"`
			SD        *float64 `json:"sd"`
			PreviousN int64    `json:"previous_n"`
			Shift     *float64 `json:"shift"`
			MaxR      *struct {
				ID string  `json:"id"`
				R  float64 `json:"r"`
				N  int64   `json:"n"`
			} `json:"max_r"`
			Thresholds map[string]float64 `json:"thresholds"`
			Correlated []struct {
				ID   string  `json:"id"`
				R    float64 `json:"r"`
				N    int64   `json:"n"`
				Keep string  `json:"keep"`
			} `json:"correlated"`
			Final      string `json:"final"`
			Overridden bool   `json:"researchers_overrode_statistics"`
			Votes      []struct {
				Vote string `json:"vote"`
			} `json:"votes"`
		} `json:"items"`
		Costs struct {
			Composites []LostComposite `json:"composites_lost"`
		} `json:"costs"`
		Reproducibility struct {
			Command    []string `json:"command"`
			Redundant  float64  `json:"redundant"`
			Thresholds []struct {
				Scale   string  `json:"scale"`
				Ceiling float64 `json:"ceiling"`
			} `json:"thresholds"`
			Respondents Respondents `json:"respondents"`
			Checked     int         `json:"items_checked_against_digests"`
			Inputs      []Input     `json:"inputs"`
			Outputs     []Input     `json:"outputs"`
			OwnSHA256   string      `json:"own_sha256"`
		} `json:"reproducibility"`
	}
	data := render(t, auditCase(t), (*Audit).WriteJSON)
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatal(err)
	}
	// at-least:3 keeps A2 (4 keeps) and A3 (3), but A3 is merged into M1.
	if v.Totals != (Totals{Bank: 4, Kept: 1, Dropped: 1, Merged: 2, Merges: 1, Added: 1, Next: 3}) {
		t.Errorf("totals %+v", v.Totals)
	}
	if len(v.Sources) != 4 || v.Sources[0].Name != "researchers" || v.Sources[0].Kept != 3 {
		t.Errorf("sources %+v", v.Sources)
	}
	a1 := v.Items[0]
	if a1.ID != "A1" || a1.Final != "drop" || !a1.Overridden || len(a1.Votes) != 4 {
		t.Errorf("A1 %+v", a1)
	}
	// screeningA: A1 shift 0.05, mean 3.2, sd 1, r 0.63 with A2 (n 98).
	if a1.Scale != "likert5" || a1.N != 100 || a1.PreviousN != 90 || a1.Shift == nil || *a1.Shift != 0.05 || *a1.Mean != 3.2 || *a1.SD != 1 ||
		len(a1.Correlated) != 1 || a1.Correlated[0].ID != "A2" || a1.Correlated[0].R != 0.63 || a1.Correlated[0].N != 98 ||
		a1.MaxR == nil || a1.MaxR.ID != "A2" || a1.MaxR.R != 0.63 {
		t.Errorf("A1 statistics %+v", a1)
	}
	if a1.Thresholds["stable"] != 0.4 || a1.Thresholds["ceiling"] != 4.2 || a1.Thresholds["low_spread"] != 0.8 || a1.Thresholds["redundant"] != 0.5 {
		t.Errorf("A1 thresholds %v", a1.Thresholds)
	}
	// A3 has no tick: its statistics are there all the same.
	if a3 := v.Items[2]; a3.Mean == nil || *a3.Mean != 3 || *a3.SD != 1.1 || *a3.Shift != 0.6 || a3.MaxR != nil || len(a3.Correlated) != 0 {
		t.Errorf("A3 statistics %+v", a3)
	}
	if v.Items[3].Final != "merged" {
		t.Errorf("G1 final %q, want merged", v.Items[3].Final)
	}
	if len(v.Costs.Composites) != 1 || v.Costs.Composites[0].Name != "Index" {
		t.Errorf("lost composites %+v", v.Costs.Composites)
	}
	r := v.Reproducibility
	if len(r.Inputs) != 7 { // bank, review, 3 proposals, 2 waves
		t.Errorf("inputs %+v", r.Inputs)
	}
	if len(r.Outputs) != 1 || r.Outputs[0] != (Input{Role: "next year's item bank", File: "next.yaml", SHA256: "9a"}) ||
		!strings.Contains(r.OwnSHA256, "audit.md") {
		t.Errorf("outputs %+v, own SHA-256 %q", r.Outputs, r.OwnSHA256)
	}
	if len(r.Command) != 12 || r.Command[0] != "itemreduce" || r.Command[7] != "Lijst 2018" || r.Checked != 4 {
		t.Errorf("command %q, checked %d", r.Command, r.Checked)
	}
	if r.Redundant != 0.5 || len(r.Thresholds) != 2 || r.Thresholds[1].Scale != "grade10" || r.Thresholds[1].Ceiling != 8.2 || r.Respondents != (Respondents{Previous: 110, Current: 120}) {
		t.Errorf("thresholds %v %+v, respondents %+v", r.Redundant, r.Thresholds, r.Respondents)
	}
	// Team: A1 A2 A3 this year, A2 next; M1 and N1 have no theme.
	if want := []ThemeCount{{"Team", 3, 1}, {"Cijfers", 1, 0}, {"", 0, 2}}; !slices.Equal(v.Themes, want) {
		t.Errorf("themes %+v, want %+v", v.Themes, want)
	}
}

// TestAuditJSONKeysAndNumbers: every key of the audit JSON is snake_case,
// and no number hides in a string.
func TestAuditJSONKeysAndNumbers(t *testing.T) {
	var v any
	if err := json.Unmarshal([]byte(render(t, auditCase(t), (*Audit).WriteJSON)), &v); err != nil {
		t.Fatal(err)
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	number := regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if !snake.MatchString(k) {
					t.Errorf("%s: key %q is not snake_case", path, k)
				}
				walk(path+"."+k, e)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case string:
			// Hashes of the test are short hex strings such as "12".
			if number.MatchString(x) && !strings.HasSuffix(path, "sha256") {
				t.Errorf("%s: number %q written as a string", path, x)
			}
		}
	}
	walk("", v)
}

// TestAuditThemes: the counts per theme next year are those of the bank
// that Next builds.
func TestAuditThemes(t *testing.T) {
	a := auditCase(t)
	next, err := a.Decision.Next("")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, it := range next.Items {
		want[it.Theme]++
	}
	this := map[string]int{}
	for _, it := range a.Decision.Bank.Items {
		this[it.Theme]++
	}
	for _, tc := range a.Decision.Themes() {
		if tc.NextYear != want[tc.Theme] || tc.ThisYear != this[tc.Theme] {
			t.Errorf("theme %q: %d → %d, want %d → %d", tc.Theme, tc.ThisYear, tc.NextYear, this[tc.Theme], want[tc.Theme])
		}
		delete(want, tc.Theme)
	}
	if len(want) > 0 {
		t.Errorf("themes of next year not counted: %v", want)
	}
}

func TestAuditMarkdown(t *testing.T) {
	md := render(t, auditCase(t), (*Audit).WriteMarkdown)
	for _, want := range []string{
		"**4 items: 1 kept, 1 dropped, 2 merged into 1; 1 new → 3 items next year.**",
		"| researchers | review.yaml (researchers) | 3 | — |",
		"| A1 | 2 | drop | keep | nodig voor de Index | K K D D (2) | drop |",
		"stable: \\|shift\\| 0.05 &lt; 0.4 (n 100, previous n 90)",
		"Stelling met \\| pijp, &lt;b&gt;tag&lt;/b&gt; & \\*ster\\*",
		"- Index: lacks A1",
		"| newer wave (recorded in the review file) | 2017.csv | `ef` |",
		// The items per theme.
		"| Team | 3 | 1 |\n| Cijfers | 1 | 0 |\n| (no theme) | 0 | 2 |\n| **all themes** | **4** | **3** |\n",
		// The four statistics, in bold where the rule fired; A3 has no tick.
		"| A1 | likert5 | 100 | 90 | **0.05** | 3.20 | 1.00 | **0.63** | A2 | 98 |",
		"| A3 | likert5 | 100 | 90 | 0.60 | 3.00 | 1.10 | — | — | — |",
		"| G1 | grade10 | 100 | 90 | 1.50 | **8.50** | **1.20** | — | — | — |",
		// The command, the output and the audit's own SHA-256.
		"```sh\nitemreduce decide --bank bank.yaml --review review.yaml --title 'Lijst 2018' --out next.yaml --audit audit.md\n```",
		"- review file: the ticks, evidence and suggestions of all 4 items match their digests and the rules in force",
		"| next year's item bank | next.yaml | `9a` |",
		"The SHA-256 of this audit is not recorded: a file cannot contain its own SHA-256; compute it from the file: sha256sum audit.md.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// Every table row has as many cells as its header.
	cells := 0
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			cells = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, "\\|", ""), "|")
		if cells == 0 {
			cells = n
		} else if n != cells {
			t.Errorf("row with %d cell borders, its header %d: %s", n, cells, line)
		}
	}
}

// TestAuditHTML checks that the page is self-contained and well formed;
// that it renders is checked by opening it in a browser (see README).
func TestAuditHTML(t *testing.T) {
	for _, lang := range Langs {
		a := auditCase(t)
		a.Lang = lang
		checkAuditHTML(t, lang, render(t, a, (*Audit).WriteHTML))
	}
}

func checkAuditHTML(t *testing.T, lang Lang, page string) {
	t.Helper()
	summary := "4 items: 1 kept, 1 dropped"
	if lang == Dutch {
		summary = "4 items: 1 behouden, 1 geschrapt"
	}
	for _, banned := range []string{"<script", "<link", "src=", "href=", "@import", "url("} {
		if strings.Contains(page, banned) {
			t.Errorf("page refers to another file or runs code: %q", banned)
		}
	}
	for _, want := range []string{"<!DOCTYPE html>", `<meta charset="utf-8" />`, `id="item-A1"`, `id="item-G1"`,
		"Stelling met | pijp, &lt;b&gt;tag&lt;/b&gt; &amp; *ster*", summary} {
		if !strings.Contains(page, want) {
			t.Errorf("%s page lacks %q", lang, want)
		}
	}
	// Every element is closed: parse it as XML with HTML's entities.
	dec := xml.NewDecoder(strings.NewReader(strings.TrimPrefix(page, "<!DOCTYPE html>\n")))
	dec.Entity = xml.HTMLEntity
	var open []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s page is not well formed: %v", lang, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			open = append(open, e.Name.Local)
		case xml.EndElement:
			open = open[:len(open)-1]
		}
	}
	if len(open) != 0 {
		t.Errorf("unclosed elements: %v", open)
	}
}

// TestEvidenceNeverLooksLikeThreshold: every statistic is in the evidence
// whether or not its rule fired, printed with as many decimals as it takes
// to lie on the side of its threshold that the exact decision puts it on,
// and as the threshold itself only when it is exactly at it.
func TestEvidenceNeverLooksLikeThreshold(t *testing.T) {
	bank := loadBank(t, boundaryBank+`  - {id: L2, text: "another statement", scale: likert5}
`)
	evidence := func(t *testing.T, prev, cur map[string][]int) Evidence {
		t.Helper()
		res, err := Screen(bank, wave(t, bank, prev), wave(t, bank, cur), DefaultThresholds())
		if err != nil {
			t.Fatal(err)
		}
		return res.Evidence(0)
	}
	for _, tc := range []struct {
		name      string
		prev, cur map[string][]int
		check     func(e Evidence) bool
	}{
		// 3.4 − 3.0 is 0.3999999999999999 in float64; the shift is exactly
		// 0.4 and does not fire, so it is printed as the threshold.
		{"shift exactly 0.4", map[string][]int{"L": answers(3, 2)}, map[string][]int{"L": answers(3, 3, 4, 2)},
			func(e Evidence) bool { return e.Stable.Value == "0.40" && e.Stable.Threshold == "0.4" }},
		{"shift 0.401, not stable", map[string][]int{"L": answers(3, 2)}, map[string][]int{"L": answers(3, 599, 4, 401)},
			func(e Evidence) bool { return e.Stable.Value == "0.401" }},
		{"shift 0.399, stable", map[string][]int{"L": answers(3, 2)}, map[string][]int{"L": answers(3, 601, 4, 399)},
			func(e Evidence) bool { return e.Stable.Value == "0.399" }},
		{"mean 4.199, no ceiling", map[string][]int{"L": answers(4, 2)}, map[string][]int{"L": answers(4, 801, 5, 199)},
			func(e Evidence) bool { return e.Ceiling.Value == "4.199" && e.Ceiling.Threshold == "4.2" }},
		{"sd exactly 0.8", map[string][]int{"L": answers(4, 2)}, map[string][]int{"L": answers(3, 6, 4, 9, 5, 10)},
			func(e Evidence) bool { return e.LowSpread.Value == "0.80" }},
		// x = (1,1,2), y = (1,2,2): r = 0.5 exactly, 0.5000000000000001 in float64.
		{"r exactly 0.5", map[string][]int{"L": {1, 1, 2}, "L2": {1, 2, 2}}, map[string][]int{"L": {1, 1, 2}, "L2": {1, 2, 2}},
			func(e Evidence) bool {
				return len(e.Redundant) == 0 && e.MaxR != nil && *e.MaxR == (PartnerEvidence{ID: "L2", R: "0.50", N: 3})
			}},
		{"r 0.4924", map[string][]int{"L": {1, 1, 2, 3}, "L2": {1, 1, 4, 2}}, map[string][]int{"L": {1, 1, 2, 3}, "L2": {1, 1, 4, 2}},
			func(e Evidence) bool { return e.MaxR != nil && e.MaxR.R == "0.49" }},
		{"r 0.5071, redundant", map[string][]int{"L": {1, 1, 2, 2}, "L2": {1, 3, 2, 5}}, map[string][]int{"L": {1, 1, 2, 2}, "L2": {1, 3, 2, 5}},
			func(e Evidence) bool { return e.MaxR == nil && len(e.Redundant) == 1 && e.Strongest().R == "0.51" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := evidence(t, tc.prev, tc.cur)
			if e.Stable == nil || e.Ceiling == nil || e.LowSpread == nil || !tc.check(e) {
				t.Errorf("evidence stable %+v ceiling %+v low_spread %+v redundant %+v max_r %+v", e.Stable, e.Ceiling, e.LowSpread, e.Redundant, e.MaxR)
			}
		})
	}
	// Beyond six decimals: a shift of 0.4000000123 does not fire and is not
	// printed 0.400000, which reads as exactly at the threshold.
	tb := loadTestBank(t, testBankYAML)
	res := fakeResult(tb, DefaultThresholds(), map[string]fake{"A1": {mean: 3, sd: 1, shift: 0.4000000123}, "A2": {flags: []Rule{Stable}, mean: 3, sd: 1, shift: -0.3999999871}})
	if got := res.Evidence(0).Stable.Value; got != "0.40000001" {
		t.Errorf("shift 0.4000000123 printed %s, want 0.40000001", got)
	}
	if got := res.Evidence(1).Stable.Value; got != "-0.39999999" {
		t.Errorf("shift -0.3999999871 printed %s, want -0.39999999", got)
	}
}

// TestAuditNamesFilesWithoutFolders: a warning on the review file is
// printed with the path given (for the person at the terminal) and
// listed in the audit with the file name alone, like every file there.
func TestAuditNamesFilesWithoutFolders(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := replaceIn(t, writeReview(t, screeningA(bank)), "A1", "    reason:", "    reason: Zie #12")
	rv, err := LoadReview(bytes.NewReader(data), "ronde1/review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decide(bank, rv, nil, Combine{})
	if err != nil {
		t.Fatal(err)
	}
	line := strconv.Itoa(lineOf(t, data, "A1", "    reason: Zie #12"))
	if len(d.Warnings) != 1 || !strings.HasPrefix(d.Warnings[0], "ronde1/review.yaml:"+line+": item A1: reason:") {
		t.Fatalf("warnings %q", d.Warnings)
	}
	md := render(t, NewAudit(d, AuditRecord{Tool: "itemreduce test", Review: FileDigest{File: "review.yaml"}}), (*Audit).WriteMarkdown)
	if !strings.Contains(md, "\n- review.yaml:"+line+": item A1: reason:") || strings.Contains(md, "ronde1") {
		t.Errorf("audit warnings:\n%s", md)
	}
}

// TestAuditCurrentInputs: the answers given for the reliability cost are
// listed among the inputs, after the proposals and in the order given.
func TestAuditCurrentInputs(t *testing.T) {
	a := auditCase(t)
	r := a.Record
	r.Current = []FileDigest{{File: "responses-2017.csv", SHA256: "c1"}, {File: "extra-2017.csv", SHA256: "c2"}}
	b := NewAudit(a.Decision, r)
	if len(b.Inputs) != len(a.Inputs)+2 {
		t.Fatalf("%d inputs with two --current files, %d without: %+v", len(b.Inputs), len(a.Inputs), b.Inputs)
	}
	const role = "this year's answers (for the reliability cost)"
	want := []Input{{Role: role, File: "responses-2017.csv", SHA256: "c1", kind: roleCurrent}, {Role: role, File: "extra-2017.csv", SHA256: "c2", kind: roleCurrent}}
	got := b.Inputs[5:7] // after bank, review and 3 proposals
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("input %d = %+v, want %+v", 5+i, got[i], want[i])
		}
	}
	for _, in := range a.Inputs {
		if in.Role == role {
			t.Errorf("without --current files the inputs list %+v", in)
		}
	}
}
