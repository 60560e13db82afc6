package itembank

import "testing"

func TestParseValue(t *testing.T) {
	tests := []struct {
		in   string
		want Value
		ok   bool
	}{
		{"4", Value{4, 0}, true},
		{" 4 ", Value{4, 0}, true},
		{"4.0", Value{4, 0}, true},
		{"7.5", Value{75, 1}, true},
		{"7,5", Value{75, 1}, true},
		{"-1", Value{-1, 0}, true},
		{"+3", Value{3, 0}, true},
		{"0.25", Value{25, 2}, true},
		{"10.1000", Value{101, 1}, true},
		{"1.00001", Value{}, false}, // five places
		{"", Value{}, false},
		{"-", Value{}, false},
		{"abc", Value{}, false},
		{"4.", Value{}, false},
		{".5", Value{}, false},
		{"1e3", Value{}, false},
		{"1.234,5", Value{}, false},
		{"1 000", Value{}, false},
		{"1234567890123456", Value{}, false}, // 16 significant digits
		{"NaN", Value{}, false},
	}
	for _, tc := range tests {
		got, err := ParseValue(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseValue(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestValueCmpAndString(t *testing.T) {
	a, b := Value{75, 1}, Value{750, 2}
	if a.Cmp(b) != 0 || a.Cmp(Int(8)) != -1 || Int(8).Cmp(a) != 1 {
		t.Errorf("Cmp wrong: %d %d %d", a.Cmp(b), a.Cmp(Int(8)), Int(8).Cmp(a))
	}
	for v, want := range map[Value]string{{75, 1}: "7.5", {-5, 2}: "-0.05", {9, 0}: "9", {1234, 3}: "1.234"} {
		if v.String() != want {
			t.Errorf("%#v.String() = %q, want %q", v, v.String(), want)
		}
	}
}
