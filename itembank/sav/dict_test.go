package sav

import (
	"math"
	"reflect"
	"testing"
)

type wantVar struct {
	name, short, label string
	width, decimals    int
	print              string
	measure            Measure
	labels             []ValueLabel
	missing            MissingValues
}

func num(x float64) Value { return Value{Num: x} }
func str(s string) Value  { return Value{Str: s} }
func nums(xs ...float64) []Value {
	var out []Value
	for _, x := range xs {
		out = append(out, num(x))
	}
	return out
}

// enqueteDict is the dictionary built by testdata/enquete_data.sps. Print
// formats are as PSPP 1.6.2 writes them ("SYSFILE INFO"): it widens F5.2
// to F6.2 and F8.1 to F9.1 to fit negative values.
func enqueteDict(teamLabel string) []wantVar {
	return []wantVar{
		{"resp_id", "RESP_ID", "Respondentnummer", 0, 0, "F4.0", Scale, nil, MissingValues{}},
		{"werkdruk_ervaren", "WERKDRUK", "Ik ervaar een hoge werkdruk", 0, 0, "F1.0", Ordinal,
			[]ValueLabel{{num(1), "helemaal oneens"}, {num(2), "oneens"}, {num(3), "neutraal"},
				{num(4), "eens"}, {num(5), "helemaal eens"}, {num(9), "weet niet / geen antwoord"}},
			MissingValues{Values: nums(9)}},
		{"samenwerking", "SAMENWER", "Rapportcijfer samenwerking (1-10)", 0, 0, "F2.0", Ordinal,
			[]ValueLabel{{num(1), "zeer slecht"}, {num(10), "uitstekend"}, {num(97), "n.v.t."},
				{num(98), "weigert"}, {num(99), "geen antwoord"}},
			MissingValues{Range: &Range{97, 99}}},
		{"coordinatie", "COORDINA", "Coördinatie tussen teams is goed geregeld", 0, 0, "F2.0", Ordinal,
			[]ValueLabel{{num(0), "niet ingevuld"}, {num(1), "één: helemaal oneens"},
				{num(5), "vijf: helemaal eens"}, {num(97), "n.v.t."}},
			MissingValues{Values: nums(0), Range: &Range{97, 99}}},
		{"tevredenheid", "TEVREDEN", "Gemiddelde tevredenheid", 0, 2, "F6.2", Scale,
			[]ValueLabel{{num(-1), "geen mening"}, {num(3.25), "drie en een kwart"}},
			MissingValues{Values: nums(-1, -2, -3)}},
		{"leeftijd", "LEEFTIJD", "", 0, 0, "F3.0", Scale, nil,
			MissingValues{Range: &Range{math.Inf(-1), 0}}},
		{"uren", "UREN", "Gewerkte uren per week", 0, 1, "F9.1", Scale, nil, MissingValues{}},
		{"geslacht", "GESLACHT", "", 1, 0, "A1", Nominal,
			[]ValueLabel{{str("?"), "onbekend"}, {str("m"), "man"}, {str("v"), "vrouw"}, {str("x"), "anders"}},
			MissingValues{Values: []Value{str("?")}}},
		{"team", "TEAM", "Wijkteam", 12, 0, "A12", Nominal,
			[]ValueLabel{{str(teamLabel), "Zorgteam één"}, {str("Wijk Noord"), "Wijkteam Noord"}},
			MissingValues{Values: []Value{str("onbekend")}}},
		{"toelichting", "TOELICHT", "Toelichting (open vraag)", 400, 0, "A400", Nominal, nil, MissingValues{}},
	}
}

func TestDictionary(t *testing.T) {
	tests := []struct {
		file string
		want []wantVar
	}{
		{"enquete_uncompressed.sav", enqueteDict("Zorg één")},
		{"enquete_compressed.sav", enqueteDict("Zorg één")},
		{"enquete.zsav", enqueteDict("Zorg één")},
		// PSPP 1.6.2 writes the values of long string value labels in
		// UTF-8 even in a windows-1252 file (its own SYSFILE INFO shows
		// "Zorg Ã©Ã©n" too), so decoding them as windows-1252 gives this.
		{"enquete_1252.sav", enqueteDict("Zorg Ã©Ã©n")},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := openFixture(t, tt.file).File()
			if f.Label != "Enquête werkdruk wijkteams" {
				t.Errorf("file label %q", f.Label)
			}
			if f.Product != "GNU pspp 1.6.2 - x86_64-pc-linux-gnu" {
				t.Errorf("product %q", f.Product)
			}
			if f.SysMis != -math.MaxFloat64 || f.Highest != math.MaxFloat64 || f.Weight != "" {
				t.Errorf("sysmis %v, highest %v, weight %q", f.SysMis, f.Highest, f.Weight)
			}
			if len(f.Variables) != len(tt.want) {
				t.Fatalf("%d variables, want %d", len(f.Variables), len(tt.want))
			}
			for i, v := range f.Variables {
				got := wantVar{v.Name, v.ShortName, v.Label, v.Width, v.Decimals, v.Print.String(),
					v.Measure, v.ValueLabels, v.Missing}
				if !reflect.DeepEqual(got, tt.want[i]) {
					t.Errorf("variable %d:\n got %+v\nwant %+v", i+1, got, tt.want[i])
				}
				if want := tt.want[i].missing.Values == nil && tt.want[i].missing.Range == nil; v.Missing.Empty() != want {
					t.Errorf("%s: Missing.Empty() = %v", v.Name, !want)
				}
			}
		})
	}
}

func TestIsMissing(t *testing.T) {
	vars := map[string]*Variable{}
	for _, v := range openFixture(t, "enquete_compressed.sav").File().Variables {
		vars[v.Name] = v
	}
	sysmis := Value{Num: math.NaN(), SysMissing: true}
	tests := []struct {
		variable string
		value    Value
		want     bool
	}{
		{"resp_id", sysmis, true},
		{"resp_id", num(9), false},
		{"werkdruk_ervaren", num(9), true},
		{"werkdruk_ervaren", num(5), false},
		{"samenwerking", num(97), true},
		{"samenwerking", num(98.5), true},
		{"samenwerking", num(96.9), false},
		{"samenwerking", num(100), false},
		{"coordinatie", num(0), true},
		{"coordinatie", num(99), true},
		{"coordinatie", num(1), false},
		{"tevredenheid", num(-2), true},
		{"tevredenheid", num(-1.5), false},
		{"leeftijd", num(-1e300), true},
		{"leeftijd", num(0), true},
		{"leeftijd", num(0.5), false},
		{"geslacht", str("?"), true},
		{"geslacht", str(""), false},
		{"team", str("onbekend"), true},
		{"team", str("onbekend2"), false},
		{"toelichting", str(""), false},
	}
	for _, tt := range tests {
		if got := vars[tt.variable].IsMissing(tt.value); got != tt.want {
			t.Errorf("%s.IsMissing(%+v) = %v, want %v", tt.variable, tt.value, got, tt.want)
		}
	}
}

func TestFormatString(t *testing.T) {
	tests := []struct {
		f    Format
		want string
	}{
		{Format{5, 8, 2}, "F8.2"},
		{Format{5, 4, 0}, "F4.0"},
		{Format{1, 12, 0}, "A12"},
		{Format{20, 11, 0}, "DATE11"},
		{Format{21, 11, 2}, "TIME11.2"},
		{Format{3, 9, 1}, "COMMA9.1"},
		{Format{99, 8, 0}, "type99:8.0"},
	}
	if s := Ordinal.String() + " " + Zlib.String(); s != "ordinal zlib" {
		t.Errorf("Ordinal, Zlib: %q", s)
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.f, got, tt.want)
		}
	}
}
