package reduction

import (
	"fmt"
	"sort"
)

// MaxExactItems is the largest number of free items --exact searches.
const MaxExactItems = 40

// exactRefresh is how many branches the exact search visits between
// fresh factorizations of its two residuals.
const exactRefresh = 4096

// exact returns the proven best form by branch and bound, starting from
// the incumbent form (the swap search's) as the best known, with the
// number of branches visited. Units are decided one at a time, kept
// before left out, the least unique first (uniquenessOrder). Two
// residuals follow the search by rank-one updates: that of the kept items
// A and that of S = A ∪ U, A with every undecided unit. A branch is cut
// when it can no longer reach exactly n items or a theme's minimum, or
// when supersetBound cannot beat the best form found by more than
// swapTolerance/p. (constrainedBound prunes more branches but costs more
// than it saves: on psych's bfi at N = 10 it visited 40% fewer branches
// in three times the time.)
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
	bestInfo, err := InformationRetained(fp.r, incumbent)
	if err != nil {
		return nil, 0, 0, err
	}
	p := len(fp.ids)
	bb := &branchBound{fp: fp, best: sortedInts(incumbent), bestInfo: bestInfo,
		tol: swapTolerance / float64(p), kept: newResidual(fp.r, fp.n), super: newResidual(fp.r, p)}
	for u := range fp.units {
		st := fp.unitStatus(u)
		for _, i := range fp.units[u] {
			if st == 1 {
				if err := bb.kept.add(i); err != nil {
					return nil, 0, 0, err
				}
			}
			if st >= 0 {
				if err := bb.super.add(i); err != nil {
					return nil, 0, 0, err
				}
			}
		}
	}
	bb.order = bb.uniquenessOrder(free)
	bb.remaining = make([]int, len(bb.order)+1)
	for d := len(bb.order) - 1; d >= 0; d-- {
		bb.remaining[d] = bb.remaining[d+1] + len(fp.units[bb.order[d]])
	}
	if err := bb.visit(0); err != nil {
		return nil, 0, 0, err
	}
	info, err := InformationRetained(fp.r, bb.best)
	return bb.best, info, bb.nodes, err
}

// branchBound is the state of the exact search.
type branchBound struct {
	fp          *formProblem
	order       []int // free units in branching order
	remaining   []int // items in order[d:]
	best        []int
	bestInfo    float64
	tol         float64
	nodes       int
	kept, super *residual // A, and A ∪ U
}

// visit decides order[depth:].
func (bb *branchBound) visit(depth int) error {
	bb.nodes++
	if bb.nodes%exactRefresh == 0 {
		if err := bb.kept.refresh(); err != nil {
			return err
		}
		if err := bb.super.refresh(); err != nil {
			return err
		}
	}
	fp, n := bb.fp, bb.fp.n
	k := len(bb.kept.kept)
	if k > n || k+bb.remaining[depth] < n || !bb.themesReachable(depth) {
		return nil
	}
	if k == n || k+bb.remaining[depth] == n {
		leaf := bb.kept
		if k < n {
			leaf = bb.super // every undecided unit is needed
		}
		if bb.themesMet(leaf.kept) && leaf.information() > bb.bestInfo+bb.tol {
			bb.best, bb.bestInfo = sortedInts(leaf.kept), leaf.information()
		}
		return nil
	}
	var undecided []int
	for _, u := range bb.order[depth:] {
		undecided = append(undecided, fp.units[u]...)
	}
	if bb.supersetBound(undecided, n-k) <= bb.bestInfo+bb.tol {
		return nil
	}
	u := bb.order[depth]
	// Keep u.
	for x, i := range fp.units[u] {
		if err := bb.kept.add(i); err != nil {
			for _, j := range fp.units[u][:x] {
				bb.kept.remove(j)
			}
			goto leaveOut // u is explained by A: keeping it gains nothing
		}
	}
	if err := bb.visit(depth + 1); err != nil {
		return err
	}
	for _, i := range fp.units[u] {
		bb.kept.remove(i)
	}
leaveOut:
	for _, i := range fp.units[u] {
		bb.super.remove(i)
	}
	err := bb.visit(depth + 1)
	for _, i := range fp.units[u] {
		if e := bb.super.add(i); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// themeCount counts the items per theme of items.
func (bb *branchBound) themeCount(items []int) []int {
	count := make([]int, len(bb.fp.themes))
	for _, i := range items {
		if t := bb.fp.theme[i]; t >= 0 {
			count[t]++
		}
	}
	return count
}

// themesReachable reports whether every theme can still reach its
// minimum with the undecided units: A ∪ U meets it.
func (bb *branchBound) themesReachable(int) bool {
	return bb.fp.minPerTheme <= 0 || bb.themesMet(bb.super.kept)
}

// themesMet reports whether the items meet every theme's minimum.
func (bb *branchBound) themesMet(items []int) bool {
	for _, c := range bb.themeCount(items) {
		if c < bb.fp.minPerTheme {
			return false
		}
	}
	return true
}

// supersetBound bounds I of every form that keeps A and m of the items
// undecided, from the residual of S = A ∪ U. An item j outside the form
// has R²(j | K) ≤ R²(j | S) when j ∉ S, and ≤ R²(j | S∖{j}) = 1 − 1/(R_SS⁻¹)_jj
// when j ∈ U (K ⊆ S∖{j}); a kept item has 1. So, of the |U| undecided
// items, the |U| − m left out each lose at least 1/(R_SS⁻¹)_jj from I(S):
//
//	I(K) ≤ I(S) − (1/p) · Σ of the |U| − m smallest 1/(R_SS⁻¹)_jj, j ∈ U
//
// which is I(S) (leaps and bounds) tightened by what leaving items out
// must cost.
func (bb *branchBound) supersetBound(undecided []int, m int) float64 {
	s := bb.super
	loss := make([]float64, len(undecided))
	for x, j := range undecided {
		q := s.pos[j]
		loss[x] = 1 / s.pinv[q*s.cap+q]
	}
	sort.Float64s(loss)
	total := 0.0
	for _, l := range loss[:len(undecided)-m] {
		total += l
	}
	return s.information() - total/float64(s.p)
}

// uniquenessOrder orders the free units by what leaving them out of the
// whole allowed set costs, Σ 1/(R_SS⁻¹)_jj over the unit's items, the
// smallest first; ties in unit order. Deciding the replaceable items first
// lets the bound cut early: on bfi at N = 10 it visited a tenth of the
// branches of the swap search's form first.
func (bb *branchBound) uniquenessOrder(free []int) []int {
	fp, s := bb.fp, bb.super
	cost := make(map[int]float64, len(free))
	for _, u := range free {
		for _, i := range fp.units[u] {
			q := s.pos[i]
			cost[u] += 1 / s.pinv[q*s.cap+q]
		}
	}
	order := append([]int(nil), free...)
	sort.SliceStable(order, func(a, b int) bool { return cost[order[a]] < cost[order[b]] })
	return order
}
