package itembank

import "fmt"

// Disclosure control of a summary that leaves its site.
//
// A summary is shared so that nobody outside the site sees a respondent's
// answers. Counts and sums over a group hide each member's answers only
// when the group is not too small: a frequency table of one answer is that
// person's answer, and the pair sums of an item only one person answered
// give their answers to every other item. Statistics offices therefore
// apply a threshold to every published cell, not only to the table (the
// ESSnet handbook on statistical disclosure control, §4.2 and §5.3: the
// threshold rule). Withhold does that for a summary: it publishes an
// item's frequencies only when at least min people answered the item, and
// a pair's sums only when at least min people answered both items.

// A Withholding says what Withhold kept back, for the site to see: the
// counts it names are not in the summary.
type Withholding struct {
	Min   int64
	Items []WithheldItem
	Pairs []WithheldPair
	// Tables are the pairs whose answer tables are withheld (tables.go).
	Tables []WithheldTable
}

// A WithheldItem is an item answered by fewer than the minimum.
type WithheldItem struct {
	ID string
	N  int64 // how many answered it
}

// A WithheldPair is a pair of items answered together by fewer than the
// minimum, both items published.
type WithheldPair struct {
	X, Y string
	N    int64 // how many answered both
}

// Empty reports whether nothing was withheld.
func (w *Withholding) Empty() bool {
	return len(w.Items) == 0 && len(w.Pairs) == 0 && len(w.Tables) == 0
}

// Withhold applies the threshold rule with minimum min (at least 1) to
// every statistic of s:
//
//   - an item that 1 to min − 1 people answered is withheld: its counts are
//     dropped (Withheld set, Counts nil; Asked stays as it was);
//   - every pair of a withheld item is withheld, and so is every other pair
//     that 1 to min − 1 people answered together: its sums become 0;
//   - an item or pair that nobody answered has nothing to hide and stays.
//
// Afterwards every published count and sum describes 0 or at least min
// respondents, and s.MinRespondents records min (or the higher minimum s
// already had). Withhold does not check s.Respondents against min: the
// caller refuses a group that is too small as a whole. It returns what it
// withheld; items and pairs withheld before are not listed again.
func (s *Summary) Withhold(min int64) *Withholding {
	if min < 1 {
		panic(fmt.Sprintf("itembank: Withhold(%d): the minimum must be at least 1", min))
	}
	w := &Withholding{Min: min}
	for i := range s.Items {
		it := &s.Items[i]
		if it.Withheld {
			continue
		}
		if n := s.Moments(i).N; n > 0 && n < min {
			w.Items = append(w.Items, WithheldItem{ID: it.ID, N: n})
			it.Withheld, it.Counts = true, nil
		}
	}
	if s.pairs != nil {
		k := 0
		for i := range s.Items {
			for j := i + 1; j < len(s.Items); j++ {
				switch n := s.pairs[k].N; {
				case s.pairWithheld(k):
				case s.Items[i].Withheld || s.Items[j].Withheld:
					s.withholdPair(k)
				case n > 0 && n < min:
					w.Pairs = append(w.Pairs, WithheldPair{X: s.Items[i].ID, Y: s.Items[j].ID, N: n})
					s.withholdPair(k)
				}
				k++
			}
		}
	}
	s.withholdTables(min, w)
	s.MinRespondents = max(s.MinRespondents, min)
	return w
}

// WithheldItems returns the ids of the items s withholds.
func (s *Summary) WithheldItems() []string {
	var ids []string
	for _, it := range s.Items {
		if it.Withheld {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// WithheldPairList returns the pairs s withholds that are not pairs of a
// withheld item (those are withheld with the item), as item ids.
func (s *Summary) WithheldPairList() [][2]string {
	var out [][2]string
	k := 0
	for i := range s.Items {
		for j := i + 1; j < len(s.Items); j++ {
			if s.pairWithheld(k) && !s.Items[i].Withheld && !s.Items[j].Withheld {
				out = append(out, [2]string{s.Items[i].ID, s.Items[j].ID})
			}
			k++
		}
	}
	return out
}
