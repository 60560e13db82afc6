package sav

import (
	"strconv"
	"strings"
)

// This file decodes the extension records that need the variables: they
// refer to variables by position or by name.

// display reads measurement levels. The record has 2 or 3 int32 per
// segment: measure, optionally display width, alignment.
func (a *assembler) display() error {
	e := a.last(extDisplay)
	if e == nil {
		return nil
	}
	n := int64(len(a.segs))
	var stride int64
	switch {
	case e.size == 4 && int64(e.count) == 3*n:
		stride = 3
	case e.size == 4 && int64(e.count) == 2*n:
		stride = 2
	default:
		a.warn(e.off, extName(e.subtype), "size %d and count %d do not fit %d variables; measurement levels ignored",
			e.size, e.count, n)
		return nil
	}
	for i, v := range a.segs {
		m := int32(a.c.order.Uint32(e.data[int64(i)*stride*4:]))
		if m < 0 || m > 3 {
			a.warn(e.dataOff+int64(i)*stride*4, extName(e.subtype), "variable %s: unknown measurement level %d", v.ShortName, m)
			continue
		}
		v.Measure = Measure(m)
	}
	return nil
}

// entries splits a record of "KEY=value" entries separated by tabs (and,
// in the very long string record, NUL bytes).
func (a *assembler) entries(data []byte) [][2]string {
	var out [][2]string
	for _, s := range strings.Split(a.dec.string(data), "\t") {
		s = strings.Trim(s, "\x00 ")
		if s == "" {
			continue
		}
		k, v, _ := strings.Cut(s, "=")
		out = append(out, [2]string{strings.TrimSpace(k), strings.Trim(v, "\x00 ")})
	}
	return out
}

// byShortName maps upper-cased short names of the segments not yet merged
// to their index in a.segs.
func (a *assembler) byShortName() map[string]int {
	m := make(map[string]int, len(a.segs))
	for i, v := range a.segs {
		key := strings.ToUpper(v.ShortName)
		if _, dup := m[key]; !a.merged[i] && !dup {
			m[key] = i
		}
	}
	return m
}

// veryLongStrings merges the segments of strings wider than 255 bytes.
func (a *assembler) veryLongStrings() error {
	names := a.byShortName()
	for _, e := range a.exts[extVeryLong] {
		record := extName(e.subtype)
		for _, kv := range a.entries(e.data) {
			i, ok := names[strings.ToUpper(kv[0])]
			if !ok || a.merged[i] {
				a.warn(e.off, record, "unknown variable %q", kv[0])
				continue
			}
			width, err := strconv.Atoi(kv[1])
			if err != nil || width < 1 || width > maxStringWidth {
				return a.failAt(e.off, record, ErrFormat, "variable %s: bad width %q", kv[0], kv[1])
			}
			v := a.segs[i]
			switch {
			case v.Width == 0:
				return a.failAt(e.off, record, ErrFormat, "variable %s is numeric", kv[0])
			case len(v.layout.segs) > 1:
				return a.failAt(e.off, record, ErrFormat, "variable %s is named twice", kv[0])
			}
			n := (width + 251) / 252
			if n == 1 {
				if width != v.Width {
					a.warn(e.off, record, "variable %s: width %d contradicts variable record width %d", kv[0], width, v.Width)
				}
				continue
			}
			if i+n > len(a.segs) {
				return a.failAt(e.off, record, ErrFormat, "variable %s: width %d needs %d segments, only %d variables follow",
					kv[0], width, n, len(a.segs)-i-1)
			}
			for j := i + 1; j < i+n; j++ {
				if a.segs[j].Width == 0 || a.merged[j] {
					return a.failAt(e.off, record, ErrFormat, "variable %s: segment %d (%s) is not a free string variable",
						kv[0], j-i+1, a.segs[j].ShortName)
				}
				v.layout.segs = append(v.layout.segs, a.segs[j].layout.segs...)
				a.merged[j] = true
			}
			v.Width = width
			// Formats hold a width of at most 255; give the real width.
			v.Print = Format{Type: v.Print.Type, Width: width}
			v.Write = Format{Type: v.Write.Type, Width: width}
		}
	}
	return nil
}

func (a *assembler) longNames() error {
	names := a.byShortName()
	for _, e := range a.exts[extLongNames] {
		for _, kv := range a.entries(e.data) {
			i, ok := names[strings.ToUpper(kv[0])]
			if !ok || a.merged[i] {
				a.warn(e.off, extName(e.subtype), "unknown variable %q", kv[0])
				continue
			}
			if kv[1] != "" {
				a.segs[i].Name = kv[1]
			}
		}
	}
	a.names = make(map[string]*Variable)
	for i, v := range a.segs {
		if !a.merged[i] {
			a.f.Variables = append(a.f.Variables, v)
		}
	}
	// Look up by long name first, then by short name.
	for _, v := range a.f.Variables {
		if key := strings.ToUpper(v.ShortName); a.names[key] == nil {
			a.names[key] = v
		}
	}
	for _, v := range a.f.Variables {
		a.names[strings.ToUpper(v.Name)] = v
	}
	return nil
}

// byName finds a variable by long name, else by short name.
func (a *assembler) byName(name string) *Variable {
	return a.names[strings.ToUpper(name)]
}

// longLabels reads the labels of strings wider than 8 bytes. A writer may
// also have put them in a value label record, whose values are cut to 8
// bytes so that different values collapse into one; this record holds the
// full values, so it replaces those.
func (a *assembler) longLabels() error {
	replaced := make(map[*Variable]bool)
	for _, e := range a.exts[extLongLabels] {
		p := a.payload(e)
		for p.more() {
			name, err := p.str()
			if err != nil {
				return err
			}
			if _, err := p.int32(); err != nil { // width, also given by the variable record
				return err
			}
			n, err := p.count(8)
			if err != nil {
				return err
			}
			v := a.byName(name)
			switch {
			case v == nil:
				a.warn(e.off, extName(e.subtype), "unknown variable %q", name)
			case v.Width == 0:
				a.warn(e.off, extName(e.subtype), "variable %s is numeric", name)
				v = nil
			case !replaced[v]:
				replaced[v] = true
				v.ValueLabels = nil
			}
			for range n {
				value, err := p.field()
				if err != nil {
					return err
				}
				label, err := p.field()
				if err != nil {
					return err
				}
				if v != nil {
					v.ValueLabels = append(v.ValueLabels, ValueLabel{
						Value: Value{Str: a.dec.trimmed(value)},
						Label: a.dec.string(label),
					})
				}
			}
		}
	}
	return nil
}

func (a *assembler) longMissing() error {
	for _, e := range a.exts[extLongMissing] {
		p := a.payload(e)
		for p.more() {
			name, err := p.str()
			if err != nil {
				return err
			}
			nb, err := p.bytes(1)
			if err != nil {
				return err
			}
			n := int(nb[0])
			if n < 1 || n > 3 {
				return p.fail("variable %s: %d missing values, want 1-3", name, n)
			}
			size, err := p.count(int64(n))
			if err != nil {
				return err
			}
			values := make([]Value, n)
			for i := range values {
				b, err := p.bytes(size)
				if err != nil {
					return err
				}
				values[i] = Value{Str: a.dec.trimmed(b)}
			}
			switch v := a.byName(name); {
			case v == nil:
				a.warn(e.off, extName(e.subtype), "unknown variable %q", name)
			case v.Width == 0:
				a.warn(e.off, extName(e.subtype), "variable %s is numeric", name)
			default:
				v.Missing = MissingValues{Values: values}
			}
		}
	}
	return nil
}

func (a *assembler) caseCount() error {
	e := a.last(extCaseCount)
	if e == nil || a.f.CaseCount >= 0 {
		return nil
	}
	if e.size != 8 || e.count != 2 {
		a.warn(e.off, extName(e.subtype), "size %d and count %d, want 8 and 2", e.size, e.count)
		return nil
	}
	if n := int64(a.c.order.Uint64(e.data[8:])); n >= 0 {
		a.f.CaseCount = n
	}
	return nil
}

// payload reads the fields of an extension record's data.
type payload struct {
	a   *assembler
	e   *rawExt
	pos int
}

func (a *assembler) payload(e *rawExt) *payload { return &payload{a: a, e: e} }

func (p *payload) more() bool { return p.pos < len(p.e.data) }

func (p *payload) fail(format string, args ...any) error {
	return p.a.failAt(p.e.dataOff+int64(p.pos), extName(p.e.subtype), ErrFormat, format, args...)
}

func (p *payload) bytes(n int) ([]byte, error) {
	if n < 0 || n > len(p.e.data)-p.pos {
		return nil, p.fail("field of %d bytes overruns the record (%d bytes left)", n, len(p.e.data)-p.pos)
	}
	b := p.e.data[p.pos : p.pos+n]
	p.pos += n
	return b, nil
}

func (p *payload) int32() (int32, error) {
	b, err := p.bytes(4)
	if err != nil {
		return 0, err
	}
	return int32(p.a.c.order.Uint32(b)), nil
}

// count reads an int32 count of elements of at least elemSize bytes.
func (p *payload) count(elemSize int64) (int, error) {
	n, err := p.int32()
	if err != nil {
		return 0, err
	}
	if left := len(p.e.data) - p.pos; n < 0 || int64(n)*elemSize > int64(left) {
		p.pos -= 4 // report the offset of the count
		return 0, p.fail("count %d overruns the record (%d bytes left)", n, left)
	}
	return int(n), nil
}

// field reads an int32 length and that many bytes.
func (p *payload) field() ([]byte, error) {
	n, err := p.count(1)
	if err != nil {
		return nil, err
	}
	return p.bytes(n)
}

func (p *payload) str() (string, error) {
	b, err := p.field()
	return p.a.dec.string(b), err
}
