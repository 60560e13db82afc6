package reduction

import (
	"fmt"
)

// MaxExactItems is the largest number of free items --exact searches.
const MaxExactItems = 40

// exact returns the proven best form by branch and bound, starting from
// the incumbent form (the swap search's): units are decided one at a
// time, kept before left out, in the order of the incumbent; a branch is
// cut when it can no longer reach exactly n items or a theme's minimum,
// or when constrainedBound of its kept items and its undecided items
// cannot beat the best form found by more than swapTolerance/p.
func (fp *formProblem) exact(incumbent []int) ([]int, float64, int, error) {
	var free []int
	freeItems := 0
	for u := range fp.units {
		if fp.unitStatus(u) == 0 {
			free = append(free, u)
			freeItems += len(fp.units[u])
		}
	}
	if freeItems > MaxExactItems {
		return nil, 0, 0, fmt.Errorf("--exact searches at most %d free items, and %d are free: fix more items with --keep or --drop, or search without --exact", MaxExactItems, freeItems)
	}
	inInc := map[int]bool{}
	for _, i := range incumbent {
		inInc[fp.unitOf[i]] = true
	}
	// Incumbent's units first, then the others, each group in unit order.
	var order []int
	for _, u := range free {
		if inInc[u] {
			order = append(order, u)
		}
	}
	for _, u := range free {
		if !inInc[u] {
			order = append(order, u)
		}
	}
	bestInfo, err := InformationRetained(fp.r, incumbent)
	if err != nil {
		return nil, 0, 0, err
	}
	bb := &branchBound{fp: fp, order: order, best: append([]int(nil), incumbent...), bestInfo: bestInfo}
	var forced []int
	for u := range fp.units {
		if fp.unitStatus(u) == 1 {
			forced = append(forced, fp.units[u]...)
		}
	}
	if err := bb.visit(0, forced); err != nil {
		return nil, 0, 0, err
	}
	return bb.best, bb.bestInfo, bb.nodes, nil
}

// branchBound is the state of the exact search.
type branchBound struct {
	fp       *formProblem
	order    []int // free units in branching order
	best     []int
	bestInfo float64
	nodes    int
}

// visit decides order[depth:] given the kept items.
func (bb *branchBound) visit(depth int, kept []int) error {
	bb.nodes++
	fp := bb.fp
	n := fp.n
	if len(kept) > n || !bb.themesReachable(depth, kept) {
		return nil
	}
	var undecided []int
	room := 0
	for _, u := range bb.order[depth:] {
		undecided = append(undecided, fp.units[u]...)
		room += len(fp.units[u])
	}
	if len(kept)+room < n {
		return nil
	}
	if len(kept) == n {
		if !bb.themesMet(kept) {
			return nil
		}
		info, err := InformationRetained(fp.r, kept)
		if err != nil {
			return nil // a singular form is no candidate
		}
		if info > bb.bestInfo+swapTolerance/float64(len(fp.ids)) {
			bb.best, bb.bestInfo = append([]int(nil), kept...), info
		}
		return nil
	}
	s := newResidual(fp.r, len(kept))
	s.kept = append(s.kept, kept...)
	for x, i := range kept {
		s.pos[i] = x
	}
	if err := s.refresh(); err != nil {
		return nil
	}
	bound, err := constrainedBound(s, undecided)
	if err == nil && bound[n-len(kept)] <= bb.bestInfo+swapTolerance/float64(len(fp.ids)) {
		return nil
	}
	u := bb.order[depth]
	if err := bb.visit(depth+1, append(append([]int(nil), kept...), fp.units[u]...)); err != nil {
		return err
	}
	return bb.visit(depth+1, kept)
}

// themesReachable reports whether every theme can still reach its
// minimum with the undecided units.
func (bb *branchBound) themesReachable(depth int, kept []int) bool {
	fp := bb.fp
	if fp.minPerTheme <= 0 {
		return true
	}
	count := make([]int, len(fp.themes))
	for _, i := range kept {
		if t := fp.theme[i]; t >= 0 {
			count[t]++
		}
	}
	for _, u := range bb.order[depth:] {
		for _, i := range fp.units[u] {
			if t := fp.theme[i]; t >= 0 {
				count[t]++
			}
		}
	}
	for _, c := range count {
		if c < fp.minPerTheme {
			return false
		}
	}
	return true
}

// themesMet reports whether the kept items meet every theme's minimum.
func (bb *branchBound) themesMet(kept []int) bool {
	fp := bb.fp
	count := make([]int, len(fp.themes))
	for _, i := range kept {
		if t := fp.theme[i]; t >= 0 {
			count[t]++
		}
	}
	for _, c := range count {
		if c < fp.minPerTheme {
			return false
		}
	}
	return true
}
