package reduction

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// decided fills in the decision and reason of items in a review file.
func decided(t *testing.T, data []byte, decisions map[string][2]string) []byte {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	cur := ""
	for i, l := range lines {
		if id, ok := strings.CutPrefix(l, "  - id: "); ok {
			cur = id
		}
		d, ok := decisions[cur]
		switch {
		case ok && l == "    decision:":
			lines[i] += " " + d[0]
		case ok && l == "    reason:" && d[1] != "":
			lines[i] += " " + quote(d[1])
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

func loadReviewBytes(t *testing.T, data []byte) *Review {
	t.Helper()
	rv, err := LoadReview(bytes.NewReader(data), "review.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return rv
}

func proposal(t *testing.T, bank *itembank.Bank, name, text string) *Proposal {
	t.Helper()
	p, err := LoadProposal(strings.NewReader(text), name, bank)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The votes of the combine test, sources in order researchers, P1, P2, P3:
//
//	A1  K K D D   2 keeps
//	A2  K K K K   4
//	A3  K D K K   3   (researchers follow the suggestion keep)
//	G1  D K D D   1   (researchers follow the suggestion drop)
func combineCase(t *testing.T) (*itembank.Bank, *Review, []*Proposal) {
	bank := loadTestBank(t, testBankYAML)
	rv := loadReviewBytes(t, decided(t, writeReview(t, screeningA(bank)), map[string][2]string{
		"A1": {"keep", "nodig voor de Index"},
		"A2": {"keep", "idem"},
	}))
	return bank, rv, []*Proposal{
		proposal(t, bank, "p1.yaml", "keep: [A1, A2, G1]\n"),
		proposal(t, bank, "p2.yaml", "keep: [A2, A3]\n"),
		proposal(t, bank, "p3.yaml", "drop: [A1, G1]\n"),
	}
}

func kept(d *Decision) []string {
	var ids []string
	for _, it := range d.Items {
		if it.Final == Keep {
			ids = append(ids, it.Item.ID)
		}
	}
	return ids
}

func TestCombineRules(t *testing.T) {
	bank, rv, props := combineCase(t)
	for _, tc := range []struct {
		rule      string
		proposals int
		want      []string
	}{
		{"majority", 3, []string{"A1", "A2", "A3"}},
		{"any", 3, []string{"A1", "A2", "A3", "G1"}},
		{"all", 3, []string{"A2"}},
		{"at-least:3", 3, []string{"A2", "A3"}},
		{"at-least:1", 3, []string{"A1", "A2", "A3", "G1"}},
		{"at-least:4", 3, []string{"A2"}},
		// Three sources: majority is 2 of 3. A1 K K D, A2 K K K, A3 K D K, G1 D K D.
		{"majority", 2, []string{"A1", "A2", "A3"}},
		// The researchers alone: their votes.
		{"majority", 0, []string{"A1", "A2", "A3"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			c, err := ParseCombine(tc.rule)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Decide(bank, rv, props[:tc.proposals], c)
			if err != nil {
				t.Fatal(err)
			}
			if got := kept(d); !slices.Equal(got, tc.want) {
				t.Errorf("%s with %d proposals keeps %v, want %v", tc.rule, tc.proposals, got, tc.want)
			}
		})
	}
}

func TestCombineCounts(t *testing.T) {
	bank, rv, props := combineCase(t)
	d, err := Decide(bank, rv, props, Combine{Rule: "majority"})
	if err != nil {
		t.Fatal(err)
	}
	var keeps []int
	for _, it := range d.Items {
		keeps = append(keeps, it.Keeps)
	}
	if !slices.Equal(keeps, []int{2, 4, 3, 1}) {
		t.Errorf("keeps per item %v, want [2 4 3 1]", keeps)
	}
	var perSource []int
	for _, s := range d.Sources {
		perSource = append(perSource, s.Kept)
	}
	if !slices.Equal(perSource, []int{3, 3, 2, 2}) {
		t.Errorf("kept per source %v, want [3 3 2 2]", perSource)
	}
	if !d.Items[0].Overridden() || d.Items[2].Overridden() || d.Items[2].AgainstStatistics() {
		t.Errorf("A1 overrides the statistics, A3 does not")
	}
}

func TestParseCombine(t *testing.T) {
	for _, s := range []string{"majority", "any", "all", "at-least:2"} {
		c, err := ParseCombine(s)
		if err != nil || c.String() != s {
			t.Errorf("ParseCombine(%q) = %v, %v", s, c, err)
		}
	}
	for _, s := range []string{"", "most", "at-least:0", "at-least:x", "at-least:"} {
		if _, err := ParseCombine(s); err == nil {
			t.Errorf("ParseCombine(%q) accepted", s)
		}
	}
	bank, rv, props := combineCase(t)
	if _, err := Decide(bank, rv, props, Combine{Rule: "at-least", N: 5}); err == nil || !strings.Contains(err.Error(), "only 4 sources") {
		t.Errorf("at-least:5 of 4 sources: %v", err)
	}
}

// TestDecideErrors: a decision against the suggestion without a reason,
// and a review that does not match the bank, are refused with the line.
func TestDecideErrors(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	base := writeReview(t, screeningA(bank))
	for _, tc := range []struct {
		name     string
		review   []byte
		line     int
		sentinel error
		msg      string
	}{
		{"override without reason", decided(t, base, map[string][2]string{"A1": {"keep", ""}}), lineOf(t, base, "A1", "    decision:"), ErrNoReason, "item A1"},
		{"merge of unknown item", append(bytes.Clone(base), "  - {id: M1, text: t, scale: likert5, from: [A1, Z9]}\n"...), 0, ErrUnknownItem, "Z9"},
		{"new item with a bank id", []byte(strings.Replace(string(base), "add:\n", "add:\n  - {id: A2, text: t, scale: likert5}\n", 1)), 0, ErrBadValue, "already an item"},
		{"new item on unknown scale", []byte(strings.Replace(string(base), "add:\n", "add:\n  - {id: N1, text: t, scale: vijf}\n", 1)), 0, ErrBadValue, `scale "vijf"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rv := loadReviewBytes(t, tc.review)
			_, err := Decide(bank, rv, nil, Combine{})
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.sentinel) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v: want a *ParseError wrapping %v saying %q", err, tc.sentinel, tc.msg)
			}
			if pe.File != "review.yaml" || (tc.line > 0 && pe.Line != tc.line) || pe.Line == 0 {
				t.Errorf("error at %s:%d, want line %d: %v", pe.File, pe.Line, tc.line, err)
			}
		})
	}
	other := loadTestBank(t, strings.Replace(testBankYAML, "id: A3", "id: A9", 1))
	_, err := Decide(other, loadReviewBytes(t, base), nil, Combine{})
	if err == nil || !strings.Contains(err.Error(), "item A3") || !strings.Contains(err.Error(), "item A9") {
		t.Errorf("review for another bank: %v", err)
	}
}

// lineOf returns the line of the first line equal to line after the item id.
func lineOf(t *testing.T, data []byte, id, line string) int {
	lines := strings.Split(string(data), "\n")
	start := slices.Index(lines, "  - id: "+id)
	i := slices.Index(lines[start:], line)
	if start < 0 || i < 0 {
		t.Fatalf("%s: %q not found", id, line)
	}
	return start + i + 1
}

// TestNext: next year's bank has the kept items in order, the merged item
// in place of the first item it replaces, the new item after its theme,
// and no composite that lost an item.
func TestNext(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	review := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"G1": {"keep", "het cijfer blijft"}})
	review = []byte(strings.Replace(string(review), "add:\n", "add:\n  - {id: N1, text: Nieuw, scale: likert5, theme: Team}\n  - {id: N2, text: Laatste, scale: grade10, after: G1}\n", 1))
	review = []byte(strings.Replace(string(review), "merge:\n", "merge:\n  - {id: M1, text: Samen, scale: likert5, theme: Team, from: [A2, A1]}\n", 1))
	d, err := Decide(bank, loadReviewBytes(t, review), nil, Combine{})
	if err != nil {
		t.Fatal(err)
	}
	next, err := d.Next("")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range next.Items {
		ids = append(ids, it.ID)
	}
	if want := []string{"M1", "A3", "N1", "G1", "N2"}; !slices.Equal(ids, want) {
		t.Errorf("next items %v, want %v", ids, want)
	}
	if len(next.Composites) != 0 || next.Title != "Testlijst" || len(next.Scales) != 2 {
		t.Errorf("next bank: composites %v, title %q, %d scales", next.Composites, next.Title, len(next.Scales))
	}
	tot := d.Totals()
	if tot != (Totals{Bank: 4, Kept: 2, Dropped: 0, Merged: 2, Merges: 1, Added: 2, Next: 5}) {
		t.Errorf("totals %+v", tot)
	}
	c := d.Costs()
	if len(c.Composites) != 1 || !slices.Equal(c.Composites[0].Missing, []string{"A1", "A2"}) || len(c.SeriesEnd) != 0 {
		t.Errorf("costs %+v", c)
	}
	// The new bank is written in the bank format and loads back.
	var b bytes.Buffer
	if err := next.WriteYAML(&b); err != nil {
		t.Fatal(err)
	}
	back, err := itembank.LoadBank(&b, "next.yaml")
	if err != nil || len(back.Items) != 5 || back.Item("N2").Scale.Name != "grade10" {
		t.Errorf("next bank does not load back: %v", err)
	}
}

// TestReasonCutShortByComment: in a plain reason or note, " #" starts a
// YAML comment, so `reason: Zie item #12 in de notulen` reads "Zie item".
// LoadReview warns with the line and the fix; Decide passes the warning
// on, and the audit lists it. On HEAD before the warning nothing said so.
func TestReasonCutShortByComment(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	base := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"A1": {"keep", ""}})
	for _, tc := range []struct {
		name, line string
		warn       string // "" when no warning is due
	}{
		{"plain reason", "    reason: Zie item #12 in de notulen",
			`reason: YAML reads the text from " #" on as a comment, so the reason is "Zie item", without "#12 in de notulen"; put the reason in double quotes`},
		{"plain reason, comment only", "    reason: #12 in de notulen",
			`reason: YAML reads the text from " #" on as a comment, so the reason is "", without "#12 in de notulen"; put the reason in double quotes`},
		{"quoted reason", `    reason: "Zie item #12 in de notulen"`, ""},
		{"single-quoted reason with a comment", `    reason: 'Zie item 12'  # besproken`, ""},
		{"# without a space", "    reason: Zie item#12", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := replaceIn(t, base, "A1", "    reason:", tc.line)
			rv := loadReviewBytes(t, data)
			line := lineOf(t, data, "A1", tc.line)
			if tc.warn == "" {
				if len(rv.Warnings) != 0 {
					t.Errorf("warnings %v, want none", rv.Warnings)
				}
				return
			}
			want := "review.yaml:" + strconv.Itoa(line) + ": item A1: " + tc.warn
			if len(rv.Warnings) != 1 || rv.Warnings[0].Error() != want {
				t.Fatalf("warnings %v\nwant %s", rv.Warnings, want)
			}
			var pe *itembank.ParseError
			if !errors.As(rv.Warnings[0], &pe) || pe.Line != line || pe.Item != "A1" {
				t.Errorf("warning %#v: want a *ParseError at line %d", rv.Warnings[0], line)
			}
			if tc.name != "plain reason" {
				return
			}
			d, err := Decide(bank, rv, nil, Combine{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(d.Warnings, want) {
				t.Errorf("decision warnings %v lack the review's", d.Warnings)
			}
			md := render(t, NewAudit(d, AuditRecord{Tool: "itemreduce test"}), (*Audit).WriteMarkdown)
			if !strings.Contains(md, "## Warnings\n\n- "+mdText(want)+"\n") {
				t.Errorf("the audit does not list the warning:\n%s", md)
			}
		})
	}
	// A note is read the same way.
	data := replaceIn(t, base, "A1", "    reason:", "    reason: nodig\n    note: zie #3")
	if rv := loadReviewBytes(t, data); len(rv.Warnings) != 1 || !strings.Contains(rv.Warnings[0].Error(), `note: YAML reads the text from " #" on as a comment, so the note is "zie"`) {
		t.Errorf("note: warnings %v", rv.Warnings)
	}
}
