package sav

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// layout says where a variable's data lies in a case: its first 8-byte
// slot and, for strings, each segment's first slot and width. Read uses
// only the layouts, so a caller changing a Variable cannot upset it.
type layout struct {
	slot  int
	width int // 0 numeric, else the string width
	segs  []segment
}

type segment struct {
	slot, width int
}

// Reader reads a system file: Open reads the dictionary, Read the cases.
type Reader struct {
	file    *File
	layouts []layout // of file.Variables, in order
	sysmis  float64
	order   binary.ByteOrder
	name    string
	ncases  int64 // -1 if unknown
	src     caseSource
	numeric []bool // per 8-byte slot: part of a numeric variable
	buf     []byte // the current case, 8 bytes per slot
	scratch []byte // a very long string being put together
	dec     *textDecoder
	cases   int64 // cases read so far
	err     error // sticky error or io.EOF
}

// caseSource delivers the raw 8-byte slots of each case.
type caseSource interface {
	// readCase fills buf with the next case. It returns io.EOF if the data
	// ends cleanly before the case, or an error from errorf.
	readCase(buf []byte, numeric []bool) error
	// offset is the file offset to report for an error in the last case.
	offset() int64
}

// Open reads the file header and dictionary. name is only used in error
// messages. The ReaderAt must stay open while cases are read.
func Open(r io.ReaderAt, size int64, name string) (*Reader, error) {
	c := newCursor(r, size, name)
	h, err := readHeader(c)
	if err != nil {
		return nil, err
	}
	d, err := readDictionary(c)
	if err != nil {
		return nil, err
	}
	f, dec, err := assemble(c, h, d)
	if err != nil {
		return nil, err
	}
	rd := &Reader{
		file:    f,
		numeric: make([]bool, len(d.vars)),
		buf:     make([]byte, 8*len(d.vars)),
		dec:     dec,
		sysmis:  f.SysMis,
		order:   f.ByteOrder,
		name:    f.Name,
		ncases:  f.CaseCount,
	}
	for _, v := range f.Variables {
		v.layout.width = v.Width
		rd.layouts = append(rd.layouts, v.layout)
		if v.Width == 0 {
			rd.numeric[v.layout.slot] = true
		}
	}
	switch f.Compression {
	case Uncompressed:
		rd.src = newRawSource(r, d.end, size)
	case Bytecode:
		rd.src = newBytecode(bufio.NewReader(io.NewSectionReader(r, d.end, size-d.end)), d.end, h.bias, f)
	case Zlib:
		z, err := openZlib(c, r, d.end, h.bias)
		if err != nil {
			return nil, err
		}
		bc := newBytecode(bufio.NewReader(z), d.end, h.bias, f)
		bc.locate = z.locate
		rd.src = bc
	}
	return rd, nil
}

// File returns the dictionary.
func (r *Reader) File() *File { return r.file }

// Read returns the next case, one Value per variable in File().Variables
// as Open returned them.
// It returns io.EOF after the last case. After an error, Read keeps
// returning that error.
func (r *Reader) Read() ([]Value, error) {
	if r.err != nil {
		return nil, r.err
	}
	if len(r.buf) == 0 || (r.ncases >= 0 && r.cases >= r.ncases) {
		r.err = io.EOF
		return nil, r.err
	}
	if err := r.src.readCase(r.buf, r.numeric); err != nil {
		if err == io.EOF && r.ncases >= 0 {
			err = errorf(ErrTruncated, "data ends after %d of %d cases", r.cases, r.ncases)
		}
		if err != io.EOF {
			off := r.src.offset()
			if d, ok := err.(*detail); ok && d.at >= 0 {
				off = d.at
			}
			err = &ParseError{
				File:   r.name,
				Record: fmt.Sprintf("case %d", r.cases+1),
				Offset: off,
				Err:    err,
			}
		}
		r.err = err
		return nil, err
	}
	r.cases++
	return r.values(), nil
}

// values decodes the current case.
func (r *Reader) values() []Value {
	out := make([]Value, len(r.layouts))
	for i, l := range r.layouts {
		pos := 8 * l.slot
		if l.width == 0 {
			x := math.Float64frombits(r.order.Uint64(r.buf[pos:]))
			// A stored NaN or infinity is no answer either: SPSS cannot
			// compute with it, and PSPP and haven read it as missing.
			if x == r.sysmis || math.IsNaN(x) || math.IsInf(x, 0) {
				out[i] = Value{Num: math.NaN(), SysMissing: true}
			} else {
				out[i] = Value{Num: x}
			}
			continue
		}
		if len(l.segs) == 1 {
			out[i] = Value{Str: r.dec.trimmed(r.buf[pos : pos+l.width])}
			continue
		}
		// A very long string: the first 255 bytes of each segment but the
		// last (which has its own width), cut to the variable's width.
		s := r.scratch[:0]
		for _, seg := range l.segs {
			s = append(s, r.buf[8*seg.slot:8*seg.slot+seg.width]...)
		}
		r.scratch = s
		s = s[:min(len(s), l.width)]
		// PSPP and haven end a very long string at its first NUL byte.
		if k := bytes.IndexByte(s, 0); k >= 0 {
			s = s[:k]
		}
		out[i] = Value{Str: r.dec.trimmed(s)}
	}
	return out
}

// rawSource reads uncompressed cases.
type rawSource struct {
	br    *bufio.Reader
	start int64 // file offset of the data
	pos   int64 // bytes read
	last  int64 // pos at the start of the last case
}

func newRawSource(r io.ReaderAt, start, size int64) *rawSource {
	return &rawSource{br: bufio.NewReader(io.NewSectionReader(r, start, size-start)), start: start}
}

func (s *rawSource) readCase(buf []byte, _ []bool) error {
	s.last = s.pos
	n, err := io.ReadFull(s.br, buf)
	s.pos += int64(n)
	switch {
	case err == io.EOF:
		return io.EOF
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(ErrTruncated, "data ends %d bytes into a %d-byte case", n, len(buf))
	case err != nil:
		return errorf(ErrFormat, "read: %v", err)
	}
	return nil
}

func (s *rawSource) offset() int64 { return s.start + s.last }

// ReadAll reads the remaining cases.
func (r *Reader) ReadAll() ([][]Value, error) {
	var cases [][]Value
	for {
		c, err := r.Read()
		if err == io.EOF {
			return cases, nil
		}
		if err != nil {
			return cases, err
		}
		cases = append(cases, c)
	}
}
