package reduction

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// keptBy counts the bank items proposal p keeps.
func keptBy(p *Proposal, bank *itembank.Bank) int {
	n := 0
	for _, it := range bank.Items {
		if p.Keeps(it.ID) {
			n++
		}
	}
	return n
}

func TestProposalTemplate(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	var b bytes.Buffer
	if err := WriteProposalTemplate(&b, bank, "Teamleider Zwolle", 0); err != nil {
		t.Fatal(err)
	}
	tmpl := b.String()
	if !strings.Contains(tmpl, "  - A1  # Eerste stelling\n") || !strings.Contains(tmpl, "  # --- Cijfers\n") {
		t.Errorf("template lacks an item line with its text, or a theme heading:\n%s", tmpl)
	}
	p, err := LoadProposal(strings.NewReader(tmpl), "zwolle.yaml", bank)
	if err != nil {
		t.Fatalf("the untouched template is not a valid proposal: %v", err)
	}
	if keptBy(p, bank) != 4 || p.Name() != "Teamleider Zwolle" || p.TargetLength != 0 {
		t.Errorf("template proposal = %+v", p)
	}
	// Deleting lines gives a valid proposal keeping the rest.
	cut := regexp.MustCompile(`(?m)^  - (A2|G1) .*\n`).ReplaceAllString(tmpl, "")
	cut = strings.Replace(cut, "target_length: ", "target_length: 2", 1)
	p, err = LoadProposal(strings.NewReader(cut), "zwolle.yaml", bank)
	if err != nil {
		t.Fatalf("%v\n%s", err, cut)
	}
	if !p.Keeps("A1") || p.Keeps("A2") || !p.Keeps("A3") || p.Keeps("G1") || p.TargetLength != 2 {
		t.Errorf("after deleting A2 and G1: keeps A1 %v A2 %v A3 %v G1 %v, target %d", p.Keeps("A1"), p.Keeps("A2"), p.Keeps("A3"), p.Keeps("G1"), p.TargetLength)
	}
}

func TestProposalDropList(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	p, err := LoadProposal(strings.NewReader("drop: [A2]\n"), "ommen.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	if keptBy(p, bank) != 3 || p.Keeps("A2") || !p.Keeps("G1") || p.Name() != "ommen" {
		t.Errorf("drop: [A2] keeps %d, A2 %v, name %q", keptBy(p, bank), p.Keeps("A2"), p.Name())
	}
}

// TestLoadProposalErrors: each mistake a team leader can make is reported
// with the file and line.
func TestLoadProposalErrors(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	for _, tc := range []struct {
		name, text string
		line       int
		sentinel   error
		msg        string
	}{
		{"empty file", "\n", 0, itembank.ErrEmpty, "empty"},
		{"unknown id", "by: X\nkeep:\n  - A1\n  - A7\n", 4, ErrUnknownItem, "item A7"},
		{"duplicate", "keep:\n  - A1\n  - A2\n  - A1\n", 4, ErrDuplicateID, "also on line 2"},
		{"both lists", "keep: [A1]\ndrop: [A2]\n", 2, ErrBothLists, "not both"},
		{"no items", "by: X\nkeep:\n", 2, ErrEmptyList, "lists no items"},
		{"no list", "by: X\n", 1, ErrEmptyList, "lists no items"},
		{"unknown key", "by: X\nkeeep: [A1]\n", 2, ErrUnknownKey, `"keeep"`},
		{"bad target", "target_length: veel\nkeep: [A1]\n", 1, ErrBadValue, "whole number"},
		{"zero target", "target_length: 0\nkeep: [A1]\n", 1, ErrBadValue, "positive"},
		{"keep not a list", "keep: A1\n", 1, ErrBadValue, "must be a list"},
		{"invalid YAML", "keep:\n  - A1\n - A2\n", 3, itembank.ErrSyntax, "indented by 1 space, the lines around it by 2"},
		{"item indented further", "keep:\n  - A1\n   - A2\n  - A3\n", 3, itembank.ErrSyntax, "indented by 3 spaces, the lines around it by 2"},
		{"two ids on one line", "keep:\n  - A1 - A2\n", 2, ErrUnknownItem, "item A1 - A2"},
		{"no keep: line", "by: X\n  - A1\n  - A2\n", 2, itembank.ErrSyntax, "no keep: line above it; add a line keep: before the first item (- A1)"},
		{"no keep: line, list first", "  - A1\n  - A2\n", 1, itembank.ErrSyntax, "no keep: line above it"},
		{"Keep: written twice", "keep: [A1]\nKeep: [A2]\n", 2, ErrBadValue, "keep given twice"},
		{"not a mapping", "A1, A2\n", 1, itembank.ErrSyntax, "a proposal starts with by:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadProposal(strings.NewReader(tc.text), "zwolle.yaml", bank)
			var pe *itembank.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.File != "zwolle.yaml" || pe.Line != tc.line {
				t.Errorf("error at %s:%d, want zwolle.yaml:%d (%v)", pe.File, pe.Line, tc.line, err)
			}
			if !errors.Is(err, tc.sentinel) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q: want %v saying %q", err, tc.sentinel, tc.msg)
			}
		})
	}
}

func FuzzLoadProposal(f *testing.F) {
	bank := loadTestBank(f, testBankYAML)
	var b bytes.Buffer
	if err := WriteProposalTemplate(&b, bank, "X", 3); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("drop: [A1, A2]\n"))
	f.Add([]byte("keep: [A1]\ndrop: []\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := LoadProposal(bytes.NewReader(data), "p.yaml", bank)
		if err != nil {
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || pe.File != "p.yaml" {
				t.Fatalf("error without file: %v", err)
			}
			return
		}
		if keptBy(p, bank) > len(bank.Items) || (p.Listed == "keep" && keptBy(p, bank) == 0) {
			t.Fatalf("accepted proposal keeps %d of %d", keptBy(p, bank), len(bank.Items))
		}
	})
}

// TestKeepDropWords: keep and drop are read as people type them, in the
// review file's decision: and suggestion: and as a proposal's keys.
func TestKeepDropWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Verdict
		ok   bool
	}{
		{"keep", Keep, true}, {"Keep", Keep, true}, {"KEEP", Keep, true}, {" keep", Keep, true},
		{"drop", Drop, true}, {"DROP", Drop, true}, {"Drop ", Drop, true}, {"drop\u00a0", Drop, true},
		{"", "", true}, {"  ", "", true},
		{"dorp", "", false}, {"keep it", "", false}, {"schrappen", Drop, true}, {"Behouden", Keep, true},
	} {
		if got, ok := verdictWord(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("verdictWord(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}

	review := "items:\n" +
		"  - id: A1\n    suggestion: Drop\n    decision: Keep\n    reason: Vaste vraag\n" +
		"  - id: A2\n    suggestion: keep\n    decision: DROP\n    reason: Te lang\n" +
		"  - id: A3\n    suggestion: keep\n    decision: \"Drop \"\n    reason: Dubbel\n"
	rv, err := LoadReview(strings.NewReader(review), "review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string][2]Verdict{"A1": {Drop, Keep}, "A2": {Keep, Drop}, "A3": {Keep, Drop}} {
		if it := rv.Item(id); it.Suggestion != want[0] || it.Decision != want[1] {
			t.Errorf("%s: suggestion %q, decision %q; want %q, %q", id, it.Suggestion, it.Decision, want[0], want[1])
		}
	}

	bank := loadTestBank(t, testBankYAML)
	for text, want := range map[string]int{
		"By: X\nKeep:\n  - A1\n  - G1\n": 2,
		"DROP: [A2]\n":                   3,
		"Target_Length: 2\nKEEP: [A1]\n": 1,
	} {
		p, err := LoadProposal(strings.NewReader(text), "zwolle.yaml", bank)
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if keptBy(p, bank) != want {
			t.Errorf("%q keeps %d items, want %d", text, keptBy(p, bank), want)
		}
	}
}
