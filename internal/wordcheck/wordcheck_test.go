package wordcheck

import (
	"slices"
	"strings"
	"testing"
)

type inner struct{ Rules []string }

type words struct {
	Title, Count, Caveat string
	Inner                inner
}

// TestCompare finds each kind of problem, with its path, and none in a
// sound pair.
func TestCompare(t *testing.T) {
	en := words{Title: "Screening report", Count: "%d of %s kept", Caveat: "", Inner: inner{Rules: []string{"stable", "ceiling"}}}
	nl := words{Title: "Screeningsrapport", Count: "%d van %s behouden", Caveat: "met een kanttekening", Inner: inner{Rules: []string{"stabiel", "plafond"}}}
	if p := Compare("Words", en, nl, map[string]bool{"Words.Caveat": true}); len(p) != 0 {
		t.Errorf("a sound pair: %q", p)
	}
	bad := nl
	bad.Title = " "
	bad.Count = "%s van %d behouden"
	bad.Inner.Rules = []string{"stabiel"}
	got := strings.Join(Compare("Words", en, bad, nil), "\n")
	for _, want := range []string{
		`Words.Title: empty phrase (en "Screening report", nl " ")`,
		"Words.Count: verbs [%d %s] in English, [%s %d] in Dutch",
		`Words.Caveat: empty phrase (en "", nl "met een kanttekening")`,
		"Words.Inner.Rules: 2 entries in English, 1 in Dutch",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
	if p := Compare("X", struct{ N int }{1}, struct{ N int }{1}, nil); len(p) != 1 || !strings.Contains(p[0], "X.N: phrase of kind int") {
		t.Errorf("a number in a word list: %q", p)
	}
}

// TestPhrases keeps the constant parts of two words or more, skipping
// the paths asked and lists of alternatives.
func TestPhrases(t *testing.T) {
	w := words{Title: "Screening report", Count: "%d of the items kept (%s)", Caveat: "keep|drop or empty", Inner: inner{Rules: []string{"stable", "Mann-Whitney U"}}}
	got := Phrases("Words", w, map[string]bool{"Words.Inner.Rules[1]": true})
	want := []string{"Screening report", "of the items kept"}
	if !slices.Equal(got, want) {
		t.Errorf("Phrases = %q, want %q", got, want)
	}
}
