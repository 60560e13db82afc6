package itembank

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// A summary file that is read is checked against everything a summary
// made from real answers satisfies, so that a damaged or hand-edited file
// is refused instead of screened: what a privacy officer reads in the file
// is then what the tool uses, and no statistic it yields is impossible
// (|r| > 1, a negative variance, a mean outside the scale).
//
// For every item: its answers lie on its scale and are not missing codes,
// are written once each in increasing order, their counts are at least 1
// and add up to at most the respondents; a published item has 0 or at
// least min_respondents answers; a withheld item was asked. For the file:
// at least min_respondents respondents, at least as many as any item has
// answers, and, when no item is withheld, no more than all items' answers
// together (each respondent answered at least one item).
//
// For every pair of items i and j not withheld, with N who answered both:
//
//	N = 0                               and every sum is 0, or
//	min_respondents ≤ N ≤ min(nᵢ, nⱼ)
//	Σx  between the sums of the N smallest and the N largest answers to i
//	Σx² between the sums of the N smallest and the N largest squares
//	(the same for y and j)
//	N·Σx² − (Σx)² ≥ 0,  N·Σy² − (Σy)² ≥ 0           (variances)
//	(N·Σxy − Σx·Σy)² ≤ (N·Σx² − (Σx)²)·(N·Σy² − (Σy)²)   (Cauchy-Schwarz: |r| ≤ 1)
//
// and a pair of a withheld item is withheld. The sums of N answers can
// only be all of them when N = nᵢ: then Σx and Σx² must be item i's own.

// summary checks f against bank and itself, and returns its Summary.
func (f *summaryFile) summary(bank *Bank, name string) (*Summary, error) {
	fail := func(key string, format string, args ...any) error {
		return &ParseError{File: name, Line: f.line[key], Err: fmt.Errorf("%w: "+format, append([]any{ErrBadSummary}, args...)...)}
	}
	switch {
	case f.Format != summaryFormat:
		return nil, fail("format", "it does not say \"format\": %q", summaryFormat)
	case f.Version == 1:
		return nil, fail("version", "version 1, made by an earlier itemreduce that did not apply the minimum of respondents to each item and pair; ask the site to make the summary again with this itemreduce")
	case f.Version != summaryVersion && f.Version != summaryTablesVersion:
		return nil, fail("version", "version %d; this itemreduce reads versions %d and %d", f.Version, summaryVersion, summaryTablesVersion)
	case f.Version == summaryTablesVersion && f.Tables == nil:
		return nil, fail("version", "version %d without \"tables\"", f.Version)
	case f.Version == summaryVersion && f.Tables != nil:
		return nil, fail("tables", "\"tables\" in a version %d file; tables come with version %d", f.Version, summaryTablesVersion)
	case f.unknown != "":
		return nil, fail(f.unknown, "unknown key %q", f.unknown)
	}
	for _, k := range summaryKeys {
		if _, ok := f.line[k]; !ok {
			return nil, fail("", "no %q", k)
		}
	}
	switch {
	case f.Bank != bank.Hash():
		return nil, &ParseError{File: name, Line: f.line["bank"], Err: fmt.Errorf("summary %w (bank %s, this bank is %s): make it again with this bank", ErrOtherBank, short(f.Bank), short(bank.Hash()))}
	case f.MinRespondents < 1:
		return nil, fail("min_respondents", "min_respondents %d; it must be at least 1", f.MinRespondents)
	case f.Respondents < f.MinRespondents:
		return nil, fail("respondents", "%d respondents, fewer than its min_respondents of %d", f.Respondents, f.MinRespondents)
	case f.Places < 0 || f.Places > MaxPlaces:
		return nil, fail("places", "places %d is not between 0 and %d", f.Places, MaxPlaces)
	case len(f.Items) != len(bank.Items):
		return nil, fail("items", "%d items, the bank has %d", len(f.Items), len(bank.Items))
	case strings.Join(f.PairFields, ",") != strings.Join(pairFields, ","):
		return nil, fail("pair_fields", "pair_fields must be %s", strings.Join(pairFields, ", "))
	}
	p := len(bank.Items)
	s := &Summary{Respondents: f.Respondents, Places: int(f.Places), Bank: f.Bank, MinRespondents: f.MinRespondents, Items: make([]ItemSummary, p)}
	var answers int64 // of all published items together
	for i, it := range f.Items {
		n, err := s.readItem(i, it, bank.Items[i])
		if err != nil {
			return nil, &ParseError{File: name, Line: it.Line, Err: err}
		}
		answers += n // each at most Respondents: no overflow for any bank size
	}
	if err := s.checkRange(); err != nil {
		return nil, fail("items", "%v", err)
	}
	if len(s.WithheldItems()) == 0 && s.Respondents > answers {
		return nil, fail("respondents", "%d respondents, but all items together have %d answers; a respondent answered at least one item", s.Respondents, answers)
	}
	if len(f.Pairs) != p*(p-1)/2 {
		return nil, fail("pairs", "%d pairs; %d items make %d", len(f.Pairs), p, p*(p-1)/2)
	}
	s.pairs = make([]PairSums, len(f.Pairs))
	bounds := make([]itemBounds, p)
	for i := range s.Items {
		bounds[i] = newItemBounds(s.Items[i].Counts)
	}
	k := 0
	for i := range p {
		for j := i + 1; j < p; j++ {
			fp := f.Pairs[k]
			if err := s.readPair(k, i, j, fp, bounds); err != nil {
				return nil, &ParseError{File: name, Line: fp.Line, Err: fmt.Errorf("%w: pair %s-%s: %w", ErrBadSummary, bank.Items[i].ID, bank.Items[j].ID, err)}
			}
			k++
		}
	}
	if f.Tables != nil {
		if err := s.readTables(f, bank, name); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// readItem checks one item's frequencies, stores them as item i and
// returns how many answers it has.
func (s *Summary) readItem(i int, it summaryItem, want *Item) (int64, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: item %s: "+format, append([]any{ErrBadSummary, it.ID}, args...)...)
	}
	switch {
	case it.ID != want.ID:
		return 0, fmt.Errorf("%w: item %d is %s, the bank's is %s", ErrBadSummary, i+1, it.ID, want.ID)
	case it.Withheld && !it.Asked:
		return 0, bad("withheld, but not asked")
	case len(it.Values) != len(it.Counts):
		return 0, bad("%d values but %d counts", len(it.Values), len(it.Counts))
	case !it.Asked && len(it.Values) > 0:
		return 0, bad("answers to an item that was not asked")
	}
	s.Items[i] = ItemSummary{ID: it.ID, Asked: it.Asked, Withheld: it.Withheld}
	var total int64
	for k, text := range it.Values {
		v, err := ParseValue(text)
		switch {
		case err != nil || v.Places > s.Places:
			return 0, bad("value %q is not a number with at most %d decimals", text, s.Places)
		case text != v.String():
			return 0, bad("value %q should be written %q", text, v.String())
		case v.Units > 1<<31 || v.Units < -(1<<31):
			return 0, bad("value %s: %v", v, ErrOverflow)
		case !want.Scale.Contains(v) || want.Scale.IsMissing(v):
			return 0, bad("value %s is outside %s", v, want.Scale)
		case it.Counts[k] < 1 || it.Counts[k] > s.Respondents-total:
			return 0, bad("count %d for value %s", it.Counts[k], v)
		}
		u := v.At(s.Places)
		if k > 0 && u <= s.Items[i].Counts[k-1].Value {
			return 0, bad("values must increase")
		}
		total += it.Counts[k]
		s.Items[i].Counts = append(s.Items[i].Counts, ValueCount{Value: u, Count: it.Counts[k]})
	}
	if total > 0 && total < s.MinRespondents {
		return 0, bad("%d answers, fewer than min_respondents (%d): the item should be withheld", total, s.MinRespondents)
	}
	return total, nil
}

// readPair checks pair k of items i < j and stores it.
func (s *Summary) readPair(k, i, j int, fp summaryPair, bounds []itemBounds) error {
	if fp.Withheld {
		if !s.Items[i].Withheld && !s.Items[j].Withheld && (!s.Items[i].Asked || !s.Items[j].Asked) {
			return fmt.Errorf("withheld, but an item of it was not asked")
		}
		s.withholdPair(k)
		return nil
	}
	if s.Items[i].Withheld || s.Items[j].Withheld {
		return fmt.Errorf("a pair of a withheld item must be withheld too")
	}
	v := fp.Sums
	ps := PairSums{N: v[0], SumX: v[1], SumY: v[2], SumXX: v[3], SumYY: v[4], SumXY: v[5]}
	ni, nj := bounds[i].n, bounds[j].n
	switch {
	case ps.N == 0 && ps != PairSums{}:
		return fmt.Errorf("no respondent answered both, yet the sums are not 0")
	case ps.N < 0 || ps.N > min(ni, nj):
		return fmt.Errorf("%d respondents answered both, but %s has %d answers and %s %d", ps.N, s.Items[i].ID, ni, s.Items[j].ID, nj)
	case ps.N > 0 && ps.N < s.MinRespondents:
		return fmt.Errorf("%d respondents answered both, fewer than min_respondents (%d): the pair should be withheld", ps.N, s.MinRespondents)
	}
	if ps.N > 0 {
		if err := checkPairSums(ps, bounds[i], bounds[j]); err != nil {
			return err
		}
	}
	s.pairs[k] = ps
	return nil
}

// checkPairSums checks the sums of a pair answered by N > 0 against the
// answers of its items and against each other (see the comment above).
func checkPairSums(ps PairSums, bx, by itemBounds) error {
	for _, c := range []struct {
		what string
		sum  int64
		lo   int64
		hi   int64
	}{
		{"sum_x", ps.SumX, bx.low(ps.N, false), bx.high(ps.N, false)},
		{"sum_y", ps.SumY, by.low(ps.N, false), by.high(ps.N, false)},
		{"sum_xx", ps.SumXX, bx.low(ps.N, true), bx.high(ps.N, true)},
		{"sum_yy", ps.SumYY, by.low(ps.N, true), by.high(ps.N, true)},
	} {
		if c.sum < c.lo || c.sum > c.hi {
			return fmt.Errorf("%s is %d; %d answers of the item sum to between %d and %d", c.what, c.sum, ps.N, c.lo, c.hi)
		}
	}
	cov, vx, vy := ps.coMomentsAll()
	if vx.sign() < 0 || vy.sign() < 0 {
		return fmt.Errorf("sum_xx or sum_yy is smaller than the square of the sum over n: a negative variance")
	}
	c := cov.big()
	if new(big.Int).Mul(c, c).Cmp(new(big.Int).Mul(vx.big(), vy.big())) > 0 {
		return fmt.Errorf("sum_xy makes |r| greater than 1")
	}
	return nil
}

// coMomentsAll returns n·Σxy − Σx·Σy, n·Σx² − (Σx)² and n·Σy² − (Σy)²,
// for any n.
func (p PairSums) coMomentsAll() (cov, vx, vy int128) {
	cov = mul128(p.N, p.SumXY).sub(mul128(p.SumX, p.SumY))
	vx = mul128(p.N, p.SumXX).sub(mul128(p.SumX, p.SumX))
	vy = mul128(p.N, p.SumYY).sub(mul128(p.SumY, p.SumY))
	return cov, vx, vy
}

// itemBounds answer, for an item's frequency table, what the sum of any
// n of its answers, or of their squares, can be.
type itemBounds struct {
	n       int64
	values  []ValueCount // by increasing value
	squares []ValueCount // by increasing square
}

func newItemBounds(counts []ValueCount) itemBounds {
	b := itemBounds{values: counts}
	for _, c := range counts {
		b.n += c.Count
		b.squares = append(b.squares, ValueCount{Value: c.Value * c.Value, Count: c.Count})
	}
	sort.Slice(b.squares, func(x, y int) bool { return b.squares[x].Value < b.squares[y].Value })
	return b
}

// low returns the sum of the n smallest answers (squares with sq); n is
// at most the item's answers. Every sum stays below 2^62 (checkRange).
func (b itemBounds) low(n int64, sq bool) int64 {
	t := b.values
	if sq {
		t = b.squares
	}
	var sum int64
	for _, c := range t {
		take := min(n, c.Count)
		sum += take * c.Value
		n -= take
	}
	return sum
}

// high returns the sum of the n largest answers (squares with sq).
func (b itemBounds) high(n int64, sq bool) int64 {
	t := b.values
	if sq {
		t = b.squares
	}
	var sum int64
	for k := len(t) - 1; k >= 0; k-- {
		take := min(n, t[k].Count)
		sum += take * t[k].Value
		n -= take
	}
	return sum
}
