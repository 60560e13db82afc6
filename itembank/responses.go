package itembank

import "fmt"

// MaxLevels is the most distinct answers one item may have in one load:
// answers are stored as one byte each, 0 meaning missing.
const MaxLevels = 255

// Responses hold one wave's answers to the bank's items, one byte per
// answer: loaded once, then summarised (Summarize) and dropped.
type Responses struct {
	Bank        *Bank
	Sources     []string  // the files the answers came from
	Respondents int       // rows kept
	Columns     []*Column // indexed like Bank.Items; nil where the item was not asked
	Ignored     []string  // columns that are not bank items
	// Warnings are problems the file's reader found that did not stop it,
	// such as an SPSS file naming an unknown character encoding; show
	// them to the user.
	Warnings []string
}

// A Column holds one item's answers, dictionary-coded: Codes[r] is 0 when
// respondent r gave no answer, else k for the answer Levels[k-1].
type Column struct {
	Item   *Item
	Codes  []uint8
	Levels []Value
}

// NewColumn returns an empty column for item it with room for capacity
// answers.
func NewColumn(it *Item, capacity int) *Column {
	return &Column{Item: it, Codes: make([]uint8, 0, capacity)}
}

// Code returns the code for an answer, adding a level when it is new; an
// error wrapping ErrTooManyLevels when the column has MaxLevels already.
func (c *Column) Code(v Value) (uint8, error) {
	for k, l := range c.Levels {
		if l.Cmp(v) == 0 {
			return uint8(k + 1), nil
		}
	}
	if len(c.Levels) == MaxLevels {
		return 0, fmt.Errorf("%w: more than %d different answers; is this a rating item?", ErrTooManyLevels, MaxLevels)
	}
	c.Levels = append(c.Levels, v)
	return uint8(len(c.Levels)), nil
}

// Value returns respondent r's answer and whether there is one.
func (c *Column) Value(r int) (Value, bool) {
	k := c.Codes[r]
	if k == 0 {
		return Value{}, false
	}
	return c.Levels[k-1], true
}
