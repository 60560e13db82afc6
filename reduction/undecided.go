package reduction

import (
	"encoding/json"
	"fmt"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Reason says why a rule could not be decided for an item.
type Reason int

const (
	// NotAskedCurrent: the item is absent from the current wave; no rule is decided.
	NotAskedCurrent Reason = iota
	// NoAnswersCurrent: nobody answered the item in the current wave; no rule is decided.
	NoAnswersCurrent
	// NoPreviousWave: no previous wave was given, so stable is undecided.
	NoPreviousWave
	// NotAskedPrevious: the item is absent from the previous wave.
	NotAskedPrevious
	// NoAnswersPrevious: nobody answered the item in the previous wave.
	NoAnswersPrevious
	// TooFewForSD: an SD needs at least 2 answers, so low_spread is undecided.
	TooFewForSD
	// RUndefined: r is undefined with some other items (fewer than
	// itembank.MinPairN common respondents, or no variance among them).
	RUndefined
	// WithheldCurrent: a summary of the current wave withholds the item,
	// since fewer people than its minimum answered it (at one site at
	// least); no rule is decided.
	WithheldCurrent
	// WithheldPrevious: a summary of the previous wave withholds the item,
	// so stable is undecided.
	WithheldPrevious
	// RWithheld: a summary of the current wave withholds the item's pairs
	// with some other items, since fewer people than its minimum answered
	// both (at one site at least), so redundant is undecided for them.
	RWithheld
	// RNoTable: the redundancy method (spearman, kendall, polychoric) needs answer
	// tables, and the item has none with some other items (a scale of more
	// than itembank.MaxTablePoints points, answers that are not whole
	// points, or a summary made without tables).
	RNoTable
	// RTableWithheld: a summary of the current wave withholds the answer
	// table of the item with some other items (a cell counts fewer people
	// than its minimum at a site at least).
	RTableWithheld
)

var reasonCodes = [...]string{"not_asked_current", "no_answers_current", "no_previous_wave",
	"not_asked_previous", "no_answers_previous", "too_few_for_sd", "r_undefined",
	"withheld_current", "withheld_previous", "r_withheld", "r_no_table", "r_table_withheld"}

// String returns the reason's code as written in JSON, e.g. no_previous_wave.
func (r Reason) String() string {
	if r < 0 || int(r) >= len(reasonCodes) {
		return fmt.Sprintf("Reason(%d)", int(r))
	}
	return reasonCodes[r]
}

// An Undecided is a rule that could not be decided for an item, and why.
// Undecided rules never fire (METHOD.md: undefined cases never fire and are
// reported).
type Undecided struct {
	Reason Reason
	Others int // RUndefined, RWithheld: with how many other items r is undefined or withheld
}

// Rules returns the rules the reason leaves undecided.
func (u Undecided) Rules() []Rule {
	switch u.Reason {
	case NoPreviousWave, NotAskedPrevious, NoAnswersPrevious, WithheldPrevious:
		return []Rule{Stable}
	case TooFewForSD:
		return []Rule{LowSpread}
	case RUndefined, RWithheld, RNoTable, RTableWithheld:
		return []Rule{Redundant}
	}
	return Rules
}

// Concerns reports whether u leaves rule r undecided.
func (u Undecided) Concerns(r Rule) bool {
	if r == Floor {
		r = Ceiling // both decided from the mean alone
	}
	for _, x := range u.Rules() {
		if x == r {
			return true
		}
	}
	return false
}

// String says in words which rule is undecided and why, as the outputs
// and the review file show it.
func (u Undecided) String() string {
	switch u.Reason {
	case NotAskedCurrent:
		return "not asked in the current wave: no rule decided"
	case NoAnswersCurrent:
		return "no answers in the current wave: no rule decided"
	case NoPreviousWave:
		return "stable: no previous wave given"
	case NotAskedPrevious:
		return "stable: not asked in the previous wave"
	case NoAnswersPrevious:
		return "stable: no answers in the previous wave"
	case TooFewForSD:
		return "low_spread: SD needs at least 2 answers"
	case RUndefined:
		return fmt.Sprintf("redundant: r undefined with %d other item(s) (fewer than %d common respondents, or no variance)", u.Others, itembank.MinPairN)
	case WithheldCurrent:
		return "withheld by a summary of the current wave (fewer people answered it at a site than its minimum): no rule decided"
	case WithheldPrevious:
		return "stable: withheld by a summary of the previous wave (fewer people answered it at a site than its minimum)"
	case RWithheld:
		return fmt.Sprintf("redundant: r withheld with %d other item(s) by a summary of the current wave (fewer people answered both at a site than its minimum)", u.Others)
	case RNoTable:
		return fmt.Sprintf("redundant: no table of answers with %d other item(s), which the method needs (a scale of more than %d points, answers between the points, or summaries made without tables)", u.Others, itembank.MaxTablePoints)
	case RTableWithheld:
		return fmt.Sprintf("redundant: the table of answers with %d other item(s) is withheld by a summary of the current wave (a combination of answers that fewer people gave at a site than its minimum)", u.Others)
	}
	return u.Reason.String()
}

// MarshalJSON writes the rules, the reason code and the words.
func (u Undecided) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Rules  []Rule `json:"rules"`
		Reason string `json:"reason"`
		Others int    `json:"others,omitempty"`
		Text   string `json:"text"`
	}{u.Rules(), u.Reason.String(), u.Others, u.String()})
}
