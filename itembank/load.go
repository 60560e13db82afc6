package itembank

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// LoadOptions select the rows a loader keeps.
type LoadOptions struct {
	// Where keeps only the rows whose column equals the value, for every
	// condition (e.g. gemeente=Zwolle). A named column must exist.
	Where []Condition
}

// A Condition selects rows whose Column holds exactly Value.
type Condition struct {
	Column, Value string
}

// ParseCondition reads "column=value".
func ParseCondition(s string) (Condition, error) {
	col, val, ok := strings.Cut(s, "=")
	col = strings.TrimSpace(col)
	if !ok || col == "" {
		return Condition{}, fmt.Errorf("condition %q: want column=value, e.g. gemeente=Zwolle", s)
	}
	return Condition{Column: col, Value: strings.TrimSpace(val)}, nil
}

func (c Condition) String() string { return c.Column + "=" + c.Value }

// ErrNoRespondents reports a file, or a selection, without any respondent.
var ErrNoRespondents = errors.New("no respondents")

// A table is a source of rows of text cells: a CSV file, a worksheet, an
// SPSS file rendered as text. Loaders differ only in their table.
type table interface {
	// Header returns the column names.
	Header() ([]string, error)
	// Next returns the next row's cells, or io.EOF after the last row.
	Next() ([]string, error)
	// Pos returns the position of the given cell of the last row (or of
	// the header before the first Next), for error messages.
	Pos(field int) *ParseError
}

// LoadFile reads a response file, choosing the format by extension.
// Supported: .csv, .tsv, .txt (delimited text).
func LoadFile(path string, bank *Bank, opt LoadOptions) (*Responses, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt", "":
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return LoadCSV(f, path, bank, opt)
	}
	return nil, fmt.Errorf("%s: unsupported file type %q (supported: .csv, .tsv, .txt)", path, filepath.Ext(path))
}

// load reads every row of t into Responses for bank.
func load(t table, name string, bank *Bank, opt LoadOptions) (*Responses, error) {
	header, err := t.Header()
	if err != nil {
		return nil, err
	}
	res := &Responses{Bank: bank, Sources: []string{name}, Columns: make([]*Column, len(bank.Items))}
	cols := make([]*Column, len(header)) // per field: the item column, or nil
	seen := map[string]int{}
	for f, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if first, dup := seen[h]; dup {
			pe := t.Pos(f)
			pe.Item = h
			pe.Err = fmt.Errorf("%w %q (also column %d)", ErrDuplicateColumn, h, first+1)
			return nil, pe
		}
		seen[h] = f
		if i, ok := bank.Index(h); ok {
			cols[f] = newColumn(bank.Items[i], 0)
			res.Columns[i] = cols[f]
		} else {
			res.Ignored = append(res.Ignored, h)
		}
	}
	where, err := whereFields(opt.Where, seen, t)
	if err != nil {
		return nil, err
	}
	for {
		row, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(row) != len(header) {
			pe := t.Pos(0)
			pe.Column = 0
			pe.Err = fmt.Errorf("%w: row has %d fields, header has %d", ErrFieldCount, len(row), len(header))
			return nil, pe
		}
		if !where.match(row) {
			continue
		}
		for f, c := range cols {
			if c == nil {
				continue
			}
			code, err := c.parse(row[f])
			if err != nil {
				pe := t.Pos(f)
				pe.Item = c.Item.ID
				pe.Err = err
				return nil, pe
			}
			c.Codes = append(c.Codes, code)
		}
		res.Respondents++
	}
	if res.Respondents == 0 {
		pe := &ParseError{File: name, Err: ErrNoRespondents}
		if len(opt.Where) > 0 {
			pe.Err = fmt.Errorf("%w where %s", ErrNoRespondents, conditions(opt.Where))
		}
		return nil, pe
	}
	return res, nil
}

// parse returns the code of one cell's answer: 0 for an empty cell or a
// missing code, an error for text or a number outside the scale.
func (c *Column) parse(cell string) (uint8, error) {
	if k, ok := c.lookup[cell]; ok {
		return k, nil
	}
	s := c.Item.Scale
	var k uint8
	if strings.TrimSpace(cell) != "" {
		v, err := ParseValue(cell)
		switch {
		case err != nil:
			return 0, fmt.Errorf("%w: %q", ErrNotNumeric, cell)
		case s.IsMissing(v):
		case !s.Contains(v):
			return 0, fmt.Errorf("%w: %s is outside %s", ErrOutOfScale, v, s)
		default:
			if k, err = c.code(v); err != nil {
				return 0, err
			}
		}
	}
	if len(c.lookup) < 4*MaxLevels {
		c.lookup[cell] = k
	}
	return k, nil
}

type whereSet []struct {
	field int
	value string
}

func whereFields(conds []Condition, fields map[string]int, t table) (whereSet, error) {
	var w whereSet
	for _, c := range conds {
		f, ok := fields[c.Column]
		if !ok {
			pe := t.Pos(0)
			pe.Column = 0
			pe.Err = fmt.Errorf("no column %q to select rows by (%s)", c.Column, c)
			return nil, pe
		}
		w = append(w, struct {
			field int
			value string
		}{f, c.Value})
	}
	return w, nil
}

func (w whereSet) match(row []string) bool {
	for _, c := range w {
		if strings.TrimSpace(row[c.field]) != c.value {
			return false
		}
	}
	return true
}

func conditions(cs []Condition) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, " and ")
}
