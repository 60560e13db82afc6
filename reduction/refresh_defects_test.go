package reduction

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// Each test here reproduces a way an earlier refresh lost or detached what
// a researcher wrote, and checks that it no longer does.

// inItem replaces the first old after the line "  - id: id" with new.
func inItem(t *testing.T, data []byte, id, old, new string) []byte {
	t.Helper()
	s := string(data)
	at := strings.Index(s, "  - id: "+id+"\n")
	if at < 0 {
		t.Fatalf("item %s not found", id)
	}
	i := strings.Index(s[at:], old)
	if i < 0 {
		t.Fatalf("item %s: %q not found", id, old)
	}
	return []byte(s[:at+i] + new + s[at+i+len(old):])
}

// bankWith is the test bank with item G2 added after G1.
func bankWith(t *testing.T) *itembank.Bank {
	t.Helper()
	return loadTestBank(t, strings.Replace(testBankYAML, "composites:", "  - {id: G2, scale: grade10, theme: Cijfers, text: \"Nieuw cijfer\"}\ncomposites:", 1))
}

func refreshErr(data []byte, res *Result, opt RefreshOptions) ([]byte, *RefreshReport, error) {
	return opt.Refresh(data, "review.yaml", res, DefaultConfig(), testScreening(res, DefaultConfig()))
}

// TestRefreshBlockScalarWithHashLines: a reason written as a block scalar
// whose last lines start with "#" keeps them when a new item is inserted
// after it; before, they moved under the new item as comments, and the
// refresh said every reason was kept.
func TestRefreshBlockScalarWithHashLines(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	for _, tc := range []struct{ name, reason, want string }{
		{"literal", "|\n      Nodig voor de Index.\n      # geen commentaar", "Nodig voor de Index.\n# geen commentaar\n"},
		{"strip", "|-\n      eerst\n\n      # laatste", "eerst\n\n# laatste"},
		{"keep", "|+\n      eerst\n      # laatste\n\n", "eerst\n# laatste\n\n\n"},
		{"folded", ">\n      een\n      # twee", "een # twee\n"},
		{"indentation indicator", "|2\n       # ingesprongen\n      # laatste", " # ingesprongen\n# laatste\n"},
		{"comment after", "|\n      tekst\n    # commentaar onder de reden", "tekst\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := writeReview(t, screeningB(bankWithout(t, "A3")))
			data = inItem(t, data, "A2", "    decision:\n    reason:", "    decision: drop\n    reason: "+tc.reason)
			out, rep, err := refreshErr(data, screeningB(bank), RefreshOptions{})
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if !slices.Equal(rep.Added, []string{"A3"}) {
				t.Errorf("added %v, want [A3]", rep.Added)
			}
			rv := loadReviewBytes(t, out)
			if got := rv.Item("A2").Reason; got != tc.want {
				t.Errorf("A2's reason %q, want %q\n%s", got, tc.want, out)
			}
			if a3 := rv.Item("A3"); a3 == nil || a3.Reason != "" || a3.Decision != "" {
				t.Errorf("A3 = %+v\n%s", a3, out)
			}
			if strings.Contains(tc.name, "comment") && !strings.Contains(string(out), "      tekst\n    # commentaar onder de reden\n  - id: A3\n") {
				t.Errorf("the comment under the reason moved:\n%s", out)
			}
		})
	}
}

// TestRefreshSameCommentTwice: the same comment on two lines of one
// computed field is kept twice; before, one was dropped.
func TestRefreshSameCommentTwice(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := writeReview(t, screeningA(bank))
	data = inItem(t, data, "G1", "      ceiling: {mean: 8.50, threshold: 8.2, n: 100}", "      ceiling: {mean: 8.50, threshold: 8.2, n: 100}  # nakijken")
	data = inItem(t, data, "G1", "      low_spread: {sd: 1.20, threshold: 1.8, n: 100}", "      low_spread: {sd: 1.20, threshold: 1.8, n: 100}  # nakijken\n      # nakijken")
	out, _, err := refreshErr(data, screeningB(bank), RefreshOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "# nakijken"); n != 3 {
		t.Errorf("%d comments \"# nakijken\", want 3:\n%s", n, out)
	}
}

// TestRefreshSecondDocument: a YAML document after the first one is kept
// as it is, whatever the last key of the first document; before, it was
// deleted with the screening: section or had new items inserted after it.
func TestRefreshSecondDocument(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	second := "---\n# notities\nronde: 2\n...\n"
	fresh := string(writeReview(t, screeningA(bank)))
	items := fresh[strings.Index(fresh, "\nitems:")+1 : strings.Index(fresh, "\n# New items")+1]
	screening := fresh[strings.Index(fresh, "\nscreening:")+1 : strings.Index(fresh, "\nitems:")+1]
	for name, data := range map[string]string{
		"items last":     screening + items + second,
		"screening last": items + screening + second,
	} {
		t.Run(name, func(t *testing.T) {
			out, rep, err := refreshErr([]byte(data), screeningB(bankWith(t)), RefreshOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(string(out), "\n"+second) || strings.Count(string(out), "ronde: 2") != 1 {
				t.Errorf("the second document is not kept at the end:\n%s", out)
			}
			if !slices.Equal(rep.Added, []string{"G2"}) || loadReviewBytes(t, out).Item("G2") == nil {
				t.Errorf("added %v\n%s", rep.Added, out)
			}
		})
	}
}

// TestRefreshLineBreaks: a file with CR-only line ends, and reasons holding
// the characters YAML counts as line breaks (NEL, LS, PS, a lone CR),
// refresh like any other and keep them; before, the first panicked and the
// others were refused, blaming another item and line.
func TestRefreshLineBreaks(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	lf, _ := applyEdits(t, writeReview(t, screeningA(bank)))
	want, _ := refresh(t, lf, screeningB(bank))

	cr := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r"))
	out, _, err := refreshErr(cr, screeningB(bank), RefreshOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, bytes.ReplaceAll(want, []byte("\n"), []byte("\r"))) {
		t.Errorf("the CR refresh differs from the LF one in more than line ends:\n%q", out)
	}

	for _, brk := range []string{"\u0085", "\u2028", "\u2029", "\r"} {
		reason := "\"eerste" + brk + "  tweede\""
		data := inItem(t, writeReview(t, screeningA(bank)), "A2", "    decision:\n    reason:", "    decision: keep\n    reason: "+reason)
		data = inItem(t, data, "A3", "    reason:", "    reason: |\n      een"+brk+"      twee")
		before := loadReviewBytes(t, data)
		out, _, err := refreshErr(data, screeningB(bank), RefreshOptions{})
		if err != nil {
			t.Errorf("break %q: %v", brk, err)
			continue
		}
		after := loadReviewBytes(t, out)
		for _, id := range []string{"A2", "A3"} {
			if got, was := after.Item(id).Reason, before.Item(id).Reason; got != was {
				t.Errorf("break %q: %s's reason %q, want %q", brk, id, got, was)
			}
		}
		if !bytes.Contains(out, []byte("    reason: "+reason+"\n")) {
			t.Errorf("break %q: the reason's bytes changed:\n%q", brk, out)
		}
	}
}

// TestRefreshMistypedID: an entry whose id lost a character, over a
// decision, is refused with the item it most likely is; before, the
// decision was marked out of the bank and the item added again as new,
// with an empty decision that decide then followed.
func TestRefreshMistypedID(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"A1": {"keep", "nodig voor de Index"}})
	line := strings.Count(string(data[:bytes.Index(data, []byte("  - id: A1\n"))]), "\n") + 1
	for _, tc := range []struct {
		name, id, want string
		restore        bool
	}{
		{"cut short", "A", "did you mean A1?", false},
		{"cut short, restoring", "A", "did you mean A1?", true},
		{"typo", "a11", "did you mean A1?", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			typo := bytes.Replace(data, []byte("  - id: A1\n"), []byte("  - id: "+tc.id+"\n"), 1)
			out, _, err := refreshErr(typo, screeningA(bank), RefreshOptions{Restore: tc.restore})
			var pe *itembank.ParseError
			if out != nil || !errors.As(err, &pe) || !errors.Is(err, ErrUnknownItem) {
				t.Fatalf("error %v, want a *ParseError wrapping ErrUnknownItem", err)
			}
			if pe.Line != line || pe.Item != tc.id || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "decision (keep)") {
				t.Errorf("error %q, want line %d, item %s and %q", err, line, tc.id, tc.want)
			}
		})
	}
	// Without a decision the entry is refused too when its id is close to
	// that of an item without an entry.
	empty := bytes.Replace(writeReview(t, screeningA(bank)), []byte("  - id: A3\n"), []byte("  - id: A33\n"), 1)
	if _, _, err := refreshErr(empty, screeningA(bank), RefreshOptions{}); err == nil || !strings.Contains(err.Error(), "did you mean A3?") {
		t.Errorf("empty entry A33: error %v", err)
	}
}

// TestRefreshFillsInComputedFields: a deleted or emptied suggestion (or
// any computed field) is filled in by the refresh; before, the refresh
// refused with "run itemreduce review again to fill it in".
func TestRefreshFillsInComputedFields(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	fresh := writeReview(t, screeningA(bank))
	for name, data := range map[string][]byte{
		"suggestion deleted":     inItem(t, fresh, "A2", "    suggestion: drop\n", ""),
		"suggestion empty":       inItem(t, fresh, "A2", "    suggestion: drop\n", "    suggestion:\n"),
		"text and flags deleted": inItem(t, fresh, "A2", "    text: \"Tweede stelling\"\n    flags: [stable, redundant]\n", ""),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := LoadReview(bytes.NewReader(data), "review.yaml"); err == nil && strings.HasPrefix(name, "suggestion") {
				t.Fatal("the broken file loads")
			}
			out, _, err := refreshErr(data, screeningA(bank), RefreshOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, fresh) {
				t.Errorf("refreshed file differs from the fresh one:\n%s", out)
			}
		})
	}
}

// TestRefreshDeletedItem: an entry deleted by hand is reported missing and
// put back only on request; before, it was added again and announced as
// new in the bank. An item new in the bank is still added.
func TestRefreshDeletedItem(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	fresh := string(writeReview(t, screeningA(bank)))
	start := strings.Index(fresh, "  - id: A3\n")
	end := strings.Index(fresh, "  - id: G1\n")
	deleted := []byte(fresh[:start] + fresh[end:])

	out, rep, err := refreshErr(deleted, screeningA(bankWith(t)), RefreshOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Missing, []string{"A3"}) || !slices.Equal(rep.Added, []string{"G2"}) || len(rep.Restored) != 0 || rep.Items != 4 {
		t.Errorf("missing %v, added %v, restored %v, items %d; want [A3], [G2], [], 4", rep.Missing, rep.Added, rep.Restored, rep.Items)
	}
	if ids := reviewIDs(loadReviewBytes(t, out)); !slices.Equal(ids, []string{"A1", "A2", "G1", "G2"}) {
		t.Errorf("items %v", ids)
	}
	// Refreshed again, it is still missing, not new.
	if _, rep, err := refreshErr(out, screeningA(bankWith(t)), RefreshOptions{}); err != nil || !slices.Equal(rep.Missing, []string{"A3"}) || len(rep.Added) != 0 {
		t.Errorf("second refresh: missing %v, added %v, error %v", rep.Missing, rep.Added, err)
	}

	out, rep, err = refreshErr(deleted, screeningA(bank), RefreshOptions{Restore: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Restored, []string{"A3"}) || len(rep.Missing)+len(rep.Added) != 0 {
		t.Errorf("restoring: restored %v, missing %v, added %v", rep.Restored, rep.Missing, rep.Added)
	}
	if string(out) != fresh {
		t.Errorf("the restored file differs from the fresh one:\n%s", out)
	}

	// A file that does not record its screened items: the bank's SHA-256
	// tells whether the bank changed since.
	legacy := bytes.Replace(deleted, []byte("\n  screened_items: [A1, A2, A3, G1]"), nil, 1)
	if bytes.Equal(legacy, deleted) {
		t.Fatal("screened_items not found")
	}
	for _, tc := range []struct {
		sha            string
		missing, added []string
	}{{"ab", []string{"A3"}, nil}, {"other", nil, []string{"A3"}}} {
		res := screeningA(bank)
		s := testScreening(res, DefaultConfig())
		s.Bank.SHA256 = tc.sha
		_, rep, err := RefreshReview(legacy, "review.yaml", res, DefaultConfig(), s)
		if err != nil || !slices.Equal(rep.Missing, tc.missing) || !slices.Equal(rep.Added, tc.added) {
			t.Errorf("bank %s: missing %v, added %v, error %v; want %v, %v", tc.sha, rep.Missing, rep.Added, err, tc.missing, tc.added)
		}
	}
}

// TestRefreshEncodings: a review file saved as UTF-16 (Notepad's
// "Unicode"), windows-1252 or UTF-8 with a byte-order mark is refreshed
// and saved as it was; before, the refresh failed with a wrong message.
func TestRefreshEncodings(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"A3": {"drop", "één reden, café"}})
	data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	want, _ := refresh(t, data, screeningB(bank))
	for _, enc := range []textEncoding{{name: "UTF-16LE"}, {name: "UTF-16BE"}, {name: "windows-1252"}, {name: "UTF-8", bom: true}} {
		t.Run(enc.name, func(t *testing.T) {
			saved, err := enc.encode(data)
			if err != nil {
				t.Fatal(err)
			}
			out, _, err := refreshErr(saved, screeningB(bank), RefreshOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if wantSaved, _ := enc.encode(want); !bytes.Equal(out, wantSaved) {
				t.Errorf("refreshed file is not the UTF-8 refresh saved as %s", enc.name)
			}
			if rv, err := LoadReview(bytes.NewReader(out), "review.yaml"); err != nil || rv.Item("A3").Reason != "één reden, café" {
				t.Errorf("reading the %s file back: %v", enc.name, err)
			}
		})
	}
	// A new item text that windows-1252 cannot hold is refused.
	cp, _ := textEncoding{name: "windows-1252"}.encode(data)
	other := loadTestBank(t, strings.Replace(testBankYAML, "Rapportcijfer", "Rapportcijfer ≥ 6", 1))
	if _, _, err := refreshErr(cp, screeningB(other), RefreshOptions{}); !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "G1") {
		t.Errorf("error %v, want ErrEncoding naming G1", err)
	}
	for name, bad := range map[string][]byte{
		"odd UTF-16":     {0xFF, 0xFE, 'a', 0, 'b'},
		"lone surrogate": {0xFF, 0xFE, 0x00, 0xD8, 'a', 0},
		"NUL":            []byte("items:\x00\xe9"),
		"mixed":          []byte("items: \xc3\xa9 \xe9\n"),
		"undefined":      []byte("items: \x81\n"),
	} {
		if _, _, err := refreshErr(bad, screeningB(bank), RefreshOptions{}); !errors.Is(err, ErrEncoding) {
			t.Errorf("%s: error %v, want ErrEncoding", name, err)
		}
	}
}
