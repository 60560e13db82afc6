package itembank

import (
	"errors"
	"fmt"
	"sort"
	"sync"
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
// The pair sums of loaded answers are computed on first use (Pair, Pairs,
// WriteJSON): a wave whose correlations are never asked for, such as the
// previous wave of a screening, costs no pair statistics at all.
type Summary struct {
	Respondents int64
	Places      int           // answers are counted in units of 10^-Places
	Bank        string        // Hash of the bank the summary was made for
	Items       []ItemSummary // one per bank item, in bank order

	pairs *pairState
}

// pairState holds the pair sums known so far and the answers whose pair
// sums are still to be added.
type pairState struct {
	mu      sync.Mutex
	sums    []PairSums   // upper triangle in units of 10^-Places; nil while all zero
	pending []*Responses // answers not yet counted in sums
}

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
)

// pairIndex returns the position of pair (i, j), i < j, among p items.
func pairIndex(i, j, p int) int { return i*p - i*(i+1)/2 + j - i - 1 }

// Pair returns the sums for items i and j with X = item i and Y = item j.
func (s *Summary) Pair(i, j int) PairSums {
	if i == j {
		panic("itembank: Pair of an item with itself")
	}
	pairs := s.Pairs()
	if i < j {
		return pairs[pairIndex(i, j, len(s.Items))]
	}
	p := pairs[pairIndex(j, i, len(s.Items))]
	return PairSums{N: p.N, SumX: p.SumY, SumY: p.SumX, SumXX: p.SumYY, SumYY: p.SumXX, SumXY: p.SumXY}
}

// Pairs returns the sums of every pair of items, the upper triangle i < j
// row by row (pair (0,1), (0,2), …, (1,2), …), computing them first if
// needed. The slice is shared: do not modify it.
func (s *Summary) Pairs() []PairSums {
	p := len(s.Items)
	if s.pairs == nil {
		s.pairs = &pairState{}
	}
	ps := s.pairs
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.sums == nil {
		ps.sums = make([]PairSums, p*(p-1)/2)
	}
	for _, r := range ps.pending {
		addPairSums(ps.sums, r, s.Places)
	}
	ps.pending = nil
	return ps.sums
}

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

// Summarize computes the summary of loaded responses. The frequencies are
// counted at once; the pair sums when first needed (see Summary), so r must
// not change afterwards.
func Summarize(r *Responses) (*Summary, error) {
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
	s.pairs = &pairState{pending: []*Responses{r}}
	return s, nil
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
	for _, it := range s.Items {
		var m int64
		for _, c := range it.Counts {
			m = max(m, abs64(c.Value))
		}
		if m == 0 {
			continue
		}
		if m > 1<<31 || s.Respondents > (int64(1)<<62)/(m*m) {
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
	places := max(s.Places, t.Places)
	t = t.rescaled(places)
	*s = *s.rescaled(places)
	if s.Bank == "" {
		s.Bank = t.Bank
	}
	s.Respondents += t.Respondents
	for i := range s.Items {
		s.Items[i].Asked = s.Items[i].Asked || t.Items[i].Asked
		s.Items[i].Counts = mergeCounts(s.Items[i].Counts, t.Items[i].Counts)
	}
	if err := s.checkRange(); err != nil {
		return err
	}
	if t.pairs == nil {
		return nil
	}
	if s.pairs == nil {
		s.pairs = &pairState{}
	}
	t.pairs.mu.Lock()
	sums, pending := t.pairs.sums, t.pairs.pending
	t.pairs.mu.Unlock()
	s.pairs.mu.Lock()
	defer s.pairs.mu.Unlock()
	if sums != nil {
		if s.pairs.sums == nil {
			s.pairs.sums = make([]PairSums, len(sums))
		}
		for k := range s.pairs.sums {
			s.pairs.sums[k].add(sums[k])
		}
	}
	s.pairs.pending = append(s.pairs.pending, pending...)
	return nil
}

// rescaled returns s with its units changed to 10^-places (places >= s.Places).
// Answers whose pair sums are pending are counted in the new units when
// their turn comes, so they need no change.
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
	if s.pairs == nil {
		return out
	}
	s.pairs.mu.Lock()
	defer s.pairs.mu.Unlock()
	out.pairs = &pairState{pending: append([]*Responses(nil), s.pairs.pending...)}
	if s.pairs.sums != nil {
		out.pairs.sums = make([]PairSums, len(s.pairs.sums))
		for k, p := range s.pairs.sums {
			out.pairs.sums[k] = PairSums{N: p.N, SumX: p.SumX * f, SumY: p.SumY * f, SumXX: p.SumXX * f * f, SumYY: p.SumYY * f * f, SumXY: p.SumXY * f * f}
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
