package files

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/itemreduce/itemreduce/itembank"
)

// ErrSeveralWaves reports a file that holds the answers of more than one
// wave where one wave was asked for (LoadOptions.OneWave). The error is a
// *WavesError.
var ErrSeveralWaves = errors.New("several waves")

// A WavesError reports a file whose wave column holds several values
// among the rows kept.
type WavesError struct {
	Column string   // the wave column, as the header names it
	Values []string // its values among the rows kept, sorted (numbers by value); at most maxSeen
	More   bool     // whether it holds more values than Values lists
}

func (e *WavesError) Error() string {
	return fmt.Sprintf("%v in column %s (%s): select the rows of one wave by that column", ErrSeveralWaves, e.Column, e.List())
}

func (e *WavesError) Unwrap() error { return ErrSeveralWaves }

// List is the values as a list for a message: "2016, 2017".
func (e *WavesError) List() string {
	s := strings.Join(e.Values, ", ")
	if e.More {
		s += ", …"
	}
	return s
}

// waveWords are the names of a wave column, in Dutch and English; a
// column is one when every word of its name is a wave word or a
// waveQualifier (see IsWaveColumn).
var waveWords = map[string]bool{
	"jaar": true, "year": true, "wave": true, "golf": true, "meting": true, "peiling": true, "ronde": true,
	"meetjaar": true, "meetmoment": true, "jaargang": true, "enquetejaar": true, "onderzoeksjaar": true,
}

var waveQualifiers = map[string]bool{
	"survey": true, "enquete": true, "enquête": true, "onderzoek": true, "van": true, "het": true, "de": true,
	"of": true, "the": true, "nr": true, "nummer": true, "number": true, "no": true, "id": true, "code": true,
}

// IsWaveColumn reports whether a column name says it tells waves apart:
// its words (split at anything but a letter, ignoring case) are wave
// words (jaar, year, wave, golf, meting, peiling, ronde, meetjaar,
// meetmoment, jaargang, enquetejaar, onderzoeksjaar), at least one, and
// words that only qualify them (survey, enquete, nr, nummer, number, id,
// code, of, van, ...). So jaar, Year, survey_year, golf_nr and "jaar van
// onderzoek" are wave columns; geboortejaar, leeftijd_jaar and
// jaren_ervaring are not.
func IsWaveColumn(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	wave := false
	for _, w := range words {
		switch {
		case waveWords[w]:
			wave = true
		case !waveQualifiers[w]:
			return false
		}
	}
	return wave
}

// waveCheck collects the values of the wave columns among the rows kept,
// for LoadOptions.OneWave. A nil *waveCheck checks nothing.
type waveCheck struct {
	columns []*waveColumn
}

type waveColumn struct {
	name   string
	field  int
	raw    map[string]bool // cell texts seen, up to maxRaw, to skip the common case fast
	values []string        // distinct values, numbers compared by value, up to maxSeen
	more   bool
}

// maxRaw caps the cell texts a wave column remembers.
const maxRaw = 64

// newWaveCheck returns the check of the wave columns of header on which
// no condition selects; nil when there is none or the check is off.
func newWaveCheck(header []string, where whereSet, on bool) *waveCheck {
	if !on {
		return nil
	}
	selected := map[int]bool{}
	for _, c := range where {
		selected[c.field] = true
	}
	var w waveCheck
	for f, h := range header {
		if h = strings.TrimSpace(h); !selected[f] && IsWaveColumn(h) {
			w.columns = append(w.columns, &waveColumn{name: h, field: f, raw: map[string]bool{}})
		}
	}
	if len(w.columns) == 0 {
		return nil
	}
	return &w
}

// add records the wave columns' cells of a row kept.
func (w *waveCheck) add(row []string) {
	for _, c := range w.columns {
		cell := strings.TrimSpace(row[c.field])
		if cell == "" || c.raw[cell] {
			continue
		}
		if len(c.raw) < maxRaw {
			c.raw[strings.Clone(cell)] = true // the table may reuse the cell's bytes
		}
		c.addValue(cell)
	}
}

func (c *waveColumn) addValue(cell string) {
	for _, v := range c.values {
		if v == cell || sameNumber(v, cell) {
			return
		}
	}
	if len(c.values) == maxSeen {
		c.more = true
		return
	}
	c.values = append(c.values, strings.Clone(cell))
}

// err returns a *WavesError for the first wave column holding more than
// one value, else nil.
func (w *waveCheck) err() error {
	if w == nil {
		return nil
	}
	for _, c := range w.columns {
		if len(c.values) > 1 {
			sort.Slice(c.values, func(i, j int) bool { return lessValue(c.values[i], c.values[j]) })
			return &WavesError{Column: c.name, Values: c.values, More: c.more}
		}
	}
	return nil
}

// lessValue orders numbers by value, before any text, and text
// alphabetically.
func lessValue(a, b string) bool {
	x, errA := itembank.ParseValue(a)
	y, errB := itembank.ParseValue(b)
	switch {
	case errA == nil && errB == nil:
		return x.Cmp(y) < 0
	case errA == nil || errB == nil:
		return errA == nil
	}
	return a < b
}
