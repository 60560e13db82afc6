package reduction

import "strings"

// templateWords are the comments of the YAML checklist in one language;
// its keys (by:, target_length:, keep:) are the same in every language.
type templateWords struct {
	title       string // followed by the questionnaire's title and a period
	untitled    string // the questionnaire, when the bank has no title
	instruction string // the comment block under the title
	optional    string // the comment after an empty target_length:
}

var (
	templateEnglish = templateWords{
		title:    "Proposal for next year's version of ",
		untitled: "the questionnaire",
		instruction: `#
# Below, every item of this year's questionnaire is listed under keep:, one
# per line, with its text after the #. Delete the line of every item you
# would leave out; keep the lines of the items you want to keep. Lines
# starting with # are comments and may stay.
#
# Fill in your name after by: and, if you aim for a length, the number of
# items after target_length:. Then return the file to the researchers.
`,
		optional: "optional: the number of items you aim for",
	}
	templateDutch = templateWords{
		title:    "Voorstel voor de versie van volgend jaar van ",
		untitled: "de vragenlijst",
		instruction: `#
# Hieronder staan alle items van de vragenlijst van dit jaar onder keep:,
# één per regel, met de tekst na het #. Verwijder de regel van elk item dat
# u zou schrappen; laat de regels staan van de items die u wilt behouden.
# Regels die met # beginnen zijn opmerkingen en mogen blijven staan.
#
# Vul na by: uw naam in en, als u naar een bepaalde lengte streeft, na
# target_length: het aantal items. Stuur het bestand daarna terug naar de
# onderzoekers.
`,
		optional: "niet verplicht: het aantal items waar u naar streeft",
	}
)

// templateWordsFor returns the words of lang: Dutch for "nl", English
// otherwise.
func templateWordsFor(lang string) *templateWords {
	if strings.EqualFold(lang, "nl") {
		return &templateDutch
	}
	return &templateEnglish
}
