package proposalbook

import (
	"fmt"
	"strings"
	"unicode"
)

// words are the texts of a checklist workbook in one language.
type words struct {
	lang        string
	sheet       string
	title       string // followed by the questionnaire's title
	untitled    string // the questionnaire, when the bank has no title
	instruction string // %s: the keep column's heading; %s, %s: yes and no
	name        string // label of the name cell
	target      string // label of the target cell
	kept        string // label of the live count
	theme       string // column headings
	id          string
	text        string
	keep        string
	yes, no     string
	// The text right of the count: of how many items, or how it stands
	// against the target. The formula fills in the numbers.
	ofItems     string // "of" N "items"
	itemsSuffix string
	ofTarget    string // "of target" T
	overTarget  string // ": " D " more to drop"
	overSuffix  string
	underTarget string // ": " D " below the target"
	underSuffix string
	onTarget    string
	pickTitle   string // the drop-down's message when another word is typed
	pickText    string
}

// english and dutch are the two languages of the checklist.
var (
	english = words{
		lang:     "en",
		sheet:    "Proposal",
		title:    "Proposal for next year's version of ",
		untitled: "the questionnaire",
		instruction: "For every item, choose in the column %s whether it stays in next year's questionnaire: " +
			"%s (keep) or %s (leave out). Every item starts at %[2]s. Fill in your name and, if you aim for a length, " +
			"your target: the count below follows your choices. Then save the file and send it back to the researchers. " +
			"The statistics are left out on purpose: choose by what your team needs to know.",
		name:        "Name",
		target:      "Target (number of items)",
		kept:        "Kept",
		theme:       "Theme",
		id:          "id",
		text:        "Text",
		keep:        "Keep?",
		yes:         "yes",
		no:          "no",
		ofItems:     "of ",
		itemsSuffix: " items",
		ofTarget:    "of target ",
		overTarget:  ": ",
		overSuffix:  " more to drop",
		underTarget: ": ",
		underSuffix: " below the target",
		onTarget:    ": on target",
		pickTitle:   "Choose yes or no",
		pickText:    "In this column, choose yes (keep the item) or no (leave it out).",
	}
	dutch = words{
		lang:     "nl",
		sheet:    "Voorstel",
		title:    "Voorstel voor de versie van volgend jaar van ",
		untitled: "de vragenlijst",
		instruction: "Kies bij elk item in de kolom %s of het in de vragenlijst van volgend jaar blijft: " +
			"%s (behouden) of %s (schrappen). Alle items staan eerst op %[2]s. Vul uw naam in en, als u naar een " +
			"bepaalde lengte streeft, uw doel: de telling hieronder loopt mee met uw keuzes. Sla het bestand daarna op " +
			"en stuur het terug naar de onderzoekers. De statistieken staan er bewust niet bij: kies op wat uw team wil weten.",
		name:        "Naam",
		target:      "Doel (aantal items)",
		kept:        "Behouden",
		theme:       "Thema",
		id:          "id",
		text:        "Tekst",
		keep:        "Behouden?",
		yes:         "ja",
		no:          "nee",
		ofItems:     "van ",
		itemsSuffix: " items",
		ofTarget:    "van doel ",
		overTarget:  ": nog ",
		overSuffix:  " te schrappen",
		underTarget: ": ",
		underSuffix: " onder het doel",
		onTarget:    ": precies het doel",
		pickTitle:   "Kies ja of nee",
		pickText:    "Kies in deze kolom ja (het item behouden) of nee (het item schrappen).",
	}
	languages = []*words{&english, &dutch}
)

// wordsFor returns the words of lang: Dutch for "nl", English otherwise.
func wordsFor(lang string) *words {
	if strings.EqualFold(lang, "nl") {
		return &dutch
	}
	return &english
}

// Answers are the words a keep cell may hold, in either language, read
// without regard to case and surrounding spaces. An empty cell is no
// answer (the checklist starts at yes, so an emptied cell is a mistake to
// point out, not a choice); an x is not read either, since one person's
// cross ticks an item and another's strikes it out.
var answers = map[string]bool{
	"yes": true, "y": true, "keep": true,
	"ja": true, "j": true, "behouden": true, "behoud": true,
	"no": false, "n": false, "drop": false,
	"nee": false, "schrappen": false, "schrap": false,
}

// answer reads a keep cell: keep is true for yes, false for no; ok is
// false for an empty cell or any other word.
func answer(cell string) (keep, ok bool) {
	keep, ok = answers[strings.ToLower(clean(cell))]
	return keep, ok
}

// clean trims the spaces around a cell's text, including the
// non-breaking ones Excel users paste, and joins its lines.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// heading reports which language's heading a header cell is, comparing
// without case, spaces or a final question mark or colon; nil if none.
func heading(cell string, of func(*words) string) *words {
	norm := func(s string) string {
		return strings.TrimRight(strings.ToLower(clean(s)), "?: ")
	}
	c := norm(cell)
	if c == "" {
		return nil
	}
	for _, w := range languages {
		if norm(of(w)) == c {
			return w
		}
	}
	return nil
}

// yesOrNo is how a message names the two answers of w: "ja or nee".
func (w *words) yesOrNo() string { return fmt.Sprintf("%s or %s", w.yes, w.no) }
