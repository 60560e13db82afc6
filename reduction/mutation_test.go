package reduction

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// These tests pin behaviours that a mutation of the code could otherwise
// change without any test noticing.

// bankWithout is the test bank without the item id, as after the item
// left the bank.
func bankWithout(t *testing.T, id string) *itembank.Bank {
	t.Helper()
	var kept []string
	for _, l := range strings.Split(testBankYAML, "\n") {
		if !strings.Contains(l, "{id: "+id+",") {
			kept = append(kept, l)
		}
	}
	src := strings.Join(kept, "\n")
	if src == testBankYAML {
		t.Fatalf("item %s is not in the test bank", id)
	}
	return loadTestBank(t, src)
}

// reviewIDs lists the item ids of a review file, in file order.
func reviewIDs(rv *Review) []string {
	var ids []string
	for _, it := range rv.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// TestConfigRangeRefused: a threshold outside its range is refused by
// LoadConfig with an error naming the rules file. Fractions of the range
// (stable, ceiling, low_spread) must lie strictly between 0 and 1, the
// correlation threshold too: 0 or 1 would switch a rule off (|shift| < 0,
// mean > max, sd < 0 never fire) or make it fire for nearly every item.
func TestConfigRangeRefused(t *testing.T) {
	bank := loadBank(t, boundaryBank)
	for _, tc := range []struct {
		src, want string
	}{
		{"stable: 1.5\n", "stable: 1.5 is outside"},
		{"ceiling: 1.01\n", "ceiling: 1.01 is outside"},
		{"ceiling: 3/2\n", "ceiling: 1.5 is outside"},
		{"low_spread: 2\n", "low_spread: 2 is outside"},
		{"redundant: 1\n", "redundant: 1 is outside"},
		{"redundant: 1.2\n", "redundant: 1.2 is outside"},
		{"stable: -0.1\n", "stable: -0.1 is outside"},
		{"low_spread: -1/5\n", "low_spread: -0.2 is outside"},
		{"redundant: -0.5\n", "redundant: -0.5 is outside"},
		{"stable: 0\n", "stable: 0 is outside"},
		{"ceiling: 0\n", "ceiling: 0 is outside"},
		{"low_spread: 0\n", "low_spread: 0 is outside"},
		{"redundant: 0\n", "redundant: 0 is outside"},
		{"stable: 1\n", "stable: 1 is outside"},
		{"ceiling: 1\n", "ceiling: 1 is outside"},
		{"low_spread: 1\n", "low_spread: 1 is outside"},
	} {
		t.Run(strings.TrimSpace(tc.src), func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.src), "rules.yaml", bank)
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || pe.File != "rules.yaml" {
				t.Fatalf("error %v: want a *ParseError for rules.yaml", err)
			}
			if !strings.HasPrefix(err.Error(), "rules.yaml:1:1: ") || pe.Line != 1 || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q: want it to start with the file and the key's line and say %q", err, tc.want)
			}
		})
	}
	// Just inside the range is accepted, so the refusals above are about
	// the values, not the keys.
	cfg, err := LoadConfig(strings.NewReader("stable: 0.01\nceiling: 0.99\nlow_spread: 1/3\nredundant: 0.99\n"), "rules.yaml", bank)
	if err != nil {
		t.Fatalf("values inside the range refused: %v", err)
	}
	if got := []string{cfg.Stable.String(), cfg.Ceiling.String(), cfg.LowSpread.String(), cfg.Redundant.String()}; !slices.Equal(got, []string{"0.01", "0.99", "1/3", "0.99"}) {
		t.Errorf("thresholds read as %v", got)
	}
}

// TestWhitespaceReasonIsNoReason: a reason of only spaces, tabs and line
// breaks is no reason. Decide refuses the override, at the line of its
// decision, and a refresh lists it as unreasoned.
func TestWhitespaceReasonIsNoReason(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	base := writeReview(t, screeningA(bank))
	for _, reason := range []string{" ", "   ", "\t", " \n\t "} {
		t.Run(quote(reason), func(t *testing.T) {
			// A1's suggestion is drop: keep overrides it.
			data := decided(t, base, map[string][2]string{"A1": {"keep", reason}})
			rv := loadReviewBytes(t, data)
			if got := rv.Item("A1").Reason; got != reason {
				t.Fatalf("reason read as %q, want %q", got, reason)
			}
			_, err := Decide(bank, rv, nil, Combine{})
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrNoReason) {
				t.Fatalf("Decide: error %v, want a *ParseError wrapping ErrNoReason", err)
			}
			if want := lineOf(t, data, "A1", "    decision: keep"); pe.File != "review.yaml" || pe.Line != want || pe.Item != "A1" {
				t.Errorf("error at %s:%d item %q, want review.yaml:%d item A1", pe.File, pe.Line, pe.Item, want)
			}
			_, rep := refresh(t, data, screeningA(bank))
			if !slices.Equal(rep.Unreasoned, []string{"A1"}) {
				t.Errorf("refresh: unreasoned %v, want [A1]", rep.Unreasoned)
			}
		})
	}
	// With a word in it the same override is accepted.
	data := decided(t, base, map[string][2]string{"A1": {"keep", " nodig "}})
	if _, err := Decide(bank, loadReviewBytes(t, data), nil, Combine{}); err != nil {
		t.Errorf("a reason with text refused: %v", err)
	}
	if _, rep := refresh(t, data, screeningA(bank)); len(rep.Unreasoned) != 0 {
		t.Errorf("a reason with text listed as unreasoned: %v", rep.Unreasoned)
	}
}

// TestMergedAgainstStatistics: a merged item leaves the questionnaire, so
// it counts as dropped when compared with the suggestion, whatever its
// votes. An item the statistics would keep is then decided against them;
// one they would drop is not, even when the researchers voted to keep it.
func TestMergedAgainstStatistics(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	// Suggestions of screeningA: A1 drop, A2 drop, A3 keep, G1 drop.
	review := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"A1": {"keep", "nodig"}})
	review = []byte(strings.Replace(string(review), "merge:\n", "merge:\n  - {id: M1, text: Samen, scale: likert5, from: [A1, A3], reason: een vraag}\n", 1))
	d, err := Decide(bank, loadReviewBytes(t, review), nil, Combine{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		id                  string
		final               Verdict
		merged              string
		overridden, against bool
	}{
		{"A1", Keep, "M1", true, false}, // researchers keep, but it goes, as suggested
		{"A2", Drop, "", false, false},
		{"A3", Keep, "M1", false, true}, // suggested keep, but it goes
		{"G1", Drop, "", false, false},
	} {
		it := &d.Items[i]
		if it.Item.ID != want.id || it.Final != want.final || it.MergedInto != want.merged || it.Overridden() != want.overridden || it.AgainstStatistics() != want.against {
			t.Errorf("item %s: final %s, merged into %q, overridden %v, against statistics %v; want %s %s %q %v %v", it.Item.ID, it.Final, it.MergedInto,
				it.Overridden(), it.AgainstStatistics(), want.id, want.final, want.merged, want.overridden, want.against)
		}
	}
	if tot := d.Totals(); tot != (Totals{Bank: 4, Kept: 0, Dropped: 2, Merged: 2, Merges: 1, Added: 0, Next: 1}) {
		t.Errorf("totals %+v", tot)
	}
	// The audit lists both under "Where judgement overrode the statistics",
	// and nothing else.
	md := render(t, NewAudit(d, AuditRecord{Tool: "itemreduce test", Bank: FileDigest{File: "bank.yaml"}, Review: FileDigest{File: "review.yaml"}}), (*Audit).WriteMarkdown)
	start := strings.Index(md, "## Where judgement overrode the statistics")
	end := strings.Index(md, "## What the decision costs")
	if start < 0 || end < start {
		t.Fatalf("no overrides section:\n%s", md)
	}
	var rows []string
	for _, l := range strings.Split(md[start:end], "\n") {
		if strings.HasPrefix(l, "| A") || strings.HasPrefix(l, "| G") {
			rows = append(rows, l)
		}
	}
	want := []string{
		"| A1 | 2 | drop | keep | nodig | K (1) | merged into M1 |",
		"| A3 | 0 | keep | (follows the suggestion) |  | K (1) | merged into M1 |",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("overrides rows\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// TestEvidenceNegativeNearThreshold: a negative shift or correlation is
// compared with its threshold by its absolute value, so -0.3996 against
// 0.4 is printed with four decimals, never as -0.40, which would read as
// exactly at the threshold (and so as not firing).
func TestEvidenceNegativeNearThreshold(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	res := fakeResult(bank, DefaultThresholds(), map[string]fake{
		"A1": {flags: []Rule{Stable, Redundant}, mean: 3, sd: 1, shift: -0.3996, partners: []Partner{{ID: "A2", R: -0.5004, N: 97}}},
		"A2": {flags: []Rule{Stable, Redundant}, mean: 3, sd: 1, shift: 0.3996, partners: []Partner{{ID: "A1", R: -0.5004, N: 97}}},
		"A3": {flags: []Rule{Stable}, mean: 3, sd: 1, shift: -0.07},
		"G1": {flags: []Rule{Stable}, mean: 7, sd: 2, shift: -0.8999},
	})
	for _, tc := range []struct {
		id, shift, threshold, r string
	}{
		{"A1", "-0.3996", "0.4", "-0.5004"},
		{"A2", "0.3996", "0.4", "-0.5004"},
		{"A3", "-0.07", "0.4", ""},
		{"G1", "-0.8999", "0.9", ""},
	} {
		i, _ := bank.Index(tc.id)
		e := res.Evidence(i)
		if e.Stable == nil || e.Stable.Value != tc.shift || e.Stable.Threshold != tc.threshold {
			t.Errorf("%s: stable evidence %+v, want shift %s against %s", tc.id, e.Stable, tc.shift, tc.threshold)
		}
		if tc.r != "" && (len(e.Redundant) != 1 || e.Redundant[0].R != tc.r) {
			t.Errorf("%s: redundant evidence %+v, want r %s", tc.id, e.Redundant, tc.r)
		}
	}
	// What the reviewer reads and the audit shows.
	data := string(writeReview(t, res))
	for _, want := range []string{
		"      stable: {shift: -0.3996, threshold: 0.4, n: 100, previous_n: 90}\n",
		"      redundant: [{id: A2, r: -0.5004, n: 97}]\n",
		"      stable: {shift: -0.8999, threshold: 0.9, n: 100, previous_n: 90}\n",
	} {
		if !strings.Contains(data, want) {
			t.Errorf("review file lacks %q:\n%s", want, data)
		}
	}
	e := res.Evidence(0)
	if got, want := e.Stable.Summary(Stable), "|shift| 0.3996 < 0.4 (n 100, previous n 90)"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// TestRefreshReportsSuggestionOnly: a refresh under another suggestion
// rule (drop_from_ticks) changes suggestions but no ticks; the items whose
// suggestion changed are still reported as changed.
func TestRefreshReportsSuggestionOnly(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	// screeningB ticks: A1 1, A2 0, A3 1, G1 3.
	res := screeningB(bank)
	data := writeReview(t, res)
	cfg := DefaultConfig()
	cfg.DropFromTicks = 2
	out, rep, err := RefreshReview(data, "review.yaml", res, cfg, testScreening(res, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"A1", "A3"}; !slices.Equal(rep.Changed, want) {
		t.Errorf("changed %v, want %v (suggestion drop → keep, same ticks)", rep.Changed, want)
	}
	before, after := loadReviewBytes(t, data), loadReviewBytes(t, out)
	for _, want := range []struct {
		id       string
		from, to Verdict
	}{{"A1", Drop, Keep}, {"A2", Keep, Keep}, {"A3", Drop, Keep}, {"G1", Drop, Drop}} {
		b, a := before.Item(want.id), after.Item(want.id)
		if b.Suggestion != want.from || a.Suggestion != want.to || !slices.Equal(a.Flags, b.Flags) {
			t.Errorf("%s: suggestion %s → %s, flags %v → %v; want %s → %s, flags unchanged", want.id, b.Suggestion, a.Suggestion, b.Flags, a.Flags, want.from, want.to)
		}
	}
	// The same rule again changes nothing.
	if _, rep, err := RefreshReview(out, "review.yaml", res, cfg, testScreening(res, cfg)); err != nil || len(rep.Changed) != 0 {
		t.Errorf("second refresh: changed %v, error %v", rep.Changed, err)
	}
}

// TestUnreasonedSkipsItemsOutOfBank: an override without a reason on an
// item that has left the bank plays no part any more: a refresh does not
// list it as unreasoned and Decide does not refuse it.
func TestUnreasonedSkipsItemsOutOfBank(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	// A3's suggestion is keep: drop overrides it, without a reason.
	data := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"A3": {"drop", ""}})

	_, rep := refresh(t, data, screeningA(bank))
	if !slices.Equal(rep.Unreasoned, []string{"A3"}) {
		t.Fatalf("A3 in the bank: unreasoned %v, want [A3]", rep.Unreasoned)
	}

	smaller := bankWithout(t, "A3")
	out, rep := refresh(t, data, screeningA(smaller))
	if !slices.Equal(rep.Left, []string{"A3"}) || len(rep.Unreasoned) != 0 {
		t.Errorf("A3 out of the bank: left %v, unreasoned %v; want left [A3], unreasoned []", rep.Left, rep.Unreasoned)
	}
	rv := loadReviewBytes(t, out)
	if a3 := rv.Item("A3"); a3 == nil || a3.InBank || a3.Decision != Drop || a3.Suggestion != Keep || a3.Reason != "" {
		t.Fatalf("A3 = %+v, want out of the bank with its unreasoned drop", a3)
	}
	d, err := Decide(smaller, rv, nil, Combine{})
	if err != nil {
		t.Fatalf("Decide refused an item out of the bank: %v", err)
	}
	if got := reviewIDs(&Review{Items: d.Left}); !slices.Equal(got, []string{"A3"}) {
		t.Errorf("left %v, want [A3]", got)
	}
	if len(d.Items) != 3 {
		t.Errorf("%d decided items, want 3", len(d.Items))
	}
	// Refreshed again for the smaller bank, it still is not listed.
	if _, rep := refresh(t, out, screeningA(smaller)); len(rep.Unreasoned) != 0 || len(rep.Left) != 0 {
		t.Errorf("second refresh: unreasoned %v, left %v", rep.Unreasoned, rep.Left)
	}
}

// TestRefreshSpliceOrder refreshes a hand-written file where edits meet at
// the same line: A1 lacks flags: and evidence:, inserted between its text
// (replaced) and its suggestion (replaced); A3 and G1 are new in the bank
// and go, in bank order, after A2, whose computed fields change and whose
// last line is followed directly by screening: (replaced). The result is
// checked line by line.
func TestRefreshSpliceOrder(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	old := `items:
  - id: A1
    text: "Eerste stelling (oud)"
    suggestion: drop
    decision: keep
    reason: "nodig voor de Index"
  - id: A2
    text: "Tweede stelling"
    flags: [stable, redundant]
    evidence:
      stable: {shift: -0.10, threshold: 0.4, n: 100, previous_n: 90}
    suggestion: drop
screening:
  tool: old
`
	wantItems := `items:
  - id: A1
    text: "Eerste stelling"
    flags: [stable]
    evidence:
      stable: {shift: 0.10, threshold: 0.4, n: 100, previous_n: 90}
      ceiling: {mean: 3.30, threshold: 4.2, n: 100}
      low_spread: {sd: 1.00, threshold: 0.8, n: 100}
    suggestion: drop
    digest: 65290805d423713d
    decision: keep
    reason: "nodig voor de Index"
  - id: A2
    text: "Tweede stelling"
    flags: []
    evidence:
      stable: {shift: 0.60, threshold: 0.4, n: 100, previous_n: 90}
      ceiling: {mean: 3.00, threshold: 4.2, n: 100}
      low_spread: {sd: 1.10, threshold: 0.8, n: 100}
    suggestion: keep
    digest: b42a10d70097ae94
  - id: A3
    text: "Derde: met een dubbele punt en \"aanhalingstekens\""
    flags: [ceiling]
    evidence:
      stable: {shift: 0.50, threshold: 0.4, n: 100, previous_n: 90}
      ceiling: {mean: 4.40, threshold: 4.2, n: 100}
      low_spread: {sd: 0.90, threshold: 0.8, n: 100}
    suggestion: drop
    digest: b82ed7ece5b3744c
    decision:
    reason:
  - id: G1
    text: "Rapportcijfer"
    flags: [stable, ceiling, low_spread]
    evidence:
      stable: {shift: 0.30, threshold: 0.9, n: 100, previous_n: 90}
      ceiling: {mean: 8.60, threshold: 8.2, n: 100}
      low_spread: {sd: 1.10, threshold: 1.8, n: 100}
    suggestion: drop
    digest: b7b1661dcd8a39fa
    decision:
    reason:
screening:
  tool: itemreduce test
`
	out, rep := refresh(t, []byte(old), screeningB(bank))
	got := strings.Split(string(out), "\n")
	want := strings.Split(strings.TrimSuffix(wantItems, "\n"), "\n")
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("refreshed file:\n%s\nwant it to start with:\n%s", out, wantItems)
	}
	if n := strings.Count(string(out), "screening:"); n != 1 || strings.Contains(string(out), "tool: old") {
		t.Errorf("screening: written %d times, or the old one kept:\n%s", n, out)
	}
	if !slices.Equal(rep.Added, []string{"A3", "G1"}) || !slices.Equal(rep.Changed, []string{"A1", "A2"}) {
		t.Errorf("added %v, changed %v; want [A3 G1], [A1 A2]", rep.Added, rep.Changed)
	}
	if ids := reviewIDs(loadReviewBytes(t, out)); !slices.Equal(ids, []string{"A1", "A2", "A3", "G1"}) {
		t.Errorf("items %v", ids)
	}
}
