package reduction

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
)

// Evidence is the numbers behind an item's ticks, as printed in a review
// file and an audit: for each rule that fired, the statistic, the threshold
// it crossed and the number of answers it rests on. Numbers are kept as the
// text that is printed, so that what a reviewer read is what the audit shows.
type Evidence struct {
	Stable    *StatEvidence // shift = mean(current) − mean(previous)
	Ceiling   *StatEvidence // mean of the current wave
	LowSpread *StatEvidence // SD of the current wave
	Redundant []PartnerEvidence
	// Undecided lists the rules that could not be decided, and why.
	Undecided []string
}

// StatEvidence is one statistic compared with its threshold.
type StatEvidence struct {
	Value     string // the statistic: shift, mean or sd
	Threshold string // in answer units, for the item's scale
	N         int64  // answers in the current wave
	PreviousN int64  // answers in the previous wave (stable only)
}

// PartnerEvidence is another item correlating beyond the threshold.
type PartnerEvidence struct {
	ID   string
	R    string
	N    int64  // respondents who answered both items
	Keep string // the item of the pair suggested for keeping (PreferToKeep); may be empty in older files
}

// statName is the name of the statistic each single-item rule compares.
var statName = map[Rule]string{Stable: "shift", Ceiling: "mean", LowSpread: "sd"}

// Stat returns the evidence for a single-item rule, or nil.
func (e *Evidence) Stat(r Rule) *StatEvidence {
	switch r {
	case Stable:
		return e.Stable
	case Ceiling:
		return e.Ceiling
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
	case LowSpread:
		e.LowSpread = s
	}
}

// Evidence returns the numbers behind the ticks of item i.
//
// Each statistic is printed with two decimals, or with more (up to six)
// when two decimals would print the threshold itself: a shift of 0.398
// against a threshold of 0.4 is printed 0.398, not 0.40, so that the
// printed number agrees with the exact decision.
func (r *Result) Evidence(i int) Evidence {
	it := &r.Items[i]
	l := r.limitsOf(it)
	var e Evidence
	if it.Has(Stable) {
		e.Stable = &StatEvidence{Value: formatAgainst(it.Shift, l.Stable.Rat(), true), Threshold: l.Stable.String(), N: it.N, PreviousN: it.PreviousN}
	}
	if it.Has(Ceiling) {
		e.Ceiling = &StatEvidence{Value: formatAgainst(it.Mean, l.Ceiling.Rat(), false), Threshold: l.Ceiling.String(), N: it.N}
	}
	if it.Has(LowSpread) {
		e.LowSpread = &StatEvidence{Value: formatAgainst(it.SD, l.LowSpread.Rat(), false), Threshold: l.LowSpread.String(), N: it.N}
	}
	for _, p := range it.Correlated {
		e.Redundant = append(e.Redundant, PartnerEvidence{ID: p.ID, R: formatAgainst(p.R, r.Thresholds.Redundant.Rat(), true), N: p.N, Keep: p.Keep})
	}
	for _, u := range it.Undecided {
		e.Undecided = append(e.Undecided, u.String())
	}
	return e
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

// formatAgainst prints x with the fewest decimals (two to six) at which
// the printed number, or its absolute value when abs is set, differs from
// the threshold t.
func formatAgainst(x float64, t *big.Rat, abs bool) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	var s string
	for d := 2; d <= 6; d++ {
		s = strconv.FormatFloat(x, 'f', d, 64)
		v, ok := new(big.Rat).SetString(s)
		if !ok {
			break
		}
		if abs {
			v.Abs(v)
		}
		if v.Cmp(t) != 0 {
			break
		}
	}
	if isNegativeZero(s) {
		s = s[1:]
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
	case Ceiling:
		return fmt.Sprintf("mean %s > %s (n %d)", s.Value, s.Threshold, s.N)
	case LowSpread:
		return fmt.Sprintf("sd %s < %s (n %d)", s.Value, s.Threshold, s.N)
	}
	return ""
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
