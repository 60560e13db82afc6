package sav

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
)

// Compression codes of the bytecode stream. Codes 1-251 stand for the
// number code - bias.
const (
	codePad    = 0   // ignored
	codeEnd    = 252 // end of data
	codeRaw    = 253 // an uncompressed 8-byte value follows the control block
	codeSpaces = 254 // eight spaces
	codeSysMis = 255 // system-missing
)

// bytecode decompresses the bytecode stream: 8-byte control blocks, each
// followed by the raw values its 253 codes refer to. A control block
// carries over from one case to the next.
type bytecode struct {
	r      io.Reader
	start  int64 // file offset of the stream (zlib: its inflated offset)
	bias   float64
	sysmis []byte // the file's system-missing value as stored
	spaces []byte
	order  binary.ByteOrder

	ctrl  [8]byte
	next  int   // index of the next code in ctrl; 8 when used up
	pos   int64 // bytes of the stream consumed
	last  int64 // pos at the start of the last case
	ended bool  // code 252 seen

	// locate maps an offset in the stream to the file offset to report;
	// for zlib data the stream is the inflated data.
	locate func(int64) int64
}

func newBytecode(r io.Reader, start int64, bias float64, f *File) *bytecode {
	b := &bytecode{r: r, start: start, bias: bias, order: f.ByteOrder, next: 8,
		sysmis: make([]byte, 8), spaces: []byte("        ")}
	b.order.PutUint64(b.sysmis, math.Float64bits(f.SysMis))
	return b
}

func (b *bytecode) offset() int64 {
	if b.locate != nil {
		return b.locate(b.start + b.last)
	}
	return b.start + b.last
}

func (b *bytecode) read8(p []byte, inCase bool) error {
	n, err := io.ReadFull(b.r, p)
	b.pos += int64(n)
	switch {
	case err == nil:
		return nil
	case err == io.EOF && !inCase:
		return io.EOF
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(ErrTruncated, "compressed data ends inside a case")
	}
	var d *detail
	if errors.As(err, &d) {
		return err
	}
	return errorf(ErrFormat, "read: %v", err)
}

func (b *bytecode) readCase(buf []byte, numeric []bool) error {
	b.last = b.pos
	if b.ended {
		return io.EOF
	}
	for slot := 0; slot < len(numeric); {
		if b.next == 8 {
			if err := b.read8(b.ctrl[:], slot > 0); err != nil {
				return err
			}
			b.next = 0
		}
		code := b.ctrl[b.next]
		b.next++
		dst := buf[8*slot : 8*slot+8]
		switch code {
		case codePad:
			continue
		case codeEnd:
			if slot > 0 {
				return errorf(ErrTruncated, "end-of-data code inside a case, at variable slot %d", slot+1)
			}
			b.ended = true
			return io.EOF
		case codeRaw:
			if err := b.read8(dst, true); err != nil {
				return err
			}
		case codeSpaces:
			if numeric[slot] {
				return errorf(ErrFormat, "code 254 (spaces) for a numeric value, slot %d", slot+1)
			}
			copy(dst, b.spaces)
		case codeSysMis:
			if !numeric[slot] {
				return errorf(ErrFormat, "code 255 (system-missing) for a string value, slot %d", slot+1)
			}
			copy(dst, b.sysmis)
		default:
			// A number; in a string slot this stands for the 8 bytes of
			// that number, which PSPP documents as seen in real files.
			b.order.PutUint64(dst, math.Float64bits(float64(code)-b.bias))
		}
		slot++
	}
	return nil
}
