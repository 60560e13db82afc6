package reduction

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/itemreduce/itemreduce/itembank"
)

// Redundancy as groups. The redundant tick stays on every item with a
// partner above the threshold, as the report's rule says; but keeping
// "one of each pair" is ambiguous once pairs share items. Items linked by
// redundant ticks form groups: the connected components of the graph whose
// edges are the pairs above the threshold. In each group, representatives
// are chosen one by one, best first by RedundancyPreference, each taking
// its redundant partners out of the candidates. So that
//
//	(a) every other item of the group has a representative partner with
//	    |r| above the threshold: one of them is enough;
//	(b) no two representatives are redundant with each other.
//
// A representative's redundant tick does not count toward the suggestion
// (Group.Ticks).

// A Group is one connected component of the redundant graph.
type Group struct {
	Number int      // 1, 2, … in the bank order of each group's first item
	Items  []string // in bank order
	// Representatives are the items chosen to stand for the group, in the
	// order chosen.
	Representatives []string
}

// A Grouping holds the groups of a screening and, per item, its group
// and representative.
type Grouping struct {
	Groups []Group
	// Of maps an item of a group to its group's number and its
	// representative: the item itself when it is one, else the
	// representative partner that took it out of the candidates.
	Of map[string]GroupMember
}

// A GroupMember places one item in its group.
type GroupMember struct {
	Group          int
	Representative string
}

// IsRepresentative reports whether the item stands for its group.
func (g *Grouping) IsRepresentative(id string) bool {
	m, ok := g.Of[id]
	return ok && m.Representative == id
}

// Ticks is the number of ticks that count toward the item's suggestion:
// all of them, less the redundant tick of a representative.
func (g *Grouping) Ticks(it *ItemResult) int {
	n := it.Ticks()
	if g != nil && it.Has(Redundant) && g.IsRepresentative(it.Item.ID) {
		n--
	}
	return n
}

// RedundancyPreference reports whether a should be chosen as a
// representative before b:
//
//  1. fewer ticks from the other three rules (it says more on its own);
//  2. the higher item-rest r in its theme (it fits its theme better);
//     an undefined or unknown r comes after a defined one;
//  3. the larger SD (it discriminates better); NaN after a number;
//  4. earlier in the bank.
//
// restR maps an item to its item-rest r in its theme; nil or a missing
// item means unknown.
func RedundancyPreference(a, b *ItemResult, ai, bi int, restR map[string]float64) bool {
	if ta, tb := a.ticksBesides(Redundant), b.ticksBesides(Redundant); ta != tb {
		return ta < tb
	}
	if c := compareHigher(lookupR(restR, a), lookupR(restR, b)); c != 0 {
		return c < 0
	}
	if c := compareHigher(a.SD, b.SD); c != 0 {
		return c < 0
	}
	return ai < bi
}

func lookupR(restR map[string]float64, it *ItemResult) float64 {
	if r, ok := restR[it.Item.ID]; ok {
		return r
	}
	return math.NaN()
}

// compareHigher orders the larger number first and NaN last: -1 when x
// comes first, +1 when y does, 0 when neither.
func compareHigher(x, y float64) int {
	switch nx, ny := math.IsNaN(x), math.IsNaN(y); {
	case nx && ny:
		return 0
	case ny:
		return -1
	case nx:
		return +1
	case x > y:
		return -1
	case y > x:
		return +1
	}
	return 0
}

// Groups finds the groups of a screening and their representatives.
// restR gives each item's item-rest r in its theme (ThemeRestR); it may
// be nil, and then the preference goes from ticks to SD.
func Groups(res *Result, restR map[string]float64) *Grouping {
	index := make(map[string]int, len(res.Items))
	for i := range res.Items {
		index[res.Items[i].Item.ID] = i
	}
	g := &Grouping{Of: map[string]GroupMember{}}
	seen := make([]bool, len(res.Items))
	for i := range res.Items {
		if seen[i] || len(res.Items[i].Correlated) == 0 {
			continue
		}
		members := component(res, index, i, seen)
		sort.Ints(members)
		grp := Group{Number: len(g.Groups) + 1}
		for _, m := range members {
			grp.Items = append(grp.Items, res.Items[m].Item.ID)
		}
		grp.Representatives = chooseRepresentatives(res, index, members, restR, g.Of, grp.Number)
		g.Groups = append(g.Groups, grp)
	}
	return g
}

// component collects the items linked to item i by redundant pairs.
func component(res *Result, index map[string]int, i int, seen []bool) []int {
	var out []int
	stack := []int{i}
	seen[i] = true
	for len(stack) > 0 {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out = append(out, j)
		for _, p := range res.Items[j].Correlated {
			if k, ok := index[p.ID]; ok && !seen[k] {
				seen[k] = true
				stack = append(stack, k)
			}
		}
	}
	return out
}

// chooseRepresentatives picks, from the members of one group (bank
// order), the best candidate left, takes it and its partners out of the
// candidates, and repeats until none is left; it records each member's
// group and representative in of.
func chooseRepresentatives(res *Result, index map[string]int, members []int, restR map[string]float64, of map[string]GroupMember, number int) []string {
	order := append([]int(nil), members...)
	sort.SliceStable(order, func(x, y int) bool {
		a, b := order[x], order[y]
		return RedundancyPreference(&res.Items[a], &res.Items[b], a, b, restR)
	})
	taken := map[int]bool{}
	var reps []string
	for _, m := range order {
		if taken[m] {
			continue
		}
		taken[m] = true
		id := res.Items[m].Item.ID
		reps = append(reps, id)
		of[id] = GroupMember{Group: number, Representative: id}
		for _, p := range res.Items[m].Correlated {
			if k, ok := index[p.ID]; ok && !taken[k] {
				taken[k] = true
				of[p.ID] = GroupMember{Group: number, Representative: id}
			}
		}
	}
	return reps
}

// ThemeRestR maps each item of a theme to its item-rest r in that theme,
// from the reliability of the themes and composites (Reliability).
func ThemeRestR(rel []ScaleReliability) map[string]float64 {
	out := map[string]float64{}
	for _, s := range rel {
		if s.Kind != ThemeScale {
			continue
		}
		for _, it := range s.Items {
			out[it.ID] = it.ItemRestR
		}
	}
	return out
}

// KeepInPair is the item of a redundant pair a, b to keep under the
// grouping: the representative when one of the two is one, else
// PreferToKeep.
func (g *Grouping) KeepInPair(a, b *ItemResult) *ItemResult {
	ra, rb := g.IsRepresentative(a.Item.ID), g.IsRepresentative(b.Item.ID)
	switch {
	case ra && !rb:
		return a
	case rb && !ra:
		return b
	}
	return PreferToKeep(a, b)
}

// ApplyGroups groups the redundant items of res (Groups), records each
// item's group and representative on it, and makes every pair's Keep hint
// agree: the representative when one of the two is one. restR is as for
// Groups.
func ApplyGroups(res *Result, restR map[string]float64) *Grouping {
	g := Groups(res, restR)
	index := make(map[string]int, len(res.Items))
	for i := range res.Items {
		it := &res.Items[i]
		index[it.Item.ID] = i
		m := g.Of[it.Item.ID]
		it.Group, it.Representative = m.Group, m.Representative
	}
	for i := range res.Items {
		a := &res.Items[i]
		for j := range a.Correlated {
			if k, ok := index[a.Correlated[j].ID]; ok {
				b := &res.Items[k]
				if k < i {
					a.Correlated[j].Keep = g.KeepInPair(b, a).Item.ID
				} else {
					a.Correlated[j].Keep = g.KeepInPair(a, b).Item.ID
				}
			}
		}
	}
	return g
}

// countedTicks is the number of ticks that count toward the suggestion:
// all of them, less a representative's redundant tick.
func (it *ItemResult) countedTicks() int {
	return countTicks(it.Flags, it.Item.ID, it.Representative)
}

// countTicks counts flags, less the redundant tick when the item id is its
// own representative.
func countTicks(flags []Rule, id, representative string) int {
	n := len(flags)
	if representative != "" && representative == id && slices.Contains(flags, Redundant) {
		n--
	}
	return n
}

// GroupRedundant groups the redundant items of res as cfg.Redundancy
// says: nothing per item; else by ApplyGroups, with each item's item-rest
// r in its theme from the current wave (Reliability, which needs the
// summary's pair sums).
func GroupRedundant(res *Result, bank *itembank.Bank, current *itembank.Summary, cfg Config) error {
	if !cfg.Grouped() {
		return nil
	}
	rel, err := Reliability(bank, current)
	if err != nil {
		return fmt.Errorf("redundancy groups: current wave: %w", err)
	}
	ApplyGroups(res, ThemeRestR(rel))
	return nil
}
