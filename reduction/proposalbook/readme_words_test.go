package proposalbook

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEAnswerWords: the README's list of the words a checklist's
// answer cell may hold ("The answers are read in either language ...")
// is the list the reader takes, no word more or less.
func TestREADMEAnswerWords(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	_, list, ok := strings.Cut(text, "The answers are read in either language and any case, with spaces around:")
	list, _, ok2 := strings.Cut(list, ").")
	if !ok || !ok2 {
		t.Fatal("the README no longer lists the answer words; update this test with it")
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`\*([^*]+)\*`).FindAllStringSubmatch(list, -1) {
		listed[m[1]] = true
		if _, ok := answers[m[1]]; !ok {
			t.Errorf("the README lists %q, which the checklist does not read", m[1])
		}
	}
	for w := range answers {
		if !listed[w] {
			t.Errorf("the checklist reads %q, which the README does not list", w)
		}
	}
}
