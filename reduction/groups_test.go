package reduction

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// groupsResult builds a screening by hand: items with SDs and other ticks,
// and the redundant pairs between them (each gets the redundant tick).
func groupsResult(items []ItemResult, pairs [][2]string) *Result {
	res := &Result{Items: items}
	at := map[string]*ItemResult{}
	for i := range res.Items {
		at[res.Items[i].Item.ID] = &res.Items[i]
	}
	for _, p := range pairs {
		a, b := at[p[0]], at[p[1]]
		a.Correlated = append(a.Correlated, Partner{ID: b.Item.ID, R: 0.7})
		b.Correlated = append(b.Correlated, Partner{ID: a.Item.ID, R: 0.7})
	}
	for i := range res.Items {
		if it := &res.Items[i]; len(it.Correlated) > 0 {
			it.Flags = append(it.Flags, Redundant)
		}
	}
	return res
}

func gItem(id string, sd float64, flags ...Rule) ItemResult {
	return ItemResult{Item: &itembank.Item{ID: id}, SD: sd, Flags: flags}
}

// checkGroupInvariants asserts (a) and (b): every non-representative of a
// group has a representative partner, and no two representatives are
// partners.
func checkGroupInvariants(t *testing.T, res *Result, g *Grouping) {
	t.Helper()
	for i := range res.Items {
		it := &res.Items[i]
		if len(it.Correlated) == 0 {
			if _, ok := g.Of[it.Item.ID]; ok {
				t.Errorf("%s has no partner but is in group %d", it.Item.ID, g.Of[it.Item.ID].Group)
			}
			continue
		}
		m, ok := g.Of[it.Item.ID]
		if !ok {
			t.Errorf("%s is redundant but in no group", it.Item.ID)
			continue
		}
		isRep := m.Representative == it.Item.ID
		repPartner := false
		for _, p := range it.Correlated {
			if g.IsRepresentative(p.ID) {
				repPartner = true
				if isRep {
					t.Errorf("(b) representatives %s and %s are redundant with each other", it.Item.ID, p.ID)
				}
				if !isRep && p.ID == m.Representative {
					repPartner = true
				}
			}
		}
		if !isRep && !repPartner {
			t.Errorf("(a) %s has no representative partner", it.Item.ID)
		}
		if !isRep && !slices.ContainsFunc(it.Correlated, func(p Partner) bool { return p.ID == m.Representative }) {
			t.Errorf("%s: its representative %s is not its partner", it.Item.ID, m.Representative)
		}
	}
}

func TestGroups(t *testing.T) {
	tests := []struct {
		name   string
		items  []ItemResult
		pairs  [][2]string
		groups []Group
		rep    map[string]string // item: its representative
		restR  map[string]float64
	}{
		{
			// All tie, so bank order picks A first, which takes B; C is
			// left, not redundant with A, and stands for itself.
			name:   "chain: all tie, both ends represent",
			items:  []ItemResult{gItem("A", 1.0), gItem("B", 1.0), gItem("C", 1.0)},
			pairs:  [][2]string{{"A", "B"}, {"B", "C"}},
			groups: []Group{{Number: 1, Items: []string{"A", "B", "C"}, Representatives: []string{"A", "C"}}},
			rep:    map[string]string{"A": "A", "B": "A", "C": "C"},
		},
		{
			name:   "chain: B preferred by SD drops A and C",
			items:  []ItemResult{gItem("A", 1.0), gItem("B", 1.2), gItem("C", 1.0)},
			pairs:  [][2]string{{"A", "B"}, {"B", "C"}},
			groups: []Group{{Number: 1, Items: []string{"A", "B", "C"}, Representatives: []string{"B"}}},
			rep:    map[string]string{"A": "B", "B": "B", "C": "B"},
		},
		{
			name:   "chain: an end with fewer other ticks goes first, the other end is left",
			items:  []ItemResult{gItem("A", 1.0), gItem("B", 1.2, Ceiling), gItem("C", 1.0, Ceiling)},
			pairs:  [][2]string{{"A", "B"}, {"B", "C"}},
			groups: []Group{{Number: 1, Items: []string{"A", "B", "C"}, Representatives: []string{"A", "C"}}},
			rep:    map[string]string{"A": "A", "B": "A", "C": "C"},
		},
		{
			name:   "triangle: one representative, chosen by item-rest r before SD",
			items:  []ItemResult{gItem("A", 1.5), gItem("B", 1.0), gItem("C", 1.0)},
			pairs:  [][2]string{{"A", "B"}, {"B", "C"}, {"A", "C"}},
			restR:  map[string]float64{"A": 0.40, "B": 0.40, "C": 0.65},
			groups: []Group{{Number: 1, Items: []string{"A", "B", "C"}, Representatives: []string{"C"}}},
			rep:    map[string]string{"A": "C", "B": "C", "C": "C"},
		},
		{
			name:   "triangle: an unknown item-rest r comes after a known one",
			items:  []ItemResult{gItem("A", 1.5), gItem("B", 1.0), gItem("C", 1.0)},
			pairs:  [][2]string{{"A", "B"}, {"B", "C"}, {"A", "C"}},
			restR:  map[string]float64{"A": math.NaN(), "B": 0.10},
			groups: []Group{{Number: 1, Items: []string{"A", "B", "C"}, Representatives: []string{"B"}}},
			rep:    map[string]string{"A": "B", "B": "B", "C": "B"},
		},
		{
			name: "two groups, numbered in bank order, an item outside both",
			items: []ItemResult{gItem("A", 1.0), gItem("B", 1.0), gItem("C", 1.0, Stable),
				gItem("D", 0.9), gItem("E", 1.3)},
			pairs: [][2]string{{"A", "C"}, {"B", "E"}},
			groups: []Group{
				{Number: 1, Items: []string{"A", "C"}, Representatives: []string{"A"}},
				{Number: 2, Items: []string{"B", "E"}, Representatives: []string{"E"}},
			},
			rep: map[string]string{"A": "A", "C": "A", "B": "E", "E": "E"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := groupsResult(tc.items, tc.pairs)
			g := Groups(res, tc.restR)
			checkGroupInvariants(t, res, g)
			if len(g.Groups) != len(tc.groups) {
				t.Fatalf("groups = %+v, want %+v", g.Groups, tc.groups)
			}
			for i := range tc.groups {
				if got, want := g.Groups[i], tc.groups[i]; got.Number != want.Number || !slices.Equal(got.Items, want.Items) || !slices.Equal(got.Representatives, want.Representatives) {
					t.Errorf("group %d = %+v, want %+v", i+1, got, want)
				}
			}
			for id, want := range tc.rep {
				if got := g.Of[id].Representative; got != want {
					t.Errorf("representative of %s = %s, want %s", id, got, want)
				}
			}
		})
	}
}

func TestGroupingTicksAndKeep(t *testing.T) {
	res := groupsResult([]ItemResult{gItem("A", 1.0), gItem("B", 1.2, Ceiling), gItem("C", 1.0, Ceiling)},
		[][2]string{{"A", "B"}, {"B", "C"}})
	g := Groups(res, nil)
	a, b, c := &res.Items[0], &res.Items[1], &res.Items[2]
	for _, tc := range []struct {
		it   *ItemResult
		want int
	}{{a, 0}, {b, 2}, {c, 1}} {
		if got := g.Ticks(tc.it); got != tc.want {
			t.Errorf("Ticks(%s) = %d, want %d", tc.it.Item.ID, got, tc.want)
		}
	}
	if got := g.KeepInPair(b, c).Item.ID; got != "C" {
		t.Errorf("KeepInPair(B, C) = %s, want the representative C (PreferToKeep alone says B)", got)
	}
	if got := PreferToKeep(b, c).Item.ID; got != "B" {
		t.Errorf("PreferToKeep(B, C) = %s, want B", got)
	}
}

// TestSuggestGroupsAndPerItem: in the chain A–B–C with B and C ticked
// ceiling, A and C represent. A's only tick is redundant, so groups
// suggest keeping it; per_item restores the old suggestion, drop. The
// Keep hints follow the representatives.
func TestSuggestGroupsAndPerItem(t *testing.T) {
	res := groupsResult([]ItemResult{gItem("A", 1.0), gItem("B", 1.2, Ceiling), gItem("C", 1.0, Ceiling)},
		[][2]string{{"A", "B"}, {"B", "C"}})
	ApplyGroups(res, nil)
	grouped, perItem := DefaultConfig(), DefaultConfig()
	perItem.Redundancy = RedundancyPerItem
	for i, want := range []struct{ groups, perItem Verdict }{{Keep, Drop}, {Drop, Drop}, {Drop, Drop}} {
		it := &res.Items[i]
		if got := grouped.Suggest(it); got != want.groups {
			t.Errorf("groups: Suggest(%s) = %s, want %s", it.Item.ID, got, want.groups)
		}
		if got := perItem.Suggest(it); got != want.perItem {
			t.Errorf("per_item: Suggest(%s) = %s, want %s", it.Item.ID, got, want.perItem)
		}
	}
	if n := grouped.SuggestedDrops(res); n != 2 {
		t.Errorf("groups: %d suggested drops, want 2", n)
	}
	for _, it := range res.Items {
		for _, p := range it.Correlated {
			want := map[[2]string]string{{"A", "B"}: "A", {"B", "A"}: "A", {"B", "C"}: "C", {"C", "B"}: "C"}[[2]string{it.Item.ID, p.ID}]
			if p.Keep != want {
				t.Errorf("%s–%s: keep %s, want %s", it.Item.ID, p.ID, p.Keep, want)
			}
		}
	}
	bad := DefaultConfig()
	bad.Redundancy = "pairs"
	if err := bad.Validate(nil); err == nil || !strings.Contains(err.Error(), "redundancy") {
		t.Errorf("redundancy: pairs: %v", err)
	}
	if err := perItem.Validate(nil); err != nil {
		t.Errorf("redundancy: per_item: %v", err)
	}
}
