package itembank

import (
	"errors"
	"strings"
	"testing"
)

const goodBank = `title: test
scales:
  likert5: {min: 1, max: 5, missing: [9]}
  grade10: {min: 1, max: 10}
items:
  - id: SW01
    text: "Ik werk graag in dit team"
    scale: likert5
    reverse: true
  - {id: SW02, text: "Rapportcijfer", scale: grade10, theme: Werk}
composites:
  Baken: [SW01, SW02]
`

func TestLoadBank(t *testing.T) {
	b, err := LoadBank(strings.NewReader(goodBank), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Items) != 2 || len(b.Scales) != 2 || b.Scales[0].Name != "likert5" || b.Title != "test" {
		t.Fatalf("bank = %+v", b)
	}
	sw01 := b.Item("SW01")
	if !sw01.Reverse || sw01.Scale.Range() != 4 || sw01.Line != 6 || !sw01.Scale.IsMissing(Int(9)) {
		t.Errorf("SW01 = %+v", sw01)
	}
	if b.Item("SW02").Theme != "Werk" || b.Item("SW02").Scale.Range() != 9 {
		t.Errorf("SW02 = %+v", b.Item("SW02"))
	}
	if i, ok := b.Index("SW02"); !ok || i != 1 {
		t.Errorf("Index(SW02) = %d, %v", i, ok)
	}
	if len(b.Composites) != 1 || b.Composites[0].Items[1] != "SW02" {
		t.Errorf("composites = %+v", b.Composites)
	}
}

// TestBankLanguage checks the language key: nl or en in any case, absent
// meaning unsaid, and that it leaves the bank's fingerprint alone.
func TestBankLanguage(t *testing.T) {
	const body = "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a, scale: l}\n"
	plain, err := LoadBank(strings.NewReader(body), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if plain.Language != "" {
		t.Errorf("no language key: Language = %q, want empty", plain.Language)
	}
	for src, want := range map[string]string{"language: nl\n": "nl", "language: NL\n": "nl", "language: ' En '\n": "en"} {
		b, err := LoadBank(strings.NewReader(src+body), "bank.yaml")
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if b.Language != want {
			t.Errorf("%q: Language = %q, want %q", src, b.Language, want)
		}
		if b.Hash() != plain.Hash() {
			t.Errorf("%q: the language changed the bank's fingerprint", src)
		}
	}
}

// TestLoadBankErrors checks that each broken bank is rejected with the file,
// the line and a message a researcher understands.
func TestLoadBankErrors(t *testing.T) {
	tests := []struct {
		name, src string
		sentinel  error
		want      string
	}{
		{"empty", "", ErrEmpty, "bank.yaml: file is empty"},
		{"only a comment", "# nothing\n", ErrEmpty, "bank.yaml: file is empty"},
		{"invalid yaml", "scales:\n  likert5: {min: 1, max: 5\nitems: []\n", ErrSyntax, "bank.yaml:2: syntax error: did not find expected ',' or"},
		{"misspelled key", "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a, scael: l}\n", ErrSyntax, `bank.yaml:4: syntax error: unknown key "scael" (misspelled?)`},
		{"duplicate id", "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a, scale: l}\n  - {id: A, text: b, scale: l}\n", ErrDuplicateItem, "bank.yaml:5:5: item A: duplicate item id (first on line 4)"},
		{"unknown scale", "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a, scale: likert}\n", ErrUnknownScale, `bank.yaml:4:5: item A: unknown scale "likert" (declared: l)`},
		{"no scale", "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a}\n", ErrUnknownScale, "bank.yaml:4:5: item A: unknown scale: no scale given"},
		{"min >= max", "scales:\n  l: {min: 5, max: 5}\nitems:\n  - {id: A, text: a, scale: l}\n", ErrBadScale, "bank.yaml:2:3: invalid scale: scale l: min (5) must be less than max (5)"},
		{"missing max", "scales:\n  l: {min: 1}\nitems:\n  - {id: A, text: a, scale: l}\n", ErrBadScale, "bank.yaml:2:3: invalid scale: scale l needs both min and max"},
		{"missing code inside scale", "scales:\n  l: {min: 1, max: 5, missing: [3]}\nitems:\n  - {id: A, text: a, scale: l}\n", ErrBadScale, "missing code 3 lies inside the scale 1-5"},
		{"no items", "scales:\n  l: {min: 1, max: 5}\n", ErrNoItems, "bank.yaml:1: no items"},
		{"bad id", "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: \"A B\", text: a, scale: l}\n", ErrBadItem, "bank.yaml:4:5: item A B: invalid item: id may hold only"},
		{"composite of unknown item", "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a, scale: l}\ncomposites:\n  C: [A, B]\n", ErrBadItem, `bank.yaml:6:3: item B: invalid item: composite "C"`},
		{"unknown language", "language: fries\nscales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a, scale: l}\n", ErrBadLanguage, `bank.yaml:1:11: invalid language: language "fries": write nl (Nederlands) or en (English)`},
		{"min not a number", "scales:\n  l: {min: one, max: 5}\nitems:\n  - {id: A, text: a, scale: l}\n", ErrSyntax, "bank.yaml:2:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadBank(strings.NewReader(tc.src), "bank.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("error %q does not wrap %v", err, tc.sentinel)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "bank.yaml" {
				t.Errorf("error %q is not a *ParseError naming the file", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

// FuzzLoadBank feeds arbitrary text to the bank loader: it must return a
// bank or an error, never panic, and a bank it returns must be consistent.
func FuzzLoadBank(f *testing.F) {
	f.Add(goodBank)
	f.Add("scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: A, text: a, scale: l}\n")
	f.Add("items: [{id: A}]\nscales: {l: {min: 9, max: 1}}")
	f.Add("&a [*a]")
	f.Fuzz(func(t *testing.T, src string) {
		b, err := LoadBank(strings.NewReader(src), "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for i, it := range b.Items {
			if j, ok := b.Index(it.ID); !ok || j != i || it.Scale == nil || it.Scale.Min >= it.Scale.Max {
				t.Errorf("inconsistent item %d: %+v", i, it)
			}
		}
	})
}
