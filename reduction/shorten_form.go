package reduction

import (
	"fmt"
	"math"
	"sort"
)

// A ShortForm is the form found for one length, with how good it is.
type ShortForm struct {
	Length int
	// P is the number of items with usable correlations, over which I is
	// averaged.
	P int
	// Items are the kept items in bank order.
	Items []ShortItem
	// Information is I of the form; Bound the eigenvalue bound (no form
	// of Length items exceeds it) and ConstrainedBound the tighter bound
	// that respects the forced and left-out items (constrainedBound).
	Information, Bound, ConstrainedBound float64
	// Exact says that the form is the proven optimum (branch and bound);
	// Nodes is the number of branches it visited.
	Exact bool
	Nodes int
	// Swaps is the number of exchanges made after the greedy start.
	Swaps int
	// Binding lists the constraints that stop an exchange raising I,
	// the strongest first.
	Binding []BindingConstraint
	// Themes compares each theme and composite with every item and with
	// the kept items (ReliabilityCost), on the current wave.
	Themes []ReliabilityCost
}

// Gap is how far the form may be from the best: Bound − Information.
func (f *ShortForm) Gap() float64 { return f.Bound - f.Information }

// A ShortItem is one kept item and what it adds: Contribution is how much
// I falls when this item alone is left out, ‖β_a‖²/(P_aa·p) (residual).
type ShortItem struct {
	ID, Text, Theme string
	Contribution    float64
	// Forced says why the item had to be kept ("" when chosen).
	Forced string
}

// A BindingConstraint is a constraint that forbids an exchange which
// would raise I: Gain is the largest such rise of I and Example names the
// exchange.
type BindingConstraint struct {
	Constraint string
	Gain       float64
	Example    string
}

// Form searches the form of n items: swap-optimal (see formProblem.search),
// or with exact the proven optimum. Infeasible constraints are an error
// wrapping ErrInfeasible that names the clash.
func (sh *Shortener) Form(n int, exact bool) (*ShortForm, error) {
	return sh.form(n, exact, true)
}

// form is Form, with the reliability of the themes when themes is true.
func (sh *Shortener) form(n int, exact, themes bool) (*ShortForm, error) {
	fp := sh.base
	fp.n = n
	if n < 1 {
		return nil, fmt.Errorf("the length must be at least 1 item, not %d", n)
	}
	if err := fp.checkFeasible(); err != nil {
		return nil, err
	}
	s, err := fp.search()
	if err != nil {
		return nil, err
	}
	f := &ShortForm{Length: n, P: len(fp.ids), Swaps: s.swaps, Bound: sh.eigen[min(n, len(sh.eigen)-1)],
		ConstrainedBound: math.NaN()}
	if add := n - sh.forced; add >= 0 && add < len(sh.bound) {
		f.ConstrainedBound = math.Min(sh.bound[add], f.Bound)
	}
	if exact {
		kept, _, nodes, err := fp.exact(s.kept)
		if err != nil {
			return nil, err
		}
		s = newResidual(fp.r, n)
		for _, i := range sortedInts(kept) {
			if err := s.add(i); err != nil {
				return nil, err
			}
		}
		if err := s.refresh(); err != nil {
			return nil, err
		}
		f.Exact, f.Nodes = true, nodes
	}
	f.Information = s.information()
	sh.describe(&fp, s, f)
	if !themes {
		return f, nil
	}
	kept := map[string]bool{}
	for _, it := range f.Items {
		kept[it.ID] = true
	}
	if f.Themes, err = reliabilityCosts(sh.bank, kept, sh.current); err != nil {
		return nil, err
	}
	return f, nil
}

// describe fills in the kept items with their contributions and the
// binding constraints.
func (sh *Shortener) describe(fp *formProblem, s *residual, f *ShortForm) {
	for _, x := range sortedInts(s.kept) {
		it := sh.bank.Items[sh.bankIdx[x]]
		f.Items = append(f.Items, ShortItem{ID: it.ID, Text: it.Text, Theme: it.Theme,
			Contribution: s.removeLoss(x) / float64(s.p), Forced: fp.in[x]})
	}
	f.Binding = fp.binding(s)
}

// binding finds, for every single exchange that would raise I but that
// the constraints forbid, the constraints that forbid it, and keeps per
// constraint the largest rise.
func (fp *formProblem) binding(s *residual) []BindingConstraint {
	sc := s.singleSwaps()
	ok := fp.allowed(s)
	counts := fp.themeCounts(s)
	best := map[string]BindingConstraint{}
	note := func(c string, gain float64, a, b int) {
		if old, seen := best[c]; !seen || gain > old.Gain {
			best[c] = BindingConstraint{Constraint: c, Gain: gain, Example: fmt.Sprintf("%s out, %s in", fp.ids[a], fp.ids[b])}
		}
	}
	for x, a := range sc.kept {
		for y, c := range sc.dropped {
			g := sc.gain(x, y)
			ua, uc := fp.unitOf[a], fp.unitOf[c]
			if g <= swapTolerance || (len(fp.units[ua]) == 1 && len(fp.units[uc]) == 1 && ok(ua, uc)) {
				continue
			}
			gain := g / float64(s.p)
			if fp.in[a] != "" {
				note("keep "+fp.ids[a]+" ("+fp.in[a]+")", gain, a, c)
			}
			if fp.out[c] != "" {
				note("leave out "+fp.ids[c]+" ("+fp.out[c]+")", gain, a, c)
			}
			for _, u := range []int{ua, uc} {
				if len(fp.units[u]) > 1 && fp.in[a] == "" {
					note("composite "+fp.unitName[u]+" kept whole or not at all", gain, a, c)
				}
			}
			if t := fp.theme[a]; t >= 0 && counts[t] <= fp.minPerTheme && fp.theme[c] != t {
				note(fmt.Sprintf("at least %d items of theme %q", fp.minPerTheme, fp.themes[t]), gain, a, c)
			}
		}
	}
	out := make([]BindingConstraint, 0, len(best))
	for _, b := range best {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Gain != out[j].Gain {
			return out[i].Gain > out[j].Gain
		}
		return out[i].Constraint < out[j].Constraint
	})
	return out
}

func sortedInts(v []int) []int {
	out := append([]int(nil), v...)
	sort.Ints(out)
	return out
}

// A CurvePoint is the result for one length of a curve.
type CurvePoint struct {
	Length                          int
	Information, Bound, Constrained float64
	Err                             error // the constraints cannot be met at this length
}

// Curve searches the forms of every length in lengths and returns I and
// the bounds of each; a length the constraints cannot meet carries the
// error instead.
func (sh *Shortener) Curve(lengths []int) []CurvePoint {
	out := make([]CurvePoint, len(lengths))
	for i, n := range lengths {
		f, err := sh.form(n, false, false)
		if err != nil {
			out[i] = CurvePoint{Length: n, Information: math.NaN(), Bound: math.NaN(), Constrained: math.NaN(), Err: err}
			continue
		}
		out[i] = CurvePoint{Length: n, Information: f.Information, Bound: f.Bound, Constrained: f.ConstrainedBound}
	}
	return out
}
