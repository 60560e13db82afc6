package itembank

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Answer tables in a summary file.
//
// A summary made with tables (summarize --tables) is written as version
// 3: a version 2 file with one more key after "pairs",
//
//	"tables": [[31, 4, 0, …], "withheld", "none", …]
//
// one entry per pair in the order of "pairs": the table's counts row by
// row (rows the first item's scale points from min to max, columns the
// second's), "withheld" when a cell counts 1 to min_respondents − 1
// people or the pair is withheld, or "none" when an item has no tables
// (a scale of more than MaxTablePoints points, or an answer between its
// points). Version 2 files, without tables, are read as before.
//
// A table that is read must agree with its pair exactly: its counts add
// up to the pair's n, and the sums it determines (PairTable.Sums) are the
// pair's sums; no row or column counts more people than gave that answer
// to the item; every cell is 0 or at least min_respondents.

// summaryTablesVersion is the version of a summary file with tables.
const summaryTablesVersion = 3

// Entries of "tables" that are not lists of counts.
const (
	withheldTable = "withheld"
	noTable       = "none"
)

// summaryTable is one entry of "tables" as read.
type summaryTable struct {
	Counts         []int64 // the first MaxTablePoints² counts
	Len            int     // how many counts the list has
	Withheld, None bool
	Line           int
}

// fileVersion returns the version s is written as.
func (s *Summary) fileVersion() int {
	if s.HasTables() {
		return summaryTablesVersion
	}
	return summaryVersion
}

// writeTables writes the "tables" key of a summary with tables.
func (s *Summary) writeTables(b *bytes.Buffer) {
	if !s.HasTables() {
		return
	}
	b.WriteString(",\n  \"tables\": [")
	var num []byte
	for k, c := range s.tables {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		switch {
		case s.tableIsWithheld(k) || s.pairWithheld(k):
			b.WriteString(strconv.Quote(withheldTable))
		case c == nil:
			b.WriteString(strconv.Quote(noTable))
		default:
			b.WriteByte('[')
			for x, v := range c {
				if x > 0 {
					b.WriteString(", ")
				}
				num = strconv.AppendInt(num[:0], v, 10)
				b.Write(num)
			}
			b.WriteByte(']')
		}
	}
	b.WriteString("\n  ]")
}

// checkTableMinimum makes sure that every published cell counts 0 or at
// least the minimum.
func (s *Summary) checkTableMinimum() error {
	for k, c := range s.tables {
		if s.tableIsWithheld(k) || s.pairWithheld(k) {
			continue
		}
		for _, v := range c {
			if v > 0 && v < s.MinRespondents {
				return fmt.Errorf("a table cell of %d respondents, fewer than the minimum of %d: apply Withhold before writing", v, s.MinRespondents)
			}
		}
	}
	return nil
}

// table reads one element of "tables".
func (r *jsonReader) table() (summaryTable, error) {
	tok, err := r.token()
	if err != nil {
		return summaryTable{}, err
	}
	t := summaryTable{Line: r.line()}
	if s, ok := tok.(string); ok {
		switch s {
		case withheldTable:
			t.Withheld = true
		case noTable:
			t.None = true
		default:
			return t, r.fail("a table is a list of counts, %q or %q, not %q", withheldTable, noTable, s)
		}
		return t, nil
	}
	if tok != json.Delim('[') {
		return t, r.fail("a table is a list of counts, %q or %q, not %s", withheldTable, noTable, tokenKind(tok))
	}
	t.Counts = []int64{}
	for r.dec.More() {
		var v int64
		if err := r.int("a table", &v); err != nil {
			return t, err
		}
		if len(t.Counts) < MaxTablePoints*MaxTablePoints {
			t.Counts = append(t.Counts, v)
		}
		t.Len++
	}
	_, err = r.token()
	return t, err
}

// readTables checks the tables of a version 3 file against its items and
// pairs (s holds them already) and stores them.
func (s *Summary) readTables(f *summaryFile, bank *Bank, name string) error {
	p := len(s.Items)
	if len(f.Tables) != len(s.pairs) {
		return &ParseError{File: name, Line: f.line["tables"], Err: fmt.Errorf("%w: %d tables; %d items make %d pairs", ErrBadSummary, len(f.Tables), p, len(s.pairs))}
	}
	s.axes = make([]tableAxis, p)
	for i, it := range bank.Items {
		sc := it.Scale
		if sc.Max-sc.Min+1 > MaxTablePoints {
			continue
		}
		whole := true
		for _, c := range s.Items[i].Counts {
			whole = whole && c.Value%pow10[s.Places] == 0
		}
		if whole {
			s.axes[i] = tableAxis{min: sc.Min, points: int(sc.Max - sc.Min + 1)}
		}
	}
	s.tables = make([][]int64, len(s.pairs))
	k := 0
	for i := range p {
		for j := i + 1; j < p; j++ {
			ft := f.Tables[k]
			if err := s.readTable(k, i, j, ft); err != nil {
				return &ParseError{File: name, Line: ft.Line, Err: fmt.Errorf("%w: table %s-%s: %w", ErrBadSummary, s.Items[i].ID, s.Items[j].ID, err)}
			}
			k++
		}
	}
	return nil
}

// readTable checks table k of items i < j and stores it.
func (s *Summary) readTable(k, i, j int, ft summaryTable) error {
	withheld := s.pairWithheld(k)
	tabled := s.axes[i].points > 0 && s.axes[j].points > 0
	switch {
	case withheld && !ft.Withheld:
		return fmt.Errorf("the pair is withheld, so its table must be %q", withheldTable)
	case ft.Withheld:
		if !tabled && !withheld {
			return fmt.Errorf("%q, but an item has no tables: it should be %q", withheldTable, noTable)
		}
		if s.tableWithheld == nil {
			s.tableWithheld = make([]bool, len(s.pairs))
		}
		s.tableWithheld[k] = true
		return nil
	case !tabled && !ft.None:
		return fmt.Errorf("an item has no tables (a scale of more than %d points, or an answer between its points): it should be %q", MaxTablePoints, noTable)
	case ft.None && tabled:
		return fmt.Errorf("%q, but both items have tables", noTable)
	case ft.None:
		return nil
	}
	x, y := s.axes[i], s.axes[j]
	if ft.Len != x.points*y.points {
		return fmt.Errorf("%d counts; a table of %d by %d points has %d", ft.Len, x.points, y.points, x.points*y.points)
	}
	for _, c := range ft.Counts {
		if c < 0 || c > s.Respondents || (c > 0 && c < s.MinRespondents) {
			return fmt.Errorf("a count of %d: counts are 0 or from min_respondents (%d) to the respondents", c, s.MinRespondents)
		}
	}
	var total int64
	for _, c := range ft.Counts {
		if c > s.pairs[k].N-total {
			return fmt.Errorf("the counts add up to more than the pair's %d respondents", s.pairs[k].N)
		}
		total += c
	}
	t := PairTable{XMin: x.min, YMin: y.min, Rows: x.points, Cols: y.points, Counts: ft.Counts}
	if err := s.checkMargins(t, i, j); err != nil {
		return err
	}
	if t.Sums(s.Places) != s.pairs[k] {
		return fmt.Errorf("the table does not give the pair's n and sums")
	}
	s.tables[k] = ft.Counts
	return nil
}

// checkMargins makes sure that no row (column) of t counts more people
// than gave that answer to item i (j).
func (s *Summary) checkMargins(t PairTable, i, j int) error {
	given := func(item, point int, lo int64) int64 {
		v := (lo + int64(point)) * pow10[s.Places]
		for _, c := range s.Items[item].Counts {
			if c.Value == v {
				return c.Count
			}
		}
		return 0
	}
	for a := range t.Rows {
		var n int64
		for b := range t.Cols {
			n += t.At(a, b)
		}
		if g := given(i, a, t.XMin); n > g {
			return fmt.Errorf("%d answered %s with %d and the other item, but %d gave that answer", n, s.Items[i].ID, t.XMin+int64(a), g)
		}
	}
	for b := range t.Cols {
		var n int64
		for a := range t.Rows {
			n += t.At(a, b)
		}
		if g := given(j, b, t.YMin); n > g {
			return fmt.Errorf("%d answered %s with %d and the other item, but %d gave that answer", n, s.Items[j].ID, t.YMin+int64(b), g)
		}
	}
	return nil
}
