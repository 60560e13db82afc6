package reduction

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
	"github.com/itemreduce/itemreduce/itembank"
)

// lineAfter returns the line of the first s in data after the entry of item
// id ("" for anywhere).
func lineAfter(t *testing.T, data []byte, id, s string) int {
	t.Helper()
	from := 0
	if id != "" {
		from = bytes.Index(data, []byte("  - id: "+id+"\n"))
	}
	i := bytes.Index(data[from:], []byte(s))
	if from < 0 || i < 0 {
		t.Fatalf("%q not found after item %q", s, id)
	}
	return bytes.Count(data[:from+i], []byte("\n")) + 1
}

// TestProofRefuses: the proof that ends every refresh refuses a result
// that lost or changed anything a person wrote, naming the item and the
// line of the file as it was. The results are made by hand from a correct
// refresh, as a faulty splice would make them.
func TestProofRefuses(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	res := screeningB(bank)
	old, _ := applyEdits(t, writeReview(t, screeningA(bank)))
	old = append(old, "---\nronde: 2\n"...)
	good, _ := refresh(t, old, res)
	for _, tc := range []struct {
		name, from, to string
		item           string
		line           int // in old
		msg            string
	}{
		{"reason", "      Nodig voor de Index.\n", "      Nodig voor de index.\n", "A1", lineAfter(t, old, "A1", "    reason: |"), "change the reason"},
		{"note", "    note: 'opnieuw bekijken in 2019'\n", "", "A1", lineAfter(t, old, "A1", "    note:"), "lose the note"},
		{"comment", "    # Marieke: eens\n", "", "A1", lineAfter(t, old, "A1", "    # Marieke"), `lose the comment "# Marieke: eens"`},
		{"comment on a computed field", "  # twijfel", "", "A1", lineAfter(t, old, "A1", "    flags:"), `lose the comment "# twijfel"`},
		{"comment added", "    decision: drop\n", "    decision: drop\n    # ja\n", "A2", 0, `add the comment "# ja"`},
		{"comment moved to another item", "    # Marieke: eens\n", "", "A1", lineAfter(t, old, "A1", "    # Marieke"), "lose the comment"},
		{"blank line", "\"A1 blijft\"\n\n", "\"A1 blijft\"\n", "A3", lineAfter(t, old, "A2", "\n\n  # --- de rest") + 1, "change the blank lines"},
		{"add:", "    reason: nieuw  # van de teamleiders\n", "    reason: oud  # van de teamleiders\n", "", lineAfter(t, old, "", "add:\n"), "change add:"},
		{"second document", "ronde: 2\n", "ronde: 3\n", "", lineAfter(t, old, "", "---\nronde") + 1, "follows the first document"},
		{"item", "  - id: A3\n", "  - id: A3\n    # (weg)\n", "A3", 0, "add the comment"},
		{"computed field", "    flags: [ceiling]\n", "    flags: []\n", "A3", lineAfter(t, old, "", "  - id: A3"), "out of date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := bytes.Replace(good, []byte(tc.from), []byte(tc.to), 1)
			if bytes.Equal(bad, good) {
				t.Fatalf("%q not in the refreshed file", tc.from)
			}
			if tc.name == "comment moved to another item" {
				bad = bytes.Replace(bad, []byte("  - id: G1\n"), []byte("  - id: G1\n    # Marieke: eens\n"), 1)
			}
			sp, err := yamlfile.NewSplicer(old, "review.yaml")
			if err != nil {
				t.Fatal(err)
			}
			_, err = proveRefresh(sp, bad, computedItems(res, DefaultConfig()), &bankPlan{insert: map[string]bool{}})
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrUnsafeRefresh) {
				t.Fatalf("error %v, want a *ParseError wrapping ErrUnsafeRefresh", err)
			}
			if pe.Item != tc.item || pe.Line != tc.line || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "nothing was written") {
				t.Errorf("error %q, want item %q, line %d and %q", err, tc.item, tc.line, tc.msg)
			}
		})
	}
	sp, _ := yamlfile.NewSplicer(old, "review.yaml")
	if _, err := proveRefresh(sp, good, computedItems(res, DefaultConfig()), &bankPlan{insert: map[string]bool{}}); err != nil {
		t.Errorf("the correct refresh is refused: %v", err)
	}
}
