package reduction

import (
	"fmt"
	"math"
	"sort"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Result is the screening of every bank item.
type Result struct {
	Thresholds Thresholds
	Limits     []Limits     // per bank scale, in bank order
	Items      []ItemResult // in bank order
	// Respondents in the current and previous wave (0 when absent).
	Respondents, PreviousRespondents int64
	// Linked counts the respondents linked across the waves by id, whose
	// paired tests replace the independent ones (ScreenLinked); 0 when
	// the waves are not linked.
	Linked int64
	// Warnings are caveats, not failures: statistics that were undefined.
	Warnings []string
	// Selection, when set, is the files and rows screened, which every
	// output records.
	Selection *Selection
}

// An ItemResult is one item's statistics and the rules that fired.
type ItemResult struct {
	Item *itembank.Item
	// Current wave: answers, mean and SD (NaN when undefined).
	N        int64
	Mean, SD float64
	// Previous wave: answers and mean (NaN when undefined).
	PreviousN    int64
	PreviousMean float64
	Shift        float64 // Mean − PreviousMean, exact then rounded once (itembank.Shift); NaN when either is undefined
	Flags        []Rule  // in the order of Rules
	Correlated   []Partner
	// MaxR is the other item with the largest |r|, whether or not it is
	// above the threshold; its ID is empty when r is undefined with every
	// other item.
	MaxR Partner
	// Undecided says which rules could not be decided, and why.
	Undecided []Undecided
	// WaveTest tests the item between the waves; nil when it is not
	// answered in both (see testWaves).
	WaveTest *WaveTest
	// Group and Representative place a redundant item in its group of
	// redundant items and name the item that stands for it (ApplyGroups);
	// 0 and empty when not grouped.
	Group          int
	Representative string
}

// A Partner is another item correlating above the threshold.
type Partner struct {
	ID string
	R  float64
	N  int64
	// Keep is the item of the pair that PreferToKeep suggests keeping.
	Keep string
	// SE is the standard error of a polychoric r (NaN for the other
	// methods), and Close marks a polychoric r within CloseCall of the
	// threshold: a close call.
	SE    float64
	Close bool
}

// Has reports whether rule r fired for the item.
func (it *ItemResult) Has(r Rule) bool {
	for _, f := range it.Flags {
		if f == r {
			return true
		}
	}
	return false
}

// Screen applies the four rules to every item of the bank: stable on both
// waves, the other rules on the current wave. previous may be nil when
// there is no earlier wave; the stable rule is then undecided.
func Screen(bank *itembank.Bank, previous, current *itembank.Summary, t Thresholds) (*Result, error) {
	return screen(bank, previous, current, t, nil)
}

// screen is Screen, with the paired wave tests when link is not nil
// (ScreenLinked).
func screen(bank *itembank.Bank, previous, current *itembank.Summary, t Thresholds, link *Linked) (*Result, error) {
	if err := checkSummary(bank, current); err != nil {
		return nil, fmt.Errorf("current wave: %w", err)
	}
	if previous != nil {
		if err := checkSummary(bank, previous); err != nil {
			return nil, fmt.Errorf("previous wave: %w", err)
		}
	}
	res := &Result{Thresholds: t, Items: make([]ItemResult, len(bank.Items)), Respondents: current.Respondents}
	if previous != nil {
		res.PreviousRespondents = previous.Respondents
	}
	if link != nil {
		res.Linked = link.N
	}
	limits := map[*itembank.Scale]Limits{}
	for _, s := range bank.Scales {
		l := t.LimitsFor(s)
		limits[s] = l
		res.Limits = append(res.Limits, l)
	}
	for i, item := range bank.Items {
		res.Items[i] = screenItem(item, i, previous, current, limits[item.Scale])
	}
	redundancy(res, current, t)
	for _, it := range res.Items {
		for _, u := range it.Undecided {
			res.Warnings = append(res.Warnings, fmt.Sprintf("item %s: %s", it.Item.ID, u))
		}
	}
	testWaves(res, previous, current, t, link)
	return res, nil
}

func checkSummary(bank *itembank.Bank, s *itembank.Summary) error {
	if s == nil {
		return fmt.Errorf("no data")
	}
	if len(s.Items) != len(bank.Items) {
		return fmt.Errorf("summary has %d items, the bank %d", len(s.Items), len(bank.Items))
	}
	for i, it := range bank.Items {
		if s.Items[i].ID != it.ID {
			return fmt.Errorf("summary item %d is %s, the bank's is %s", i+1, s.Items[i].ID, it.ID)
		}
	}
	return nil
}

// screenItem decides the three single-item rules for bank item i.
func screenItem(item *itembank.Item, i int, previous, current *itembank.Summary, l Limits) ItemResult {
	cur := current.Moments(i)
	it := ItemResult{Item: item, N: cur.N, Mean: cur.Mean(), SD: cur.SD(), PreviousMean: math.NaN(), Shift: math.NaN()}
	var prev itembank.Moments
	if previous != nil {
		prev = previous.Moments(i)
		it.PreviousN, it.PreviousMean = prev.N, prev.Mean()
		it.Shift = itembank.Shift(prev, cur)
	}
	switch {
	case current.Items[i].Withheld:
		it.Undecided = append(it.Undecided, Undecided{Reason: WithheldCurrent})
		return it
	case cur.N == 0 && !current.Items[i].Asked:
		it.Undecided = append(it.Undecided, Undecided{Reason: NotAskedCurrent})
		return it
	case cur.N == 0:
		it.Undecided = append(it.Undecided, Undecided{Reason: NoAnswersCurrent})
		return it
	case previous == nil:
		it.Undecided = append(it.Undecided, Undecided{Reason: NoPreviousWave})
	case !previous.Items[i].Asked:
		it.Undecided = append(it.Undecided, Undecided{Reason: NotAskedPrevious})
	case previous.Items[i].Withheld:
		it.Undecided = append(it.Undecided, Undecided{Reason: WithheldPrevious})
	case prev.N == 0:
		it.Undecided = append(it.Undecided, Undecided{Reason: NoAnswersPrevious})
	case isStable(cur, prev, l.Stable):
		it.Flags = append(it.Flags, Stable)
	}
	// Validate keeps the floor below the ceiling, so at most one fires;
	// the else keeps an unvalidated Thresholds from giving five ticks.
	if atCeiling(item, cur, l) {
		it.Flags = append(it.Flags, Ceiling)
	} else if atFloor(item, cur, l) {
		it.Flags = append(it.Flags, Floor)
	}
	if cur.N < 2 {
		it.Undecided = append(it.Undecided, Undecided{Reason: TooFewForSD})
	} else if isLowSpread(cur, l.LowSpread) {
		it.Flags = append(it.Flags, LowSpread)
	}
	return it
}

// redundancy ticks both items of every pair with |r| above the threshold
// and lists the partners, largest |r| first; r by the method in force
// (method.go).
func redundancy(res *Result, current *itembank.Summary, t Thresholds) {
	p := len(res.Items)
	counts := map[Reason][]int{}
	measured := correlateAll(res, current, t)
	for i := 0; i < p; i++ {
		if res.Items[i].N == 0 {
			continue
		}
		for j := i + 1; j < p; j++ {
			if res.Items[j].N == 0 {
				continue
			}
			pr := measured[itembank.PairIndex(i, j, p)]
			if !pr.ok {
				if counts[pr.Reason] == nil {
					counts[pr.Reason] = make([]int, p)
				}
				counts[pr.Reason][i]++
				counts[pr.Reason][j]++
				continue
			}
			a, b := &res.Items[i], &res.Items[j]
			a.noteR(Partner{ID: b.Item.ID, R: pr.R, N: pr.N, SE: pr.SE, Close: pr.Close})
			b.noteR(Partner{ID: a.Item.ID, R: pr.R, N: pr.N, SE: pr.SE, Close: pr.Close})
			if pr.Exceeds {
				keep := PreferToKeep(a, b).Item.ID
				a.Correlated = append(a.Correlated, Partner{ID: b.Item.ID, R: pr.R, N: pr.N, Keep: keep, SE: pr.SE, Close: pr.Close})
				b.Correlated = append(b.Correlated, Partner{ID: a.Item.ID, R: pr.R, N: pr.N, Keep: keep, SE: pr.SE, Close: pr.Close})
			}
		}
	}
	for i := range res.Items {
		it := &res.Items[i]
		sort.SliceStable(it.Correlated, func(a, b int) bool {
			return math.Abs(it.Correlated[a].R) > math.Abs(it.Correlated[b].R)
		})
		if len(it.Correlated) > 0 {
			it.Flags = append(it.Flags, Redundant)
		}
		for _, reason := range []Reason{RUndefined, RWithheld, RNoTable, RTableWithheld} {
			if n := counts[reason]; n != nil && n[i] > 0 {
				it.Undecided = append(it.Undecided, Undecided{Reason: reason, Others: n[i]})
			}
		}
	}
}

// noteR keeps p as MaxR when its |r| is the largest so far.
func (it *ItemResult) noteR(p Partner) {
	if it.MaxR.ID == "" || math.Abs(p.R) > math.Abs(it.MaxR.R) {
		it.MaxR = p
	}
}

// Ticks returns how many rules fired.
func (it *ItemResult) Ticks() int { return len(it.Flags) }
