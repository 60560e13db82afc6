package itembank

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/itemreduce/itemreduce/itembank/internal/planes"
)

// A Summary holds the additive statistics of one wave that the screening
// rules need, and nothing more: per item the count of each answer, per pair
// of items the counts and sums over the respondents who answered both.
// Summaries of disjoint groups of respondents add up to the summary of
// their union (Add), so a wave can be pooled from several files or sites.
//
// Sums are exact integers in units of 10^-Places, so every threshold
// decision made from them is exact.
//
// A summary holds pair sums only when they were asked for (WithPairs): a
// wave whose correlations are not needed, such as the previous wave of a
// screening, costs no pair statistics at all. A summary never keeps the
// answers it was made from.
//
// A summary that is shared applies a minimum number of respondents to every
// statistic it publishes (Withhold): an item answered by fewer people, or a
// pair answered together by fewer, is withheld, and its statistics are
// undecided wherever the summary is used.
type Summary struct {
	// Respondents counts those who answered at least one bank item: a row
	// without any answer to an item of the bank is no respondent.
	Respondents int64
	Places      int    // answers are counted in units of 10^-Places
	Bank        string // Hash of the bank the summary was made for
	// MinRespondents is the fewest respondents that any published
	// statistic describes (see Withhold); 0 when no minimum was applied,
	// as in a summary made from answers for screening them.
	MinRespondents int64
	Items          []ItemSummary // one per bank item, in bank order

	pairs    []PairSums // upper triangle in units of 10^-Places; nil without pairs
	withheld []bool     // per entry of pairs: withheld (its sums are 0); nil when none is

	// Answer tables (tables.go): per item how its answers index them (nil
	// without tables), per pair its counts (nil when an item has none, or
	// withheld) and whether it is withheld (nil when none is).
	axes          []tableAxis
	tables        [][]int64
	tableWithheld []bool
}

// Detail says what Summarize counts.
type Detail int

const (
	// ItemsOnly counts each item's answers: enough for means and SDs.
	ItemsOnly Detail = iota
	// WithPairs also counts the pair sums that correlations need.
	WithPairs
)

// An ItemSummary is the frequency table of one item's answers.
type ItemSummary struct {
	ID    string
	Asked bool // false when the item was absent from every source
	// Withheld is set when fewer people than the summary's minimum
	// answered the item (at one of the sites pooled, at least): its
	// Counts are then not published (nil), nor are its pairs.
	Withheld bool
	Counts   []ValueCount // by increasing value; missing answers are not counted
}

// A ValueCount is how many respondents gave the answer Value (in units of
// 10^-Places of the summary).
type ValueCount struct {
	Value int64
	Count int64
}

// PairSums are the sums over the respondents who answered both items X and Y.
type PairSums struct {
	N                   int64
	SumX, SumY          int64
	SumXX, SumYY, SumXY int64
}

func (a *PairSums) add(b PairSums) {
	a.N += b.N
	a.SumX += b.SumX
	a.SumY += b.SumY
	a.SumXX += b.SumXX
	a.SumYY += b.SumYY
	a.SumXY += b.SumXY
}

// plus returns a + b, and false when a sum does not fit in int64.
func (a PairSums) plus(b PairSums) (PairSums, bool) {
	var c PairSums
	ok := true
	for _, f := range [...]struct{ dst, x, y *int64 }{
		{&c.N, &a.N, &b.N}, {&c.SumX, &a.SumX, &b.SumX}, {&c.SumY, &a.SumY, &b.SumY},
		{&c.SumXX, &a.SumXX, &b.SumXX}, {&c.SumYY, &a.SumYY, &b.SumYY}, {&c.SumXY, &a.SumXY, &b.SumXY},
	} {
		var fits bool
		*f.dst, fits = addInt64(*f.x, *f.y)
		ok = ok && fits
	}
	return c, ok
}

// addInt64 returns a + b, and false when the sum does not fit in int64.
func addInt64(a, b int64) (int64, bool) {
	c := a + b
	return c, (c > a) == (b > 0)
}

// Moments are an item's count, sum and sum of squares over its answers,
// in units of 10^-Places.
type Moments struct {
	N, Sum, SumSq int64
	Places        int
}

// Errors of pooling.
var (
	// ErrOverflow reports sums too large for exact 64-bit arithmetic.
	ErrOverflow = errors.New("sums too large for exact arithmetic")
	// ErrOtherBank reports summaries made for different item banks.
	ErrOtherBank = errors.New("made for a different item bank")
	// ErrNoPairs reports pooling a summary that has pair sums with one
	// that has none.
	ErrNoPairs = errors.New("one summary has pair statistics, the other not")
)

// HasPairs reports whether the summary holds pair sums.
func (s *Summary) HasPairs() bool { return s.pairs != nil }

// Pair returns the sums for items i and j with X = item i and Y = item j;
// zero when the pair is withheld (see PairWithheld). It panics when the
// summary has no pair sums (see HasPairs).
func (s *Summary) Pair(i, j int) PairSums {
	k := s.pairIndex(i, j)
	p := s.pairs[k]
	if i < j {
		return p
	}
	return PairSums{N: p.N, SumX: p.SumY, SumY: p.SumX, SumXX: p.SumYY, SumYY: p.SumXX, SumXY: p.SumXY}
}

// PairWithheld reports whether the statistics of items i and j together
// are withheld: fewer people than the minimum answered both (at one of the
// sites pooled, at least), or one of the two items is withheld. It panics
// when the summary has no pair sums.
func (s *Summary) PairWithheld(i, j int) bool {
	k := s.pairIndex(i, j)
	return s.withheld != nil && s.withheld[k]
}

// WithheldPairs returns how many pairs are withheld.
func (s *Summary) WithheldPairs() int {
	n := 0
	for _, w := range s.withheld {
		if w {
			n++
		}
	}
	return n
}

// pairIndex returns the position of pair (i, j) in s.pairs.
func (s *Summary) pairIndex(i, j int) int {
	if i == j {
		panic("itembank: Pair of an item with itself")
	}
	if s.pairs == nil {
		panic("itembank: Pair of a summary made without pairs")
	}
	return planes.Index(min(i, j), max(i, j), len(s.Items))
}

// Pairs returns the sums of every pair of items, the upper triangle i < j
// row by row (pair (0,1), (0,2), …, (1,2), …), or nil when the summary has
// none. A withheld pair's sums are 0. The slice is shared: do not modify
// it.
func (s *Summary) Pairs() []PairSums { return s.pairs }

// DropPairs removes the pair sums, for pooling with summaries made
// without them.
func (s *Summary) DropPairs() { s.pairs, s.withheld = nil, nil; s.DropTables() }

// Moments returns item i's count, sum and sum of squares.
func (s *Summary) Moments(i int) Moments {
	m := Moments{Places: s.Places}
	for _, c := range s.Items[i].Counts {
		m.N += c.Count
		m.Sum += c.Count * c.Value
		m.SumSq += c.Count * c.Value * c.Value
	}
	return m
}

// Summarize computes the summary of loaded responses: each item's
// frequencies, and with WithPairs the pair sums of every pair of items
// (counted exactly by bit planes on all cores; see package planes). Only
// rows that answer at least one bank item count as respondents. The
// summary keeps nothing of r, and withholds nothing: see Withhold. It is
// a Tally of r as one block.
func Summarize(r *Responses, detail Detail) (*Summary, error) {
	t := NewTally(r.Bank, detail)
	t.Add(r)
	return t.Summary(r)
}

// Unanswered returns, in increasing order, the rows that answer no bank
// item: a questionnaire broken off before the first item, say. They are
// not respondents of a summary. It looks at each row once and at each
// further column only for the rows still unanswered, so it costs little
// more than one pass over the first column.
func (r *Responses) Unanswered() []int {
	var rows []int
	first := true
	for _, c := range r.Columns {
		if c == nil {
			continue
		}
		if first {
			for row, code := range c.Codes {
				if code == 0 {
					rows = append(rows, row)
				}
			}
			first = false
			continue
		}
		kept := rows[:0]
		for _, row := range rows {
			if c.Codes[row] == 0 {
				kept = append(kept, row)
			}
		}
		rows = kept
	}
	if first { // no item column at all
		rows = make([]int, r.Respondents)
		for row := range rows {
			rows[row] = row
		}
	}
	return rows
}

func (c *Column) levels() []Value {
	if c == nil {
		return nil
	}
	return c.Levels
}

// values returns the value of each code in units of 10^-places; code 0
// (missing) is 0.
func (c *Column) values(places int) []int64 {
	vals := make([]int64, len(c.Levels)+1)
	for k, l := range c.Levels {
		vals[k+1] = l.At(places)
	}
	return vals
}

// countValues turns the count of each code into the count of each value,
// by increasing value.
func countValues(freq *[MaxLevels + 1]int64, vals []int64) []ValueCount {
	var counts []ValueCount
	for k := 1; k < len(vals); k++ {
		if freq[k] > 0 {
			counts = append(counts, ValueCount{Value: vals[k], Count: freq[k]})
		}
	}
	sort.Slice(counts, func(a, b int) bool { return counts[a].Value < counts[b].Value })
	return counts
}

// checkRange makes sure that sums over all respondents of every item's
// squares and cross-products stay below 2^62, so that no sum overflows.
func (s *Summary) checkRange() error {
	if s.Respondents < 0 {
		return fmt.Errorf("%d respondents: %w", s.Respondents, ErrOverflow)
	}
	for _, it := range s.Items {
		var m int64
		for _, c := range it.Counts {
			// Compared before taking |v|: −2^63 has no positive counterpart.
			if c.Value > 1<<31 || c.Value < -(1<<31) {
				return fmt.Errorf("item %s: %w", it.ID, ErrOverflow)
			}
			m = max(m, abs64(c.Value))
		}
		if m > 0 && s.Respondents > (int64(1)<<62)/(m*m) {
			return fmt.Errorf("item %s: %w", it.ID, ErrOverflow)
		}
	}
	return nil
}

// Add pools t into s: afterwards s summarises the respondents of both.
// Both must describe the same bank items in the same order; summaries that
// record different banks (see Bank.Hash) are refused with ErrOtherBank.
//
// What either summary withholds stays withheld in the pool, since adding
// only the other's part would describe some of the respondents as if they
// were all; the pool's minimum is the smaller of the two (0 when either
// has none). Every sum is checked for overflow (ErrOverflow, naming the
// item or pair). On an error s is left as it was.
func (s *Summary) Add(t *Summary) error {
	if s.Bank != "" && t.Bank != "" && s.Bank != t.Bank {
		return fmt.Errorf("cannot pool summaries %w", ErrOtherBank)
	}
	if len(s.Items) != len(t.Items) {
		return fmt.Errorf("cannot pool summaries of %d and %d items", len(s.Items), len(t.Items))
	}
	for i := range s.Items {
		if s.Items[i].ID != t.Items[i].ID {
			return fmt.Errorf("cannot pool summaries: item %d is %s in one and %s in the other", i+1, s.Items[i].ID, t.Items[i].ID)
		}
	}
	if s.HasPairs() != t.HasPairs() {
		return fmt.Errorf("cannot pool summaries: %w", ErrNoPairs)
	}
	if s.Respondents < 0 || t.Respondents < 0 || s.Respondents > math.MaxInt64-t.Respondents {
		return fmt.Errorf("cannot pool %d and %d respondents: %w", s.Respondents, t.Respondents, ErrOverflow)
	}
	places := max(s.Places, t.Places)
	a, err := s.rescaled(places)
	if err != nil {
		return fmt.Errorf("cannot pool summaries: %w", err)
	}
	b, err := t.rescaled(places)
	if err != nil {
		return fmt.Errorf("cannot pool summaries: %w", err)
	}
	out := &Summary{Respondents: a.Respondents + b.Respondents, Places: places, Bank: a.Bank, Items: make([]ItemSummary, len(a.Items))}
	if out.Bank == "" {
		out.Bank = b.Bank
	}
	if a.MinRespondents > 0 && b.MinRespondents > 0 {
		out.MinRespondents = min(a.MinRespondents, b.MinRespondents)
	}
	for i := range a.Items {
		x, y := a.Items[i], b.Items[i]
		it := ItemSummary{ID: x.ID, Asked: x.Asked || y.Asked, Withheld: x.Withheld || y.Withheld}
		if !it.Withheld {
			var ok bool
			if it.Counts, ok = mergeCounts(x.Counts, y.Counts); !ok {
				return fmt.Errorf("cannot pool item %s: %w", x.ID, ErrOverflow)
			}
		}
		out.Items[i] = it
	}
	if a.pairs != nil {
		out.pairs = make([]PairSums, len(a.pairs))
		k := 0
		for i := range a.Items {
			for j := i + 1; j < len(a.Items); j++ {
				if a.pairWithheld(k) || b.pairWithheld(k) {
					out.withholdPair(k)
				} else {
					var ok bool
					if out.pairs[k], ok = a.pairs[k].plus(b.pairs[k]); !ok {
						return fmt.Errorf("cannot pool pair %s-%s: %w", a.Items[i].ID, a.Items[j].ID, ErrOverflow)
					}
				}
				k++
			}
		}
		out.withholdPairsOfItems()
		if err := out.addTables(a, b); err != nil {
			return err
		}
	}
	if err := out.checkRange(); err != nil {
		return err
	}
	*s = *out
	return nil
}

// pairWithheld reports whether pair k (an index into s.pairs) is withheld.
func (s *Summary) pairWithheld(k int) bool { return s.withheld != nil && s.withheld[k] }

// withholdPair withholds pair k: its sums become 0.
func (s *Summary) withholdPair(k int) {
	if s.withheld == nil {
		s.withheld = make([]bool, len(s.pairs))
	}
	s.withheld[k] = true
	s.pairs[k] = PairSums{}
}

// withholdPairsOfItems withholds every pair of a withheld item.
func (s *Summary) withholdPairsOfItems() {
	if s.pairs == nil {
		return
	}
	k := 0
	for i := range s.Items {
		for j := i + 1; j < len(s.Items); j++ {
			if s.Items[i].Withheld || s.Items[j].Withheld {
				s.withholdPair(k)
			}
			k++
		}
	}
}

// rescaled returns s with its units changed to 10^-places (places >=
// s.Places); ErrOverflow when a sum no longer fits in int64.
func (s *Summary) rescaled(places int) (*Summary, error) {
	if places == s.Places {
		return s, nil
	}
	f := pow10[places-s.Places]
	out := &Summary{Respondents: s.Respondents, Places: places, Bank: s.Bank, MinRespondents: s.MinRespondents, Items: make([]ItemSummary, len(s.Items)), withheld: s.withheld,
		axes: s.axes, tables: s.tables, tableWithheld: s.tableWithheld} // tables count people, whatever the units
	for i, it := range s.Items {
		out.Items[i] = ItemSummary{ID: it.ID, Asked: it.Asked, Withheld: it.Withheld}
		if it.Counts != nil {
			out.Items[i].Counts = make([]ValueCount, len(it.Counts))
		}
		for k, c := range it.Counts {
			v, ok := mulInt64(c.Value, f)
			if !ok {
				return nil, fmt.Errorf("item %s in units of 10^-%d: %w", it.ID, places, ErrOverflow)
			}
			out.Items[i].Counts[k] = ValueCount{Value: v, Count: c.Count}
		}
	}
	if s.pairs != nil {
		out.pairs = make([]PairSums, len(s.pairs))
		for k, p := range s.pairs {
			q, ok := PairSums{N: p.N}, true
			for _, v := range [...]struct {
				dst  *int64
				sum  int64
				unit int64 // f for sums of answers, f² for sums of products
			}{{&q.SumX, p.SumX, f}, {&q.SumY, p.SumY, f}, {&q.SumXX, p.SumXX, f * f}, {&q.SumYY, p.SumYY, f * f}, {&q.SumXY, p.SumXY, f * f}} {
				var fits bool
				*v.dst, fits = mulInt64(v.sum, v.unit)
				ok = ok && fits
			}
			if !ok {
				return nil, fmt.Errorf("pair sums in units of 10^-%d: %w", places, ErrOverflow)
			}
			out.pairs[k] = q
		}
	}
	return out, nil
}

// mulInt64 returns a·b, and false when the product does not fit in int64.
func mulInt64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	return c, c/b == a && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64)
}

// mergeCounts adds two frequency tables; false when a count overflows.
func mergeCounts(a, b []ValueCount) ([]ValueCount, bool) {
	if a == nil && b == nil {
		return nil, true
	}
	out := make([]ValueCount, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].Value < b[j].Value):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].Value < a[i].Value:
			out = append(out, b[j])
			j++
		default:
			n, ok := addInt64(a[i].Count, b[j].Count)
			if !ok {
				return nil, false
			}
			out = append(out, ValueCount{Value: a[i].Value, Count: n})
			i++
			j++
		}
	}
	return out, true
}
