package reduction

import (
	"fmt"
	"math"

	"github.com/itemreduce/itemreduce/itembank"
)

// A ReliabilityCost compares one theme or composite before the decision
// (this year's bank, every item) and after it (the items kept for next
// year), both on this year's answers: how many items it has and its
// alpha and omega total (Reliability). Merged and new items have no
// answers yet and are not counted after. A composite that lacks a dropped
// item can no longer be computed: its figures after are NaN.
type ReliabilityCost struct {
	Kind                    ScaleKind
	Name                    string
	ItemsBefore, ItemsAfter int
	AlphaBefore, AlphaAfter float64
	OmegaBefore, OmegaAfter float64
	Lost                    bool // a composite lacking a dropped item
}

// ReliabilityCosts computes the reliability cost of the decision from
// this year's answers, current, which must hold pair sums.
func (d *Decision) ReliabilityCosts(current *itembank.Summary) ([]ReliabilityCost, error) {
	kept := map[string]bool{}
	for _, it := range d.Items {
		if it.Final == Keep {
			kept[it.Item.ID] = true
		}
	}
	return reliabilityCosts(d.Bank, kept, current)
}

// reliabilityCosts compares every theme and composite of bank with all
// its items and with the kept items only, on the answers of current.
func reliabilityCosts(bank *itembank.Bank, kept map[string]bool, current *itembank.Summary) ([]ReliabilityCost, error) {
	before, err := Reliability(bank, current)
	if err != nil {
		return nil, fmt.Errorf("current wave: %w", err)
	}
	// The same items in the same order, so that the summary still fits;
	// a dropped item leaves its theme, and a composite lacking one goes.
	after := *bank
	after.Items = make([]*itembank.Item, len(bank.Items))
	for i, it := range bank.Items {
		c := *it
		if !kept[it.ID] {
			c.Theme = ""
		}
		after.Items[i] = &c
	}
	after.Composites = nil
	lost := map[string]bool{}
	for _, c := range bank.Composites {
		whole := true
		for _, id := range c.Items {
			whole = whole && kept[id]
		}
		if whole {
			after.Composites = append(after.Composites, c)
		} else {
			lost[c.Name] = true
		}
	}
	rel, err := Reliability(&after, current)
	if err != nil {
		return nil, fmt.Errorf("current wave: %w", err)
	}
	byName := map[[2]string]ScaleReliability{}
	for _, s := range rel {
		byName[[2]string{string(s.Kind), s.Name}] = s
	}
	out := make([]ReliabilityCost, len(before))
	for i, b := range before {
		rc := ReliabilityCost{Kind: b.Kind, Name: b.Name, ItemsBefore: len(b.Items),
			AlphaBefore: b.Alpha, OmegaBefore: b.OmegaTotal, AlphaAfter: math.NaN(), OmegaAfter: math.NaN()}
		for _, it := range b.Items {
			if kept[it.ID] {
				rc.ItemsAfter++
			}
		}
		rc.Lost = b.Kind == CompositeScale && lost[b.Name]
		if a, ok := byName[[2]string{string(b.Kind), b.Name}]; ok {
			rc.AlphaAfter, rc.OmegaAfter = a.Alpha, a.OmegaTotal
		}
		out[i] = rc
	}
	return out, nil
}
