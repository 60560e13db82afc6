package reduction

import (
	"slices"
	"strings"
	"testing"
)

const reversedBank = boundaryBank + `  - {id: LR, text: "a negatively worded statement", scale: likert5, reverse: true}
  - {id: GR, text: "a negatively worded grade", scale: grade10, reverse: true}
`

// TestOptionalRuleBoundaries checks the floor rule and the reflected
// ceiling exactly at, just above and just below their thresholds on both
// scales. Defaults: floor 0.20 gives mean < 1.8 (1-5) and < 2.8 (1-10);
// the reflected ceiling of a reverse-keyed item is mean < max − 0.80·R,
// the same 1.8 and 2.8; its reflected floor is mean > max − 0.20·R, 4.2
// and 8.2. A value exactly at a threshold never fires.
func TestOptionalRuleBoundaries(t *testing.T) {
	bank := loadBank(t, reversedBank)
	floor := DefaultThresholds()
	floor.Floor = mustNumber("0.20")
	both := floor
	both.CeilingReversed = true
	tests := []struct {
		name    string
		th      Thresholds
		item    string
		current []int
		rule    Rule
		fires   bool
	}{
		// floor, 1-5: mean < 1.8.
		{"floor 1-5 at 1.8", floor, "L", answers(1, 1, 2, 4), Floor, false},
		{"floor 1-5 above (1.801)", floor, "L", answers(1, 199, 2, 801), Floor, false},
		{"floor 1-5 below (1.799)", floor, "L", answers(1, 201, 2, 799), Floor, true},
		// floor, 1-10: mean < 2.8.
		{"floor 1-10 at 2.8", floor, "G", answers(2, 1, 3, 4), Floor, false},
		{"floor 1-10 above (2.801)", floor, "G", answers(2, 199, 3, 801), Floor, false},
		{"floor 1-10 below (2.799)", floor, "G", answers(2, 201, 3, 799), Floor, true},
		// off by default, however low the mean.
		{"floor off", DefaultThresholds(), "L", answers(1, 10), Floor, false},
		// The floor of a reverse-keyed item is on the raw scale unless
		// ceiling_reversed is set.
		{"floor raw reverse-keyed below", floor, "LR", answers(1, 201, 2, 799), Floor, true},
		// ceiling_reversed, reverse-keyed 1-5: ceiling when mean < 1.8.
		{"reversed ceiling 1-5 at 1.8", both, "LR", answers(1, 1, 2, 4), Ceiling, false},
		{"reversed ceiling 1-5 above (1.801)", both, "LR", answers(1, 199, 2, 801), Ceiling, false},
		{"reversed ceiling 1-5 below (1.799)", both, "LR", answers(1, 201, 2, 799), Ceiling, true},
		{"reversed ceiling 1-5 raw top (4.201)", both, "LR", answers(4, 799, 5, 201), Ceiling, false},
		// ceiling_reversed, reverse-keyed 1-10: ceiling when mean < 2.8.
		{"reversed ceiling 1-10 at 2.8", both, "GR", answers(2, 1, 3, 4), Ceiling, false},
		{"reversed ceiling 1-10 above (2.801)", both, "GR", answers(2, 199, 3, 801), Ceiling, false},
		{"reversed ceiling 1-10 below (2.799)", both, "GR", answers(2, 201, 3, 799), Ceiling, true},
		// ceiling_reversed moves the floor of a reverse-keyed item to the
		// unfavourable end: mean > 4.2 (1-5), > 8.2 (1-10).
		{"reversed floor 1-5 at 4.2", both, "LR", answers(4, 4, 5, 1), Floor, false},
		{"reversed floor 1-5 above (4.201)", both, "LR", answers(4, 799, 5, 201), Floor, true},
		{"reversed floor 1-5 below (4.199)", both, "LR", answers(4, 801, 5, 199), Floor, false},
		{"reversed floor 1-10 above (8.201)", both, "GR", answers(8, 799, 9, 201), Floor, true},
		{"reversed floor 1-5 raw bottom (1.799)", both, "LR", answers(1, 201, 2, 799), Floor, false},
		// Items keyed the usual way are not reflected.
		{"reversed on, plain item top (4.201)", both, "L", answers(4, 799, 5, 201), Ceiling, true},
		{"reversed on, plain item bottom (1.799)", both, "L", answers(1, 201, 2, 799), Ceiling, false},
		{"reversed off, reverse-keyed top (4.201)", floor, "LR", answers(4, 799, 5, 201), Ceiling, true},
		{"reversed off, reverse-keyed bottom (1.799)", floor, "LR", answers(1, 201, 2, 799), Ceiling, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := wave(t, bank, map[string][]int{tc.item: tc.current})
			res, err := Screen(bank, nil, cur, tc.th)
			if err != nil {
				t.Fatal(err)
			}
			i, _ := bank.Index(tc.item)
			it := res.Items[i]
			if got := it.Has(tc.rule); got != tc.fires {
				t.Errorf("%s fired = %v, want %v (mean %.17g, flags %v)", tc.rule, got, tc.fires, it.Mean, it.Flags)
			}
			if it.Has(Ceiling) && it.Has(Floor) {
				t.Errorf("both ceiling and floor fired: %v", it.Flags)
			}
		})
	}
}

func TestRulesInForce(t *testing.T) {
	if got := DefaultThresholds().RulesInForce(); !slices.Equal(got, Rules) {
		t.Errorf("default rules %v, want %v", got, Rules)
	}
	th := DefaultThresholds()
	th.Floor = mustNumber("0.2")
	if got, want := th.RulesInForce(), []Rule{Stable, Ceiling, Floor, LowSpread, Redundant}; !slices.Equal(got, want) {
		t.Errorf("with floor %v, want %v", got, want)
	}
	if r, err := ParseRule("floor"); err != nil || r != Floor || r.String() != "floor" {
		t.Errorf("ParseRule(floor) = %v, %v", r, err)
	}
}

// TestOptionalRulesConfig reads the optional rules from a rules file.
func TestOptionalRulesConfig(t *testing.T) {
	bank := loadBank(t, reversedBank)
	tests := []struct {
		name, yaml string
		err        string // empty: loads
		floor      string // the 1-5 floor in force, "" when off
		reversed   bool
	}{
		{"defaults", "stable: 0.10\n", "", "", false},
		{"floor", "floor: 0.20\n", "", "1.8", false},
		{"floor fraction", "floor: 1/8\nceiling_reversed: true\n", "", "1.5", true},
		{"reversed only", "ceiling_reversed: true\n", "", "", true},
		{"floor zero", "floor: 0\n", "floor: 0 is outside", "", false},
		{"floor one", "floor: 1\n", "floor: 1 is outside", "", false},
		{"floor at ceiling", "floor: 0.8\n", "not below the ceiling", "", false},
		{"floor above absolute ceiling", "floor: 0.2\nscales:\n  likert5: {ceiling: 1.8}\n", "on scale likert5 the floor 1.8 is not below the ceiling 1.8", "", false},
		{"misspelled", "flor: 0.2\n", "flor", "", false},
		{"not a bool", "ceiling_reversed: maybe\n", "true or false", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := LoadConfig(strings.NewReader(tc.yaml), "rules.yaml", bank)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			l := c.LimitsFor(bank.Scale("likert5"))
			got := ""
			if l.Floor.IsSet() {
				got = l.Floor.String()
			}
			if got != tc.floor || c.CeilingReversed != tc.reversed || l.CeilingReversed != tc.reversed {
				t.Errorf("floor %q, reversed %v; want %q, %v", got, c.CeilingReversed, tc.floor, tc.reversed)
			}
		})
	}
}

// TestFloorOutputs checks that the floor rule appears in every output only
// when it is on: its column after ceiling, its threshold and its count.
func TestFloorOutputs(t *testing.T) {
	bank := loadBank(t, reversedBank)
	cur := wave(t, bank, map[string][]int{"L": answers(1, 201, 2, 799), "G": answers(5, 2), "LR": answers(1, 201, 2, 799), "GR": answers(5, 2)})
	write := func(th Thresholds) map[string]string {
		res, err := Screen(bank, nil, cur, th)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for name, f := range map[string]func(*strings.Builder) error{
			"table": func(b *strings.Builder) error { return res.WriteTable(b) },
			"wide":  func(b *strings.Builder) error { return res.WriteWideTable(b) },
			"csv":   func(b *strings.Builder) error { return res.WriteCSV(b) },
			"json":  func(b *strings.Builder) error { return res.WriteJSON(b) },
			"md":    func(b *strings.Builder) error { return res.WriteMarkdown(b) },
		} {
			var b strings.Builder
			if err := f(&b); err != nil {
				t.Fatal(err)
			}
			out[name] = b.String()
		}
		return out
	}
	for name, s := range write(DefaultThresholds()) {
		if strings.Contains(s, "floor") || strings.Contains(s, "reflect") {
			t.Errorf("%s mentions the floor rule while it is off:\n%s", name, s)
		}
	}
	th := DefaultThresholds()
	th.Floor = mustNumber("0.20")
	th.CeilingReversed = true
	out := write(th)
	for name, want := range map[string][]string{
		"wide": {"shift  stable  ceiling  floor  low_spread  redundant", "floor: mean < 1.8 (fraction)", "floor: mean < 2.8 (fraction)",
			"ceiling_reversed", "stable: 0   ceiling: 1   floor: 1   low_spread: 4   redundant: 2"},
		"table": {"shift  S C F L R  ticks", "Rules: S = stable, C = ceiling, F = floor, L = low_spread, R = redundant.",
			"  scale           |shift| <  mean >   mean <  sd <\n", "  likert5 (1-5)   0.4        4.2      1.8     0.8\n",
			"  grade10 (1-10)  0.9        8.2      2.8     1.8\n",
			"ceiling_reversed", "  items per rule:  stable: 0   ceiling: 1   floor: 1   low_spread: 4\n                   redundant: 2\n"},
		"csv": {"shift,stable,ceiling,floor,low_spread,redundant,ticks,", ",redundant_if_r_above,floor_if_mean_below\n",
			"L,a statement,likert5,1000,1.799,", ",,,0,1,1,1,3,\"LR (r=1, n=1000, keep=L)\",0.4,4.2,0.8,0.5,1.8\n", "LR,a negatively worded statement,likert5,1000,1.799,", ",,,1,0,1,1,3,\"L (r=1, n=1000, keep=L)\",0.4,4.2,0.8,0.5,1.8\n"},
		"json": {`"floor": 0.2,`, `"ceiling_reversed": true`, `"floor": 1.8`, `"floor": 1,`, "\"flags\": [\n        \"floor\",", "\"flags\": [\n        \"ceiling\","},
		"md":   {"| shift | stable | ceiling | floor | low spread | redundant | ticks |", "|--:|:-:|:-:|:-:|:-:|:-:|--:|", "Floor (likert5): mean < 1.8."},
	} {
		for _, w := range want {
			if !strings.Contains(out[name], w) {
				t.Errorf("%s lacks %q:\n%s", name, w, out[name])
			}
		}
	}
}
