package itembank

import (
	"fmt"

	"github.com/itemreduce/itemreduce/itembank/internal/planes"
)

// Answer tables.
//
// For items with few answer points, the table of answer combinations of a
// pair (5×5 for two 1-5 items), over the respondents who answered both,
// holds everything the ordinal correlations need: Spearman's r (from the
// midranks of its margins), Kendall's tau-b and the polychoric r. Like the
// pair sums, tables of disjoint groups of respondents add up cell by cell,
// so they pool across blocks of rows, files and sites.
//
// A table's rows are the whole scale points of the first item, Min to Max,
// its columns those of the second: every site's table of a pair has the
// same shape. An item has tables when its scale has at most
// MaxTablePoints points and every answer given to it is a whole point;
// an item on a longer scale, or with an answer such as 7.5, has none (its
// pairs keep their sums).

// MaxTablePoints is the most answer points a scale may have for its items
// to have answer tables (a 0-10 scale has 11).
const MaxTablePoints = 11

// WithTables, a Detail, also counts the answer table of every pair of
// items that have tables (see Summary.Table), besides the pair sums.
const WithTables Detail = WithPairs + 1

// A tableAxis says how an item's answers index its tables: points 0
// means the item has none.
type tableAxis struct {
	min    int64 // the answer of row (or column) 0, a whole scale point
	points int
}

// A PairTable is the table of answers to items X and Y over the
// respondents who answered both: Counts[a·Cols + b] of them answered X
// with XMin + a and Y with YMin + b.
type PairTable struct {
	XMin, YMin int64
	Rows, Cols int
	Counts     []int64
}

// At returns the count of cell (a, b).
func (t PairTable) At(a, b int) int64 { return t.Counts[a*t.Cols+b] }

// N returns the number of respondents the table counts.
func (t PairTable) N() int64 {
	var n int64
	for _, c := range t.Counts {
		n += c
	}
	return n
}

// Sums returns the pair sums the table determines, in units of
// 10^-places: with x_a = (XMin + a)·10^places and y_b likewise,
//
//	N = Σ T[a][b],  Σx = Σ T[a][b]·x_a,  Σxy = Σ T[a][b]·x_a·y_b,  …
//
// exact (the caller makes sure that they fit in 64 bits, as
// Summary.checkRange does).
func (t PairTable) Sums(places int) PairSums {
	f := pow10[places]
	var s PairSums
	for a := range t.Rows {
		x := (t.XMin + int64(a)) * f
		for b := range t.Cols {
			c := t.Counts[a*t.Cols+b]
			if c == 0 {
				continue
			}
			y := (t.YMin + int64(b)) * f
			s.N += c
			s.SumX += c * x
			s.SumY += c * y
			s.SumXX += c * x * x
			s.SumYY += c * y * y
			s.SumXY += c * x * y
		}
	}
	return s
}

// transposed returns the table with X and Y swapped.
func (t PairTable) transposed() PairTable {
	out := PairTable{XMin: t.YMin, YMin: t.XMin, Rows: t.Cols, Cols: t.Rows, Counts: make([]int64, len(t.Counts))}
	for a := range t.Rows {
		for b := range t.Cols {
			out.Counts[b*t.Rows+a] = t.Counts[a*t.Cols+b]
		}
	}
	return out
}

// HasTables reports whether the summary holds answer tables (Summarize
// with WithTables, or a summary file made with them).
func (s *Summary) HasTables() bool { return s.axes != nil }

// TableState says whether a pair's table can be used.
type TableState int

const (
	// TableReady: the table is there.
	TableReady TableState = iota
	// NoTable: the summary has no tables, or one of the items has none
	// (a scale of more than MaxTablePoints points, or answers that are
	// not whole points).
	NoTable
	// TableWithheld: the summary withholds the table, since a cell counts
	// fewer people than its minimum, or the pair is withheld.
	TableWithheld
)

// Table returns the answer table of items i and j with X = item i (rows)
// and Y = item j, and whether it can be used. With i < j its counts are
// shared: do not modify them.
func (s *Summary) Table(i, j int) (PairTable, TableState) {
	if s.axes == nil {
		return PairTable{}, NoTable
	}
	k := s.pairIndex(i, j)
	if s.tableIsWithheld(k) || s.pairWithheld(k) {
		return PairTable{}, TableWithheld
	}
	c := s.tables[k]
	if c == nil {
		return PairTable{}, NoTable
	}
	lo, hi := min(i, j), max(i, j)
	t := PairTable{XMin: s.axes[lo].min, YMin: s.axes[hi].min, Rows: s.axes[lo].points, Cols: s.axes[hi].points, Counts: c}
	if i > j {
		return t.transposed(), TableReady
	}
	return t, TableReady
}

// HasTable reports whether item i has answer tables.
func (s *Summary) HasTable(i int) bool { return s.axes != nil && s.axes[i].points > 0 }

// DropTables removes the answer tables.
func (s *Summary) DropTables() { s.axes, s.tables, s.tableWithheld = nil, nil, nil }

// A tableTally counts the answer tables of a Tally, block by block. An
// item's tables are laid out by its scale; an answer between the points
// (7.5), in any block, leaves the item without tables in the summary.
type tableTally struct {
	axes    []tableAxis // by the scale
	between []bool      // an answer between the points was seen
	counter *planes.TableCounter
	items   []*planes.TableItem
}

func newTableTally(bank *Bank) *tableTally {
	p := len(bank.Items)
	t := &tableTally{axes: make([]tableAxis, p), between: make([]bool, p), items: make([]*planes.TableItem, p)}
	points := make([]int, p)
	for i, it := range bank.Items {
		if sc := it.Scale; sc.Max-sc.Min+1 <= MaxTablePoints {
			t.axes[i] = tableAxis{min: sc.Min, points: int(sc.Max - sc.Min + 1)}
			points[i] = t.axes[i].points
		}
	}
	t.counter = planes.NewTableCounter(points)
	return t
}

// add counts the first n rows of a block.
func (t *tableTally) add(r *Responses, n int) {
	for i, c := range r.Columns {
		t.items[i] = nil
		ax := t.axes[i]
		if c == nil || ax.points == 0 {
			continue
		}
		ti := &planes.TableItem{Codes: c.Codes[:n], Point: make([]uint8, len(c.Levels)+1), Points: ax.points}
		for k, l := range c.Levels {
			if l.Units%pow10[l.Places] != 0 {
				ti.Point[k+1] = planes.NoPoint
				t.between[i] = true
				continue
			}
			ti.Point[k+1] = uint8(l.Floor() - ax.min)
		}
		t.items[i] = ti
	}
	t.counter.Add(t.items, n)
}

// allWhole reports whether every answer a block can hold is a whole point
// of its item's table: every item asked has tables (a scale of at most
// MaxTablePoints points) and every level coded so far is a whole point
// on the scale. Then the block's tables count every pair-row, and its
// pair sums follow from them (Tally.sumsFromTables).
func (t *tableTally) allWhole(r *Responses) bool {
	for i, c := range r.Columns {
		if c == nil {
			continue
		}
		ax := t.axes[i]
		if ax.points == 0 || t.between[i] {
			return false
		}
		for _, l := range c.Levels {
			if l.Units%pow10[l.Places] != 0 {
				return false
			}
			if pt := l.Floor() - ax.min; pt < 0 || pt >= int64(ax.points) {
				return false
			}
		}
	}
	return true
}

// finish gives s (with its pairs) the tables counted; r holds every level
// coded.
func (t *tableTally) finish(s *Summary, r *Responses) {
	s.axes = t.axes
	for i, c := range r.Columns {
		for _, l := range c.levels() {
			t.between[i] = t.between[i] || l.Units%pow10[l.Places] != 0
		}
		if t.between[i] {
			s.axes[i] = tableAxis{}
		}
	}
	s.tables = t.counter.Tables()
	p := len(s.Items)
	for i := range p {
		for j := i + 1; j < p; j++ {
			if s.axes[i].points == 0 || s.axes[j].points == 0 {
				s.tables[planes.Index(i, j, p)] = nil
			}
		}
	}
}

// addTables pools the tables of a and b into s (whose pairs are pooled
// already): a table withheld in either, or of a withheld pair, stays
// withheld; an item whose tables the two index differently (one site's
// answers include a half point, say) has none in the pool. When either
// summary has no tables, the pool has none.
func (s *Summary) addTables(a, b *Summary) error {
	if a.axes == nil || b.axes == nil {
		return nil
	}
	p := len(s.Items)
	s.axes = make([]tableAxis, p)
	for i := range p {
		if a.axes[i] == b.axes[i] {
			s.axes[i] = a.axes[i]
		}
	}
	s.tables = make([][]int64, len(s.pairs))
	k := 0
	for i := range p {
		for j := i + 1; j < p; j++ {
			x, y := a.tables[k], b.tables[k]
			switch {
			case s.axes[i].points == 0 || s.axes[j].points == 0:
			case a.tableIsWithheld(k) || b.tableIsWithheld(k) || s.pairWithheld(k):
				s.withholdTable(k)
			default:
				t := make([]int64, len(x))
				for c := range t {
					var ok bool
					if t[c], ok = addInt64(x[c], y[c]); !ok {
						return fmt.Errorf("cannot pool the answer table of %s-%s: %w", s.Items[i].ID, s.Items[j].ID, ErrOverflow)
					}
				}
				s.tables[k] = t
			}
			k++
		}
	}
	return nil
}

// tableIsWithheld reports whether table k is withheld.
func (s *Summary) tableIsWithheld(k int) bool { return s.tableWithheld != nil && s.tableWithheld[k] }

// withholdTable withholds table k.
func (s *Summary) withholdTable(k int) {
	if s.tableWithheld == nil {
		s.tableWithheld = make([]bool, len(s.tables))
	}
	s.tableWithheld[k] = true
	s.tables[k] = nil
}

// A WithheldTable is a pair of items whose answer table is withheld, the
// pair's sums published: a cell counts 1 to min − 1 people.
type WithheldTable struct {
	X, Y string
	Cell int64 // the smallest count above 0
}

// withholdTables applies the threshold rule to every table: a table with
// a cell of 1 to min − 1 people is withheld (an empty cell hides nobody),
// and so is the table of every withheld pair.
func (s *Summary) withholdTables(min int64, w *Withholding) {
	if s.axes == nil {
		return
	}
	k := 0
	for i := range s.Items {
		for j := i + 1; j < len(s.Items); j++ {
			if t := s.tables[k]; t != nil {
				small := int64(0)
				for _, c := range t {
					if c > 0 && c < min && (small == 0 || c < small) {
						small = c
					}
				}
				switch {
				case s.pairWithheld(k):
					s.withholdTable(k)
				case small > 0:
					w.Tables = append(w.Tables, WithheldTable{X: s.Items[i].ID, Y: s.Items[j].ID, Cell: small})
					s.withholdTable(k)
				}
			}
			k++
		}
	}
}

// WithheldTables returns how many tables are withheld.
func (s *Summary) WithheldTables() int {
	n := 0
	for _, w := range s.tableWithheld {
		if w {
			n++
		}
	}
	return n
}

// PairIndex returns the position of pair (i, j), i < j, among p items in
// the upper triangle row by row, as in Pairs.
func PairIndex(i, j, p int) int { return planes.Index(i, j, p) }
