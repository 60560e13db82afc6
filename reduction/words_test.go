package reduction

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/wordcheck"
	"github.com/itemreduce/itemreduce/itembank"
)

// TestWordsComplete: every phrase exists in both languages, is not empty,
// and has the same format verbs in the same order; lists of column
// headings have as many columns in each language.
func TestWordsComplete(t *testing.T) {
	for _, p := range wordcheck.Compare("Words", englishWords, dutchWords, nil) {
		t.Error(p)
	}
	for _, r := range []Rule{Stable, Ceiling, LowSpread, Redundant, Floor} {
		if Dutch.Words().Rule(r) == English.Words().Rule(r) {
			t.Errorf("rule %s has no Dutch name", r)
		}
		if English.Words().Rule(r) != r.String() {
			t.Errorf("rule %s: English name %q, want the name files use", r, English.Words().Rule(r))
		}
	}
}

// TestParseLang: nl and en in any case; the empty string is English.
func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"": English, "en": English, "EN": English, " nl ": Dutch, "Nl": Dutch} {
		if got, err := ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"fries", "nederlands", "de"} {
		if _, err := ParseLang(in); err == nil || !strings.Contains(err.Error(), "nl (Nederlands) or en (English)") {
			t.Errorf("ParseLang(%q): error %v, want one naming nl and en", in, err)
		}
	}
}

// TestReviewInDutch writes a review file in Dutch: Dutch comments and
// suggestion words, the same digests as the English file, decisions read
// in both languages and any case, and an unknown word named with both
// languages' words.
func TestReviewInDutch(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	res := screeningA(bank)
	en, nl := writeReviewIn(t, res, English), writeReviewIn(t, res, Dutch)
	for _, want := range []string{"# Beoordelingsbestand: ", "#   decision:  behouden of schrappen;", "  language: nl\n",
		"    suggestion: schrappen\n", "    suggestion: behouden\n", "# Nieuwe items voor de vragenlijst van volgend jaar"} {
		if !strings.Contains(string(nl), want) {
			t.Errorf("Dutch review lacks %q", want)
		}
	}
	for _, unwanted := range []string{"suggestion: drop", "suggestion: keep", "Yours to fill in", "# New items"} {
		if strings.Contains(string(nl), unwanted) {
			t.Errorf("Dutch review holds %q", unwanted)
		}
	}
	if strings.Contains(string(en), "language:") || !strings.Contains(string(en), "    suggestion: drop\n") {
		t.Errorf("the English review changed: no language: key and keep/drop expected")
	}
	digests := regexp.MustCompile(`digest: [0-9a-f]+`)
	if !slices.Equal(digests.FindAllString(string(en), -1), digests.FindAllString(string(nl), -1)) {
		t.Error("the digests depend on the language")
	}
	filled := decided(t, nl, map[string][2]string{"A1": {"Behouden", "nodig"}, "A2": {"SCHRAPPEN", ""}, "A3": {"keep", ""}, "G1": {"Drop", ""}})
	rv := loadReviewBytes(t, filled)
	if err := rv.CheckComputed(bank); err != nil {
		t.Errorf("CheckComputed on the Dutch file: %v", err)
	}
	for id, want := range map[string][2]Verdict{"A1": {Drop, Keep}, "A2": {Drop, Drop}, "A3": {Keep, Keep}, "G1": {Drop, Drop}} {
		if it := rv.Item(id); it.Suggestion != want[0] || it.Decision != want[1] {
			t.Errorf("%s: suggestion %q, decision %q; want %q, %q", id, it.Suggestion, it.Decision, want[0], want[1])
		}
	}
	bad := bytes.Replace(filled, []byte("decision: Behouden"), []byte("decision: bewaren"), 1)
	_, err := LoadReview(bytes.NewReader(bad), "review.yaml")
	if err == nil || !strings.Contains(err.Error(), `"bewaren" is not a decision: write keep or drop (behouden or schrappen)`) {
		t.Errorf("unknown word: %v", err)
	}
}

func writeReviewIn(t *testing.T, res *Result, lang Lang) []byte {
	t.Helper()
	s := testScreening(res, DefaultConfig())
	s.Language = lang.recorded()
	var b bytes.Buffer
	if err := WriteReview(&b, res, DefaultConfig(), s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestVerdictWords reads the decision words of both languages in any case.
func TestVerdictWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Verdict
		ok   bool
	}{
		{"keep", Keep, true}, {" KEEP ", Keep, true}, {"behouden", Keep, true}, {"Behouden", Keep, true}, {"BEHOUDEN", Keep, true},
		{"drop", Drop, true}, {"Drop", Drop, true}, {"schrappen", Drop, true}, {" Schrappen", Drop, true},
		{"", "", true}, {"  ", "", true},
		{"houden", "", false}, {"merge", "", false}, {"ja", "", false}, {"keep drop", "", false},
	} {
		if got, ok := verdictWord(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("verdictWord(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestRefreshDutchKeepsEveryHumanByte fills in a Dutch review file as a
// researcher would, refreshes it with other results, and checks that every
// line outside the computed fields is kept byte for byte, that it stays
// Dutch even when English is asked for, and that a new item gets a Dutch
// suggestion.
func TestRefreshDutchKeepsEveryHumanByte(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	a, b := screeningA(bank), screeningB(bank)
	edited, human := applyEdits(t, writeReviewIn(t, a, Dutch))
	edited = decided(t, edited, map[string][2]string{"A3": {"Schrappen", "Zegt hetzelfde als A2 — één vraag is genoeg"}})
	var out []byte
	for _, asked := range []Lang{English, Dutch} {
		s := testScreening(b, DefaultConfig())
		s.Language = asked.recorded()
		got, rep, err := RefreshReview(edited, "review.yaml", b, DefaultConfig(), s)
		if err != nil {
			t.Fatalf("refresh asking %s: %v", asked, err)
		}
		if rep.Lang != Dutch {
			t.Errorf("asking %s: the refreshed file is in %q, want nl", asked, rep.Lang)
		}
		if out != nil && !bytes.Equal(got, out) {
			t.Errorf("the refresh depends on the language asked for")
		}
		out = got
	}
	if w, ok := inOrder(out, human); !ok {
		t.Fatalf("line %q was lost or moved:\n%s", w, out)
	}
	// Every line that is neither in screening: nor a computed field is
	// kept as it was, in order.
	var kept []string
	inScreening := false
	for _, l := range strings.Split(string(edited), "\n") {
		switch {
		case l == "screening:":
			inScreening = true
		case inScreening && !strings.HasPrefix(l, " "):
			inScreening = false
		}
		if !inScreening && !computedLine(l) {
			kept = append(kept, l)
		}
	}
	if w, ok := inOrder(out, kept); !ok {
		t.Errorf("human line %q was lost or moved", w)
	}
	if !strings.Contains(string(out), "  language: nl\n") || strings.Contains(string(out), "suggestion: drop") || strings.Contains(string(out), "suggestion: keep") {
		t.Errorf("the refreshed file is not Dutch throughout:\n%s", out)
	}

	// An item new in the bank is added with a Dutch suggestion.
	grown := loadTestBank(t, strings.Replace(testBankYAML, "  - {id: G1,", "  - {id: A4, scale: likert5, theme: Team, text: \"Vierde\"}\n  - {id: G1,", 1))
	res := screeningB(grown)
	got, rep, err := RefreshReview(edited, "review.yaml", res, DefaultConfig(), testScreening(res, DefaultConfig()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Added, []string{"A4"}) || !strings.Contains(string(got), "  - id: A4\n    text: \"Vierde\"\n    flags: []\n") {
		t.Fatalf("A4 not added: %v\n%s", rep.Added, got)
	}
	if i := strings.Index(string(got), "  - id: A4\n"); !strings.Contains(string(got[i:]), "    suggestion: behouden\n") {
		t.Errorf("A4's suggestion is not Dutch")
	}
}

// computedLine reports whether a review file line belongs to an item's
// computed fields.
func computedLine(l string) bool {
	t := strings.TrimSpace(l)
	for _, k := range computedKeys {
		if strings.HasPrefix(t, k+":") {
			return true
		}
	}
	return strings.HasPrefix(l, "      ") && !strings.HasPrefix(t, "#") // inside evidence:
}

// TestProposalInDutch: the checklist's comments are Dutch, its keys the
// same in both languages, and it loads back as a proposal keeping every item.
func TestProposalInDutch(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	for _, lang := range Langs {
		var b bytes.Buffer
		if err := WriteProposalTemplateIn(&b, bank, "", 0, lang); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		want, unwanted := "# Proposal for next year's version of Testlijst.", "Verwijder de regel"
		if lang == Dutch {
			want, unwanted = "# Voorstel voor de volgende versie van Testlijst.", "Delete the line"
		}
		if !strings.Contains(text, want) || strings.Contains(text, unwanted) {
			t.Errorf("%s checklist:\n%s", lang, text)
		}
		if !strings.Contains(text, "by:\ntarget_length:        # ") || !strings.Contains(text, "\nkeep:\n") {
			t.Errorf("%s checklist: keys differ:\n%s", lang, text)
		}
		p, err := LoadProposal(strings.NewReader(text), "p.yaml", bank)
		if err != nil {
			t.Fatalf("%s checklist does not load: %v", lang, err)
		}
		for _, it := range bank.Items {
			if !p.Keeps(it.ID) {
				t.Errorf("%s checklist does not keep %s", lang, it.ID)
			}
		}
	}
}

// TestAuditInDutch renders the audit in Dutch: Dutch headings and words,
// none of the English phrases, the same numbers; the JSON stays English.
func TestAuditInDutch(t *testing.T) {
	a := auditCase(t)
	english := map[string]string{}
	for name, f := range auditFormats {
		english[name] = render(t, a, f)
	}
	a.Lang = Dutch
	if got := render(t, a, (*Audit).WriteJSON); got != english["json"] {
		t.Error("the JSON audit depends on the language")
	}
	for _, name := range []string{"markdown", "html"} {
		got := render(t, a, auditFormats[name])
		for _, want := range []string{"Verantwoording van de itemreductie: Testlijst", "Combinatieregel", "Waar het oordeel afweek van de statistiek",
			"Wat het besluit kost", "Alle items", "De vier statistieken van elk item", "Zo is het besluit te herhalen", "onderzoekers",
			"behouden", "schrappen", "stabiel: |verschuiving| 0.05 ", "overlappend: |r| ", "beoordelingsbestand", "itembank van volgend jaar"} {
			if !strings.Contains(got, want) && !strings.Contains(got, strings.ReplaceAll(want, "|", `\|`)) {
				t.Errorf("Dutch %s audit lacks %q", name, want)
			}
		}
		if name == "html" && !strings.Contains(got, `<html lang="nl">`) {
			t.Error(`Dutch HTML audit is not <html lang="nl">`)
		}
		// No English phrase is left (single words, which the languages
		// may share, such as "item" or "SHA-256", aside).
		for _, phrase := range wordcheck.Phrases("Words.Audit", englishWords.Audit, nil) {
			if strings.Contains(got, phrase) {
				t.Errorf("Dutch %s audit holds the English %q", name, phrase)
			}
		}
		// The same numbers.
		num := regexp.MustCompile(`\b\d+\.\d+\b`)
		if e, d := num.FindAllString(english[name], -1), num.FindAllString(got, -1); !slices.Equal(e, d) {
			t.Errorf("Dutch %s audit: numbers differ from the English", name)
		}
	}
}

// TestTicksInEnglishAreTheEvidences: the audit's ticks in another language
// are made by Words.ticks; in English it must say what Evidence.Summaries
// says, so that a change to one shows in the other.
func TestTicksInEnglishAreTheEvidences(t *testing.T) {
	a := auditCase(t)
	v := a.view()
	n := 0
	for _, it := range v.Items {
		got := englishWords.ticks(it.evidence, it.Flags, it.red)
		if !slices.Equal(got, it.Ticks) && !(len(got) == 0 && len(it.Ticks) == 0) {
			t.Errorf("%s: ticks %q, Evidence.Summaries %q", it.ID, got, it.Ticks)
		}
		n += len(got)
	}
	if n == 0 {
		t.Fatal("no ticks compared")
	}
	if got, want := englishWords.Audit.totals(a.Decision.Totals()), a.Decision.Totals().String(); got != want {
		t.Errorf("totals %q, Totals.String %q", got, want)
	}
	for _, c := range []Combine{{}, {Rule: "any"}, {Rule: "all"}, {Rule: "at-least", N: 3}} {
		if got, want := englishWords.Audit.combine(c, 4), c.Describe(4); got != want {
			t.Errorf("combine %q, Describe %q", got, want)
		}
	}
}

// TestReviewUnknownLanguage: a review file whose screening: names another
// language is refused, naming the file.
func TestReviewUnknownLanguage(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	data := bytes.Replace(writeReviewIn(t, screeningA(bank), Dutch), []byte("  language: nl\n"), []byte("  language: fries\n"), 1)
	_, err := LoadReview(bytes.NewReader(data), "review.yaml")
	if err == nil || !strings.Contains(err.Error(), `review.yaml: invalid value: screening: language: "fries" is not a language`) {
		t.Errorf("LoadReview: %v", err)
	}
	if _, _, err := RefreshReview(data, "review.yaml", screeningA(bank), DefaultConfig(), testScreening(screeningA(bank), DefaultConfig())); err == nil {
		t.Error("RefreshReview accepted language: fries")
	}
}

// TestUndecidedWords: the English phrases are what Undecided.String says,
// and each is shown in Dutch in a Dutch audit, its counts kept.
func TestUndecidedWords(t *testing.T) {
	for _, r := range reasons {
		u := Undecided{Reason: r, Others: 7}
		en := englishWords.Undecided.phrase(r)
		want := en
		switch strings.Count(en, "%d") {
		case 1:
			want = fmt.Sprintf(en, 7)
		case 2:
			want = fmt.Sprintf(en, 7, itembank.MinPairN)
		}
		if u.String() != want {
			t.Errorf("%s: English phrase gives %q, Undecided.String %q", r, want, u.String())
		}
		nl := Dutch.Words().undecided(u.String())
		if nl == u.String() || strings.Contains(en, "%d") != strings.Contains(nl, "7") {
			t.Errorf("%s: Dutch %q", r, nl)
		}
		if English.Words().undecided(u.String()) != u.String() {
			t.Errorf("%s: English changed", r)
		}
	}
	if got := Dutch.Words().undecided("stable: a reason of a later version"); got != "stable: a reason of a later version" {
		t.Errorf("an unknown reason became %q", got)
	}
}

// TestTicksInEnglishReflectedAndWaves: reflected ceilings and floors and
// wave tests say in English what the evidence says, and are Dutch in Dutch.
func TestTicksInEnglishReflectedAndWaves(t *testing.T) {
	e := &Evidence{
		Ceiling: &StatEvidence{Value: "1.40", Threshold: "1.8", N: 50, Reflected: true},
		Floor:   &StatEvidence{Value: "4.60", Threshold: "4.2", N: 50, Reflected: true},
	}
	flags := []Rule{Ceiling, Floor}
	if got, want := englishWords.ticks(e, flags, "0.5"), e.Summaries(flags, "0.5"); !slices.Equal(got, want) {
		t.Errorf("ticks %q, Evidence.Summaries %q", got, want)
	}
	nl := dutchWords.ticks(e, flags, "0.5")
	if len(nl) != 2 || !strings.Contains(nl[0], "plafond: gemiddelde 1.40 < 1.8 (n 50; negatief geformuleerd, getoetst aan de gunstige kant)") ||
		!strings.Contains(nl[1], "vloer: gemiddelde 4.60 > 4.2 (n 50; negatief geformuleerd, getoetst aan de ongunstige kant)") {
		t.Errorf("Dutch ticks %q", nl)
	}
	for _, w := range []*WaveEvidence{
		{Test: SignedRankTest, P: "0.0123", PHolm: "0.5", Effect: "-0.46", NLinked: 80},
		{Test: MannWhitneyTest, P: "n/a", PHolm: "n/a", Effect: "0.10", NPrevious: 90, NCurrent: 100},
	} {
		it := viewItem{WaveTest: w.Summary(), evidence: &Evidence{WaveTest: w}}
		if got := englishWords.waveTest(it); got != w.Summary() {
			t.Errorf("English wave test %q, Summary %q", got, w.Summary())
		}
		if got := dutchWords.waveTest(it); !strings.HasPrefix(got, "toets tussen de metingen: "+string(w.Test)+" (") || strings.Contains(got, "previous") || strings.Contains(got, "linked") {
			t.Errorf("Dutch wave test %q", got)
		}
	}
}
