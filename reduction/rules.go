package reduction

import (
	"fmt"
	"math"
	"math/big"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Rule is one of the four screening rules; each that fires gives the item
// a tick for possible removal.
type Rule int

const (
	Stable    Rule = iota // the mean barely moved between the waves
	Ceiling               // the mean is near the top of the scale
	LowSpread             // respondents barely differ (small SD)
	Redundant             // correlates strongly with another item
)

// Rules lists the rules in their reporting order.
var Rules = []Rule{Stable, Ceiling, LowSpread, Redundant}

var ruleNames = [...]string{"stable", "ceiling", "low_spread", "redundant"}

// String returns the rule's name as used in files: stable, ceiling,
// low_spread, redundant.
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
	return 0, fmt.Errorf("unknown rule %q (rules: stable, ceiling, low_spread, redundant)", s)
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
		StableFrom: "fraction", CeilingFrom: "fraction", LowSpreadFrom: "fraction"}
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
