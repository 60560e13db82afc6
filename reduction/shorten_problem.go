package reduction

import (
	"fmt"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// A formProblem is the search for a short form in the index space of the
// items with usable correlations: the matrix, the length and the
// constraints, with the words that name each constraint.
type formProblem struct {
	r     *mat.SymDense // correlations, positive definite
	n     int           // exactly n items kept
	ids   []string      // per item, for messages
	theme []int         // per item, its theme's index, −1 for none
	// themes names the themes with a minimum; minPerTheme is the minimum.
	themes      []string
	minPerTheme int
	// units partition the items: an item alone, or the items of
	// composites that must be kept whole (overlapping composites form one
	// unit). unitOf gives each item's unit.
	units  [][]int
	unitOf []int
	// in and out say why an item must be kept or left out ("" when free);
	// an item cannot be both (newFormProblem refuses it).
	in, out []string
	// unitName names a multi-item unit (its composites).
	unitName []string
}

// unitStatus is 1 when every item of unit u must be kept, −1 when it must
// be left out, 0 when it is free.
func (fp *formProblem) unitStatus(u int) int {
	for _, i := range fp.units[u] {
		if fp.in[i] != "" {
			return 1
		}
		if fp.out[i] != "" {
			return -1
		}
	}
	return 0
}

// ErrInfeasible reports constraints that no form meets.
var ErrInfeasible = fmt.Errorf("the constraints cannot all be met")

// infeasible builds an ErrInfeasible with the clash in plain words.
func infeasible(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInfeasible, fmt.Sprintf(format, args...))
}

// checkFeasible finds the constraints that clash, naming them: an item
// both kept and left out (also through its composite), more items kept
// than the length, fewer items allowed than the length, a theme with
// fewer allowed items than its minimum, minimums that together need more
// items than the length leaves, and composite sizes that cannot add up to
// the length.
func (fp *formProblem) checkFeasible() error {
	forced, allowed := 0, 0
	for u, items := range fp.units {
		var ins, outs []string
		for _, i := range items {
			if fp.in[i] != "" {
				ins = append(ins, fp.ids[i]+" ("+fp.in[i]+")")
			}
			if fp.out[i] != "" {
				outs = append(outs, fp.ids[i]+" ("+fp.out[i]+")")
			}
		}
		if len(ins) > 0 && len(outs) > 0 {
			what := "item"
			if len(items) > 1 {
				what = "the composite " + fp.unitName[u] + ", kept whole or not at all, has"
				return infeasible("%s kept %s and left out %s", what, strings.Join(ins, ", "), strings.Join(outs, ", "))
			}
			return infeasible("%s %s must be kept (%s) and left out (%s)", what, fp.ids[items[0]], fp.in[items[0]], fp.out[items[0]])
		}
		switch fp.unitStatus(u) {
		case 1:
			forced += len(items)
			allowed += len(items)
		case 0:
			allowed += len(items)
		}
	}
	if forced > fp.n {
		return infeasible("%d items must be kept (%s), more than the length %d", forced, fp.reasonsOf(fp.in), fp.n)
	}
	if allowed < fp.n {
		return infeasible("only %d items may be kept (%d have usable correlations; left out: %s), fewer than the length %d", allowed, len(fp.ids), fp.reasonsOf(fp.out), fp.n)
	}
	if err := fp.checkThemes(forced); err != nil {
		return err
	}
	if !fp.sizesReach(fp.n - forced) {
		return infeasible("the composites kept whole (%s) cannot be combined with the other items into exactly %d items", strings.Join(fp.multiUnitNames(), "; "), fp.n)
	}
	return nil
}

// checkThemes checks the minimum per theme against the allowed items and
// the length.
func (fp *formProblem) checkThemes(forced int) error {
	if fp.minPerTheme <= 0 {
		return nil
	}
	keptIn, allowedIn := make([]int, len(fp.themes)), make([]int, len(fp.themes))
	for u, items := range fp.units {
		st := fp.unitStatus(u)
		for _, i := range items {
			if t := fp.theme[i]; t >= 0 && st >= 0 {
				allowedIn[t]++
				if st == 1 {
					keptIn[t]++
				}
			}
		}
	}
	need := 0
	for t, name := range fp.themes {
		if allowedIn[t] < fp.minPerTheme {
			return infeasible("theme %q has %d items that may be kept, fewer than --min-per-theme %d", name, allowedIn[t], fp.minPerTheme)
		}
		need += max(0, fp.minPerTheme-keptIn[t])
	}
	if need > fp.n-forced {
		return infeasible("--min-per-theme %d over %d themes needs %d items besides the %d that must be kept, but the length %d leaves room for %d", fp.minPerTheme, len(fp.themes), need, forced, fp.n, fp.n-forced)
	}
	return nil
}

// reasonsOf summarises the reasons of in or out: "3 by --keep, 2 by the
// review".
func (fp *formProblem) reasonsOf(why []string) string {
	count := map[string]int{}
	var order []string
	for _, w := range why {
		if w == "" {
			continue
		}
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
	}
	if len(order) == 0 {
		return "none"
	}
	sort.Strings(order)
	parts := make([]string, len(order))
	for i, w := range order {
		parts[i] = fmt.Sprintf("%d by %s", count[w], w)
	}
	return strings.Join(parts, ", ")
}

// multiUnitNames names the free composites kept whole.
func (fp *formProblem) multiUnitNames() []string {
	var out []string
	for u, items := range fp.units {
		if len(items) > 1 {
			out = append(out, fmt.Sprintf("%s: %d items", fp.unitName[u], len(items)))
		}
	}
	return out
}

// sizesReach reports whether some free units add up to exactly m items.
func (fp *formProblem) sizesReach(m int) bool {
	return fp.sizesReachFrom(m, func(u int) bool { return fp.unitStatus(u) == 0 })
}

// sizesReachFrom reports whether some of the units that use allows add up
// to exactly m items (subset sum).
func (fp *formProblem) sizesReachFrom(m int, use func(u int) bool) bool {
	if m < 0 {
		return false
	}
	reach := make([]bool, m+1)
	reach[0] = true
	for u, items := range fp.units {
		if !use(u) {
			continue
		}
		s := len(items)
		for x := m; x >= s; x-- {
			reach[x] = reach[x] || reach[x-s]
		}
	}
	return reach[m]
}

// formAllowed reports whether the constraints allow keeping exactly the
// items kept (the length aside).
func (fp *formProblem) formAllowed(kept []int) bool {
	in := make([]bool, len(fp.ids))
	for _, i := range kept {
		in[i] = true
	}
	count := make([]int, len(fp.themes))
	for i := range fp.ids {
		if in[i] && fp.out[i] != "" || !in[i] && fp.in[i] != "" {
			return false
		}
		if in[i] != in[fp.units[fp.unitOf[i]][0]] {
			return false
		}
		if t := fp.theme[i]; in[i] && t >= 0 {
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
