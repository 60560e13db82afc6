package reduction

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
	"github.com/itemreduce/itemreduce/itembank"
)

// A Number is an exact decimal or fraction read from a rules file ("0.10",
// "0.8", "1/3"), kept as a rational so that thresholds are exact.
type Number struct{ rat *big.Rat }

// NewNumber parses a decimal such as "0.10" or a fraction such as "1/3".
func NewNumber(s string) (Number, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok {
		return Number{}, fmt.Errorf("%q is not a number", s)
	}
	return Number{rat: r}, nil
}

func mustNumber(s string) Number {
	n, err := NewNumber(s)
	if err != nil {
		panic(err)
	}
	return n
}

// Rat returns the number as a rational; the zero Number is 0.
func (n Number) Rat() *big.Rat {
	if n.rat == nil {
		return new(big.Rat)
	}
	return n.rat
}

// IsSet reports whether the number was given.
func (n Number) IsSet() bool { return n.rat != nil }

// Float returns the nearest float64.
func (n Number) Float() float64 { f, _ := n.Rat().Float64(); return f }

// String prints the number as a decimal when it has a finite one (0.9),
// else as a fraction (1/3).
func (n Number) String() string { return ratString(n.Rat()) }

func ratString(r *big.Rat) string {
	for prec := 0; prec <= 12; prec++ {
		s := r.FloatString(prec)
		if back, _ := new(big.Rat).SetString(s); back.Cmp(r) == 0 {
			return s
		}
	}
	return r.RatString()
}

// UnmarshalYAML reads the number from its literal text, never via float64.
func (n *Number) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind != yaml.ScalarNode {
		return &itembank.ParseError{Line: node.Line, Column: node.Column, Err: errors.New("expected a number")}
	}
	v, err := NewNumber(node.Value)
	if err != nil {
		return &itembank.ParseError{Line: node.Line, Column: node.Column, Err: err}
	}
	*n = v
	return nil
}

// MarshalYAML writes the number as its exact decimal.
func (n Number) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: n.String()}, nil
}

// MarshalJSON writes the number as a JSON number.
func (n Number) MarshalJSON() ([]byte, error) {
	s := n.String()
	if strings.Contains(s, "/") {
		return []byte(fmt.Sprint(n.Float())), nil
	}
	return []byte(s), nil
}

// Thresholds set when each screening rule fires. Stable, Ceiling and
// LowSpread are fractions of the scale range R = max − min; Scales may
// replace them with absolute values for a named scale.
//
//	stable:     |mean(current) − mean(previous)| < Stable·R
//	ceiling:    mean(current) > min + Ceiling·R
//	low_spread: sd(current) < LowSpread·R
//	redundant:  |r| > Redundant with at least one other item
//
// MinWaveN and StableEquivalence set the wave tests of every scale (see
// WavePlanFor); a scale of Scales may change them.
type Thresholds struct {
	Stable    Number `yaml:"stable"`
	Ceiling   Number `yaml:"ceiling"`
	LowSpread Number `yaml:"low_spread"`
	Redundant Number `yaml:"redundant"`
	// MinWaveN is the fewest answers per wave for a wave test without a
	// warning; 0 means DefaultMinWaveN.
	MinWaveN int `yaml:"min_wave_n"`
	// StableEquivalence ticks stable only when the 90% interval of the
	// shift lies inside ±the stable threshold (off: the report's rule).
	StableEquivalence bool                      `yaml:"stable_equivalence"`
	Scales            map[string]ScaleThreshold `yaml:"scales"`
	// Floor turns on the optional floor rule, mean(current) < min +
	// Floor·R (0.20 mirrors the ceiling's 0.80); unset, the rule is off.
	Floor Number `yaml:"floor"`
	// CeilingReversed tests the ceiling (and floor) of reverse-keyed items
	// after reflection, at the favourable end: mean < max − Ceiling·R
	// (off: the raw scale, as an SPSS run on the raw data does).
	CeilingReversed bool `yaml:"ceiling_reversed"`
	// Method is the correlation of the redundancy rule: pearson (the
	// report's; also when empty), spearman, kendall or polychoric
	// (method.go).
	Method string `yaml:"method"`
}

// ScaleThreshold holds absolute thresholds for one scale, in answer units;
// a value left out falls back to the fraction of the range. The wave test
// settings left out fall back to the choice by points and the rules
// file's own settings (WavePlanFor).
type ScaleThreshold struct {
	Stable    Number `yaml:"stable"`     // largest mean shift that still counts as changed, exclusive
	Ceiling   Number `yaml:"ceiling"`    // a mean above this is at the ceiling
	LowSpread Number `yaml:"low_spread"` // an SD below this is low spread
	// Floor is a mean below which the scale's items are at the floor: it
	// turns the optional floor rule on for this scale (and replaces the
	// rules file's floor fraction on it).
	Floor Number `yaml:"floor"`
	// WaveTest is mann_whitney or welch_t.
	WaveTest          TestKind `yaml:"wave_test"`
	MinWaveN          *int     `yaml:"min_wave_n"`
	StableEquivalence *bool    `yaml:"stable_equivalence"`
}

// DefaultThresholds are the report's rules as fractions of the scale range:
// 0.10, 0.80, 0.20, and |r| 0.50.
func DefaultThresholds() Thresholds {
	return Thresholds{
		Stable:    mustNumber("0.10"),
		Ceiling:   mustNumber("0.80"),
		LowSpread: mustNumber("0.20"),
		Redundant: mustNumber("0.50"),
		MinWaveN:  DefaultMinWaveN,
	}
}

// Config is the content of a rules file (--config).
type Config struct {
	Thresholds `yaml:",inline"`
	// DropFromTicks is the number of ticks from which the review suggests
	// dropping an item (default 1).
	DropFromTicks int `yaml:"drop_from_ticks"`
	// Redundancy says how redundant ticks count toward the suggestion:
	// RedundancyGroups (default), where a group's representative's tick
	// does not count, or RedundancyPerItem, where every tick counts.
	Redundancy string `yaml:"redundancy"`
}

// The values of Config.Redundancy.
const (
	RedundancyGroups  = "groups"
	RedundancyPerItem = "per_item"
)

// DefaultConfig returns the default thresholds and suggestion rule.
func DefaultConfig() Config {
	return Config{Thresholds: DefaultThresholds(), DropFromTicks: 1, Redundancy: RedundancyGroups}
}

// Grouped reports whether redundant items are counted as groups.
func (c Config) Grouped() bool { return c.Redundancy != RedundancyPerItem }

// LoadConfigFile reads a rules file over the defaults and validates it
// against the bank's scales.
func LoadConfigFile(path string, bank *itembank.Bank) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, err
	}
	defer f.Close()
	return LoadConfig(f, path, bank)
}

// LoadConfig reads a rules file over the defaults; keys left out keep their
// default. name is used in error messages, which give the line of the
// offending key.
func LoadConfig(r io.Reader, name string, bank *itembank.Bank) (Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Config{}, &itembank.ParseError{File: name, Err: err}
	}
	c := DefaultConfig()
	if err := yamlfile.Decode(bytes.NewReader(data), name, &c); err != nil {
		return Config{}, err
	}
	if err := c.Validate(bank); err != nil {
		pe := &itembank.ParseError{File: name, Err: err}
		var fe *fieldError
		if root, rerr := yamlfile.DocumentRoot(data, name); rerr == nil && errors.As(err, &fe) {
			if k := keyNode(root, fe.path); k != nil {
				pe.Line, pe.Column = k.Line, k.Column
			}
		}
		return Config{}, pe
	}
	return c, nil
}

// A fieldError is a problem with the value of one key of a rules file,
// found by Validate; path leads to the key (e.g. scales, likert5, stable)
// so that the loader can give its line.
type fieldError struct {
	path []string
	msg  string
}

func (e *fieldError) Error() string { return e.msg }

// keyNode follows path through nested mappings to the last key's node.
func keyNode(n *yaml.Node, path []string) *yaml.Node {
	var key *yaml.Node
	for _, p := range path {
		key = nil
		for _, k := range yamlfile.MapKeys(n) {
			if k.Value == p {
				key = k
			}
		}
		if key == nil {
			return nil
		}
		n = yamlfile.MapValue(n, p)
	}
	return key
}

// Validate checks that fractions and the correlation threshold lie strictly
// between 0 and 1 (at 0 or 1 a rule would never fire, or fire for nearly
// every item), that absolute thresholds are positive, and that they name
// scales of the bank; and the wave test settings (validateWaveTest).
func (c Config) Validate(bank *itembank.Bank) error {
	one := big.NewRat(1, 1)
	for _, f := range []struct {
		name string
		n    Number
	}{{"stable", c.Stable}, {"ceiling", c.Ceiling}, {"low_spread", c.LowSpread}, {"redundant", c.Redundant}} {
		if f.n.Rat().Sign() <= 0 || f.n.Rat().Cmp(one) >= 0 {
			return &fieldError{[]string{f.name}, fmt.Sprintf("%s: %s is outside the allowed range (a fraction between 0 and 1, such as 0.1)", f.name, f.n)}
		}
	}
	if err := c.validateFloor(bank); err != nil {
		return err
	}
	if err := validateMethod(c.Method); err != nil {
		return err
	}
	if c.MinWaveN < 1 {
		return &fieldError{[]string{"min_wave_n"}, fmt.Sprintf("min_wave_n: %d is not above 0", c.MinWaveN)}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Scales)) {
		st := c.Scales[name]
		if bank != nil && bank.Scale(name) == nil {
			return &fieldError{[]string{"scales", name}, fmt.Sprintf("scales: %q is not a scale of the bank", name)}
		}
		if err := st.validateWaveTest(name); err != nil {
			return err
		}
		for _, f := range []struct {
			key string
			n   Number
		}{{"stable", st.Stable}, {"low_spread", st.LowSpread}} {
			if f.n.IsSet() && f.n.Rat().Sign() <= 0 {
				return &fieldError{[]string{"scales", name, f.key}, fmt.Sprintf("scales: %s: %s: %s is not above 0", name, f.key, f.n)}
			}
		}
	}
	if c.DropFromTicks < 1 || c.DropFromTicks > len(Rules) {
		return &fieldError{[]string{"drop_from_ticks"}, fmt.Sprintf("drop_from_ticks: %d is outside 1-%d", c.DropFromTicks, len(Rules))}
	}
	if c.Redundancy != "" && c.Redundancy != RedundancyGroups && c.Redundancy != RedundancyPerItem {
		return &fieldError{[]string{"redundancy"}, fmt.Sprintf("redundancy: %q is neither %s nor %s", c.Redundancy, RedundancyGroups, RedundancyPerItem)}
	}
	return nil
}

// FloorOn reports whether the optional floor rule is on: a floor fraction
// for every scale, or an absolute floor for some.
func (t Thresholds) FloorOn() bool {
	if t.Floor.IsSet() {
		return true
	}
	for _, st := range t.Scales {
		if st.Floor.IsSet() {
			return true
		}
	}
	return false
}

// validateFloor checks that the optional floor is a fraction between 0 and
// 1, that an absolute floor of a scale lies above the scale's minimum (a
// floor at the minimum could never fire), and that on every scale of the
// bank the floor lies below the ceiling (with no bank, the fraction below
// the ceiling fraction), so that one item never gets both ticks.
func (t Thresholds) validateFloor(bank *itembank.Bank) error {
	for _, name := range slices.Sorted(maps.Keys(t.Scales)) {
		f := t.Scales[name].Floor
		if !f.IsSet() || bank == nil || bank.Scale(name) == nil {
			continue
		}
		if s := bank.Scale(name); f.Rat().Cmp(big.NewRat(s.Min, 1)) <= 0 {
			return &fieldError{[]string{"scales", name, "floor"}, fmt.Sprintf("scales: %s: floor: %s is not above the scale's minimum %d, so it could never fire", name, f, s.Min)}
		}
		if l := t.LimitsFor(bank.Scale(name)); l.Floor.Rat().Cmp(l.Ceiling.Rat()) >= 0 {
			return &fieldError{[]string{"scales", name, "floor"}, fmt.Sprintf("scales: %s: floor: %s is not below the ceiling %s", name, l.Floor, l.Ceiling)}
		}
	}
	if !t.Floor.IsSet() {
		return nil
	}
	if f := t.Floor.Rat(); f.Sign() <= 0 || f.Cmp(big.NewRat(1, 1)) >= 0 {
		return &fieldError{[]string{"floor"}, fmt.Sprintf("floor: %s is outside the allowed range (a fraction between 0 and 1, such as 0.2)", t.Floor)}
	}
	if bank == nil {
		if t.Floor.Rat().Cmp(t.Ceiling.Rat()) >= 0 {
			return &fieldError{[]string{"floor"}, fmt.Sprintf("floor: %s is not below the ceiling %s", t.Floor, t.Ceiling)}
		}
		return nil
	}
	for _, s := range bank.Scales {
		if l := t.LimitsFor(s); l.Floor.Rat().Cmp(l.Ceiling.Rat()) >= 0 {
			return &fieldError{[]string{"floor"}, fmt.Sprintf("floor: on scale %s the floor %s is not below the ceiling %s", s.Name, l.Floor, l.Ceiling)}
		}
	}
	return nil
}
