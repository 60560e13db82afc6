package reduction

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// replaceIn replaces the first line equal to old after the line "  - id: ID"
// (after the start of the file when id is empty) by new.
func replaceIn(t *testing.T, data []byte, id, old, new string) []byte {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	start := 0
	if id != "" {
		start = lineOf(t, data, id, "  - id: "+id) - 1
	}
	for i := start; i < len(lines); i++ {
		if lines[i] == old {
			lines[i] = new
			return []byte(strings.Join(lines, "\n"))
		}
	}
	t.Fatalf("%s: line %q not found", id, old)
	return nil
}

// TestDecideRefusesEditedComputedFields: a computed field typed over by
// hand is refused by Decide, naming each item and its line, and the
// audit is never written. On HEAD before digests, the first two cases
// were accepted and the audit showed the typed values as the program's.
func TestDecideRefusesEditedComputedFields(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	// Suggestions of screeningA: A1 drop (stable, redundant), A2 drop, A3 keep, G1 drop.
	base := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"A1": {"keep", ""}, "A2": {"keep", "idem"}})
	for _, tc := range []struct {
		name  string
		edit  func([]byte) []byte
		items []string // edited items, as named in the message
	}{
		{"suggestion keep over a ticked item kept without a reason", func(b []byte) []byte {
			return replaceIn(t, b, "A1", "    suggestion: drop", "    suggestion: keep")
		}, []string{"A1"}},
		{"threshold in the evidence", func(b []byte) []byte {
			return replaceIn(t, b, "A2", "      stable: {shift: -0.10, threshold: 0.4, n: 100, previous_n: 90}",
				"      stable: {shift: -0.10, threshold: 0.1, n: 100, previous_n: 90}")
		}, []string{"A2"}},
		{"statistic and a tick", func(b []byte) []byte {
			b = replaceIn(t, b, "G1", "      ceiling: {mean: 8.50, threshold: 8.2, n: 100}", "      ceiling: {mean: 8.10, threshold: 8.2, n: 100}")
			return replaceIn(t, b, "A3", "    flags: []", "    flags: [ceiling]")
		}, []string{"A3", "G1"}},
		{"partner of a redundant pair", func(b []byte) []byte {
			return replaceIn(t, b, "A1", "      redundant: [{id: A2, r: 0.63, n: 98}]", "      redundant: [{id: A3, r: 0.63, n: 98}]")
		}, []string{"A1"}},
		{"text", func(b []byte) []byte {
			return replaceIn(t, b, "A3", `    text: "Derde: met een dubbele punt en \"aanhalingstekens\""`, `    text: "Derde"`)
		}, []string{"A3"}},
		{"digest", func(b []byte) []byte {
			rv := loadReviewBytes(t, b)
			return replaceIn(t, b, "G1", "    digest: "+rv.Item("G1").Digest, "    digest: 0123456789abcdef")
		}, []string{"G1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.edit(base)
			_, err := Decide(bank, loadReviewBytes(t, data), nil, Combine{})
			if !errors.Is(err, ErrEditedByHand) {
				t.Fatalf("Decide: %v, want an error wrapping ErrEditedByHand", err)
			}
			var at []string
			for _, id := range tc.items {
				at = append(at, id+" (line "+strconv.Itoa(lineOf(t, data, id, "  - id: "+id))+")")
			}
			want := "review.yaml: the computed fields of " + strings.Join(at, ", ") + " were edited by hand; run `itemreduce review` to recompute them"
			if first := strings.Split(err.Error(), "\n")[0]; first != want {
				t.Errorf("error\n%s\nwant\n%s", first, want)
			}
		})
	}
	// The same file as written, with its human fields filled in, is
	// accepted once A1 has its reason.
	ok := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{"A1": {"keep", "nodig"}})
	if _, err := Decide(bank, loadReviewBytes(t, ok), nil, Combine{}); err != nil {
		t.Errorf("an unedited file refused: %v", err)
	}
}

// TestDecideRefusesEditedThresholds: the thresholds under screening: are
// part of every item's digest, so an edit there is refused for all.
func TestDecideRefusesEditedThresholds(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := replaceIn(t, writeReview(t, screeningA(bank)), "", "      ceiling: 4.2", "      ceiling: 3.9")
	_, err := Decide(bank, loadReviewBytes(t, data), nil, Combine{})
	if !errors.Is(err, ErrEditedByHand) || !strings.Contains(err.Error(), "the computed fields of every item (all 4), or the thresholds under screening:, were edited by hand") {
		t.Errorf("Decide: %v", err)
	}
	data = replaceIn(t, writeReview(t, screeningA(bank)), "", "  drop_from_ticks: 1", "  drop_from_ticks: 2")
	if _, err := Decide(bank, loadReviewBytes(t, data), nil, Combine{}); !errors.Is(err, ErrEditedByHand) {
		t.Errorf("drop_from_ticks edited: %v", err)
	}
}

// TestDecideRefusesFileWithoutDigests: a review file written before
// digests existed cannot be shown to hold the program's fields, and is
// refused with the same remedy; so is one item whose digest was deleted.
func TestDecideRefusesFileWithoutDigests(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := writeReview(t, screeningA(bank))
	var old []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "    digest: ") {
			old = append(old, l)
		}
	}
	_, err := Decide(bank, loadReviewBytes(t, []byte(strings.Join(old, "\n"))), nil, Combine{})
	var pe *itembank.ParseError
	if !errors.Is(err, ErrNoDigest) || !errors.As(err, &pe) || pe.File != "review.yaml" ||
		!strings.Contains(err.Error(), "review.yaml: no digest on any item: the file was written by an older itemreduce") ||
		!strings.Contains(err.Error(), "run `itemreduce review` to recompute them") {
		t.Errorf("Decide: %v", err)
	}
	rv := loadReviewBytes(t, data)
	one := replaceIn(t, data, "A2", "    digest: "+rv.Item("A2").Digest, "    note: zonder digest")
	_, err = Decide(bank, loadReviewBytes(t, one), nil, Combine{})
	if want := "review.yaml: no digest on A2 (line " + strconv.Itoa(lineOf(t, one, "A2", "  - id: A2")) + ")"; !errors.Is(err, ErrNoDigest) || !strings.Contains(err.Error(), want) {
		t.Errorf("Decide: %v, want %q", err, want)
	}
}

// TestDigestIgnoresLayout: the digest is over the values, so changing the
// layout, the quotes, the order of keys or the comments of the computed
// fields is no edit.
func TestDigestIgnoresLayout(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := writeReview(t, screeningA(bank))
	data = replaceIn(t, data, "A1", "      stable: {shift: 0.05, threshold: 0.4, n: 100, previous_n: 90}",
		"      stable:   # the shift\n        n: 100\n        shift: 0.05\n        previous_n: 90\n        threshold: \"0.4\"")
	data = replaceIn(t, data, "A1", "    flags: [stable, redundant]", "    flags:\n      - stable\n      - redundant  # both")
	data = replaceIn(t, data, "G1", "    suggestion: drop", "    suggestion: 'drop'")
	data = replaceIn(t, data, "A3", `    text: "Derde: met een dubbele punt en \"aanhalingstekens\""`, `    text: 'Derde: met een dubbele punt en "aanhalingstekens"'`)
	if _, err := Decide(bank, loadReviewBytes(t, data), nil, Combine{}); err != nil {
		t.Errorf("a change of layout refused: %v\n%s", err, data)
	}
}

// TestRefreshRestoresComputedFields: the remedy the message gives works:
// a refresh rewrites the edited fields and their digest, and the file is
// then accepted, with the researchers' decision kept.
func TestRefreshRestoresComputedFields(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	res := screeningA(bank)
	edited := decided(t, writeReview(t, res), map[string][2]string{"A1": {"keep", "nodig"}})
	edited = replaceIn(t, edited, "A1", "    suggestion: drop", "    suggestion: keep")
	if _, err := Decide(bank, loadReviewBytes(t, edited), nil, Combine{}); !errors.Is(err, ErrEditedByHand) {
		t.Fatalf("edited file: %v", err)
	}
	out, _ := refresh(t, edited, res)
	d, err := Decide(bank, loadReviewBytes(t, out), nil, Combine{})
	if err != nil {
		t.Fatalf("refreshed file refused: %v", err)
	}
	if a1 := d.Items[0].Review; a1.Suggestion != Drop || a1.Decision != Keep || !d.Items[0].Overridden() {
		t.Errorf("A1 after the refresh: %+v", a1)
	}
	// A refresh of a file without digests adds them.
	var old []string
	for _, l := range strings.Split(string(writeReview(t, res)), "\n") {
		if !strings.HasPrefix(l, "    digest: ") {
			old = append(old, l)
		}
	}
	out, _ = refresh(t, []byte(strings.Join(old, "\n")), res)
	if _, err := Decide(bank, loadReviewBytes(t, out), nil, Combine{}); err != nil {
		t.Errorf("file refreshed from one without digests refused: %v", err)
	}
}

// TestDigestSkipsItemsOutOfBank: an item that left the bank plays no part
// in the decision, so its computed fields are not checked.
func TestDigestSkipsItemsOutOfBank(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	smaller := bankWithout(t, "A3")
	out, _ := refresh(t, writeReview(t, screeningA(bank)), screeningA(smaller))
	out = replaceIn(t, out, "A3", "    suggestion: keep", "    suggestion: drop")
	if _, err := Decide(smaller, loadReviewBytes(t, out), nil, Combine{}); err != nil {
		t.Errorf("an edited item out of the bank refused: %v", err)
	}
}

// TestDigestCoversComputedKeys: every computed key but in_bank and the
// digest itself changes the digest, so that a key added to computedKeys
// is covered without more code.
func TestDigestCoversComputedKeys(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	res := screeningA(bank)
	c := computedItems(res, DefaultConfig())[0]
	th := NewScreening(res, DefaultConfig(), ReviewInputs{}).thresholdsText()
	if c.Digest != c.digest(th) || len(c.Digest) != digestLength {
		t.Fatalf("digest %q", c.Digest)
	}
	changed := map[string]func(*computed){
		"text":  func(c *computed) { c.Text += "." },
		"flags": func(c *computed) { c.Flags = c.Flags[:1] },
		"evidence": func(c *computed) {
			c.Evidence.Stable = &StatEvidence{Value: "0.06", Threshold: "0.4", N: 100, PreviousN: 90}
		},
		"group":          func(c *computed) { c.Group = 3 },
		"representative": func(c *computed) { c.Representative = "SA01" },
		"suggestion":     func(c *computed) { c.Suggestion = Keep },
	}
	for _, k := range computedKeys {
		f, ok := changed[k]
		if k == "in_bank" || k == "digest" {
			x := c
			x.InBank = false
			if x.digest(th) != c.Digest {
				t.Error("in_bank changes the digest: a refresh marking an item out of the bank would break it")
			}
			continue
		}
		if !ok {
			t.Errorf("computed key %s: no case in this test", k)
			continue
		}
		x := c
		x.Evidence.Redundant = append([]PartnerEvidence{}, c.Evidence.Redundant...)
		f(&x)
		if x.digest(th) == c.Digest {
			t.Errorf("a change of %s leaves the digest", k)
		}
	}
	if c.digest(strings.Replace(th, "0.4", "0.1", 1)) == c.Digest {
		t.Error("a change of the thresholds leaves the digest")
	}
}
