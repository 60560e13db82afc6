package itembank

import (
	"fmt"
	"strings"
)

// MaxLevels is the most distinct answers one item may have in one load:
// answers are stored as one byte each, 0 meaning missing.
const MaxLevels = 255

// Responses hold one wave's answers to the bank's items, one byte per
// answer: loaded once, then summarised.
type Responses struct {
	Bank        *Bank
	Sources     []string  // the files the answers came from
	Respondents int       // rows kept
	Columns     []*Column // indexed like Bank.Items; nil where the item was not asked
	Ignored     []string  // columns that are not bank items
}

// A Column holds one item's answers, dictionary-coded: Codes[r] is 0 when
// respondent r gave no answer, else k for the answer Levels[k-1].
type Column struct {
	Item   *Item
	Codes  []uint8
	Levels []Value

	// Cell texts seen before and their codes, to skip parsing repeats:
	// one-byte texts (most answers) in a table, others in a map.
	oneByte [256]uint16 // code+1, 0 when not seen
	lookup  map[string]uint8
}

// cached returns the code of a cell text seen before; an empty cell is
// always missing.
func (c *Column) cached(cell string) (uint8, bool) {
	switch len(cell) {
	case 0:
		return 0, true
	case 1:
		k := c.oneByte[cell[0]]
		return uint8(k - 1), k != 0
	}
	k, ok := c.lookup[cell]
	return k, ok
}

// remember notes the code of a cell text. The map keeps a copy of the
// text, not the row it came from, and stops growing at 4·MaxLevels texts.
func (c *Column) remember(cell string, k uint8) {
	switch {
	case len(cell) == 1:
		c.oneByte[cell[0]] = uint16(k) + 1
	case len(c.lookup) < 4*MaxLevels:
		c.lookup[strings.Clone(cell)] = k
	}
}

func newColumn(it *Item, capacity int) *Column {
	return &Column{Item: it, Codes: make([]uint8, 0, capacity), lookup: map[string]uint8{}}
}

// code returns the code for an answer, adding a level when it is new.
func (c *Column) code(v Value) (uint8, error) {
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

// trim gives back the room the answers were allocated beyond their number
// (a loader's estimate of the rows): the answers of a wave may be kept
// until its pair sums are needed.
func (r *Responses) trim() {
	for _, c := range r.Columns {
		if c != nil && cap(c.Codes) > len(c.Codes)+len(c.Codes)/32+64 {
			c.Codes = append(make([]uint8, 0, len(c.Codes)), c.Codes...)
		}
	}
}
