package reduction

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
)

// Summary counts for the closing lines of a report.
type Tally struct {
	Items    int          // items screened
	ByTicks  [5]int       // items with 0, 1, 2, 3, 4 ticks
	ByRule   map[Rule]int // items each rule fired for
	NotAsked int          // items without answers in the current wave
}

// Tally counts ticks per item and per rule.
func (r *Result) Tally() Tally {
	t := Tally{ByRule: map[Rule]int{}}
	for i := range r.Items {
		it := &r.Items[i]
		if it.N == 0 {
			t.NotAsked++
			continue
		}
		t.Items++
		t.ByTicks[it.Ticks()]++
		for _, f := range it.Flags {
			t.ByRule[f]++
		}
	}
	return t
}

// jsonFloat is a float64 that encodes NaN as null: an undefined statistic
// is reported as such, never as 0.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(f))
}

type jsonResult struct {
	Selection  *Selection     `json:"selection,omitempty"`
	Thresholds jsonThresholds `json:"thresholds"`
	Items      []jsonItem     `json:"items"`
	Summary    jsonTally      `json:"summary"`
	// Reliability of the themes and composites (Report.WriteJSON only).
	Reliability *[]jsonReliability `json:"reliability,omitempty"`
	Warnings    []string           `json:"warnings"`
}

type jsonThresholds struct {
	Basis     string       `json:"basis"`
	Stable    Number       `json:"stable"`
	Ceiling   Number       `json:"ceiling"`
	LowSpread Number       `json:"low_spread"`
	Redundant Number       `json:"redundant"`
	Scales    []jsonLimits `json:"scales"`
	// The optional rules, left out when off.
	Floor           *Number `json:"floor,omitempty"`
	CeilingReversed bool    `json:"ceiling_reversed,omitempty"`
	// Method is the redundancy rule's correlation, left out for Pearson's
	// r unless the rules file names it.
	Method string `json:"method,omitempty"`
}

type jsonLimits struct {
	Scale         string  `json:"scale"`
	Min           int64   `json:"min"`
	Max           int64   `json:"max"`
	Stable        Number  `json:"stable"`
	StableFrom    string  `json:"stable_from"`
	Ceiling       Number  `json:"ceiling"`
	CeilingFrom   string  `json:"ceiling_from"`
	LowSpread     Number  `json:"low_spread"`
	LowSpreadFrom string  `json:"low_spread_from"`
	Floor         *Number `json:"floor,omitempty"` // the optional floor rule, left out when off
	FloorFrom     string  `json:"floor_from,omitempty"`
	// The wave tests of the scale (WavePlan).
	WaveTest          TestKind `json:"wave_test"`
	WaveTestFrom      string   `json:"wave_test_from"`
	MinWaveN          int64    `json:"min_wave_n"`
	StableEquivalence bool     `json:"stable_equivalence"`
}

type jsonItem struct {
	ID           string        `json:"id"`
	Scale        string        `json:"scale"`
	N            int64         `json:"n"`
	Mean         jsonFloat     `json:"mean"`
	SD           jsonFloat     `json:"sd"`
	PreviousN    int64         `json:"previous_n"`
	PreviousMean jsonFloat     `json:"previous_mean"`
	Shift        jsonFloat     `json:"shift"`
	Flags        []Rule        `json:"flags"`
	Correlated   []jsonPartner `json:"correlated"`
	Undecided    []Undecided   `json:"undecided,omitempty"`
	WaveTest     *WaveTest     `json:"wave_test,omitempty"`
	// CloseCall marks a redundant decision that a polychoric r within
	// CloseCall of the threshold made (ItemResult.RedundantCloseCall).
	CloseCall bool `json:"redundant_close_call,omitempty"`
}

type jsonPartner struct {
	ID   string    `json:"id"`
	R    jsonFloat `json:"r"`
	N    int64     `json:"n"`
	Keep string    `json:"keep"`
	// SE and CloseCall: polychoric r only (see Partner).
	SE        *jsonFloat `json:"se,omitempty"`
	CloseCall bool       `json:"close_call,omitempty"`
}

type jsonTally struct {
	Items    int            `json:"items_screened"`
	NotAsked int            `json:"items_without_answers"`
	ByTicks  [5]int         `json:"items_by_ticks"`
	ByRule   map[string]int `json:"items_by_rule"`
}

// Basis describes, in words, which kind of thresholds were in force.
func (r *Result) Basis() string {
	for _, l := range r.Limits {
		if l.StableFrom == "absolute" || l.CeilingFrom == "absolute" || l.LowSpreadFrom == "absolute" {
			return "absolute per scale where the rules file gives them, else fractions of the scale range"
		}
	}
	return "fractions of the scale range (max - min)"
}

// WriteJSON writes the result as JSON: the selection of files and rows
// (when known), thresholds in force, items in bank order, a tally and
// warnings. Numbers have full float64 precision;
// undefined statistics are null.
func (r *Result) WriteJSON(w io.Writer) error { return r.writeJSON(w, nil) }

// writeJSON writes the JSON, with the reliability list when rel is not
// nil (see Report.WriteJSON).
func (r *Result) writeJSON(w io.Writer, rel []ScaleReliability) error {
	out := jsonResult{
		Thresholds: jsonThresholds{Basis: r.Basis(), Stable: r.Thresholds.Stable, Ceiling: r.Thresholds.Ceiling,
			LowSpread: r.Thresholds.LowSpread, Redundant: r.Thresholds.Redundant, Scales: []jsonLimits{}},
		Items:     make([]jsonItem, len(r.Items)),
		Warnings:  append([]string{}, r.Warnings...),
		Selection: r.Selection.forJSON(),
	}
	if r.Thresholds.Floor.IsSet() {
		out.Thresholds.Floor = &r.Thresholds.Floor
	}
	out.Thresholds.CeilingReversed = r.Thresholds.CeilingReversed
	out.Thresholds.Method = r.Thresholds.Method
	for _, l := range r.Limits {
		wp := r.Thresholds.WavePlanFor(l.Scale)
		out.Thresholds.Scales = append(out.Thresholds.Scales, jsonLimits{Scale: l.Scale.Name, Min: l.Scale.Min, Max: l.Scale.Max,
			Stable: l.Stable, StableFrom: l.StableFrom, Ceiling: l.Ceiling, CeilingFrom: l.CeilingFrom,
			LowSpread: l.LowSpread, LowSpreadFrom: l.LowSpreadFrom,
			WaveTest: wp.Test, WaveTestFrom: wp.TestFrom, MinWaveN: wp.MinN, StableEquivalence: wp.StableEquivalence})
		if l.Floor.IsSet() {
			out.Thresholds.Scales[len(out.Thresholds.Scales)-1].Floor = &l.Floor
			out.Thresholds.Scales[len(out.Thresholds.Scales)-1].FloorFrom = l.FloorFrom
		}
	}
	for i := range r.Items {
		it := &r.Items[i]
		ji := jsonItem{ID: it.Item.ID, Scale: it.Item.Scale.Name, N: it.N, Mean: jsonFloat(it.Mean), SD: jsonFloat(it.SD),
			PreviousN: it.PreviousN, PreviousMean: jsonFloat(it.PreviousMean), Shift: jsonFloat(it.Shift),
			Flags: append([]Rule{}, it.Flags...), Correlated: []jsonPartner{}, Undecided: it.Undecided, WaveTest: it.WaveTest}
		for _, p := range it.Correlated {
			jp := jsonPartner{ID: p.ID, R: jsonFloat(p.R), N: p.N, Keep: p.Keep, CloseCall: p.Close}
			if r.Thresholds.Method == MethodPolychoric {
				se := jsonFloat(p.SE)
				jp.SE = &se
			}
			ji.Correlated = append(ji.Correlated, jp)
		}
		ji.CloseCall = it.RedundantCloseCall()
		out.Items[i] = ji
	}
	t := r.Tally()
	out.Summary = jsonTally{Items: t.Items, NotAsked: t.NotAsked, ByTicks: t.ByTicks, ByRule: map[string]int{}}
	for _, rule := range r.Thresholds.RulesInForce() {
		out.Summary.ByRule[rule.String()] = t.ByRule[rule]
	}
	out.addReliability(rel)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// formatStat prints a statistic with the given decimals, or "n/a" when undefined.
func formatStat(x float64, decimals int) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf("%.*f", decimals, x)
}
