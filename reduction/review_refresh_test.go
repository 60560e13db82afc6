package reduction

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// humanEdits are the edits a researcher makes to a fresh review file: each
// old line is replaced by the new lines. The new lines are what a refresh
// must keep byte for byte.
var humanEdits = []struct{ after, old, new string }{
	{"", "items:", "# Ronde 1, besproken op 12 maart.\nitems:"},
	{"- id: A1", "    flags: [stable, redundant]", "    flags: [stable, redundant]  # twijfel"},
	{"- id: A1", "    evidence:", "    evidence:\n      # zie ook A2"},
	{"- id: A1", "    decision:", "    # Marieke: eens\n    decision: keep   # besloten op 12/3"},
	{"- id: A1", "    reason:", "    reason: |\n      Nodig voor de Index.\n      # dit is tekst, geen commentaar\n    note: 'opnieuw bekijken in 2019'"},
	{"- id: A2", "    decision:", "    decision: drop"},
	{"- id: A2", "    reason:", "    reason: \"A1 blijft\"\n\n  # --- de rest ---"},
	{"- id: A3", "    decision:", "    decision: drop"},
	{"", "add:", "add:\n  - id: N1\n    text: \"Nieuwe stelling\"\n    scale: likert5\n    reason: nieuw  # van de teamleiders"},
	{"", "merge:", "merge:\n  - id: M1\n    text: \"Samengevoegd\"\n    scale: likert5\n    from: [A1, A2]   # licht en zwaar\n    reason: een vraag"},
}

// applyEdits applies humanEdits to a review file and returns the new lines.
func applyEdits(t *testing.T, data []byte) ([]byte, []string) {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	var kept []string
	for _, e := range humanEdits {
		start := 0
		if e.after != "" {
			start = slices.IndexFunc(lines, func(l string) bool { return strings.HasSuffix(l, e.after) })
		}
		i := start + slices.Index(lines[start:], e.old)
		if start < 0 || i < start {
			t.Fatalf("edit %q: line %q not found", e.after, e.old)
		}
		repl := strings.Split(e.new, "\n")
		lines = slices.Concat(lines[:i], repl, lines[i+1:])
		for _, r := range repl {
			// The flags line is the program's; only its comment is the
			// researcher's, checked on its own.
			if r != e.old && strings.TrimSpace(r) != "" && !strings.HasPrefix(r, "    flags:") {
				kept = append(kept, r)
			}
		}
	}
	return []byte(strings.Join(lines, "\n")), kept
}

// inOrder reports the first of want that is not a line of got, in order.
func inOrder(got []byte, want []string) (string, bool) {
	lines := strings.Split(string(got), "\n")
	i := 0
	for _, w := range want {
		j := slices.Index(lines[i:], w)
		if j < 0 {
			return w, false
		}
		i += j + 1
	}
	return "", true
}

func refresh(t *testing.T, data []byte, res *Result) ([]byte, *RefreshReport) {
	t.Helper()
	out, rep, err := RefreshReview(data, "review.yaml", res, DefaultConfig(), testScreening(res, DefaultConfig()))
	if err != nil {
		t.Fatalf("refresh: %v\n%s", err, data)
	}
	return out, rep
}

// TestRefreshKeepsHumanEdits edits a review file as a researcher would,
// refreshes it with other screening results, and checks that every line
// the researcher wrote is still there, in order, while the computed
// fields are those of the new screening.
func TestRefreshKeepsHumanEdits(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	a, b := screeningA(bank), screeningB(bank)
	edited, human := applyEdits(t, writeReview(t, a))
	before, err := LoadReview(bytes.NewReader(edited), "review.yaml")
	if err != nil {
		t.Fatalf("edited file does not load: %v\n%s", err, edited)
	}

	out, rep := refresh(t, edited, b)
	if w, ok := inOrder(out, human); !ok {
		t.Fatalf("line %q was lost or moved:\n%s", w, out)
	}
	if !strings.Contains(string(out), "    flags: [stable]  # twijfel\n") {
		t.Errorf("the comment on the flags line did not stay on it:\n%s", out)
	}
	if !strings.Contains(string(out), "      # zie ook A2\n    evidence:\n      stable: {shift: 0.10,") {
		t.Errorf("the comment inside the evidence did not move above it:\n%s", out)
	}
	after, err := LoadReview(bytes.NewReader(out), "review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := LoadReview(bytes.NewReader(writeReview(t, b)), "review.yaml")
	for i := range after.Items {
		got, old, want := after.Items[i], before.Items[i], fresh.Items[i]
		if got.Decision != old.Decision || got.Reason != old.Reason || got.Note != old.Note {
			t.Errorf("%s: human fields %q %q %q, want %q %q %q", got.ID, got.Decision, got.Reason, got.Note, old.Decision, old.Reason, old.Note)
		}
		if !slices.Equal(got.Flags, want.Flags) || got.Suggestion != want.Suggestion || got.Text != want.Text {
			t.Errorf("%s: computed fields %v %s, want %v %s", got.ID, got.Flags, got.Suggestion, want.Flags, want.Suggestion)
		}
	}
	if after.Items[0].Reason != "Nodig voor de Index.\n# dit is tekst, geen commentaar\n" {
		t.Errorf("block reason = %q", after.Items[0].Reason)
	}
	if len(after.Add) != 1 || len(after.Merge) != 1 || after.Merge[0].From[1] != "A2" {
		t.Errorf("add/merge = %+v %+v", after.Add, after.Merge)
	}
	// A1 lost its redundant tick, A2 its ticks, A3 gained one, G1 one more.
	if want := []string{"A1", "A2", "A3", "G1"}; !slices.Equal(rep.Changed, want) {
		t.Errorf("changed = %v, want %v", rep.Changed, want)
	}
	// A3's decision now agrees with the suggestion; none is unreasoned.
	if len(rep.Unreasoned) != 0 {
		t.Errorf("unreasoned = %v", rep.Unreasoned)
	}

	again, _ := refresh(t, out, b)
	if !bytes.Equal(again, out) {
		t.Errorf("a second refresh with the same screening changed the file:\n%s", again)
	}
	back, rep := refresh(t, out, a)
	if w, ok := inOrder(back, human); !ok {
		t.Fatalf("line %q was lost when refreshing back:\n%s", w, back)
	}
	if !slices.Contains(rep.Unreasoned, "A3") {
		t.Errorf("A3 drops against the suggestion keep without a reason: unreasoned = %v", rep.Unreasoned)
	}
}

// TestRefreshUnedited: refreshing an untouched file gives exactly the file
// a fresh review would write.
func TestRefreshUnedited(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	out, _ := refresh(t, writeReview(t, screeningA(bank)), screeningB(bank))
	if want := writeReview(t, screeningB(bank)); !bytes.Equal(out, want) {
		t.Errorf("refresh differs from a fresh file:\n%s\n--- want:\n%s", out, want)
	}
}

// TestRefreshBankChanges: an item that left the bank keeps its decision
// and is marked; a new item is inserted after its predecessor; an item
// that comes back is unmarked.
func TestRefreshBankChanges(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	edited, human := applyEdits(t, writeReview(t, screeningA(bank)))
	bank2 := loadTestBank(t, strings.Replace(strings.Replace(testBankYAML,
		`  - {id: A3, scale: likert5, theme: Team, text: "Derde: met een dubbele punt en \"aanhalingstekens\""}`+"\n", "", 1),
		"  - {id: G1,", "  - {id: A4, scale: likert5, text: \"Vierde\"}\n  - {id: G1,", 1))
	out, rep := refresh(t, edited, screeningB(bank2))
	if !slices.Equal(rep.Left, []string{"A3"}) || !slices.Equal(rep.Added, []string{"A4"}) {
		t.Errorf("left %v, added %v", rep.Left, rep.Added)
	}
	if w, ok := inOrder(out, human); !ok {
		t.Fatalf("line %q was lost:\n%s", w, out)
	}
	rv, err := LoadReview(bytes.NewReader(out), "review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range rv.Items {
		ids = append(ids, it.ID)
	}
	if want := []string{"A1", "A2", "A4", "A3", "G1"}; !slices.Equal(ids, want) {
		t.Errorf("items %v, want %v", ids, want)
	}
	a3 := rv.Item("A3")
	if a3.InBank || a3.Decision != Drop || a3.Suggestion != Keep {
		t.Errorf("A3 = %+v, want out of the bank with its decision and old suggestion", a3)
	}
	if a4 := rv.Item("A4"); !a4.InBank || a4.Decision != "" || a4.Text != "Vierde" {
		t.Errorf("A4 = %+v", a4)
	}

	back, rep := refresh(t, out, screeningA(bank))
	if !slices.Equal(rep.Returned, []string{"A3"}) || !slices.Equal(rep.Left, []string{"A4"}) {
		t.Errorf("returned %v, left %v", rep.Returned, rep.Left)
	}
	if strings.Count(string(back), "    in_bank: false") != 1 {
		t.Errorf("want only A4 marked as out of the bank:\n%s", back)
	}
}

// TestRefreshCRLF: a file saved with Windows line ends keeps them.
func TestRefreshCRLF(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	edited, _ := applyEdits(t, writeReview(t, screeningA(bank)))
	crlf := bytes.ReplaceAll(edited, []byte("\n"), []byte("\r\n"))
	out, _ := refresh(t, crlf, screeningB(bank))
	if n := bytes.Count(out, []byte("\n")); n != bytes.Count(out, []byte("\r\n")) {
		t.Errorf("%d line ends, only %d of them CRLF", n, bytes.Count(out, []byte("\r\n")))
	}
	lf, _ := refresh(t, edited, screeningB(bank))
	if !bytes.Equal(bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n")), lf) {
		t.Error("the CRLF refresh differs from the LF one in more than line ends")
	}
}

// TestRefreshRefuses: a broken file, or one whose layout cannot be
// refreshed line by line, is refused with its line and nothing is returned.
func TestRefreshRefuses(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	good := string(writeReview(t, screeningA(bank)))
	for _, tc := range []struct {
		name, old, new string
		sentinel       error
	}{
		{"typo in decision", "    decision:\n", "    decision: dorp\n", ErrBadValue},
		{"unknown key", "    reason:\n", "    reasn: x\n", ErrUnknownKey},
		{"invalid YAML", "    reason:\n", "    reason: \"open\n", itembank.ErrSyntax},
		{"one-line item", "  - id: A3\n    text:", "  - {id: A3, suggestion: keep}\n  - id: A9\n    text:", ErrBadValue},
		{"id not first", "  - id: A2\n    text: \"Tweede stelling\"\n", "  - text: \"Tweede stelling\"\n    id: A2\n", ErrBadValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := strings.Replace(good, tc.old, tc.new, 1)
			if broken == good {
				t.Fatal("edit did not apply")
			}
			wantLine := strings.Count(broken[:strings.Index(broken, tc.new)], "\n") + 1
			out, rep, err := RefreshReview([]byte(broken), "review.yaml", screeningB(bank), DefaultConfig(), testScreening(screeningB(bank), DefaultConfig()))
			if out != nil || rep != nil {
				t.Error("a refused refresh returned output")
			}
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.sentinel) {
				t.Fatalf("error %v: want a *ParseError wrapping %v", err, tc.sentinel)
			}
			// yaml.v3 reports a syntax error at the start of the block
			// it could not finish, at or before the broken line.
			lo := wantLine
			if tc.sentinel == itembank.ErrSyntax {
				lo = wantLine - 10
			}
			if pe.File != "review.yaml" || pe.Line < lo || pe.Line > wantLine+1 {
				t.Errorf("error at line %d, want %d: %v", pe.Line, wantLine, err)
			}
		})
	}
}

// TestRefreshWithoutScreening: a file without a screening: section gets
// one above items:, below the comments at the top, which stay as they are.
func TestRefreshWithoutScreening(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	fresh := string(writeReview(t, screeningA(bank)))
	start, end := strings.Index(fresh, "\nscreening:")+1, strings.Index(fresh, "\nitems:")+1
	data := "# Ronde 1\n\n" + fresh[end:]
	out, _ := refresh(t, []byte(data), screeningB(bank))
	want := writeReview(t, screeningB(bank))
	wantScreening := string(want[start:strings.Index(string(want), "\nitems:")])
	if !strings.HasPrefix(string(out), "# Ronde 1\n\n"+strings.TrimSuffix(wantScreening, "\n")+"\nitems:\n") {
		t.Errorf("refreshed file:\n%s", out)
	}
}
