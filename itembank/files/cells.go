package files

import (
	"fmt"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// A cellParser turns the cells of one item's column into answer codes.
// Cell texts seen before are looked up rather than parsed again: one-byte
// texts (most answers) in a table, others in a map that keeps a copy of
// the text (a table's cells may be valid only until its next row).
type cellParser struct {
	col     *itembank.Column
	oneByte [256]uint16 // code+1, 0 when not seen
	lookup  map[string]uint8
}

func newCellParser(c *itembank.Column) *cellParser {
	return &cellParser{col: c, lookup: map[string]uint8{}}
}

// parse returns the code of one cell's answer: 0 for an empty cell or a
// missing code, an error for text or a number outside the scale.
func (c *cellParser) parse(cell string) (uint8, error) {
	if k, ok := c.cached(cell); ok {
		return k, nil
	}
	s := c.col.Item.Scale
	var k uint8
	if strings.TrimSpace(cell) != "" {
		v, err := itembank.ParseValue(cell)
		switch {
		case err != nil:
			return 0, fmt.Errorf("%w: %q", itembank.ErrNotNumeric, cell)
		case s.IsMissing(v):
		case !s.Contains(v):
			return 0, fmt.Errorf("%w: %s is outside %s", itembank.ErrOutOfScale, v, s)
		default:
			if k, err = c.col.Code(v); err != nil {
				return 0, err
			}
		}
	}
	c.remember(cell, k)
	return k, nil
}

// parseBytes is parse for a cell given as bytes (valid only during the
// call).
func (c *cellParser) parseBytes(cell []byte) (uint8, error) {
	switch len(cell) {
	case 0:
		return 0, nil
	case 1:
		if k := c.oneByte[cell[0]]; k != 0 {
			return uint8(k - 1), nil
		}
	default:
		if k, ok := c.lookup[string(cell)]; ok {
			return k, nil
		}
	}
	return c.parse(string(cell))
}

// cached returns the code of a cell text seen before; an empty cell is
// always missing.
func (c *cellParser) cached(cell string) (uint8, bool) {
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
// text, and stops growing at 4·MaxLevels texts.
func (c *cellParser) remember(cell string, k uint8) {
	switch {
	case len(cell) == 1:
		c.oneByte[cell[0]] = uint16(k) + 1
	case len(c.lookup) < 4*itembank.MaxLevels:
		c.lookup[strings.Clone(cell)] = k
	}
}
