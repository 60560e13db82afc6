package itembank

import (
	"errors"
	"strconv"
	"strings"
)

// MaxPlaces is the largest number of decimal places an answer may have.
// Rating answers are whole numbers or halves; four places leave room for
// any real export while keeping every sum exact in 64-bit integers.
const MaxPlaces = 4

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000}

// A Value is an exact decimal number, Units × 10^-Places, as read from a
// response file: "4" is {4, 0}, "7,5" and "7.5" are {75, 1}. Trailing zeros
// are dropped, so "4.0" is {4, 0}.
type Value struct {
	Units  int64
	Places int
}

var errNotDecimal = errors.New("not a decimal number")

// ParseValue reads a plain decimal number: an optional sign, digits, and
// optionally a decimal point or decimal comma followed by at most
// MaxPlaces digits. Surrounding spaces are ignored. Exponents, thousands
// separators and more than 15 significant digits are rejected.
func ParseValue(s string) (Value, error) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return Value{}, errNotDecimal
	}
	var units int64
	places, digits, seenPoint := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits > 0 || c != '0' {
				digits++
			}
			if digits > 15 {
				return Value{}, errNotDecimal
			}
			units = units*10 + int64(c-'0')
			if seenPoint {
				places++
			}
		case (c == '.' || c == ',') && !seenPoint && i > 0 && i < len(s)-1:
			seenPoint = true
		default:
			return Value{}, errNotDecimal
		}
	}
	for places > 0 && units%10 == 0 {
		units /= 10
		places--
	}
	if places > MaxPlaces {
		return Value{}, errNotDecimal
	}
	if neg {
		units = -units
	}
	return Value{Units: units, Places: places}, nil
}

// Floor returns the largest whole number at or below v.
func (v Value) Floor() int64 {
	q := v.Units / pow10[v.Places]
	if v.Units < 0 && v.Units%pow10[v.Places] != 0 {
		q--
	}
	return q
}

// Ceil returns the smallest whole number at or above v.
func (v Value) Ceil() int64 {
	q := v.Units / pow10[v.Places]
	if v.Units > 0 && v.Units%pow10[v.Places] != 0 {
		q++
	}
	return q
}

// Int returns the whole number n as a Value.
func Int(n int64) Value { return Value{Units: n} }

// At returns v in units of 10^-places; places must be >= v.Places.
func (v Value) At(places int) int64 { return v.Units * pow10[places-v.Places] }

// Cmp compares v and w exactly: -1, 0 or +1.
func (v Value) Cmp(w Value) int {
	p := max(v.Places, w.Places)
	a, b := v.At(p), w.At(p)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String formats v with a decimal point, e.g. "7.5".
func (v Value) String() string {
	if v.Places == 0 {
		return strconv.FormatInt(v.Units, 10)
	}
	s := strconv.FormatInt(abs64(v.Units), 10)
	for len(s) <= v.Places {
		s = "0" + s
	}
	s = s[:len(s)-v.Places] + "." + s[len(s)-v.Places:]
	if v.Units < 0 {
		s = "-" + s
	}
	return s
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
