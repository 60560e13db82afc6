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
type Summary struct {
	Respondents int64
	Places      int           // answers are counted in units of 10^-Places
	Bank        string        // Hash of the bank the summary was made for
	Items       []ItemSummary // one per bank item, in bank order

	pairs []PairSums // upper triangle in units of 10^-Places; nil without pairs
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
	ID     string
	Asked  bool         // false when the item was absent from every source
	Counts []ValueCount // by increasing value; missing answers are not counted
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

// Pair returns the sums for items i and j with X = item i and Y = item j.
// It panics when the summary has no pair sums (see HasPairs).
func (s *Summary) Pair(i, j int) PairSums {
	if i == j {
		panic("itembank: Pair of an item with itself")
	}
	if s.pairs == nil {
		panic("itembank: Pair of a summary made without pairs")
	}
	if i < j {
		return s.pairs[planes.Index(i, j, len(s.Items))]
	}
	p := s.pairs[planes.Index(j, i, len(s.Items))]
	return PairSums{N: p.N, SumX: p.SumY, SumY: p.SumX, SumXX: p.SumYY, SumYY: p.SumXX, SumXY: p.SumXY}
}

// Pairs returns the sums of every pair of items, the upper triangle i < j
// row by row (pair (0,1), (0,2), …, (1,2), …), or nil when the summary has
// none. The slice is shared: do not modify it.
func (s *Summary) Pairs() []PairSums { return s.pairs }

// DropPairs removes the pair sums, for pooling with summaries made
// without them.
func (s *Summary) DropPairs() { s.pairs = nil }

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
// (counted exactly by bit planes on all cores; see package planes). The
// summary keeps nothing of r.
func Summarize(r *Responses, detail Detail) (*Summary, error) {
	p := len(r.Bank.Items)
	s := &Summary{Respondents: int64(r.Respondents), Bank: r.Bank.Hash(), Items: make([]ItemSummary, p)}
	for _, c := range r.Columns {
		for _, l := range c.levels() {
			s.Places = max(s.Places, l.Places)
		}
	}
	for i, it := range r.Bank.Items {
		s.Items[i].ID = it.ID
		c := r.Columns[i]
		if c == nil {
			continue
		}
		s.Items[i].Asked = true
		s.Items[i].Counts = countValues(c, c.values(s.Places))
	}
	if err := s.checkRange(); err != nil {
		return nil, err
	}
	if detail == WithPairs {
		s.pairs = countPairs(r, s.Places)
	}
	return s, nil
}

// countPairs returns the pair sums of r's answers in units of 10^-places.
func countPairs(r *Responses, places int) []PairSums {
	items := make([]*planes.Item, len(r.Columns))
	for i, c := range r.Columns {
		if c != nil {
			items[i] = &planes.Item{Codes: c.Codes, Values: c.values(places)}
		}
	}
	counted := planes.Count(items, r.Respondents)
	sums := make([]PairSums, len(counted))
	for k, c := range counted {
		sums[k] = PairSums(c)
	}
	return sums
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

func countValues(c *Column, vals []int64) []ValueCount {
	var freq [MaxLevels + 1]int64
	for _, k := range c.Codes {
		freq[k]++
	}
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
	places := max(s.Places, t.Places)
	t = t.rescaled(places)
	*s = *s.rescaled(places)
	if s.Bank == "" {
		s.Bank = t.Bank
	}
	if s.Respondents < 0 || t.Respondents < 0 || s.Respondents > math.MaxInt64-t.Respondents {
		return fmt.Errorf("cannot pool %d and %d respondents: %w", s.Respondents, t.Respondents, ErrOverflow)
	}
	s.Respondents += t.Respondents
	for i := range s.Items {
		s.Items[i].Asked = s.Items[i].Asked || t.Items[i].Asked
		s.Items[i].Counts = mergeCounts(s.Items[i].Counts, t.Items[i].Counts)
	}
	for k := range s.pairs {
		s.pairs[k].add(t.pairs[k])
	}
	return s.checkRange()
}

// rescaled returns s with its units changed to 10^-places (places >= s.Places).
func (s *Summary) rescaled(places int) *Summary {
	if places == s.Places {
		return s
	}
	f := pow10[places-s.Places]
	out := &Summary{Respondents: s.Respondents, Places: places, Bank: s.Bank, Items: make([]ItemSummary, len(s.Items))}
	for i, it := range s.Items {
		out.Items[i] = ItemSummary{ID: it.ID, Asked: it.Asked, Counts: make([]ValueCount, len(it.Counts))}
		for k, c := range it.Counts {
			out.Items[i].Counts[k] = ValueCount{Value: c.Value * f, Count: c.Count}
		}
	}
	if s.pairs != nil {
		out.pairs = make([]PairSums, len(s.pairs))
		for k, p := range s.pairs {
			out.pairs[k] = PairSums{N: p.N, SumX: p.SumX * f, SumY: p.SumY * f, SumXX: p.SumXX * f * f, SumYY: p.SumYY * f * f, SumXY: p.SumXY * f * f}
		}
	}
	return out
}

func mergeCounts(a, b []ValueCount) []ValueCount {
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
			out = append(out, ValueCount{Value: a[i].Value, Count: a[i].Count + b[j].Count})
			i++
			j++
		}
	}
	return out
}
