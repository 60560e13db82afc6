package sav

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"math"
	"testing"
)

// sysfile builds small system files for tests, record by record, in
// either byte order. Field layouts follow the system file format chapter
// of the PSPP developers guide.
type sysfile struct {
	order binary.ByteOrder
	buf   bytes.Buffer
}

func newSysfile(order binary.ByteOrder) *sysfile { return &sysfile{order: order} }

func (s *sysfile) i32(xs ...int32) *sysfile {
	for _, x := range xs {
		var b [4]byte
		s.order.PutUint32(b[:], uint32(x))
		s.buf.Write(b[:])
	}
	return s
}

func (s *sysfile) i64(xs ...int64) *sysfile {
	for _, x := range xs {
		var b [8]byte
		s.order.PutUint64(b[:], uint64(x))
		s.buf.Write(b[:])
	}
	return s
}

func (s *sysfile) f64(xs ...float64) *sysfile {
	for _, x := range xs {
		s.i64(int64(math.Float64bits(x)))
	}
	return s
}

func (s *sysfile) raw(p ...byte) *sysfile { s.buf.Write(p); return s }

// str writes x padded with spaces to n bytes.
func (s *sysfile) str(n int, x string) *sysfile {
	s.buf.WriteString(x)
	for range n - len(x) {
		s.buf.WriteByte(' ')
	}
	return s
}

func (s *sysfile) header(magic string, compression, weight, ncases int32) *sysfile {
	s.str(4, magic).str(60, "@(#) SPSS DATA FILE test builder")
	s.i32(2, -1, compression, weight, ncases).f64(100)
	return s.str(9, "01 Jan 24").str(8, "12:00:00").str(64, "builder").raw(0, 0, 0)
}

// numVar writes a numeric variable record with discrete missing values.
func (s *sysfile) numVar(name string, missing ...float64) *sysfile {
	s.i32(2, 0, 0, int32(len(missing)), 0x050802, 0x050802).str(8, name)
	return s.f64(missing...)
}

// strVar writes a string variable record and its continuation records.
func (s *sysfile) strVar(name string, width int) *sysfile {
	f := int32(0x010000 | width<<8)
	s.i32(2, int32(width), 0, 0, f, f).str(8, name)
	for range (width+7)/8 - 1 {
		s.i32(2, -1, 0, 0, 0, 0).str(8, "")
	}
	return s
}

func (s *sysfile) ext(subtype, size, count int32, data []byte) *sysfile {
	s.i32(7, subtype, size, count)
	s.buf.Write(data)
	return s
}

// text writes an extension record of bytes.
func (s *sysfile) text(subtype int32, text string) *sysfile {
	return s.ext(subtype, 1, int32(len(text)), []byte(text))
}

func (s *sysfile) encoding(name string) *sysfile { return s.text(extEncoding, name) }

// integerInfo writes the machine integer info record.
func (s *sysfile) integerInfo(charCode int32) *sysfile {
	end := int32(2)
	if s.order == binary.BigEndian {
		end = 1
	}
	s.i32(7, extIntegerInfo, 4, 8)
	return s.i32(1, 0, 0, -1, 1, 1, end, charCode)
}

func (s *sysfile) end() *sysfile { return s.i32(999, 0) }

func (s *sysfile) bytes() []byte { return bytes.Clone(s.buf.Bytes()) }

func (s *sysfile) open(t *testing.T) *Reader {
	t.Helper()
	b := s.bytes()
	r, err := Open(bytes.NewReader(b), int64(len(b)), "test.sav")
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return r
}

// zlibData appends the ZLIB data header, the bytecode stream deflated in
// blocks of blockSize inflated bytes, and the trailer.
func (s *sysfile) zlibData(stream []byte, blockSize int) *sysfile {
	type block struct {
		usize int
		z     []byte
	}
	var blocks []block
	var total int64
	for len(stream) > 0 {
		n := min(blockSize, len(stream))
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(stream[:n])
		w.Close()
		blocks = append(blocks, block{n, z.Bytes()})
		total += int64(z.Len())
		stream = stream[n:]
	}
	zheader := int64(s.buf.Len())
	s.i64(zheader, zheader+24+total, 24+24*int64(len(blocks)))
	for _, b := range blocks {
		s.buf.Write(b.z)
	}
	s.i64(-100, 0).i32(int32(blockSize), int32(len(blocks)))
	uofs, cofs := zheader, zheader+24
	for _, b := range blocks {
		s.i64(uofs, cofs).i32(int32(b.usize), int32(len(b.z)))
		uofs += int64(b.usize)
		cofs += int64(len(b.z))
	}
	return s
}

// varRecord writes a numeric variable record with a label and a raw
// missing value code and values.
func (s *sysfile) varRecord(name, label string, nMissing int32, missing ...float64) *sysfile {
	hasLabel := int32(0)
	if label != "" {
		hasLabel = 1
	}
	s.i32(2, 0, hasLabel, nMissing, 0x050802, 0x050802).str(8, name)
	if label != "" {
		s.i32(int32(len(label))).str((len(label)+3)/4*4, label)
	}
	return s.f64(missing...)
}

// valueLabels writes a value label record for numeric values and its
// variable index record.
func (s *sysfile) valueLabels(values []float64, labels []string, indexes ...int32) *sysfile {
	s.i32(3, int32(len(values)))
	for i, x := range values {
		s.f64(x).raw(byte(len(labels[i]))).str((len(labels[i])+8)/8*8-1, labels[i])
	}
	return s.i32(4, int32(len(indexes))).i32(indexes...)
}

// sysmisCell stands for the system-missing value in a case given to
// bytecode or uncompressed.
var sysmisCell = math.Inf(-1)

// cells turns a case of float64 and string values (strings padded to a
// multiple of 8 bytes) into 8-byte slots.
func (s *sysfile) cells(c []any) [][]byte {
	var out [][]byte
	for _, x := range c {
		switch x := x.(type) {
		case float64:
			if x == sysmisCell {
				x = -math.MaxFloat64
			}
			var b [8]byte
			s.order.PutUint64(b[:], math.Float64bits(x))
			out = append(out, b[:])
		case string:
			for i := 0; i < len(x); i += 8 {
				out = append(out, []byte(x[i:i+8]))
			}
		}
	}
	return out
}

// uncompressed appends cases as uncompressed data.
func (s *sysfile) uncompressed(cases ...[]any) *sysfile {
	for _, c := range cases {
		for _, cell := range s.cells(c) {
			s.buf.Write(cell)
		}
	}
	return s
}

// bytecode compresses cases with bias 100 the way the format describes,
// ending with code 252 if end is set. Control blocks run across cases.
func (s *sysfile) bytecode(end bool, cases ...[]any) []byte {
	var out, codes, raw []byte
	flush := func() {
		for len(codes) < 8 {
			codes = append(codes, 0)
		}
		out = append(append(out, codes...), raw...)
		codes, raw = nil, nil
	}
	emit := func(code byte, value []byte) {
		codes = append(codes, code)
		raw = append(raw, value...)
		if len(codes) == 8 {
			flush()
		}
	}
	for _, c := range cases {
		for _, x := range c {
			for _, cell := range s.cells([]any{x}) {
				switch x := x.(type) {
				case float64:
					switch {
					case x == sysmisCell:
						emit(255, nil)
					case x == math.Trunc(x) && x >= -99 && x <= 151:
						emit(byte(x+100), nil)
					default:
						emit(253, cell)
					}
				case string:
					if string(cell) == "        " {
						emit(254, nil)
					} else {
						emit(253, cell)
					}
				}
			}
		}
	}
	if end {
		emit(252, nil)
	}
	if len(codes) > 0 {
		flush()
	}
	return out
}
