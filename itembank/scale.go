package itembank

import (
	"fmt"
	"sort"
)

// A Scale is the answer range of a group of items, such as a 1-5 Likert
// statement or a 1-10 report grade. Its bounds are whole numbers; answers
// may be decimals within them (a grade of 7.5).
type Scale struct {
	Name    string
	Min     int64
	Max     int64
	Missing []Value          // codes that mean "no answer", e.g. 9 for "don't know"
	Labels  map[int64]string // optional answer labels, e.g. 1: "disagree"
	Line    int              // line of the scale's definition in the bank file, 0 if unknown
}

// Range returns Max - Min, the R of the screening thresholds.
func (s *Scale) Range() int64 { return s.Max - s.Min }

// IsMissing reports whether v is one of the scale's missing codes.
func (s *Scale) IsMissing(v Value) bool {
	for _, m := range s.Missing {
		if m.Cmp(v) == 0 {
			return true
		}
	}
	return false
}

// Contains reports whether Min <= v <= Max.
func (s *Scale) Contains(v Value) bool {
	return v.Cmp(Int(s.Min)) >= 0 && v.Cmp(Int(s.Max)) <= 0
}

// String describes the scale for messages, e.g. "likert5 (1-5)".
func (s *Scale) String() string { return fmt.Sprintf("%s (%d-%d)", s.Name, s.Min, s.Max) }

// Validate checks that Min < Max and that no missing code lies inside the scale.
func (s *Scale) Validate() error {
	if s.Min >= s.Max {
		return fmt.Errorf("%w: scale %s: min (%d) must be less than max (%d)", ErrBadScale, s.Name, s.Min, s.Max)
	}
	for _, m := range s.Missing {
		if s.Contains(m) {
			return fmt.Errorf("%w: scale %s: missing code %s lies inside the scale %d-%d", ErrBadScale, s.Name, m, s.Min, s.Max)
		}
	}
	return nil
}

// LabelValues returns the labelled answer values in increasing order.
func (s *Scale) LabelValues() []int64 {
	vs := make([]int64, 0, len(s.Labels))
	for v := range s.Labels {
		vs = append(vs, v)
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i] < vs[j] })
	return vs
}
