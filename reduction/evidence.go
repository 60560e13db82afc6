package reduction

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Evidence is the numbers behind an item's ticks, as printed in a review
// file and an audit: for each single-item rule its statistic, the
// threshold in force and the number of answers it rests on, whether or not
// the rule fired (the item's flags say which did); the partners beyond the
// correlation threshold, or else the most correlated other item. Numbers
// are kept as the text that is printed, so that what a reviewer read is
// what the audit shows.
type Evidence struct {
	Stable    *StatEvidence // shift = mean(current) − mean(previous)
	Ceiling   *StatEvidence // mean of the current wave
	Floor     *StatEvidence // mean of the current wave; nil when the floor rule is off for the scale
	LowSpread *StatEvidence // SD of the current wave
	// Redundant lists the partners beyond the threshold, largest |r| first.
	Redundant []PartnerEvidence
	// MaxR is the other item with the largest |r| when none is beyond the
	// threshold; nil then when r is undefined with every other item.
	MaxR *PartnerEvidence
	// WaveTest is the item's test between the waves; nil when it was not
	// tested (not answered in both waves).
	WaveTest *WaveEvidence
	// Undecided lists the rules that could not be decided, and why.
	Undecided []string
	// CloseCall says so when the redundant decision rests on a polychoric
	// r within CloseCall of the threshold (ItemResult.RedundantCloseCall);
	// empty otherwise.
	CloseCall string
}

// WaveEvidence is an item's wave test as the review file and the audit
// print it: the test, its p before and after Holm's adjustment and its
// effect size (favourable orientation), each as printed (three
// significant digits for p, two decimals for the effect, "n/a" when
// undefined), and the answers it rests on: per wave, or the people linked
// for a paired test.
type WaveEvidence struct {
	Test                TestKind
	P, PHolm, Effect    string
	NPrevious, NCurrent int64 // independent tests
	NLinked             int64 // paired tests
}

// Paired reports whether the test is on respondents linked across the waves.
func (w *WaveEvidence) Paired() bool { return w.Test == SignedRankTest || w.Test == PairedTTest }

// waveEvidence prints a wave test as evidence.
func waveEvidence(wt *WaveTest) *WaveEvidence {
	if wt == nil {
		return nil
	}
	p := func(x float64) string {
		if math.IsNaN(x) {
			return "n/a"
		}
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	w := &WaveEvidence{Test: wt.Test, P: p(wt.P), PHolm: p(wt.PHolm), Effect: trimNegativeZero(formatStat(wt.Effect.Value, 2))}
	if w.Paired() {
		w.NLinked = wt.NLinked
	} else {
		w.NPrevious, w.NCurrent = wt.NPrevious, wt.NCurrent
	}
	return w
}

// Summary describes the test in words for an audit, e.g.
// "wave test: wilcoxon_signed_rank (paired, 1204 linked): p 3.22e-25, Holm 6.44e-24, effect -0.46".
func (w *WaveEvidence) Summary() string {
	n := fmt.Sprintf("n %d previous, %d current", w.NPrevious, w.NCurrent)
	if w.Paired() {
		n = fmt.Sprintf("paired, %d linked", w.NLinked)
	}
	return fmt.Sprintf("wave test: %s (%s): p %s, Holm %s, effect %s", w.Test, n, w.P, w.PHolm, w.Effect)
}

// StatEvidence is one statistic compared with its threshold.
type StatEvidence struct {
	Value     string // the statistic: shift, mean or sd; "n/a" when undefined
	Threshold string // in answer units, for the item's scale
	N         int64  // answers in the current wave
	PreviousN int64  // answers in the previous wave (stable only)
	// Reflected is set for the ceiling and floor of a reverse-keyed item
	// under ceiling_reversed: the threshold is min + max − the raw one and
	// the comparison turned round (ceiling: mean < threshold, at the
	// favourable end; floor: mean > threshold).
	Reflected bool
}

// PartnerEvidence is another item and its correlation with the item.
type PartnerEvidence struct {
	ID   string
	R    string
	N    int64  // respondents who answered both items
	Keep string // the item of the pair suggested for keeping (PreferToKeep); empty below the threshold
}

// statName is the name of the statistic each single-item rule compares.
var statName = map[Rule]string{Stable: "shift", Ceiling: "mean", Floor: "mean", LowSpread: "sd"}

// Stat returns the evidence for a single-item rule, or nil.
func (e *Evidence) Stat(r Rule) *StatEvidence {
	switch r {
	case Stable:
		return e.Stable
	case Ceiling:
		return e.Ceiling
	case Floor:
		return e.Floor
	case LowSpread:
		return e.LowSpread
	}
	return nil
}

func (e *Evidence) setStat(r Rule, s *StatEvidence) {
	switch r {
	case Stable:
		e.Stable = s
	case Ceiling:
		e.Ceiling = s
	case Floor:
		e.Floor = s
	case LowSpread:
		e.LowSpread = s
	}
}

// Strongest returns the other item with the largest |r|: the first
// partner beyond the threshold, else MaxR; nil when there is none.
func (e *Evidence) Strongest() *PartnerEvidence {
	if len(e.Redundant) > 0 {
		return &e.Redundant[0]
	}
	return e.MaxR
}

// Evidence returns the numbers of item i for every rule.
//
// Each statistic is printed with two decimals, or with more when two
// would put it on the wrong side of its threshold or on it: a shift of
// 0.398 against a threshold of 0.4 is printed 0.398, not 0.40, so that the
// printed number agrees with the exact decision (see formatAgainst).
func (r *Result) Evidence(i int) Evidence {
	it := &r.Items[i]
	l := r.limitsOf(it)
	// stable fires below its threshold, ceiling above, low_spread below.
	e := Evidence{
		Stable:    &StatEvidence{Value: formatAgainst(it.Shift, l.Stable.Rat(), true, -1, it.Has(Stable)), Threshold: l.Stable.String(), N: it.N, PreviousN: it.PreviousN},
		Ceiling:   meanEvidence(it, l, Ceiling, l.Ceiling, +1),
		LowSpread: &StatEvidence{Value: formatAgainst(it.SD, l.LowSpread.Rat(), false, -1, it.Has(LowSpread)), Threshold: l.LowSpread.String(), N: it.N},
	}
	if l.Floor.IsSet() {
		e.Floor = meanEvidence(it, l, Floor, l.Floor, -1)
	}
	red := r.Thresholds.Redundant.Rat()
	for _, p := range it.Correlated {
		e.Redundant = append(e.Redundant, PartnerEvidence{ID: p.ID, R: formatAgainst(p.R, red, true, +1, true), N: p.N, Keep: p.Keep})
	}
	if len(e.Redundant) == 0 && it.MaxR.ID != "" {
		e.MaxR = &PartnerEvidence{ID: it.MaxR.ID, R: formatAgainst(it.MaxR.R, red, true, +1, false), N: it.MaxR.N}
	}
	e.WaveTest = waveEvidence(it.WaveTest)
	for _, u := range it.Undecided {
		e.Undecided = append(e.Undecided, u.String())
	}
	if it.RedundantCloseCall() {
		e.CloseCall = fmt.Sprintf("polychoric r within %.3f of the threshold %s: the tick could go either way", CloseCall, r.Thresholds.Redundant)
	}
	return e
}

// meanEvidence is the evidence of a rule on the mean (ceiling, floor)
// with the raw threshold t and the side it fires on (+1 above, −1 below):
// for a reverse-keyed item under ceiling_reversed, the threshold min + max
// − t and the other side, as atCeiling and atFloor decide it.
func meanEvidence(it *ItemResult, l Limits, r Rule, t Number, fires int) *StatEvidence {
	st := &StatEvidence{N: it.N}
	if l.CeilingReversed && it.Item.Reverse {
		t, fires, st.Reflected = reflected(it.Item.Scale, t), -fires, true
	}
	st.Value, st.Threshold = formatAgainst(it.Mean, t.Rat(), false, fires, it.Has(r)), t.String()
	return st
}

// limitsOf returns the limits of the item's scale.
func (r *Result) limitsOf(it *ItemResult) Limits {
	for _, l := range r.Limits {
		if l.Scale == it.Item.Scale {
			return l
		}
	}
	return r.Thresholds.LimitsFor(it.Item.Scale)
}

// formatAgainst prints x, or its absolute value when abs is set, so that
// the printed number never looks equal to the threshold t unless the
// statistic is at it. fires is the side of t where the rule fires (-1
// below, +1 above) and fired whether it did, as decided exactly.
//
// x is printed with the fewest decimals, two or more, at which the
// printed number lies on the side of t that the decision puts the
// statistic on, up to the decimals of the shortest text that reads back
// as x. A statistic that did not fire and lies within float64 rounding of
// t (a relative 1e-12) is at t and printed with two decimals: 3.4 − 3.0
// is 0.3999999999999999 in float64, a shift that is exactly 0.4 and so
// does not fire. A statistic of whole-number answers that is not at a
// threshold lies much further from it (a mean S/n lies at least 1/(5n)
// from 4.2), so for any survey the printed side is the exact one.
func formatAgainst(x float64, t *big.Rat, abs bool, fires int, fired bool) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	s := strconv.FormatFloat(x, 'f', 2, 64)
	tf, _ := t.Float64()
	want := fires
	if !fired {
		v := x
		if abs {
			v = math.Abs(v)
		}
		if math.Abs(v-tf) <= 1e-12*max(1, math.Abs(tf)) {
			return trimNegativeZero(s)
		}
		want = -fires
	}
	shortest := strconv.FormatFloat(x, 'f', -1, 64)
	most := 2
	if i := strings.IndexByte(shortest, '.'); i >= 0 {
		most = max(most, len(shortest)-i-1)
	}
	for d := 2; d <= most; d++ {
		p := strconv.FormatFloat(x, 'f', d, 64)
		v, ok := new(big.Rat).SetString(p)
		if !ok {
			break
		}
		if abs {
			v.Abs(v)
		}
		if v.Cmp(t) == want {
			s = p
			break
		}
	}
	return trimNegativeZero(s)
}

// trimNegativeZero drops the minus sign of a printed zero, "-0.00".
func trimNegativeZero(s string) string {
	if isNegativeZero(s) {
		return s[1:]
	}
	return s
}

// isNegativeZero reports whether s prints zero with a minus sign, "-0.00".
func isNegativeZero(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	for _, c := range s[1:] {
		if c != '0' && c != '.' {
			return false
		}
	}
	return true
}

// Summary describes one tick in words for an audit, e.g.
// "|shift| 0.07 < 0.4 (n 116, previous n 107)".
func (s *StatEvidence) Summary(r Rule) string {
	switch r {
	case Stable:
		return fmt.Sprintf("|shift| %s < %s (n %d, previous n %d)", trimSign(s.Value), s.Threshold, s.N, s.PreviousN)
	case Ceiling, Floor:
		return fmt.Sprintf("mean %s %s %s (n %d%s)", s.Value, s.comparison(r), s.Threshold, s.N, s.reflectedNote(r))
	case LowSpread:
		return fmt.Sprintf("sd %s < %s (n %d)", s.Value, s.Threshold, s.N)
	}
	return ""
}

// comparison is the side of its threshold on which a rule on the mean
// fires: ceiling above, floor below, each turned round when Reflected.
func (s *StatEvidence) comparison(r Rule) string {
	if (r == Ceiling) != s.Reflected {
		return ">"
	}
	return "<"
}

// reflectedNote says at which end a reflected rule tested the scale.
func (s *StatEvidence) reflectedNote(r Rule) string {
	switch {
	case !s.Reflected:
		return ""
	case r == Ceiling:
		return "; reverse-keyed, tested at the favourable end"
	}
	return "; reverse-keyed, tested at the unfavourable end"
}

func trimSign(s string) string {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		return s[1:]
	}
	return s
}

// Summaries describes every tick of an item in rule order, given its flags
// and the threshold of the redundancy rule.
func (e *Evidence) Summaries(flags []Rule, redundant string) []string {
	var out []string
	for _, f := range flags {
		if f == Redundant {
			s := fmt.Sprintf("redundant: |r| > %s with", redundant)
			for i, p := range e.Redundant {
				if i > 0 {
					s += ","
				}
				s += fmt.Sprintf(" %s (r %s, n %d%s)", p.ID, p.R, p.N, p.keepNote())
			}
			out = append(out, s)
			continue
		}
		if st := e.Stat(f); st != nil {
			out = append(out, f.String()+": "+st.Summary(f))
		} else {
			out = append(out, f.String())
		}
	}
	return out
}

// keepNote says which item of the pair the statistics suggest keeping.
func (p PartnerEvidence) keepNote() string {
	if p.Keep == "" {
		return ""
	}
	return ", keep " + p.Keep
}

// maxR reads the max_r entry of an item's evidence: {id, r, n}.
func (rd nodeReader) maxR(n *yaml.Node, item string) (*PartnerEvidence, error) {
	p := &PartnerEvidence{}
	err := rd.Pairs(n, item, "evidence: max_r", []string{"id", "r", "n"}, func(key string, _, v *yaml.Node) (err error) {
		switch key {
		case "id":
			p.ID, err = rd.Text(v, item, key)
		case "r":
			p.R, err = rd.Text(v, item, key)
		case "n":
			p.N, err = rd.Integer(v, item, key)
		}
		return err
	})
	return p, err
}
