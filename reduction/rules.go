package reduction

import (
	"fmt"
	"math"
	"math/big"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Rule is one of the four screening rules of the report, or the optional
// floor rule; each that fires gives the item a tick for possible removal.
type Rule int

const (
	Stable    Rule = iota // the mean barely moved between the waves
	Ceiling               // the mean is near the top of the scale
	LowSpread             // respondents barely differ (small SD)
	Redundant             // correlates strongly with another item
	// Floor is optional, off unless the rules file sets a floor fraction:
	// the mean is near the bottom of the scale.
	Floor
)

// Rules lists the report's four rules in their reporting order; they are
// always in force (see Thresholds.RulesInForce for the optional ones).
var Rules = []Rule{Stable, Ceiling, LowSpread, Redundant}

var ruleNames = [...]string{"stable", "ceiling", "low_spread", "redundant", "floor"}

// RulesInForce lists the rules t applies, in reporting order: Rules, with
// Floor after Ceiling when the floor rule is on.
func (t Thresholds) RulesInForce() []Rule {
	if !t.FloorOn() {
		return Rules
	}
	return []Rule{Stable, Ceiling, Floor, LowSpread, Redundant}
}

// String returns the rule's name as used in files: stable, ceiling,
// low_spread, redundant, floor.
func (r Rule) String() string {
	if r < 0 || int(r) >= len(ruleNames) {
		return fmt.Sprintf("Rule(%d)", int(r))
	}
	return ruleNames[r]
}

// ParseRule reads a rule name.
func ParseRule(s string) (Rule, error) {
	for i, n := range ruleNames {
		if n == s {
			return Rule(i), nil
		}
	}
	return 0, fmt.Errorf("unknown rule %q (rules: stable, ceiling, low_spread, redundant, floor)", s)
}

// MarshalText writes the rule's name.
func (r Rule) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a rule's name.
func (r *Rule) UnmarshalText(b []byte) error {
	v, err := ParseRule(string(b))
	*r = v
	return err
}

// Limits are the thresholds in force for one scale, in answer units, with
// where each came from.
type Limits struct {
	Scale         *itembank.Scale
	Stable        Number // a shift below this is stable
	Ceiling       Number // a mean above this is at the ceiling
	LowSpread     Number // an SD below this is low spread
	StableFrom    string // "fraction" of the range or "absolute" from the rules file
	CeilingFrom   string
	LowSpreadFrom string
	// Floor is the optional floor rule's threshold: a mean below this is at
	// the floor. It is unset when the rule is off for the scale; FloorFrom
	// says "fraction" or "absolute".
	Floor     Number
	FloorFrom string
	// CeilingReversed tests reverse-keyed items after reflection
	// (Thresholds.CeilingReversed).
	CeilingReversed bool
}

// LimitsFor resolves the thresholds for scale s: absolute values from the
// rules file where given, otherwise fraction × range (plus min for the ceiling).
func (t Thresholds) LimitsFor(s *itembank.Scale) Limits {
	r := big.NewRat(s.Range(), 1)
	frac := func(f Number) Number { return Number{rat: new(big.Rat).Mul(f.Rat(), r)} }
	ceiling := frac(t.Ceiling)
	ceiling.rat.Add(ceiling.rat, big.NewRat(s.Min, 1))
	l := Limits{Scale: s,
		Stable: frac(t.Stable), Ceiling: ceiling, LowSpread: frac(t.LowSpread),
		StableFrom: "fraction", CeilingFrom: "fraction", LowSpreadFrom: "fraction",
		CeilingReversed: t.CeilingReversed}
	if t.Floor.IsSet() {
		l.Floor, l.FloorFrom = frac(t.Floor), "fraction"
		l.Floor.rat.Add(l.Floor.rat, big.NewRat(s.Min, 1))
	}
	if abs, ok := t.Scales[s.Name]; ok {
		if abs.Stable.IsSet() {
			l.Stable, l.StableFrom = abs.Stable, "absolute"
		}
		if abs.Ceiling.IsSet() {
			l.Ceiling, l.CeilingFrom = abs.Ceiling, "absolute"
		}
		if abs.LowSpread.IsSet() {
			l.LowSpread, l.LowSpreadFrom = abs.LowSpread, "absolute"
		}
		if abs.Floor.IsSet() {
			l.Floor, l.FloorFrom = abs.Floor, "absolute"
		}
	}
	return l
}

// The four checks below decide each rule exactly from integer sums: a value
// exactly at its threshold never fires (METHOD.md, "Strict comparisons").

// isStable reports exactly whether |mean(cur) − mean(prev)| < limit.
func isStable(cur, prev itembank.Moments, limit Number) bool {
	d := new(big.Rat).Sub(cur.MeanRat(), prev.MeanRat())
	return d.Abs(d).Cmp(limit.Rat()) < 0
}

// isCeiling reports exactly whether mean > limit.
func isCeiling(m itembank.Moments, limit Number) bool {
	return m.MeanRat().Cmp(limit.Rat()) > 0
}

// isFloor reports exactly whether mean < limit.
func isFloor(m itembank.Moments, limit Number) bool {
	return m.MeanRat().Cmp(limit.Rat()) < 0
}

// reflected returns min + max − limit: a threshold on the scale turned
// round, so that a test at the favourable end of a reverse-keyed item reads
// its answers as if they were reflected (x' = min + max − x, hence
// mean' > c ⟺ mean < min + max − c).
func reflected(s *itembank.Scale, limit Number) Number {
	v := new(big.Rat).SetInt64(s.Min + s.Max)
	return Number{rat: v.Sub(v, limit.Rat())}
}

// atCeiling decides the ceiling rule for item, and atFloor the floor rule
// (false when it is off). Normally both test the raw scale. With
// CeilingReversed, a reverse-keyed item is tested after reflection: the
// ceiling fires near the favourable end (mean < max − 0.80·R by default)
// and the floor near the unfavourable end (mean > max − 0.20·R), so that
// the two rules never test the same end of one item.
func atCeiling(item *itembank.Item, m itembank.Moments, l Limits) bool {
	if l.CeilingReversed && item.Reverse {
		return isFloor(m, reflected(item.Scale, l.Ceiling))
	}
	return isCeiling(m, l.Ceiling)
}

func atFloor(item *itembank.Item, m itembank.Moments, l Limits) bool {
	if !l.Floor.IsSet() {
		return false
	}
	if l.CeilingReversed && item.Reverse {
		return isCeiling(m, reflected(item.Scale, l.Floor))
	}
	return isFloor(m, l.Floor)
}

// isLowSpread reports exactly whether sd < limit, as variance < limit².
func isLowSpread(m itembank.Moments, limit Number) bool {
	sq := new(big.Rat).Mul(limit.Rat(), limit.Rat())
	return m.VarianceRat().Cmp(sq) < 0
}

// isRedundant reports exactly whether |r| > t, and false when r is
// undefined. Far from the threshold the float r decides; within 1e-9 of it
// the exact r² > t² does, since float64 rounding can put r on the wrong side
// (x = 3, 2, 1 and y = 5, 3, 4 have r = 0.5 exactly, which float64 computes
// as 0.5000000000000001).
func isRedundant(p itembank.PairSums, t Number) bool {
	r := math.Abs(p.Pearson())
	if math.IsNaN(r) {
		return false
	}
	if tf := t.Float(); math.Abs(r-tf) > 1e-9 {
		return r > tf
	}
	sq := new(big.Rat).Mul(t.Rat(), t.Rat())
	return p.RSquaredRat().Cmp(sq) > 0
}
