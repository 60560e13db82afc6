package sav

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
)

// File is the dictionary of a system file: everything but the cases.
type File struct {
	Name        string // file name given to Open
	Product     string // writing program, e.g. "GNU pspp 1.6.2 - x86_64-pc-linux-gnu"
	Label       string // file label, "" if none
	Created     string // creation date and time as written, e.g. "22 Nov 26 16:21:21"
	Encoding    string // encoding the text was decoded from, as the file names it ("UTF-8", "WINDOWS-1252") or from its code page
	Compression Compression
	ByteOrder   binary.ByteOrder
	CaseCount   int64   // number of cases, -1 if the file does not say
	Weight      string  // name of the weight variable, "" if unweighted
	Bias        float64 // compression bias, normally 100

	// SysMis is the system-missing value as stored in the file (normally
	// -math.MaxFloat64). Highest and Lowest are the values that stand for
	// HIGHEST and LOWEST in missing-value ranges.
	SysMis, Highest, Lowest float64

	Variables []*Variable

	// Warnings are problems that did not stop the file from being read,
	// such as an entry in a long-name record for an unknown variable.
	// Each is a *ParseError.
	Warnings []error
}

// Variable is one variable of the dictionary. A string variable wider than
// 8 or 255 bytes, which the file stores in several variable records, is a
// single Variable here.
type Variable struct {
	Name      string // long name if present, else the short name
	ShortName string // name in the variable record, at most 8 bytes
	Label     string // variable label, "" if none
	Width     int    // 0 for numeric, else string width in bytes
	Decimals  int    // decimal places of the print format
	Print     Format
	Write     Format
	Measure   Measure

	ValueLabels []ValueLabel // in file order
	Missing     MissingValues

	layout layout // where the variable's data lies in a case
}

// Value is one variable's value in a case, or a labelled or missing value.
// Numeric variables use Num and SysMissing, string variables use Str.
type Value struct {
	Num        float64 // NaN when SysMissing
	Str        string  // decoded to UTF-8, trailing spaces removed
	SysMissing bool
}

// ValueLabel is a label attached to one value of a variable.
type ValueLabel struct {
	Value Value
	Label string
}

// MissingValues is a variable's set of user-missing values: up to three
// discrete values, or a range, or a range and one discrete value. Ranges are
// only for numeric variables.
type MissingValues struct {
	Values []Value
	Range  *Range // nil if there is no range
}

// Range is an inclusive range of numeric user-missing values. LOWEST and
// HIGHEST (LO and HI in syntax) are -Inf and +Inf.
type Range struct {
	Low, High float64
}

// Empty reports whether there are no user-missing values.
func (m MissingValues) Empty() bool { return len(m.Values) == 0 && m.Range == nil }

// IsMissing reports whether x is system-missing or one of v's user-missing
// values. Strings are compared after removing trailing spaces, as SPSS does.
func (v *Variable) IsMissing(x Value) bool {
	if v.Width == 0 {
		if x.SysMissing {
			return true
		}
		if r := v.Missing.Range; r != nil && x.Num >= r.Low && x.Num <= r.High {
			return true
		}
		for _, m := range v.Missing.Values {
			if m.Num == x.Num {
				return true
			}
		}
		return false
	}
	for _, m := range v.Missing.Values {
		if m.Str == x.Str {
			return true
		}
	}
	return false
}

// Compression is the way case data is stored.
type Compression int

const (
	Uncompressed Compression = iota // 8 bytes per value
	Bytecode                        // SPSS bytecode compression (.sav)
	Zlib                            // bytecode compression, then zlib (.zsav)
)

func (c Compression) String() string {
	switch c {
	case Uncompressed:
		return "uncompressed"
	case Bytecode:
		return "bytecode"
	case Zlib:
		return "zlib"
	}
	return "Compression(" + strconv.Itoa(int(c)) + ")"
}

// Measure is a variable's measurement level.
type Measure int

const (
	UnknownMeasure Measure = iota
	Nominal
	Ordinal
	Scale
)

func (m Measure) String() string {
	switch m {
	case UnknownMeasure:
		return "unknown"
	case Nominal:
		return "nominal"
	case Ordinal:
		return "ordinal"
	case Scale:
		return "scale"
	}
	return "Measure(" + strconv.Itoa(int(m)) + ")"
}

// Format is a print or write format such as F8.2 or A12.
type Format struct {
	Type     int // format type code from the file, e.g. 5 for F, 1 for A
	Width    int
	Decimals int
}

// formatNames maps the format type codes of the system file format to
// their names in syntax.
var formatNames = map[int]string{
	1: "A", 2: "AHEX", 3: "COMMA", 4: "DOLLAR", 5: "F", 6: "IB", 7: "PIBHEX",
	8: "P", 9: "PIB", 10: "PK", 11: "RB", 12: "RBHEX", 15: "Z", 16: "N",
	17: "E", 20: "DATE", 21: "TIME", 22: "DATETIME", 23: "ADATE", 24: "JDATE",
	25: "DTIME", 26: "WKDAY", 27: "MONTH", 28: "MOYR", 29: "QYR", 30: "WKYR",
	31: "PCT", 32: "DOT", 33: "CCA", 34: "CCB", 35: "CCC", 36: "CCD",
	37: "CCE", 38: "EDATE", 39: "SDATE", 40: "MTIME", 41: "YMDHMS",
}

// String returns the format as in syntax, e.g. "F8.0", "A12", "DATE11".
func (f Format) String() string {
	name, ok := formatNames[f.Type]
	if !ok {
		name = fmt.Sprintf("type%d:", f.Type)
	}
	if f.Decimals == 0 && !hasDecimals(f.Type) {
		return name + strconv.Itoa(f.Width)
	}
	return fmt.Sprintf("%s%d.%d", name, f.Width, f.Decimals)
}

// hasDecimals reports whether a format type is written with its decimals
// even when there are none: not strings and not dates and times.
func hasDecimals(typ int) bool {
	switch {
	case typ == 1 || typ == 2: // A, AHEX
		return false
	case typ >= 20 && typ <= 30, typ >= 38 && typ <= 41: // dates and times
		return false
	}
	return true
}

func decodeFormat(x int32) Format {
	return Format{Type: int(x>>16) & 0xff, Width: int(x>>8) & 0xff, Decimals: int(x) & 0xff}
}

// sysMisValue is the system-missing value when the file does not say.
var sysMisValue = -math.MaxFloat64

// LabelFor returns the value label of x, if it has one.
func (v *Variable) LabelFor(x Value) (string, bool) {
	for _, l := range v.ValueLabels {
		if v.Width == 0 && l.Value.Num == x.Num && l.Value.SysMissing == x.SysMissing ||
			v.Width > 0 && l.Value.Str == x.Str {
			return l.Label, true
		}
	}
	return "", false
}
