package reduction

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/itemreduce/itemreduce/itembank"
)

// ShortenOptions are the constraints on a short form (see NewShortener).
type ShortenOptions struct {
	// Keep and Drop are item ids that must be kept or left out
	// (--keep, --drop).
	Keep, Drop []string
	// Review, when not nil, forces the items its researchers decided to
	// keep (decision: keep) and leaves out those decided to drop; an item
	// without a decision is free.
	Review *Review
	// KeepComposites keeps every composite whole; without it a composite
	// is kept whole or not at all.
	KeepComposites bool
	// MinPerTheme is the fewest items to keep of every theme (0: none).
	MinPerTheme int
	// ExcludeTicks leaves out the items with at least this many ticks,
	// unless they are forced (0: off); Ticks gives each item's ticks that
	// count toward the suggestion (Grouping.Ticks).
	ExcludeTicks int
	Ticks        map[string]int
}

// A Shortener searches short forms of a bank from the current wave's
// correlations under fixed constraints, one length at a time.
type Shortener struct {
	bank    *itembank.Bank
	current *itembank.Summary
	// Items with usable correlations: their bank indices and the matrix.
	bankIdx []int
	r       *mat.SymDense
	// Smoothed says that R was not positive definite and was smoothed
	// as psych::cor.smooth does.
	Smoothed bool
	// Unusable lists the bank items left out of the search, each with why.
	Unusable []UnusableItem
	base     formProblem // the constraints, n unset
	eigen    []float64   // EigenBound
	bound    []float64   // constrainedBound, by number of free items added
	forced   int
	Warnings []string
}

// An UnusableItem is a bank item without the correlations the search
// needs.
type UnusableItem struct{ ID, Why string }

// NewShortener prepares the search for short forms of bank from the pair
// sums of the current wave, current. R is the matrix of the pairwise
// Pearson correlations (as the redundancy rule computes them) of the p
// items whose correlations with each other are all defined: an item not
// asked, not answered, without variance or withheld is left out, and so
// is, one at a time, the item with the most undefined correlations until
// none is left. When R is not positive definite it is smoothed
// (CorSmooth).
//
// The constraints: the items of opt.Keep and the review's keeps are in,
// those of opt.Drop and the review's drops out; a composite (composites
// sharing an item count as one) is kept whole or not at all, and whole
// with opt.KeepComposites; items with opt.ExcludeTicks or more ticks are
// out unless forced in. An id that is not a bank item, or a forced item
// without usable correlations, is an error.
func NewShortener(bank *itembank.Bank, current *itembank.Summary, opt ShortenOptions) (*Shortener, error) {
	if err := checkSummary(bank, current); err != nil {
		return nil, err
	}
	if !current.HasPairs() {
		return nil, ErrNoPairSums
	}
	sh := &Shortener{bank: bank, current: current}
	if err := sh.buildMatrix(); err != nil {
		return nil, err
	}
	if err := sh.buildProblem(opt); err != nil {
		return nil, err
	}
	return sh, sh.prepareBounds()
}

// buildMatrix finds the usable items and their correlation matrix.
func (sh *Shortener) buildMatrix() error {
	all := make([]int, len(sh.bank.Items))
	for i := range all {
		all[i] = i
	}
	m := buildMatrices(sh.bank, sh.current, all)
	p := len(all)
	alive := make([]bool, p)
	for a := range p {
		alive[a] = true
		switch {
		case math.IsNaN(m.r.At(a, a)):
			alive[a] = false
			sh.Unusable = append(sh.Unusable, UnusableItem{sh.bank.Items[a].ID, "not asked, not answered, answered by one respondent only or withheld in the current wave"})
		case m.constantItem[a]:
			alive[a] = false
			sh.Unusable = append(sh.Unusable, UnusableItem{sh.bank.Items[a].ID, "without variance in the current wave"})
		}
	}
	for {
		worst, most := -1, 0
		for a := range p {
			if !alive[a] {
				continue
			}
			nan := 0
			for b := range p {
				if alive[b] && math.IsNaN(m.r.At(a, b)) {
					nan++
				}
			}
			if nan > most {
				worst, most = a, nan
			}
		}
		if worst < 0 {
			break
		}
		alive[worst] = false
		sh.Unusable = append(sh.Unusable, UnusableItem{sh.bank.Items[worst].ID, fmt.Sprintf("its correlation with %d other items is undefined (too few respondents answered both, or withheld)", most)})
	}
	for a := range p {
		if alive[a] {
			sh.bankIdx = append(sh.bankIdx, a)
		}
	}
	sort.Slice(sh.Unusable, func(x, y int) bool {
		ix, _ := sh.bank.Index(sh.Unusable[x].ID)
		iy, _ := sh.bank.Index(sh.Unusable[y].ID)
		return ix < iy
	})
	k := len(sh.bankIdx)
	if k < 2 {
		return fmt.Errorf("shorten needs at least 2 items with usable correlations in the current wave, and %d have them", k)
	}
	r := mat.NewSymDense(k, nil)
	for x, a := range sh.bankIdx {
		for y := x; y < k; y++ {
			r.SetSym(x, y, m.r.At(a, sh.bankIdx[y]))
		}
	}
	smooth, changed, err := CorSmooth(r)
	if err != nil {
		return err
	}
	sh.r, sh.Smoothed = smooth, changed
	var ch mat.Cholesky
	if !ch.Factorize(sh.r) {
		return errors.New("the correlation matrix is not positive definite even after smoothing")
	}
	return nil
}

// P returns the number of items with usable correlations, the p of I.
func (sh *Shortener) P() int { return len(sh.bankIdx) }

// buildProblem turns the options into the constraints of sh.base.
func (sh *Shortener) buildProblem(opt ShortenOptions) error {
	p := len(sh.bankIdx)
	fp := &sh.base
	*fp = formProblem{r: sh.r, ids: make([]string, p), theme: make([]int, p), unitOf: make([]int, p),
		in: make([]string, p), out: make([]string, p), minPerTheme: opt.MinPerTheme}
	local := map[string]int{}
	themeIndex := map[string]int{}
	for x, a := range sh.bankIdx {
		it := sh.bank.Items[a]
		fp.ids[x], local[it.ID] = it.ID, x
		fp.theme[x] = -1
		if it.Theme != "" && opt.MinPerTheme > 0 {
			t, ok := themeIndex[it.Theme]
			if !ok {
				t = len(fp.themes)
				themeIndex[it.Theme] = t
				fp.themes = append(fp.themes, it.Theme)
			}
			fp.theme[x] = t
		}
	}
	unusable := map[string]string{}
	for _, u := range sh.Unusable {
		unusable[u.ID] = u.Why
	}
	force := func(ids []string, into []string, why func(id string) string) error {
		for _, id := range ids {
			if sh.bank.Item(id) == nil {
				return fmt.Errorf("%w: %s (%s)", ErrUnknownItem, id, why(id))
			}
			x, ok := local[id]
			if !ok {
				return fmt.Errorf("item %s (%s) cannot be placed by shorten: %s", id, why(id), unusable[id])
			}
			into[x] = why(id)
		}
		return nil
	}
	fixed := func(s string) func(string) string { return func(string) string { return s } }
	if err := force(opt.Keep, fp.in, fixed("--keep")); err != nil {
		return err
	}
	if err := force(opt.Drop, fp.out, fixed("--drop")); err != nil {
		return err
	}
	if opt.Review != nil {
		var keeps, drops []string
		line := map[string]int{}
		for _, it := range opt.Review.Items {
			if !it.InBank || sh.bank.Item(it.ID) == nil {
				continue
			}
			line[it.ID] = it.DecisionLine
			switch it.Decision {
			case Keep:
				keeps = append(keeps, it.ID)
			case Drop:
				drops = append(drops, it.ID)
			}
		}
		why := func(verdict string) func(string) string {
			return func(id string) string {
				return fmt.Sprintf("the review decides %s, line %d", verdict, line[id])
			}
		}
		if err := force(keeps, fp.in, why("keep")); err != nil {
			return err
		}
		if err := force(drops, fp.out, why("drop")); err != nil {
			return err
		}
	}
	if err := sh.buildUnits(opt, local, unusable); err != nil {
		return err
	}
	if opt.ExcludeTicks > 0 {
		for x, id := range fp.ids {
			if t := opt.Ticks[id]; t >= opt.ExcludeTicks && fp.out[x] == "" && !sh.unitForcedIn(x) {
				fp.out[x] = fmt.Sprintf("%d ticks, --exclude-ticks %d", t, opt.ExcludeTicks)
			}
		}
	}
	return nil
}

// unitForcedIn reports whether item x's unit holds an item forced in.
func (sh *Shortener) unitForcedIn(x int) bool {
	for _, i := range sh.base.units[sh.base.unitOf[x]] {
		if sh.base.in[i] != "" {
			return true
		}
	}
	return false
}

// buildUnits makes the units: composites sharing an item merged (union
// find), every other item alone; with KeepComposites every composite
// item is forced in.
func (sh *Shortener) buildUnits(opt ShortenOptions, local map[string]int, unusable map[string]string) error {
	fp := &sh.base
	p := len(fp.ids)
	parent := make([]int, p)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var members [][]int // per composite, its usable items
	for _, c := range sh.bank.Composites {
		var mine []int
		for _, id := range c.Items {
			x, ok := local[id]
			if !ok {
				if _, inBank := sh.bank.Index(id); inBank {
					if opt.KeepComposites {
						return fmt.Errorf("--keep-composites: composite %q cannot be kept whole: item %s %s", c.Name, id, unusable[id])
					}
					sh.Warnings = append(sh.Warnings, fmt.Sprintf("composite %q: item %s has no usable correlations (%s); the composite's other items are kept together or not at all", c.Name, id, unusable[id]))
				}
				continue
			}
			mine = append(mine, x)
			if opt.KeepComposites && fp.in[x] == "" {
				fp.in[x] = "--keep-composites: " + c.Name
			}
		}
		for _, x := range mine[min(1, len(mine)):] {
			parent[find(x)] = find(mine[0])
		}
		members = append(members, mine)
	}
	root := map[int]int{}
	for x := range p {
		r := find(x)
		u, ok := root[r]
		if !ok {
			u = len(fp.units)
			root[r] = u
			fp.units = append(fp.units, nil)
			fp.unitName = append(fp.unitName, "")
		}
		fp.units[u] = append(fp.units[u], x)
		fp.unitOf[x] = u
	}
	for c, mine := range members {
		if len(mine) == 0 {
			continue
		}
		u := fp.unitOf[mine[0]]
		if fp.unitName[u] != "" {
			fp.unitName[u] += " + "
		}
		fp.unitName[u] += sh.bank.Composites[c].Name
	}
	for u := range fp.units {
		if len(fp.units[u]) > 1 && fp.unitName[u] == "" {
			fp.unitName[u] = "composite"
		}
	}
	return nil
}

// prepareBounds computes the eigenvalue bound and the bound that respects
// the forced and left-out items.
func (sh *Shortener) prepareBounds() error {
	var err error
	if sh.eigen, err = EigenBound(sh.r); err != nil {
		return err
	}
	fp := &sh.base
	s := newResidual(sh.r, len(fp.ids))
	var allowed []int
	for u, items := range fp.units {
		switch fp.unitStatus(u) {
		case 1:
			for _, i := range items {
				if err := s.add(i); err != nil {
					return fmt.Errorf("the items that must be kept are linearly dependent: %w", err)
				}
			}
		case 0:
			allowed = append(allowed, items...)
		}
	}
	sort.Ints(allowed)
	sh.forced = len(s.kept)
	sh.bound, err = constrainedBound(s, allowed)
	return err
}

// CountedTicks returns each item's ticks that count toward its
// suggestion (a representative's redundant tick does not), for
// ShortenOptions.Ticks.
func CountedTicks(res *Result) map[string]int {
	out := make(map[string]int, len(res.Items))
	for i := range res.Items {
		out[res.Items[i].Item.ID] = res.Items[i].countedTicks()
	}
	return out
}
