package benchdata

import (
	"bytes"
	"strings"
	"testing"
)

// TestMake: the same size gives the same bytes; the CSV has a header and
// n rows of p+1 cells; Themes and All add the themes and composites.
func TestMake(t *testing.T) {
	bank, csv := Make(14, 50, Options{})
	bank2, csv2 := Make(14, 50, Options{Themes: true, All: true})
	if !bytes.Equal(csv, csv2) {
		t.Error("the answers depend on the options")
	}
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	if len(lines) != 51 {
		t.Fatalf("%d lines, want a header and 50 rows", len(lines))
	}
	for i, l := range lines {
		if c := strings.Count(l, ",") + 1; c != 15 {
			t.Errorf("line %d: %d cells, want 15", i+1, c)
		}
	}
	if strings.Contains(string(bank), "theme") || strings.Contains(string(bank), "composites") {
		t.Errorf("bank without Themes:\n%s", bank)
	}
	for _, want := range []string{"theme: F11", "reverse: true", "tenth: [Q0001, Q0011]", "all: [Q0001, Q0002"} {
		if !strings.Contains(string(bank2), want) {
			t.Errorf("bank with Themes and All lacks %q:\n%s", want, bank2)
		}
	}
	if _, again := Make(14, 50, Options{}); !bytes.Equal(csv, again) {
		t.Error("two calls of the same size differ")
	}
}
