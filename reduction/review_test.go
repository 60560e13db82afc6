package reduction

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

const testBankYAML = `title: Testlijst
scales:
  likert5: {min: 1, max: 5}
  grade10: {min: 1, max: 10}
items:
  - {id: A1, scale: likert5, theme: Team, text: "Eerste stelling"}
  - {id: A2, scale: likert5, theme: Team, text: "Tweede stelling"}
  - {id: A3, scale: likert5, theme: Team, text: "Derde: met een dubbele punt en \"aanhalingstekens\""}
  - {id: G1, scale: grade10, theme: Cijfers, text: "Rapportcijfer"}
composites:
  Index: [A1, A2]
`

func loadTestBank(t testing.TB, text string) *itembank.Bank {
	t.Helper()
	b, err := itembank.LoadBank(strings.NewReader(text), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fake is the made-up screening of one item.
type fake struct {
	flags             []Rule
	mean, sd, shift   float64
	partners          []Partner
	undecided         []Undecided
	n, previousN      int64
	previousUndefined bool
}

// fakeResult builds a screening result by hand: items missing from f have
// no ticks.
func fakeResult(bank *itembank.Bank, th Thresholds, f map[string]fake) *Result {
	res := &Result{Thresholds: th, Respondents: 120, PreviousRespondents: 110}
	for _, s := range bank.Scales {
		res.Limits = append(res.Limits, th.LimitsFor(s))
	}
	for _, it := range bank.Items {
		fk, ok := f[it.ID]
		if !ok {
			fk = fake{mean: 3, sd: 1.1, shift: 0.6}
		}
		if fk.n == 0 {
			fk.n, fk.previousN = 100, 90
		}
		res.Items = append(res.Items, ItemResult{Item: it, N: fk.n, Mean: fk.mean, SD: fk.sd, PreviousN: fk.previousN,
			PreviousMean: fk.mean - fk.shift, Shift: fk.shift, Flags: fk.flags, Correlated: fk.partners, Undecided: fk.undecided})
	}
	return res
}

// screeningA and screeningB are two screenings of the test bank, as after
// new data: flags, numbers and suggestions differ.
func screeningA(bank *itembank.Bank) *Result {
	return fakeResult(bank, DefaultThresholds(), map[string]fake{
		"A1": {flags: []Rule{Stable, Redundant}, mean: 3.2, sd: 1, shift: 0.05, partners: []Partner{{ID: "A2", R: 0.63, N: 98}}},
		"A2": {flags: []Rule{Stable, Redundant}, mean: 3.4, sd: 1, shift: -0.1, partners: []Partner{{ID: "A1", R: 0.63, N: 98}}},
		"G1": {flags: []Rule{Ceiling, LowSpread}, mean: 8.5, sd: 1.2, shift: 1.5},
	})
}

func screeningB(bank *itembank.Bank) *Result {
	return fakeResult(bank, DefaultThresholds(), map[string]fake{
		"A1": {flags: []Rule{Stable}, mean: 3.3, sd: 1, shift: 0.1},
		"A3": {flags: []Rule{Ceiling}, mean: 4.4, sd: 0.9, shift: 0.5},
		"G1": {flags: []Rule{Stable, Ceiling, LowSpread}, mean: 8.6, sd: 1.1, shift: 0.3},
	})
}

func testScreening(res *Result, cfg Config) Screening {
	return NewScreening(res, cfg, ReviewInputs{Tool: "itemreduce test", Bank: FileDigest{File: "bank.yaml", SHA256: "ab"},
		Previous: []FileDigest{{File: "2016.csv", SHA256: "cd"}}, Current: []FileDigest{{File: "2017.csv", SHA256: "ef"}}})
}

func writeReview(t testing.TB, res *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteReview(&b, res, DefaultConfig(), testScreening(res, DefaultConfig())); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteReviewLoadsBack(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	res := screeningA(bank)
	data := writeReview(t, res)
	rv, err := LoadReview(bytes.NewReader(data), "review.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(rv.Items) != 4 {
		t.Fatalf("%d items, want 4", len(rv.Items))
	}
	want := []struct {
		id         string
		flags      []Rule
		suggestion Verdict
	}{
		{"A1", []Rule{Stable, Redundant}, Drop},
		{"A2", []Rule{Stable, Redundant}, Drop},
		{"A3", nil, Keep},
		{"G1", []Rule{Ceiling, LowSpread}, Drop},
	}
	for i, w := range want {
		it := rv.Items[i]
		if it.ID != w.id || !slices.Equal(it.Flags, w.flags) || it.Suggestion != w.suggestion || it.Decision != "" || !it.InBank {
			t.Errorf("item %d = %+v, want %s %v %s", i, it, w.id, w.flags, w.suggestion)
		}
	}
	if got := rv.Items[2].Text; got != bank.Items[2].Text {
		t.Errorf("text %q, want %q", got, bank.Items[2].Text)
	}
	// The evidence a reviewer reads: statistic, threshold (0.10 × 4 = 0.4
	// on 1-5; 1 + 0.80 × 9 = 8.2 on 1-10) and n.
	a1 := rv.Items[0].Evidence
	if a1.Stable == nil || *a1.Stable != (StatEvidence{Value: "0.05", Threshold: "0.4", N: 100, PreviousN: 90}) {
		t.Errorf("A1 stable evidence = %+v", a1.Stable)
	}
	if len(a1.Redundant) != 1 || a1.Redundant[0] != (PartnerEvidence{ID: "A2", R: "0.63", N: 98}) {
		t.Errorf("A1 redundant evidence = %+v", a1.Redundant)
	}
	g1 := rv.Items[3].Evidence
	if g1.Ceiling == nil || g1.Ceiling.Threshold != "8.2" || g1.Ceiling.Value != "8.50" || g1.LowSpread.Threshold != "1.8" {
		t.Errorf("G1 evidence = %+v %+v", g1.Ceiling, g1.LowSpread)
	}
	if rv.Screening.DropFromTicks != 1 || rv.Screening.Bank.File != "bank.yaml" || len(rv.Screening.Scales) != 2 {
		t.Errorf("screening = %+v", rv.Screening)
	}
}

func TestDropFromTicks(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	res := screeningA(bank)
	cfg := DefaultConfig()
	cfg.DropFromTicks = 2
	var b bytes.Buffer
	if err := WriteReview(&b, res, cfg, testScreening(res, cfg)); err != nil {
		t.Fatal(err)
	}
	rv, err := LoadReview(&b, "review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range rv.Items {
		want := Keep
		if len(it.Flags) >= 2 {
			want = Drop
		}
		if it.Suggestion != want {
			t.Errorf("%s with %d ticks: suggestion %s, want %s", it.ID, len(it.Flags), it.Suggestion, want)
		}
	}
}

// TestFormatAgainst: a statistic is never printed as its threshold when
// the exact decision says it differs from it.
func TestFormatAgainst(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		t    string
		abs  bool
		side int // where the rule fires, and the statistic lies: -1 below t, +1 above
		want string
	}{
		{0.07, "0.4", true, -1, "0.07"},
		{0.3996, "0.4", true, -1, "0.3996"},
		{-0.3999, "0.4", true, -1, "-0.3999"},
		{4.2049, "4.2", false, +1, "4.205"},
		{0.5004, "0.5", true, +1, "0.5004"},
		{-0.001, "0.4", true, -1, "0.00"},
		{math.NaN(), "0.4", false, -1, "n/a"},
	} {
		th, _ := NewNumber(tc.t)
		if got := formatAgainst(tc.x, th.Rat(), tc.abs, tc.side, true); got != tc.want {
			t.Errorf("formatAgainst(%v, %s) = %s, want %s", tc.x, tc.t, got, tc.want)
		}
	}
}

// TestLoadReviewErrors: every broken review file is reported with the
// file and the line of the problem.
func TestLoadReviewErrors(t *testing.T) {
	item := func(extra string) string {
		return "items:\n  - id: A1\n    flags: [stable]\n    suggestion: drop\n" + extra
	}
	for _, tc := range []struct {
		name, text string
		line       int
		sentinel   error
		msg        string
	}{
		{"empty", "", 0, itembank.ErrEmpty, "empty"},
		{"invalid YAML", "items:\n  - id: A1\n    decision: [keep\n", 3, itembank.ErrSyntax, ""},
		{"typo in decision", item("    decision: dorp\n"), 5, ErrBadValue, `"dorp" is not a decision: write keep or drop (behouden or schrappen)`},
		{"unknown key", item("    reaosn: because\n"), 5, ErrUnknownKey, `"reaosn"`},
		{"unknown top-level key", "itemz: []\n", 1, itembank.ErrSyntax, `unknown key "itemz"`},
		{"unknown rule", "items:\n  - id: A1\n    flags: [stabel]\n    suggestion: drop\n", 3, ErrBadValue, "unknown rule"},
		{"item twice", item("  - id: A1\n    suggestion: keep\n"), 5, ErrDuplicateID, "also on line 2"},
		{"no id", "items:\n  - flags: []\n    suggestion: keep\n", 2, ErrBadValue, "without id"},
		{"no suggestion", "items:\n  - id: A1\n    decision: keep\n", 2, ErrBadValue, "no suggestion"},
		{"no items", "screening:\n  tool: x\n", 0, ErrEmptyList, "no items"},
		{"reason is a list", item("    reason: [a, b]\n"), 5, ErrBadValue, "reason must be text"},
		{"evidence key", item("    evidence:\n      stable: {shift: 1, treshold: 0.4}\n"), 6, ErrUnknownKey, `"treshold"`},
		{"merge of one item", item("merge:\n  - {id: M1, text: t, scale: likert5, from: [A1]}\n"), 6, ErrBadValue, "at least two"},
		{"add without scale", item("add:\n  - id: N1\n    text: nieuw\n"), 6, ErrBadValue, "needs a scale"},
		{"in_bank not a bool", item("    in_bank: misschien\n"), 5, ErrBadValue, "true or false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadReview(strings.NewReader(tc.text), "review.yaml")
			var pe *itembank.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.File != "review.yaml" || pe.Line != tc.line {
				t.Errorf("error at %s:%d, want review.yaml:%d (%v)", pe.File, pe.Line, tc.line, err)
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("error %v does not wrap %v", err, tc.sentinel)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
		})
	}
}

func FuzzLoadReview(f *testing.F) {
	bank := loadTestBank(f, testBankYAML)
	f.Add(writeReview(f, screeningA(bank)))
	f.Add([]byte("items:\n  - id: A1\n    suggestion: drop\n    decision: keep\n    reason: |\n      why\n"))
	f.Add([]byte("items:\n  - {id: A1, suggestion: keep}\nadd:\n  - {id: N, text: t, scale: s}\nmerge: [{id: M, text: t, scale: s, from: [A1, A2]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rv, err := LoadReview(bytes.NewReader(data), "review.yaml")
		if err != nil {
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || pe.File != "review.yaml" {
				t.Fatalf("error without file: %v", err)
			}
			return
		}
		for _, it := range rv.Items {
			if it.ID == "" || (it.Suggestion != Keep && it.Suggestion != Drop) {
				t.Fatalf("accepted item %+v", it)
			}
		}
		// A file that loads either refreshes into a file that loads, or is
		// refused with a message; it never panics.
		out, _, err := RefreshReview(data, "review.yaml", screeningB(bank), DefaultConfig(), testScreening(screeningB(bank), DefaultConfig()))
		if err == nil {
			if _, err := LoadReview(bytes.NewReader(out), "review.yaml"); err != nil {
				t.Fatalf("refreshed file does not load: %v\n%s", err, out)
			}
		}
	})
}
