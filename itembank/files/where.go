package files

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

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

// whereSet holds the row conditions resolved to fields.
type whereSet []*whereField

type whereField struct {
	Condition
	field int
	value string          // the value to find: the condition's, or the code its label stands for
	seen  map[string]bool // some values the column holds, for a message when none matched
}

// maxSeen caps how many distinct values of a condition's column are kept.
const maxSeen = 12

// labeledTable is a table whose columns can have value labels (an SPSS
// file): a condition may then name a value by its label.
type labeledTable interface {
	valueLabel(field int, label string) (string, bool)
	labelOf(field int, value string) (string, bool)
}

func whereFields(conds []Condition, fields map[string]int, t Table) (whereSet, error) {
	var w whereSet
	for _, c := range conds {
		f, ok := fields[c.Column]
		if !ok {
			pe := t.Pos(0)
			pe.Column = 0
			pe.Item = ""
			pe.Err = fmt.Errorf("no column %q to select rows by (%s)", c.Column, c)
			return nil, pe
		}
		value := c.Value
		if lt, ok := t.(labeledTable); ok {
			if v, ok := lt.valueLabel(f, value); ok {
				value = v
			}
		}
		w = append(w, &whereField{Condition: c, field: f, value: value, seen: map[string]bool{}})
	}
	return w, nil
}

// match reports whether row meets every condition: the cell, without
// surrounding spaces, equals the value, or both are the same number
// ("2016" and "2016.0", "7,5" and "7.5").
func (w whereSet) match(row []string) bool {
	ok := true
	for _, c := range w {
		cell := strings.TrimSpace(row[c.field])
		if len(c.seen) < maxSeen && !c.seen[cell] {
			c.seen[strings.Clone(cell)] = true // the table may reuse the cell's bytes
		}
		if cell != c.value && !sameNumber(cell, c.value) {
			ok = false
		}
	}
	return ok
}

// noneMatched explains an empty selection: the values each condition's
// column does hold.
func (w whereSet) noneMatched(t Table) error {
	lt, _ := t.(labeledTable)
	var parts []string
	for _, c := range w {
		vals := make([]string, 0, len(c.seen))
		for v := range c.seen {
			if lt != nil {
				if l, ok := lt.labelOf(c.field, v); ok {
					v = l
				}
			}
			if v == "" {
				v = "(empty)"
			}
			vals = append(vals, v)
		}
		sort.Strings(vals)
		more := ""
		if len(vals) == maxSeen {
			more = ", ..."
		}
		parts = append(parts, fmt.Sprintf("%s holds %s%s", c.Column, strings.Join(vals, ", "), more))
	}
	return fmt.Errorf("%w where %s (%s)", ErrNoRespondents, conditions(w.conditions()), strings.Join(parts, "; "))
}

func (w whereSet) conditions() []Condition {
	cs := make([]Condition, len(w))
	for i, c := range w {
		cs[i] = c.Condition
	}
	return cs
}

func sameNumber(a, b string) bool {
	x, err := itembank.ParseValue(a)
	if err != nil {
		return false
	}
	y, err := itembank.ParseValue(b)
	return err == nil && x.Cmp(y) == 0
}

func conditions(cs []Condition) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, " and ")
}
