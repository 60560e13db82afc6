package reduction

import "math"

// PreferToKeep suggests which item of a redundant pair to keep, a before b
// in the bank. Both got the tick; one of them is enough. The suggestion:
//
//  1. the item with fewer ticks from the other three rules, since it says
//     more on its own (it moved between the waves, leaves room at the top,
//     or tells respondents apart);
//  2. on a tie, the item with the larger SD, which discriminates better;
//  3. on a tie, a, the item earlier in the bank.
//
// It reads only the statistics: meaning may overrule it, as in the 2018
// report, where the factual "I possess competence X" was kept over the wish
// "I want to work towards X". It is called while the redundancy rule is
// decided, so the redundant tick itself is not counted. Once the redundant
// items are grouped (ApplyGroups), a pair's hint is its representative
// where one of the two is one (Grouping.KeepInPair).
func PreferToKeep(a, b *ItemResult) *ItemResult {
	ta, tb := a.ticksBesides(Redundant), b.ticksBesides(Redundant)
	switch {
	case ta != tb:
		if tb < ta {
			return b
		}
		return a
	case !math.IsNaN(a.SD) && !math.IsNaN(b.SD) && a.SD != b.SD:
		if b.SD > a.SD {
			return b
		}
		return a
	}
	return a
}

// ticksBesides counts the rules other than r that fired for the item.
func (it *ItemResult) ticksBesides(r Rule) int {
	n := 0
	for _, f := range it.Flags {
		if f != r {
			n++
		}
	}
	return n
}
