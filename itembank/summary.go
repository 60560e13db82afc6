package itembank

import (
	"errors"
	"fmt"
	"sort"
)

// A Summary holds the additive statistics of one wave that the screening
// rules need, and nothing more: per item the count of each answer, per pair
// of items the counts and sums over the respondents who answered both.
// Summaries of disjoint groups of respondents add up to the summary of
// their union (Add), so a wave can be pooled from several files or sites.
//
// Sums are exact integers in units of 10^-Places, so every threshold
// decision made from them is exact.
type Summary struct {
	Respondents int64
	Places      int           // answers are counted in units of 10^-Places
	Items       []ItemSummary // one per bank item, in bank order
	// Pairs holds the upper triangle i < j over Items, row by row; see Pair.
	Pairs []PairSums
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

// Moments are an item's count, sum and sum of squares over its answers,
// in units of 10^-Places.
type Moments struct {
	N, Sum, SumSq int64
	Places        int
}

// ErrOverflow reports sums too large for exact 64-bit arithmetic.
var ErrOverflow = errors.New("sums too large for exact arithmetic")

// pairIndex returns the position of pair (i, j), i < j, among p items.
func pairIndex(i, j, p int) int { return i*p - i*(i+1)/2 + j - i - 1 }

// Pair returns the sums for items i and j with X = item i and Y = item j.
func (s *Summary) Pair(i, j int) PairSums {
	if i == j {
		panic("itembank: Pair of an item with itself")
	}
	if i < j {
		return s.Pairs[pairIndex(i, j, len(s.Items))]
	}
	p := s.Pairs[pairIndex(j, i, len(s.Items))]
	return PairSums{N: p.N, SumX: p.SumY, SumY: p.SumX, SumXX: p.SumYY, SumYY: p.SumXX, SumXY: p.SumXY}
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

// Summarize computes the summary of loaded responses.
func Summarize(r *Responses) (*Summary, error) {
	p := len(r.Bank.Items)
	s := &Summary{Respondents: int64(r.Respondents), Items: make([]ItemSummary, p)}
	for _, c := range r.Columns {
		for _, l := range c.levels() {
			s.Places = max(s.Places, l.Places)
		}
	}
	// vals[i][k] is the value of code k of item i in units of 10^-Places.
	vals := make([][]int64, p)
	for i, it := range r.Bank.Items {
		s.Items[i].ID = it.ID
		c := r.Columns[i]
		if c == nil {
			continue
		}
		s.Items[i].Asked = true
		vals[i] = make([]int64, len(c.Levels)+1)
		for k, l := range c.Levels {
			vals[i][k+1] = l.At(s.Places)
		}
		s.Items[i].Counts = countValues(c, vals[i])
		if err := checkRange(vals[i], int64(r.Respondents)); err != nil {
			return nil, fmt.Errorf("item %s: %w", it.ID, err)
		}
	}
	s.Pairs = pairSums(r.Columns, vals, r.Respondents)
	return s, nil
}

func (c *Column) levels() []Value {
	if c == nil {
		return nil
	}
	return c.Levels
}

func countValues(c *Column, vals []int64) []ValueCount {
	freq := make([]int64, len(vals))
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

// checkRange makes sure n answers of these values keep every sum of squares
// and cross-product below 2^62.
func checkRange(vals []int64, n int64) error {
	var m int64
	for _, v := range vals {
		m = max(m, abs64(v))
	}
	if m == 0 {
		return nil
	}
	if m > 1<<31 || n > (int64(1)<<62)/(m*m) {
		return ErrOverflow
	}
	return nil
}

// pairSums computes the sums for every pair of asked items, in one pass over
// the respondents per pair of columns.
func pairSums(cols []*Column, vals [][]int64, n int) []PairSums {
	p := len(cols)
	pairs := make([]PairSums, p*(p-1)/2)
	for i := 0; i < p; i++ {
		if cols[i] == nil {
			continue
		}
		for j := i + 1; j < p; j++ {
			if cols[j] == nil {
				continue
			}
			pairs[pairIndex(i, j, p)] = columnPair(cols[i].Codes, cols[j].Codes, vals[i], vals[j])
		}
	}
	return pairs
}

func columnPair(a, b []uint8, va, vb []int64) PairSums {
	var ps PairSums
	for r, ka := range a {
		kb := b[r]
		if ka == 0 || kb == 0 {
			continue
		}
		x, y := va[ka], vb[kb]
		ps.N++
		ps.SumX += x
		ps.SumY += y
		ps.SumXX += x * x
		ps.SumYY += y * y
		ps.SumXY += x * y
	}
	return ps
}

// Add pools t into s: afterwards s summarises the respondents of both.
// Both must describe the same bank items in the same order.
func (s *Summary) Add(t *Summary) error {
	if len(s.Items) != len(t.Items) {
		return fmt.Errorf("cannot pool summaries of %d and %d items", len(s.Items), len(t.Items))
	}
	for i := range s.Items {
		if s.Items[i].ID != t.Items[i].ID {
			return fmt.Errorf("cannot pool summaries: item %d is %s in one and %s in the other", i+1, s.Items[i].ID, t.Items[i].ID)
		}
	}
	t = t.rescaled(max(s.Places, t.Places))
	*s = *s.rescaled(t.Places)
	s.Respondents += t.Respondents
	for i := range s.Items {
		s.Items[i].Asked = s.Items[i].Asked || t.Items[i].Asked
		s.Items[i].Counts = mergeCounts(s.Items[i].Counts, t.Items[i].Counts)
	}
	for k := range s.Pairs {
		a, b := &s.Pairs[k], t.Pairs[k]
		a.N += b.N
		a.SumX += b.SumX
		a.SumY += b.SumY
		a.SumXX += b.SumXX
		a.SumYY += b.SumYY
		a.SumXY += b.SumXY
	}
	return nil
}

// rescaled returns s with its units changed to 10^-places (places >= s.Places).
func (s *Summary) rescaled(places int) *Summary {
	if places == s.Places {
		return s
	}
	f := pow10[places-s.Places]
	out := &Summary{Respondents: s.Respondents, Places: places, Items: make([]ItemSummary, len(s.Items)), Pairs: make([]PairSums, len(s.Pairs))}
	for i, it := range s.Items {
		out.Items[i] = ItemSummary{ID: it.ID, Asked: it.Asked, Counts: make([]ValueCount, len(it.Counts))}
		for k, c := range it.Counts {
			out.Items[i].Counts[k] = ValueCount{Value: c.Value * f, Count: c.Count}
		}
	}
	for k, p := range s.Pairs {
		out.Pairs[k] = PairSums{N: p.N, SumX: p.SumX * f, SumY: p.SumY * f, SumXX: p.SumXX * f * f, SumYY: p.SumYY * f * f, SumXY: p.SumXY * f * f}
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
