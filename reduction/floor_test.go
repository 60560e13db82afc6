package reduction

import (
	"reflect"
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
		"csv": {"shift,stable,ceiling,floor,low_spread,redundant,ticks,", ",redundant_if_r_above,floor_if_mean_below,wave_test,",
			"L,a statement,likert5,1000,1.799,", ",,,0,1,1,1,3,\"LR (r=1, n=1000, keep=L)\",0.4,4.2,0.8,0.5,1.8,,,,,,\n", "LR,a negatively worded statement,likert5,1000,1.799,", ",,,1,0,1,1,3,\"L (r=1, n=1000, keep=L)\",0.4,4.2,0.8,0.5,1.8,,,,,,\n"},
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

// TestFloorEvidence checks the numbers behind the floor and the reflected
// ceiling in the review file and the audit's tick summaries: the floor's
// mean, threshold and n as the ceiling's; a reverse-keyed item under
// ceiling_reversed reads its ceiling at the favourable end (mean < 1.8,
// not > 4.2) and its floor at the other end (mean > 4.2); the review file
// reads back to the same evidence, and its digests check.
func TestFloorEvidence(t *testing.T) {
	bank := loadBank(t, reversedBank)
	cur := wave(t, bank, map[string][]int{"L": answers(1, 201, 2, 799), "G": answers(5, 2), "LR": answers(1, 201, 2, 799), "GR": answers(8, 799, 9, 201)})
	cfg := DefaultConfig()
	cfg.Floor = mustNumber("0.20")
	cfg.CeilingReversed = true
	res, err := Screen(bank, nil, cur, cfg.Thresholds)
	if err != nil {
		t.Fatal(err)
	}
	ev := func(id string) Evidence {
		i, _ := bank.Index(id)
		return res.Evidence(i)
	}
	flags := func(id string) []Rule {
		i, _ := bank.Index(id)
		return res.Items[i].Flags
	}
	for _, c := range []struct {
		id   string
		want []string
	}{
		{"L", []string{"floor: mean 1.799 < 1.8 (n 1000)"}},
		{"LR", []string{"ceiling: mean 1.799 < 1.8 (n 1000; reverse-keyed, tested at the favourable end)"}},
		{"GR", []string{"floor: mean 8.201 > 8.2 (n 1000; reverse-keyed, tested at the unfavourable end)"}},
	} {
		e := ev(c.id)
		got := e.Summaries(flags(c.id), "0.5")
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: ticks %q lack %q", c.id, got, w)
			}
		}
	}
	if e := ev("G"); e.Floor == nil || e.Floor.Threshold != "2.8" || e.Floor.Value != "5.00" || e.Floor.Reflected || e.Ceiling.Threshold != "8.2" {
		t.Errorf("G: floor %+v ceiling %+v, want floor 5.00 against 2.8, ceiling against 8.2", e.Floor, e.Ceiling)
	}
	if e := ev("LR"); !e.Ceiling.Reflected || e.Ceiling.Threshold != "1.8" || !e.Floor.Reflected || e.Floor.Threshold != "4.2" {
		t.Errorf("LR: ceiling %+v floor %+v, want both reflected, 1.8 and 4.2", e.Ceiling, e.Floor)
	}
	var b strings.Builder
	if err := WriteReview(&b, res, cfg, NewScreening(res, cfg, ReviewInputs{})); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"floor: {mean: 1.799, threshold: 1.8, n: 1000}",
		"ceiling: {mean: 1.799, threshold: 1.8, n: 1000, reflected: true}",
		"floor: {mean: 8.201, threshold: 8.2, n: 1000, reflected: true}",
	} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("review file lacks %q:\n%s", w, b.String())
		}
	}
	rv, err := LoadReview(strings.NewReader(b.String()), "review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range rv.Items {
		i, _ := bank.Index(it.ID)
		if want := res.Evidence(i); !reflect.DeepEqual(it.Evidence, want) {
			t.Errorf("%s: read back %+v, wrote %+v", it.ID, it.Evidence, want)
		}
	}
	if err := rv.CheckComputed(bank); err != nil {
		t.Errorf("digests of the review written: %v", err)
	}
	// Without the floor rule the review file has no floor evidence.
	plain, err := Screen(bank, nil, cur, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := WriteReview(&b, plain, DefaultConfig(), NewScreening(plain, DefaultConfig(), ReviewInputs{})); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "floor:") || strings.Contains(b.String(), "reflected") {
		t.Errorf("the floor or reflection appear with the rules off:\n%s", b.String())
	}
}

// TestAbsoluteFloorBoundaries checks a per-scale absolute floor from the
// rules file at, just above and just below it on 1-5 (floor 1.5) and 1-10
// (floor 2.5): a mean exactly at it does not fire. A scale without a floor
// of its own has the rule off when the rules file sets no floor fraction.
func TestAbsoluteFloorBoundaries(t *testing.T) {
	bank := loadBank(t, reversedBank)
	cfg, err := LoadConfig(strings.NewReader("scales:\n  likert5: {floor: 1.5}\n  grade10: {floor: 2.5}\n"), "rules.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	onlyFive, err := LoadConfig(strings.NewReader("scales:\n  likert5: {floor: 1.5}\n"), "rules.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		cfg     Config
		item    string
		current []int
		fires   bool
	}{
		{"1-5 at 1.5", cfg, "L", answers(1, 1, 2, 1), false},
		{"1-5 above (1.501)", cfg, "L", answers(1, 499, 2, 501), false},
		{"1-5 below (1.499)", cfg, "L", answers(1, 501, 2, 499), true},
		{"1-10 at 2.5", cfg, "G", answers(2, 1, 3, 1), false},
		{"1-10 above (2.501)", cfg, "G", answers(2, 499, 3, 501), false},
		{"1-10 below (2.499)", cfg, "G", answers(2, 501, 3, 499), true},
		{"1-10 without a floor of its own", onlyFive, "G", answers(1, 10), false},
		{"1-5 with only its own floor", onlyFive, "L", answers(1, 501, 2, 499), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Screen(bank, nil, wave(t, bank, map[string][]int{tc.item: tc.current}), tc.cfg.Thresholds)
			if err != nil {
				t.Fatal(err)
			}
			i, _ := bank.Index(tc.item)
			if got := res.Items[i].Has(Floor); got != tc.fires {
				t.Errorf("floor fired = %v, want %v (mean %.17g)", got, tc.fires, res.Items[i].Mean)
			}
			if l := res.Limits[0]; l.FloorFrom != "absolute" {
				t.Errorf("likert5 floor from %q, want absolute", l.FloorFrom)
			}
			e := res.Evidence(i)
			if (e.Floor != nil) != (tc.item == "L" || tc.cfg.Scales["grade10"].Floor.IsSet()) {
				t.Errorf("floor evidence %+v", e.Floor)
			}
		})
	}
	if !slices.Contains(onlyFive.RulesInForce(), Floor) {
		t.Error("an absolute floor of one scale does not put the floor rule in force")
	}
	for _, bad := range []struct{ yaml, want string }{
		{"scales:\n  likert5: {floor: 1}\n", "scales: likert5: floor: 1 is not above the scale's minimum 1"},
		{"scales:\n  likert5: {floor: 4.5}\n", "scales: likert5: floor: 4.5 is not below the ceiling 4.2"},
		{"scales:\n  likert5: {floor: 2, ceiling: 2}\n", "is not below the ceiling 2"},
	} {
		if _, err := LoadConfig(strings.NewReader(bad.yaml), "rules.yaml", bank); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.yaml, err, bad.want)
		}
	}
}
