package sav

import (
	"fmt"
)

// Record types.
const (
	recVariable     = 2
	recValueLabel   = 3
	recLabelIndexes = 4
	recDocument     = 6
	recExtension    = 7
	recEnd          = 999
)

// rawDict holds the dictionary records as read, before they are decoded
// and tied together by assemble: extension records may come in any order,
// and the character encoding comes near the end.
type rawDict struct {
	vars   []*rawVar
	labels []*rawLabels
	exts   []*rawExt
	end    int64 // offset of the first byte after the dictionary
}

// rawVar is a variable record. Its dictionary index is its position in
// rawDict.vars plus one.
type rawVar struct {
	off      int64
	index    int   // 1-based dictionary index
	typ      int32 // 0 numeric, 1..255 string width, -1 continuation
	name     []byte
	label    []byte // nil if none
	nMissing int32
	missing  [][8]byte
	print    int32
	write    int32
}

// rawLabels is a value label record with its variable index record.
type rawLabels struct {
	off     int64
	values  [][8]byte
	labels  [][]byte
	indexes []int32 // 1-based dictionary indexes
}

// rawExt is an extension (type 7) record.
type rawExt struct {
	off     int64 // offset of the record
	dataOff int64 // offset of data
	subtype int32
	size    int32
	count   int32
	data    []byte // nil for subtypes that are skipped
}

// Extension record subtypes that are read.
const (
	extIntegerInfo   = 3
	extFloatInfo     = 4
	extDisplay       = 11
	extLongNames     = 13
	extVeryLong      = 14
	extCaseCount     = 16
	extEncoding      = 20
	extLongLabels    = 21
	extLongMissing   = 22
	maxStringWidth   = 32767
	maxVarLabelBytes = 1 << 16
)

var extNames = map[int32]string{
	extIntegerInfo: "machine integer info record",
	extFloatInfo:   "machine floating-point info record",
	extDisplay:     "variable display parameter record",
	extLongNames:   "long variable names record",
	extVeryLong:    "very long string record",
	extCaseCount:   "extended case count record",
	extEncoding:    "character encoding record",
	extLongLabels:  "long string value labels record",
	extLongMissing: "long string missing values record",
}

func extName(subtype int32) string {
	if name, ok := extNames[subtype]; ok {
		return name
	}
	return fmt.Sprintf("extension record (subtype %d)", subtype)
}

// readDictionary reads the records between the file header and the
// dictionary termination record.
func readDictionary(c *cursor) (*rawDict, error) {
	d := new(rawDict)
	pending := 0 // continuation records still due for the last string
	for {
		start := c.off
		c.begin("dictionary")
		typ, err := c.int32()
		if err != nil {
			return nil, c.fail(ErrTruncated, "file ends without a dictionary termination record")
		}
		switch typ {
		case recVariable:
			c.beginAt(fmt.Sprintf("variable record %d", len(d.vars)+1), start)
			v, err := readVariable(c, len(d.vars)+1)
			if err != nil {
				return nil, err
			}
			switch {
			case v.typ == -1 && pending == 0:
				return nil, c.fail(ErrFormat, "continuation record without a preceding long string variable")
			case v.typ != -1 && pending > 0:
				return nil, c.fail(ErrFormat, "string variable needs %d more continuation records", pending)
			case v.typ == -1:
				pending--
			case v.typ > 8:
				pending = (int(v.typ)+7)/8 - 1
			}
			d.vars = append(d.vars, v)
		case recValueLabel:
			c.beginAt(fmt.Sprintf("value label record %d", len(d.labels)+1), start)
			l, err := readValueLabels(c)
			if err != nil {
				return nil, err
			}
			d.labels = append(d.labels, l)
		case recLabelIndexes:
			c.beginAt("value label variables record", start)
			return nil, c.fail(ErrFormat, "value label variables record without a preceding value label record")
		case recDocument:
			c.beginAt("document record", start)
			n, err := c.count("line count", 80)
			if err != nil {
				return nil, err
			}
			if err := c.skip(int64(n) * 80); err != nil {
				return nil, err
			}
		case recExtension:
			e, err := readExtension(c)
			if err != nil {
				return nil, err
			}
			d.exts = append(d.exts, e)
		case recEnd:
			c.beginAt("dictionary termination record", start)
			if _, err := c.int32(); err != nil {
				return nil, err
			}
			if pending > 0 {
				return nil, c.fail(ErrFormat, "string variable needs %d more continuation records", pending)
			}
			d.end = c.off
			return d, nil
		default:
			return nil, c.fail(ErrFormat, "unknown record type %d", typ)
		}
	}
}

func readVariable(c *cursor, index int) (*rawVar, error) {
	v := &rawVar{off: c.start, index: index}
	var hasLabel int32
	for _, p := range []*int32{&v.typ, &hasLabel, &v.nMissing, &v.print, &v.write} {
		x, err := c.int32()
		if err != nil {
			return nil, err
		}
		*p = x
	}
	if v.typ < -1 || v.typ > 255 {
		return nil, c.fail(ErrFormat, "variable type %d is not -1, 0 or a string width 1-255", v.typ)
	}
	if hasLabel != 0 && hasLabel != 1 {
		return nil, c.fail(ErrFormat, "variable label flag %d is not 0 or 1", hasLabel)
	}
	switch {
	case v.nMissing < -3 || v.nMissing > 3 || v.nMissing == -1:
		return nil, c.fail(ErrFormat, "missing value code %d is not -3, -2, 0, 1, 2 or 3", v.nMissing)
	case v.nMissing < 0 && v.typ > 0:
		return nil, c.fail(ErrFormat, "string variable with a missing value range")
	}
	var err error
	if v.name, err = c.bytes(8); err != nil {
		return nil, err
	}
	if hasLabel == 1 {
		n, err := c.count("variable label length", 1)
		if err != nil {
			return nil, err
		}
		if n > maxVarLabelBytes {
			return nil, c.failHere(ErrFormat, "variable label length %d exceeds %d", n, maxVarLabelBytes)
		}
		// The label is padded to a multiple of 4 bytes.
		p, err := c.bytes(int64(n+3) / 4 * 4)
		if err != nil {
			return nil, err
		}
		v.label = p[:n]
	}
	n := int(v.nMissing)
	if n < 0 {
		n = -n
	}
	v.missing = make([][8]byte, n)
	for i := range v.missing {
		if err := c.readFull(v.missing[i][:]); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func readValueLabels(c *cursor) (*rawLabels, error) {
	l := &rawLabels{off: c.start}
	// Each label takes at least 8 bytes of value and 1 of length.
	n, err := c.count("label count", 9)
	if err != nil {
		return nil, err
	}
	l.values = make([][8]byte, n)
	l.labels = make([][]byte, n)
	for i := range n {
		if err := c.readFull(l.values[i][:]); err != nil {
			return nil, err
		}
		if err := c.readFull(c.buf[:1]); err != nil {
			return nil, err
		}
		size := int(c.buf[0])
		// Length byte and label are padded to a multiple of 8 bytes.
		p, err := c.bytes(int64((size+8)/8*8 - 1))
		if err != nil {
			return nil, err
		}
		l.labels[i] = p[:size]
	}

	c.begin("value label variables record")
	typ, err := c.int32()
	if err != nil {
		return nil, err
	}
	if typ != recLabelIndexes {
		return nil, c.fail(ErrFormat, "value label record followed by record type %d, want 4", typ)
	}
	n, err = c.count("variable count", 4)
	if err != nil {
		return nil, err
	}
	l.indexes = make([]int32, n)
	for i := range l.indexes {
		if l.indexes[i], err = c.int32(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func readExtension(c *cursor) (*rawExt, error) {
	e := &rawExt{off: c.off - 4}
	c.beginAt("extension record", e.off)
	var err error
	if e.subtype, err = c.int32(); err != nil {
		return nil, err
	}
	c.record = extName(e.subtype)
	if e.size, err = c.int32(); err != nil {
		return nil, err
	}
	if e.count, err = c.int32(); err != nil {
		return nil, err
	}
	if e.size < 0 || e.count < 0 {
		return nil, c.fail(ErrFormat, "negative element size %d or count %d", e.size, e.count)
	}
	n := int64(e.size) * int64(e.count)
	e.dataOff = c.off
	if _, known := extNames[e.subtype]; !known {
		return e, c.skip(n)
	}
	e.data, err = c.bytes(n)
	return e, err
}
