package htmlreport

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/wordcheck"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

// emptyInEnglish are the phrases English leaves empty on purpose:
// Caveat, since an English page shows a wave test's warning itself.
var emptyInEnglish = map[string]bool{"Words.Caveat": true}

// TestWordsComplete: every phrase of the page exists in both languages,
// is not empty, and has the same format verbs in the same order; lists
// have as many entries in each language.
func TestWordsComplete(t *testing.T) {
	for _, p := range wordcheck.Compare("Words", English, Dutch, emptyInEnglish) {
		t.Error(p)
	}
	if English.Lang != "en" || Dutch.Lang != "nl" {
		t.Errorf("lang attributes %q and %q", English.Lang, Dutch.Lang)
	}
	for _, l := range reduction.Langs {
		if WordsFor(l).Lang != l.Code() {
			t.Errorf("WordsFor(%s) is the page in %s", l, WordsFor(l).Lang)
		}
	}
}

// sharedNames are English phrases that Dutch writes inside its own:
// the name of a test ("Mann-Whitney U-toets").
var sharedNames = map[string]bool{"Words.Tests.MannWhitney": true}

// withoutWarnings cuts the warnings section from a page: the program's
// messages, English in every language.
func withoutWarnings(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, `<section id="warnings">`)
	if i < 0 {
		t.Fatal("the test page has no warnings section")
	}
	return page[:i] + page[i+strings.Index(page[i:], "</section>"):]
}

// dutchInput is the test page with the review's decisions, in language l.
func dutchInput(t *testing.T, l reduction.Lang) Input {
	t.Helper()
	in, _ := shortInput(t, 3, []int{2, 3, 4})
	in.After = []reduction.ReliabilityCost{{Kind: reduction.ThemeScale, Name: "First", ItemsBefore: 3, ItemsAfter: 2,
		AlphaBefore: 0.5, AlphaAfter: 0.61, OmegaBefore: 0.5, OmegaAfter: 0.62}}
	in.Final = map[string]reduction.Verdict{"A1": reduction.Keep, "A2": reduction.Drop}
	in.Words = WordsFor(l)
	return in
}

// TestPageInDutch renders the page in Dutch: lang="nl", Dutch headings,
// the rules by their Dutch names (their file names kept in data-rule),
// Dutch decisions and kinds, no English phrase of two words or more
// outside the program's warnings, and the same numbers as the English
// page, with decimal points.
func TestPageInDutch(t *testing.T) {
	english := render(t, dutchInput(t, reduction.English))
	page := render(t, dutchInput(t, reduction.Dutch))
	if !strings.Contains(page, `<html lang="nl">`) || !strings.Contains(english, `<html lang="en">`) {
		t.Error(`the pages are not lang="nl" and lang="en"`)
	}
	for _, want := range []string{"<h1>Screeningsrapport: Test</h1>", "<h2>Inhoud</h2>", "<h2>Antwoorden per thema</h2>", "<h2>Samenhang tussen de items</h2>",
		"<h2>Alle items</h2>", "<h2>Waarschuwingen</h2>", "Items zonder thema", "negatief geformuleerd", ">niet gevraagd<",
		">gemiddelde met 95%-interval<", "toets tussen de metingen: ", "(met een kanttekening: zie de waarschuwingen onderaan)",
		`<td class="keep">behouden</td>`, `<td class="drop">geschrapt</td>`, "<td>thema</td>", "<td>samengestelde indicator</td>",
		">alfa na<", "95%-interval", " tot ", "respondenten: vorige 6, laatste 7", ">Antwoorden: likert5<",
		"<h2>Verkorte vragenlijst</h2>", "<th>behouden informatie I</th>", "<h3>De behouden items per thema</h3>", ">behouden items<",
		"<h3>Behouden informatie per lengte</h3>", `<tr data-kind="theme" data-name="First"><td>thema</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the Dutch page lacks %q", want)
		}
	}
	// The ticks: badges, the table's rules column and the evidence on
	// hover in the audit's Dutch words; data-rule keeps the files' names.
	drawings, _ := svgs(t, page)
	marks := 0
	for id, d := range drawings {
		if !strings.HasPrefix(id, "chart-") {
			continue
		}
		for _, m := range d.All(hasClass("mark")) {
			rule := m.Attr("data-rule")
			var r reduction.Rule
			for _, c := range []reduction.Rule{reduction.Stable, reduction.Ceiling, reduction.LowSpread, reduction.Redundant, reduction.Floor} {
				if c.String() == rule {
					r = c
				}
			}
			name := reduction.Dutch.Words().Rule(r)
			if r.String() != rule || m.Nodes[0].XMLName.Local != "title" || !strings.HasPrefix(m.Nodes[0].Text, name+": ") {
				t.Errorf("%s: tick %q has the evidence %q", id, rule, m.Nodes[0].Text)
			}
			if text := m.All(hasClass("mark-text")); len(text) != 1 || text[0].Text != name {
				t.Errorf("%s: the badge of %s reads %+v, want %q", id, rule, text, name)
			}
			marks++
		}
	}
	if marks == 0 {
		t.Fatal("no ticks on the test page")
	}
	body := withoutWarnings(t, page)
	for _, r := range []reduction.Rule{reduction.Stable, reduction.Ceiling, reduction.LowSpread, reduction.Redundant, reduction.Floor} {
		if strings.Contains(body, ">"+r.String()+"<") || strings.Contains(body, ">"+r.String()+",") || strings.Contains(body, r.String()+": ") {
			t.Errorf("the Dutch page names the rule %s in English", r)
		}
	}
	for _, phrase := range wordcheck.Phrases("Words", English, sharedNames) {
		if strings.Contains(body, phrase) {
			i := strings.Index(body, phrase)
			t.Errorf("the Dutch page holds the English %q: …%s…", phrase, body[max(0, i-60):min(len(body), i+len(phrase)+20)])
		}
	}
	// The same numbers, with decimal points, as the English page (in the
	// text people read; the drawings' geometry follows the words' lengths).
	num := regexp.MustCompile(`\b\d+[.,]\d+\b`)
	numbers := func(page string) []string {
		var out []string
		for _, text := range regexp.MustCompile(`>[^<>]+<`).FindAllString(page, -1) {
			out = append(out, num.FindAllString(text, -1)...)
		}
		return out
	}
	if e, d := numbers(withoutWarnings(t, english)), numbers(body); !slices.Equal(e, d) || len(d) < 50 {
		for i := range min(len(e), len(d)) {
			if e[i] != d[i] {
				t.Errorf("number %d: %s in English, %s in Dutch", i, e[i], d[i])
				break
			}
		}
		t.Errorf("the Dutch page's numbers differ from the English page's (%d against %d)", len(d), len(e))
	}
	if regexp.MustCompile(`\b\d+,\d+\b`).MatchString(strings.Join(regexp.MustCompile(`>[^<>]+<`).FindAllString(body, -1), "")) {
		t.Error("a decimal comma on the Dutch page: numbers keep their point, as in the review file and the audit")
	}
}

// TestPageInEnglishUnchanged: the English page says the wave test's
// warning itself, and the decisions as keep and drop.
func TestPageInEnglishUnchanged(t *testing.T) {
	page := render(t, dutchInput(t, reduction.English))
	for _, want := range []string{"fewer than min_wave_n", `<td class="drop">drop</td>`, "<td>theme</td>", "<td>composite</td>", ">stable<",
		"2016: mean ", " to "} {
		if !strings.Contains(page, want) {
			t.Errorf("the English page lacks %q", want)
		}
	}
	if strings.Contains(page, "geschrapt") || strings.Contains(page, "kanttekening") {
		t.Error("Dutch on the English page")
	}
}

// TestWaveTestInDutch: the wave test line names the test and its effect
// in Dutch, a paired one with the people linked, and points to the
// warnings instead of quoting a caveat.
func TestWaveTestInDutch(t *testing.T) {
	wt := reduction.WaveTest{Test: reduction.SignedRankTest, P: 0.0001, PHolm: 0.002,
		Effect: reduction.Effect{Name: reduction.MatchedRankBiserial, Value: 0.4}, NLinked: 42, Warning: "wilcoxon_signed_rank on 42 linked respondents: fewer than min_wave_n 50"}
	got := testText(&wt, &Dutch)
	want := "toets tussen de metingen: rangtekentoets van Wilcoxon, gepaard, 42 gekoppeld, p < 0.001, Holm-p 0.002, " +
		"effect rangbiseriële r voor gepaarde metingen 0.40 (met een kanttekening: zie de waarschuwingen onderaan)"
	if got != want {
		t.Errorf("Dutch wave test\n%q, want\n%q", got, want)
	}
}

// TestShortReasonsInDutch: each of the shortener's sentences, made by its
// English format, is said again by the Dutch one with the same arguments
// (a reason inside a reason too, a decision word in Dutch); an unknown
// sentence and the options' names stay as they are; English is unchanged.
func TestShortReasonsInDutch(t *testing.T) {
	en, nl := &English.Short.Reasons, &Dutch.Short.Reasons
	review := fmt.Sprintf(en.ReviewDecides, "drop", 1483)
	for in, want := range map[string]string{
		review:                      fmt.Sprintf(nl.ReviewDecides, "schrappen", 1483),
		fmt.Sprintf(en.Ticks, 4, 3): fmt.Sprintf(nl.Ticks, 4, 3),
		fmt.Sprintf(en.KeepItem, "SA21", "--keep"):          fmt.Sprintf(nl.KeepItem, "SA21", "--keep"),
		fmt.Sprintf(en.LeaveOut, "TW03", review):            fmt.Sprintf(nl.LeaveOut, "TW03", fmt.Sprintf(nl.ReviewDecides, "schrappen", 1483)),
		fmt.Sprintf(en.Composite, "Bakens (oud)"):           fmt.Sprintf(nl.Composite, "Bakens (oud)"),
		fmt.Sprintf(en.MinPerTheme, 3, `Thema "A", deel 1`): fmt.Sprintf(nl.MinPerTheme, 3, `Thema "A", deel 1`),
		fmt.Sprintf(en.Exchange, "SA21", "SA05"):            fmt.Sprintf(nl.Exchange, "SA21", "SA05"),
		en.NotAnswered:                                      nl.NotAnswered,
		en.NoVariance:                                       nl.NoVariance,
		fmt.Sprintf(en.Undefined, 12):                       fmt.Sprintf(nl.Undefined, 12),
		"--keep":                                            "--keep",
		"a sentence of a later version":                     "a sentence of a later version",
		"":                                                  "",
	} {
		if got := Dutch.reason(in); got != want {
			t.Errorf("reason(%q) = %q, want %q", in, got, want)
		}
		if got := English.reason(in); got != in {
			t.Errorf("English reason(%q) = %q", in, got)
		}
	}
	if want := "SA21 behouden (het beoordelingsbestand zegt behouden, regel 363)"; Dutch.reason("keep SA21 (the review decides keep, line 363)") != want {
		t.Errorf("reason: %q, want %q", Dutch.reason("keep SA21 (the review decides keep, line 363)"), want)
	}
}

// TestShortReasonsAreTheShortenersWords: the sentences a real shortener
// writes (binding constraints, their exchanges, why items are forced or
// unusable) are each read by an English format of ShortReasons, so that
// the Dutch page says every one of them in Dutch.
func TestShortReasonsAreTheShortenersWords(t *testing.T) {
	// Z1 is not asked; N1 has no variance in the current wave.
	bank, err := itembank.LoadBank(strings.NewReader(strings.Replace(testBank, "composites:", "  - {id: Z1, scale: likert5, theme: Second, text: \"Not asked\"}\ncomposites:", 1)), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	current := regexp.MustCompile(`(?m),[0-9]*$`).ReplaceAllString(testCurrent, ",3")
	current = strings.Replace(current, "B1,A1,A2,A3,G1,3", "B1,A1,A2,A3,G1,N1", 1)
	cur := summary(t, bank, current, itembank.WithPairs)
	var sentences []string
	for _, opt := range []reduction.ShortenOptions{{MinPerTheme: 1}, {Keep: []string{"A3"}, Drop: []string{"B1"}}} {
		sh, err := reduction.NewShortener(bank, cur, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range sh.Unusable {
			sentences = append(sentences, u.Why)
		}
		for _, n := range []int{2, 3} {
			f, err := sh.Form(n, false)
			if err != nil {
				continue // B1 left out leaves its composite out: room for 2 items only
			}
			for _, c := range f.Binding {
				sentences = append(sentences, c.Constraint, c.Example)
			}
			for _, it := range f.Items {
				if it.Forced != "" {
					sentences = append(sentences, it.Forced)
				}
			}
		}
	}
	read := map[int]bool{}
	for _, s := range sentences {
		matched := false
		for k, p := range shortPatterns {
			if p.MatchString(s) {
				matched, read[k] = true, true
			}
		}
		if !matched && s != "--keep" && s != "--drop" {
			t.Errorf("the shortener's %q is read by no format of ShortReasons: the Dutch page would say it in English", s)
		}
		if Dutch.reason(s) == s && s != "--keep" && s != "--drop" {
			t.Errorf("%q is not said in Dutch", s)
		}
	}
	// Binding composites and themes, exchanges, a kept and a dropped
	// item, and two kinds of unusable item at least.
	if len(read) < 6 {
		t.Errorf("only %d of the %d formats met in %q", len(read), len(shortPatterns), sentences)
	}
}
