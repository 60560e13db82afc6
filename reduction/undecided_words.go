package reduction

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// undecidedWords say, per Reason, which rule is undecided and why, as
// Undecided.String does in English; the reasons with a count have the
// verbs %d (the other items) and %d (itembank.MinPairN, RUndefined only).
type undecidedWords struct {
	NotAskedCurrent, NoAnswersCurrent, NoPreviousWave, NotAskedPrevious, NoAnswersPrevious string
	TooFewForSD, RUndefined, WithheldCurrent, WithheldPrevious, RWithheld                  string
}

// phrase is the phrase of reason r.
func (u *undecidedWords) phrase(r Reason) string {
	switch r {
	case NotAskedCurrent:
		return u.NotAskedCurrent
	case NoAnswersCurrent:
		return u.NoAnswersCurrent
	case NoPreviousWave:
		return u.NoPreviousWave
	case NotAskedPrevious:
		return u.NotAskedPrevious
	case NoAnswersPrevious:
		return u.NoAnswersPrevious
	case TooFewForSD:
		return u.TooFewForSD
	case RUndefined:
		return u.RUndefined
	case WithheldCurrent:
		return u.WithheldCurrent
	case WithheldPrevious:
		return u.WithheldPrevious
	case RWithheld:
		return u.RWithheld
	}
	return ""
}

// reasons are every Reason, in order.
var reasons = []Reason{NotAskedCurrent, NoAnswersCurrent, NoPreviousWave, NotAskedPrevious, NoAnswersPrevious,
	TooFewForSD, RUndefined, WithheldCurrent, WithheldPrevious, RWithheld}

// undecided says an undecided rule of the review file's evidence, written
// there in English (Undecided.String), in w; a text this version does not
// write is shown as it is.
func (w *Words) undecided(s string) string {
	if w == &englishWords {
		return s
	}
	for _, r := range reasons {
		en := englishWords.Undecided.phrase(r)
		pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(en), "%d", `(\d+)`) + "$"
		m := regexp.MustCompile(pattern).FindStringSubmatch(s)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, d := range m[1:] {
			args[i], _ = strconv.Atoi(d)
		}
		return fmt.Sprintf(w.Undecided.phrase(r), args...)
	}
	return s
}
