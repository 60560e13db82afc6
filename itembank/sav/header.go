package sav

import (
	"bytes"
	"encoding/binary"
	"math"
)

const headerSize = 176

// header is the file header record.
type header struct {
	magic       string // "$FL2", or "$FL3" for zlib compression
	product     []byte
	layout      int32
	compression int32
	weightIndex int32 // 1-based dictionary index, 0 if unweighted
	ncases      int32
	bias        float64
	date, time  []byte
	label       []byte
}

// readHeader reads the file header and sets c.order from its layout code.
func readHeader(c *cursor) (*header, error) {
	c.begin("file header")
	p := make([]byte, headerSize)
	if err := c.readFull(p); err != nil {
		return nil, err
	}
	h := &header{magic: string(p[:4])}
	if h.magic != "$FL2" && h.magic != "$FL3" {
		return nil, c.fail(ErrFormat, "not an SPSS system file: magic %q, want \"$FL2\" or \"$FL3\"", p[:4])
	}

	// The layout code is 2 or 3 in the writer's byte order; that order is
	// used for every integer and floating-point number in the file.
	switch layout := p[64:68]; {
	case isLayoutCode(binary.LittleEndian.Uint32(layout)):
		c.order = binary.LittleEndian
	case isLayoutCode(binary.BigEndian.Uint32(layout)):
		c.order = binary.BigEndian
	default:
		return nil, c.failAt(64, ErrFormat, "layout code %d is neither 2 nor 3 in either byte order",
			binary.LittleEndian.Uint32(layout))
	}
	o := c.order
	h.product = p[4:64]
	h.layout = int32(o.Uint32(p[64:]))
	// p[68:72] is the nominal case size, which writers do not always get
	// right; the variable records are counted instead.
	h.compression = int32(o.Uint32(p[72:]))
	h.weightIndex = int32(o.Uint32(p[76:]))
	h.ncases = int32(o.Uint32(p[80:]))
	h.bias = math.Float64frombits(o.Uint64(p[84:]))
	h.date = p[92:101]
	h.time = p[101:109]
	h.label = p[109:173]

	switch {
	case h.compression < 0 || h.compression > 2:
		return nil, c.failAt(72, ErrUnsupported, "unknown compression code %d", h.compression)
	case h.magic == "$FL3" && h.compression != 2:
		return nil, c.failAt(72, ErrFormat, "zlib file (\"$FL3\") with compression code %d, want 2", h.compression)
	case h.magic == "$FL2" && h.compression == 2:
		return nil, c.failAt(72, ErrFormat, "compression code 2 (zlib) needs magic \"$FL3\", not \"$FL2\"")
	case h.ncases < -1:
		return nil, c.failAt(80, ErrFormat, "negative case count %d", h.ncases)
	case h.weightIndex < 0:
		return nil, c.failAt(76, ErrFormat, "negative weight variable index %d", h.weightIndex)
	case h.compression != 0 && (math.IsNaN(h.bias) || math.IsInf(h.bias, 0)):
		return nil, c.failAt(84, ErrFormat, "compression bias %v is not a number", h.bias)
	}
	return h, nil
}

func isLayoutCode(x uint32) bool { return x == 2 || x == 3 }

// productName strips the "@(#) SPSS DATA FILE" prefix every writer puts
// before its own name.
func productName(p []byte) []byte {
	p = bytes.TrimRight(p, " \x00")
	p = bytes.TrimPrefix(p, []byte("@(#) SPSS DATA FILE"))
	return bytes.TrimLeft(p, " ")
}
