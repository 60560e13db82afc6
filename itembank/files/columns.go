package files

import (
	"errors"
	"fmt"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// Sentinel errors of a file whose columns give nothing to read.
var (
	// ErrNoItems reports a response file none of whose columns is named
	// like an item of the bank.
	ErrNoItems = errors.New("no column is an item of the bank")
	// ErrNoAnswers reports a response file whose item columns are empty
	// in every row kept.
	ErrNoAnswers = errors.New("no answers")
)

// columnMatch says how the columns of a response file match the bank.
type columnMatch struct {
	items   int      // items in the bank
	found   int      // bank items that are columns of the file
	ignored []string // columns that are not bank items, in file order
	cased   []casedColumn
	renamed *renaming
}

// A casedColumn is a column taken as the item whose id it equals but for
// letter case.
type casedColumn struct{ column, id string }

// casedColumns takes, from res.Ignored, the columns that equal the id of
// an item without a column but for letter case (SPSS variable names
// ignore case), giving each a parser in cols and listing it in res. Two
// columns that would be the same item are refused, naming both. Ids that
// only letter case tells apart in the bank are matched exactly only.
func casedColumns(t Table, header []string, cols []*cellParser, res *itembank.Responses, opt LoadOptions) ([]casedColumn, error) {
	if len(res.Ignored) == 0 {
		return nil, nil
	}
	byLower := map[string]int{} // lower-case id -> item, -1 when several ids share it
	for i, it := range res.Bank.Items {
		k := strings.ToLower(it.ID)
		if _, dup := byLower[k]; dup {
			byLower[k] = -1
		} else {
			byLower[k] = i
		}
	}
	column := map[int]int{} // item -> field of its column
	for f, c := range cols {
		if c != nil {
			i, _ := res.Bank.Index(c.col.Item.ID)
			column[i] = f
		}
	}
	var cased []casedColumn
	var ignored []string
	for f, h := range header {
		h = strings.TrimSpace(h)
		i, ok := byLower[strings.ToLower(h)]
		if h == "" || cols[f] != nil || !ok || i < 0 {
			if h != "" && cols[f] == nil {
				ignored = append(ignored, h)
			}
			continue
		}
		if g, taken := column[i]; taken {
			pe := t.Pos(f)
			pe.Item = res.Bank.Items[i].ID
			pe.Err = fmt.Errorf("%w: %q and %q (column %d) are equal but for letter case, and SPSS variable names ignore case: rename or remove one",
				itembank.ErrDuplicateColumn, h, strings.TrimSpace(header[g]), g+1)
			return nil, pe
		}
		column[i] = f
		cols[f] = newCellParser(itembank.NewColumn(res.Bank.Items[i], 0))
		res.Columns[i] = cols[f].col
		cased = append(cased, casedColumn{h, res.Bank.Items[i].ID})
	}
	res.Ignored = ignored
	return cased, nil
}

// A renaming is how some columns seem to differ from the ids of bank
// items that are not columns: by letter case, by a prefix or suffix
// around the id, or both.
type renaming struct {
	prefix, suffix string
	otherCase      bool
	columns, ids   []string // the columns that differ so, and the ids they seem to be
}

// matchColumns compares the header with the bank: found[i] tells whether
// item i is a column. Only the ignored columns are searched for
// renamings, and only the items that are not columns are looked for.
func matchColumns(bank *itembank.Bank, found []bool, ignored []string) columnMatch {
	m := columnMatch{items: len(bank.Items), ignored: ignored}
	for _, f := range found {
		if f {
			m.found++
		}
	}
	m.renamed = guessRenaming(bank, found, ignored)
	return m
}

// few reports whether fewer than half of the bank's items are columns:
// the file was likely made for another bank, or its names differ.
func (m columnMatch) few() bool { return 2*m.found < m.items }

// note says what was read of the file's columns: the ignored columns and
// how many items were found.
func (m columnMatch) note() string {
	found := fmt.Sprintf("found %d of the bank's %d items", m.found, m.items)
	if len(m.cased) > 0 {
		pairs := make([]string, len(m.cased))
		for i, c := range m.cased {
			pairs[i] = c.column + " as " + c.id
		}
		found += fmt.Sprintf(", %d of them in columns named in other capitals: %s", len(m.cased), strings.Join(pairs, ", "))
	}
	if len(m.ignored) == 0 {
		return found
	}
	return fmt.Sprintf("ignored %d column(s) that are not bank items: %s; %s",
		len(m.ignored), strings.Join(m.ignored, ", "), found)
}

// warning is the caveat on a file of which fewer than half of the bank's
// items are columns, or some columns seem to be items named differently;
// empty when there is none.
func (m columnMatch) warning() string {
	switch {
	case m.few() && m.renamed != nil:
		return fmt.Sprintf("only %d of the bank's %d items are columns; the other %d count as not asked; %s",
			m.found, m.items, m.items-m.found, m.renamed)
	case m.few():
		return fmt.Sprintf("only %d of the bank's %d items are columns; the other %d count as not asked: is this a file for this bank?",
			m.found, m.items, m.items-m.found)
	case m.renamed != nil:
		return fmt.Sprintf("%d column(s) seem to be items of the bank named differently, and count as not asked: %s",
			len(m.renamed.columns), m.renamed)
	}
	return ""
}

// noItems is the error for a file without any item column, at the header
// pos: with how the names differ when that can be seen, else with the
// first column names and item ids side by side.
func (m columnMatch) noItems(pos *itembank.ParseError, header []string, bank *itembank.Bank) error {
	pos.Column, pos.Item = 0, ""
	if m.renamed != nil {
		pos.Err = fmt.Errorf("%w: %s", ErrNoItems, m.renamed)
		return pos
	}
	var names, ids []string
	for _, h := range header {
		if h = strings.TrimSpace(h); h != "" {
			names = append(names, h)
		}
	}
	for _, it := range bank.Items {
		ids = append(ids, it.ID)
	}
	pos.Err = fmt.Errorf("%w: %s", ErrNoItems, sideBySide(names, ids))
	return pos
}

// String says how the columns differ from the ids, with examples.
func (r *renaming) String() string {
	s := sideBySide(r.columns, r.ids) + ": "
	switch {
	case r.prefix != "" && r.suffix != "":
		s += fmt.Sprintf("the column names put %q before and %q after the item id", r.prefix, r.suffix)
	case r.prefix != "":
		s += fmt.Sprintf("the column names put %q before the item id", r.prefix)
	case r.suffix != "":
		s += fmt.Sprintf("the column names put %q after the item id", r.suffix)
	}
	switch {
	case r.otherCase && r.prefix+r.suffix == "":
		s += "the bank has ids that only capitals tell apart, so these must match the column names exactly, including capitals"
	case r.otherCase:
		s += ", in other capitals; item ids must match the column names but for capitals"
	default:
		s += "; item ids must match the column names exactly"
	}
	return s
}

// sideBySide shows the first column names next to the first item ids:
// "the columns are sa01, sa02, …; the bank's ids are SA01, SA02, …".
func sideBySide(columns, ids []string) string {
	if len(columns) == 1 && len(ids) == 1 {
		return fmt.Sprintf("the column is %s; the bank's id is %s", columns[0], ids[0])
	}
	return fmt.Sprintf("the columns are %s; the bank's ids are %s", firstFew(columns), firstFew(ids))
}

// firstFew lists the first two names, and an ellipsis when there are more.
func firstFew(names []string) string {
	if len(names) <= 2 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:2], ", ") + ", …"
}

// maxNameLen bounds the column names searched for an item id, so that a
// file with very long names costs no more than a few thousand lookups per
// column.
const maxNameLen = 64

// guessRenaming looks in every ignored column for the id of an item that
// is not a column, ignoring letter case, and groups the columns by the
// prefix and suffix around it. The largest group wins (the first on a
// tie) when it holds at least two columns, or one when only one item is
// missing: one column alone that contains an id is too often a
// coincidence (a column SA01_opmerking next to SA01 is not searched, as
// SA01 is found).
func guessRenaming(bank *itembank.Bank, found []bool, ignored []string) *renaming {
	missing := map[string]int{} // lower-case id -> item, for the items that are not columns
	for i, it := range bank.Items {
		if !found[i] {
			missing[strings.ToLower(it.ID)] = i
		}
	}
	if len(missing) == 0 {
		return nil
	}
	type pattern struct{ prefix, suffix string }
	groups := map[pattern]*renaming{}
	var best *renaming
	for _, h := range ignored {
		prefix, suffix, item, ok := findID(h, missing)
		if !ok {
			continue
		}
		k := pattern{prefix, suffix}
		g := groups[k]
		if g == nil {
			g = &renaming{prefix: prefix, suffix: suffix}
			groups[k] = g
		}
		id := bank.Items[item].ID
		g.columns = append(g.columns, h)
		g.ids = append(g.ids, id)
		g.otherCase = g.otherCase || h[len(prefix):len(h)-len(suffix)] != id
		if best == nil || len(g.columns) > len(best.columns) {
			best = g
		}
	}
	if best == nil || len(best.columns) < min(2, len(missing)) {
		return nil
	}
	return best
}

// findID finds the longest (then leftmost) id of missing within name,
// ignoring letter case, and returns what comes before and after it.
// Only ids of at least two characters are looked for.
func findID(name string, missing map[string]int) (prefix, suffix string, item int, ok bool) {
	lower := strings.ToLower(name)
	if len(lower) != len(name) || len(name) > maxNameLen {
		return "", "", 0, false // letters whose lower case has another length: positions would not carry over
	}
	for n := len(lower); n >= 2; n-- {
		for i := 0; i+n <= len(lower); i++ {
			if k, ok := missing[lower[i:i+n]]; ok {
				return name[:i], name[i+n:], k, true
			}
		}
	}
	return "", "", 0, false
}
