package reduction

import (
	"fmt"
	"strings"
)

// A Lang is the language of the files people read: the review file's
// comments and decision words, a proposal's comments and the Markdown and
// HTML audit. Files for programs (JSON, the screen table, CSV) stay in
// English whatever the language. The zero Lang is English, as for a bank
// without a language: key.
type Lang string

const (
	English Lang = "en"
	Dutch   Lang = "nl"
)

// Langs are the languages the files can be written in.
var Langs = []Lang{Dutch, English}

// ParseLang reads a language code, nl or en, in any case; the empty
// string is English.
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "en":
		return English, nil
	case "nl":
		return Dutch, nil
	}
	return "", fmt.Errorf("%q is not a language: write nl (Nederlands) or en (English)", s)
}

// Code is the language's code, nl or en.
func (l Lang) Code() string {
	if l == Dutch {
		return "nl"
	}
	return "en"
}

// Name is the language's name in itself.
func (l Lang) Name() string { return l.Words().LangName }

// Words returns the phrases of the language: English for the zero Lang.
func (l Lang) Words() *Words {
	if l == Dutch {
		return &dutchWords
	}
	return &englishWords
}

// Words holds every phrase the files people read use, one field per
// phrase, so that a phrase missing in one language is a compile-time gap
// that TestWordsComplete reports, not a silent fallback. Phrases with
// verbs (%d, %s) are format strings; both languages have the same verbs in
// the same order.
type Words struct {
	LangName string
	// Keep and Drop are the decision words written in the review file
	// and shown in the audit; both languages' words are read (verdictWord).
	Keep, Drop string
	Rules      ruleWords
	Undecided  undecidedWords
	Review     reviewWords
	Proposal   proposalWords
	Audit      auditWords
}

// ruleWords name the rules for readers; files keep the names of Rule.String.
type ruleWords struct{ Stable, Ceiling, LowSpread, Redundant, Floor string }

// Rule names rule r for a reader.
func (w *Words) Rule(r Rule) string {
	switch r {
	case Stable:
		return w.Rules.Stable
	case Ceiling:
		return w.Rules.Ceiling
	case LowSpread:
		return w.Rules.LowSpread
	case Redundant:
		return w.Rules.Redundant
	case Floor:
		return w.Rules.Floor
	}
	return r.String()
}

// Verdict is the word for v in this language; empty for no verdict.
func (w *Words) Verdict(v Verdict) string {
	switch v {
	case Keep:
		return w.Keep
	case Drop:
		return w.Drop
	}
	return string(v)
}

// verdictWord reads a decision word as people type it, in English or
// Dutch, without regard to case or surrounding spaces: keep, Keep and
// "behouden " are keep; drop, DROP and Schrappen are drop. The empty word
// is no verdict; ok is false for any other word.
func verdictWord(s string) (v Verdict, ok bool) {
	word := strings.ToLower(strings.TrimSpace(s))
	if word == "" {
		return "", true
	}
	for _, l := range Langs {
		w := l.Words()
		switch word {
		case w.Keep:
			return Keep, true
		case w.Drop:
			return Drop, true
		}
	}
	return "", false
}

// verdictWords lists the decision words of every language, for messages:
// "keep or drop (behouden or schrappen)".
func verdictWords() string {
	e, d := English.Words(), Dutch.Words()
	return fmt.Sprintf("%s or %s (%s or %s)", e.Keep, e.Drop, d.Keep, d.Drop)
}

// reviewWords are the review file's comments.
type reviewWords struct {
	Header, Footer string
}

// proposalWords are the comments of a team leader's checklist.
type proposalWords struct {
	Title         string // format: the questionnaire's title
	NoTitle       string // the title when the bank has none
	Instructions  string
	TargetComment string // after an empty target_length:
}

// AuditTitles are the first words of the audit's title in every language
// ("Audit of the item reduction"), by which an earlier audit is known.
func AuditTitles() []string {
	var out []string
	for _, l := range Langs {
		title, _, _ := strings.Cut(l.Words().Audit.Title, ":")
		out = append(out, title)
	}
	return out
}
