package itembank

import (
	"github.com/itemreduce/itemreduce/itembank/internal/planes"
)

// A Tally builds the Summary of one file's answers from blocks of its
// rows, so that no more than a block of answers is ever held: memory
// grows with the items and pairs, not the respondents. Summarize is a
// Tally of one block.
//
// The blocks of one Tally must code answers alike, as a loader reading
// one file does: Columns[i] of every block is nil, or it is non-nil in
// every block, and a code stands for the same answer in every block; a
// block's Levels list every answer coded so far, so a later block may
// bring new levels (Column.Code appends them). Every count is an exact
// integer, so the summary does not depend on where the blocks start: it
// is byte for byte the summary of all rows at once.
type Tally struct {
	bank        *Bank
	detail      Detail
	respondents int64
	places      int
	freq        [][MaxLevels + 1]int64 // per item, per code
	answered    []uint8                // scratch: per row of a block, nonzero when answered
	counter     *planes.Counter        // nil without pairs, or until needed (fromTables)
	pairs       []planes.Sums          // flushed pair sums in units of 10^-places
	items       []*planes.Item         // scratch for the counter
	tables      *tableTally            // WithTables only (tables.go)
	// fromTables: every block so far had tables for all its items, so the
	// pair sums were not counted: they are those of the tables (see
	// tableTally.allWhole). Cleared, for good, by the first block that
	// has an item without tables.
	fromTables bool
}

// NewTally returns an empty Tally for the items of bank, counting pair
// sums when detail is WithPairs.
func NewTally(bank *Bank, detail Detail) *Tally {
	p := len(bank.Items)
	t := &Tally{bank: bank, detail: detail, freq: make([][MaxLevels + 1]int64, p)}
	if detail >= WithPairs {
		t.pairs = make([]planes.Sums, p*(p-1)/2)
		t.items = make([]*planes.Item, p)
	}
	if detail == WithPairs {
		t.counter = planes.NewCounter(p)
	}
	if detail == WithTables {
		t.tables = newTableTally(bank)
		t.fromTables = true
	}
	return t
}

// Add counts a block of rows: r.Respondents rows, Columns indexed like
// the bank's items (see Tally for how blocks code answers).
func (t *Tally) Add(r *Responses) {
	places := t.places
	for _, c := range r.Columns {
		for _, l := range c.levels() {
			places = max(places, l.Places)
		}
	}
	t.rescale(places)
	n := r.Respondents
	if cap(t.answered) < n {
		t.answered = make([]uint8, n)
	}
	answered := t.answered[:n]
	clear(answered)
	for i, c := range r.Columns {
		if c == nil {
			continue
		}
		freq := &t.freq[i]
		for row, k := range c.Codes[:n] {
			freq[k]++
			answered[row] |= k
		}
	}
	for _, a := range answered {
		if a != 0 {
			t.respondents++
		}
	}
	if t.detail < WithPairs {
		return
	}
	if t.fromTables && !t.tables.allWhole(r) {
		t.sumsFromTables()
		t.fromTables = false
	}
	if t.fromTables {
		t.tables.add(r, n)
		return
	}
	for i, c := range r.Columns {
		t.items[i] = nil
		if c != nil {
			t.items[i] = &planes.Item{Codes: c.Codes[:n], Values: c.values(t.places)}
		}
	}
	if t.counter == nil { // made at the first block whose sums the tables do not give
		t.counter = planes.NewCounter(len(t.bank.Items))
	}
	t.counter.Add(t.items, n)
	if t.tables != nil {
		t.tables.add(r, n)
	}
}

// rescale changes the units of the pair sums to 10^-places, places ≥
// t.places. The products may wrap around 64 bits: sums and products
// modulo 2^64 are exact, and Summary checks that the final sums fit.
func (t *Tally) rescale(places int) {
	if places == t.places {
		return
	}
	if t.pairs != nil {
		if t.counter != nil {
			t.counter.FlushTo(t.pairs)
		}
		f := pow10[places-t.places]
		for k := range t.pairs {
			s := &t.pairs[k]
			s.SumX *= f
			s.SumY *= f
			s.SumXX *= f * f
			s.SumYY *= f * f
			s.SumXY *= f * f
		}
	}
	t.places = places
}

// Summary returns the summary of the blocks added. r holds the file's
// columns as loaded, their Levels every answer coded (the codes are not
// looked at); a nil column is an item not asked. The Tally can no longer
// be used.
func (t *Tally) Summary(r *Responses) (*Summary, error) {
	places := t.places
	for _, c := range r.Columns {
		for _, l := range c.levels() {
			places = max(places, l.Places)
		}
	}
	t.rescale(places)
	s := &Summary{Respondents: t.respondents, Places: t.places, Bank: t.bank.Hash(), Items: make([]ItemSummary, len(t.bank.Items))}
	for i, it := range t.bank.Items {
		s.Items[i].ID = it.ID
		c := r.Columns[i]
		if c == nil {
			continue
		}
		s.Items[i].Asked = true
		s.Items[i].Counts = countValues(&t.freq[i], c.values(s.Places))
	}
	if err := s.checkRange(); err != nil {
		return nil, err
	}
	if t.fromTables {
		t.sumsFromTables()
	}
	if t.pairs != nil {
		if t.counter != nil {
			t.counter.FlushTo(t.pairs)
		}
		s.pairs = make([]PairSums, len(t.pairs))
		for k, c := range t.pairs {
			s.pairs[k] = PairSums(c)
		}
	}
	if t.tables != nil {
		t.tables.finish(s, r)
	}
	return s, nil
}

// sumsFromTables adds to the pair sums those of the tables counted so far
// (PairTable.Sums, in units of 10^-places): the blocks added while
// fromTables held, whose pair sums were not counted apart. Every answer of
// those blocks is a whole point of its item's table, so the tables hold
// every pair-row of them and their sums are the pair sums exactly (integer
// sums, modulo 2^64 like the counted ones). After a switch the tables go
// on counting beside the sums, which the Counter then counts from the next
// block on.
func (t *Tally) sumsFromTables() {
	tables := t.tables.counter.Tables()
	p := len(t.bank.Items)
	k := 0
	for i := range p {
		for j := i + 1; j < p; j++ {
			if c := tables[k]; c != nil {
				tb := PairTable{XMin: t.tables.axes[i].min, YMin: t.tables.axes[j].min, Rows: t.tables.axes[i].points, Cols: t.tables.axes[j].points, Counts: c}
				s := tb.Sums(t.places)
				d := &t.pairs[k]
				d.N += s.N
				d.SumX += s.SumX
				d.SumY += s.SumY
				d.SumXX += s.SumXX
				d.SumYY += s.SumYY
				d.SumXY += s.SumXY
			}
			k++
		}
	}
}
