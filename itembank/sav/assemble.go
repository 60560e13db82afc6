package sav

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// assembler turns the raw dictionary records into a File. It works on one
// Variable per segment (variable record that is not a continuation) until
// the very long string record has merged segments into variables.
type assembler struct {
	c        *cursor
	h        *header
	d        *rawDict
	f        *File
	dec      *textDecoder
	charCode int32
	exts     map[int32][]*rawExt

	segs     []*Variable
	segIndex map[int]int // 1-based dictionary index to index in segs
	merged   []bool      // segs[i] has become part of an earlier variable
	weight   *Variable
	names    map[string]*Variable // upper-cased long and short names
}

func assemble(c *cursor, h *header, d *rawDict) (*File, *textDecoder, error) {
	a := &assembler{
		c: c, h: h, d: d,
		f: &File{
			Name:        c.name,
			Compression: Compression(h.compression),
			ByteOrder:   c.order,
			CaseCount:   int64(h.ncases),
			Bias:        h.bias,
			SysMis:      sysMisValue,
			Highest:     math.MaxFloat64,
			Lowest:      math.Nextafter(-math.MaxFloat64, 0),
		},
		exts:     make(map[int32][]*rawExt),
		segIndex: make(map[int]int),
	}
	for _, e := range d.exts {
		a.exts[e.subtype] = append(a.exts[e.subtype], e)
	}
	steps := []func() error{
		a.machineInfo, a.encoding, a.fileInfo, a.variables, a.valueLabels,
		a.display, a.veryLongStrings, a.longNames, a.longLabels, a.longMissing,
		a.caseCount,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, nil, err
		}
	}
	if a.weight != nil {
		a.f.Weight = a.weight.Name
	}
	// SPSS and PSPP always write bias 100. PSPP reads another bias with a
	// warning, using it as given; so does this reader.
	if h.compression != 0 && h.bias != 100 {
		a.warn(84, "file header", "compression bias %v, not the usual 100; numbers stored compressed may be wrong", h.bias)
	}
	return a.f, a.dec, nil
}

func (a *assembler) failAt(off int64, record string, kind error, format string, args ...any) error {
	return &ParseError{File: a.c.name, Record: record, Offset: off, Err: errorf(kind, format, args...)}
}

func (a *assembler) warn(off int64, record string, format string, args ...any) {
	a.f.Warnings = append(a.f.Warnings, a.failAt(off, record, ErrFormat, format, args...))
}

// last returns the last extension record of a subtype, nil if none.
func (a *assembler) last(subtype int32) *rawExt {
	if es := a.exts[subtype]; len(es) > 0 {
		return es[len(es)-1]
	}
	return nil
}

func (a *assembler) machineInfo() error {
	if e := a.last(extIntegerInfo); e != nil {
		if e.size != 4 || e.count != 8 {
			a.warn(e.off, extName(e.subtype), "size %d and count %d, want 4 and 8", e.size, e.count)
		} else {
			field := func(i int) int32 { return int32(a.c.order.Uint32(e.data[4*i:])) }
			if fp := field(4); fp != 1 {
				return a.failAt(e.dataOff+16, extName(e.subtype), ErrUnsupported,
					"floating-point format %d; only IEEE 754 (1) is supported", fp)
			}
			want := int32(2)
			if a.c.order == binary.BigEndian {
				want = 1
			}
			if end := field(6); end != want {
				a.warn(e.dataOff+24, extName(e.subtype), "endianness %d contradicts the header's layout code", end)
			}
			a.charCode = field(7)
		}
	}
	if e := a.last(extFloatInfo); e != nil {
		if e.size != 8 || e.count != 3 {
			a.warn(e.off, extName(e.subtype), "size %d and count %d, want 8 and 3", e.size, e.count)
		} else {
			field := func(i int) float64 { return math.Float64frombits(a.c.order.Uint64(e.data[8*i:])) }
			a.f.SysMis, a.f.Highest, a.f.Lowest = field(0), field(1), field(2)
		}
	}
	return nil
}

// encoding picks the character encoding: the encoding record, else the
// character code of the integer info record, else windows-1252.
func (a *assembler) encoding() error {
	name, enc := defaultEncoding, encoding.Encoding(charmap.Windows1252)
	if e := a.last(extEncoding); e != nil {
		n := string(bytes.Trim(e.data, " \x00"))
		switch x := lookupEncoding(n); {
		case x == nil:
			a.warn(e.off, extName(e.subtype), "unknown character encoding %q; reading as %s", n, defaultEncoding)
		case !asciiCompatible(x):
			a.warn(e.off, extName(e.subtype), "character encoding %q is not ASCII-compatible; reading as %s", n, defaultEncoding)
		default:
			name, enc = n, x
		}
	} else if a.charCode != 0 {
		if n, x := codePageEncoding(a.charCode); x != nil {
			name, enc = n, x
		} else {
			e := a.last(extIntegerInfo)
			a.warn(e.dataOff+28, extName(e.subtype), "unknown character code %d; reading as %s", a.charCode, defaultEncoding)
		}
	}
	a.f.Encoding = name
	a.dec = newTextDecoder(enc)
	return nil
}

func (a *assembler) fileInfo() error {
	h := a.h
	a.f.Product = a.dec.string(productName(h.product))
	a.f.Label = a.dec.trimmed(h.label)
	a.f.Created = strings.TrimSpace(a.dec.trimmed(h.date) + " " + a.dec.trimmed(h.time))
	return nil
}

func (a *assembler) variables() error {
	for i, rv := range a.d.vars {
		if rv.typ == -1 {
			continue
		}
		v := &Variable{
			ShortName: a.dec.trimmed(rv.name),
			Label:     a.dec.string(bytes.TrimRight(rv.label, " ")),
			Width:     int(rv.typ),
			Print:     decodeFormat(rv.print),
			Write:     decodeFormat(rv.write),
			layout:    layout{slot: i},
		}
		v.Name = v.ShortName
		v.Decimals = v.Print.Decimals
		if v.Width > 0 {
			v.layout.segs = []segment{{slot: i, width: v.Width}}
		}
		a.missing(v, rv)
		a.segIndex[i+1] = len(a.segs)
		a.segs = append(a.segs, v)
	}
	a.merged = make([]bool, len(a.segs))
	if w := int(a.h.weightIndex); w > 0 {
		if j, ok := a.segIndex[w]; ok && a.segs[j].Width == 0 {
			a.weight = a.segs[j]
		} else {
			a.warn(76, "file header", "weight index %d does not name a numeric variable; file read as unweighted", w)
		}
	}
	return nil
}

// missing decodes the missing values of a variable record.
func (a *assembler) missing(v *Variable, rv *rawVar) {
	if v.Width > 0 {
		for _, m := range rv.missing {
			v.Missing.Values = append(v.Missing.Values, Value{Str: a.dec.trimmed(m[:min(v.Width, 8)])})
		}
		return
	}
	nums := make([]float64, len(rv.missing))
	for i, m := range rv.missing {
		nums[i] = math.Float64frombits(a.c.order.Uint64(m[:]))
	}
	if rv.nMissing < 0 {
		r := &Range{Low: nums[0], High: nums[1]}
		if r.Low == a.f.Lowest || r.Low == -math.MaxFloat64 {
			r.Low = math.Inf(-1)
		}
		if r.High == a.f.Highest {
			r.High = math.Inf(1)
		}
		if math.IsNaN(r.Low) || math.IsNaN(r.High) || r.Low > r.High {
			a.warn(rv.off, "variable record "+strconv.Itoa(rv.index), "missing value range %v to %v is empty", nums[0], nums[1])
		}
		v.Missing.Range = r
		nums = nums[2:]
	}
	for _, x := range nums {
		v.Missing.Values = append(v.Missing.Values, a.num(x))
	}
}

// num makes a numeric Value, recognising the system-missing value.
func (a *assembler) num(x float64) Value {
	if x == a.f.SysMis || math.IsNaN(x) || math.IsInf(x, 0) {
		return Value{Num: math.NaN(), SysMissing: true}
	}
	return Value{Num: x}
}

func (a *assembler) valueLabels() error {
	// A value label record may apply its labels to many variables; bound
	// the total so that a hostile file cannot make a huge dictionary.
	budget := 16*a.c.size + 1<<16
	for k, l := range a.d.labels {
		record := fmt.Sprintf("value label record %d", k+1)
		var targets []*Variable
		seen := make(map[int]bool)
		for _, idx := range l.indexes {
			j, ok := a.segIndex[int(idx)]
			if !ok {
				return a.failAt(l.off, record, ErrFormat,
					"variable index %d is not the first record of a variable (1-%d)", idx, len(a.d.vars))
			}
			if seen[j] {
				continue
			}
			seen[j] = true
			if len(targets) > 0 && (targets[0].Width == 0) != (a.segs[j].Width == 0) {
				return a.failAt(l.off, record, ErrFormat, "labels for both numeric and string variables")
			}
			targets = append(targets, a.segs[j])
		}
		if len(targets) == 0 {
			a.warn(l.off, record, "value labels for no variable")
			continue
		}
		budget -= int64(len(targets)) * int64(len(l.values))
		if budget < 0 {
			return a.failAt(l.off, record, ErrFormat, "too many value labels for the file size")
		}
		labels := make([]string, len(l.labels))
		for i, b := range l.labels {
			labels[i] = a.dec.string(b)
		}
		for _, v := range targets {
			for i, raw := range l.values {
				var x Value
				if v.Width == 0 {
					x = a.num(math.Float64frombits(a.c.order.Uint64(raw[:])))
				} else {
					x = Value{Str: a.dec.trimmed(raw[:min(v.Width, 8)])}
				}
				v.ValueLabels = append(v.ValueLabels, ValueLabel{Value: x, Label: labels[i]})
			}
		}
	}
	return nil
}
