package sav

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
)

// cursor reads the header and dictionary sequentially, tracking the byte
// offset and the record being read so that errors can name both.
type cursor struct {
	r      io.ReaderAt
	br     *bufio.Reader
	name   string
	size   int64 // file size
	off    int64 // offset of the next byte
	order  binary.ByteOrder
	record string // description of the record being read
	start  int64  // offset where that record starts
	buf    [8]byte
}

func newCursor(r io.ReaderAt, size int64, name string) *cursor {
	return &cursor{
		r:     r,
		br:    bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 64<<10),
		name:  name,
		size:  size,
		order: binary.LittleEndian,
	}
}

// seek moves to offset off, which must be within the file.
func (c *cursor) seek(off int64) {
	c.br.Reset(io.NewSectionReader(c.r, off, c.size-off))
	c.off = off
}

// begin starts a new record at the current offset.
func (c *cursor) begin(record string) { c.beginAt(record, c.off) }

// beginAt starts a new record at offset start.
func (c *cursor) beginAt(record string, start int64) {
	c.record = record
	c.start = start
}

// fail returns a *ParseError at the start of the current record.
func (c *cursor) fail(kind error, format string, args ...any) error {
	return c.failAt(c.start, kind, format, args...)
}

// failHere returns a *ParseError at the current offset.
func (c *cursor) failHere(kind error, format string, args ...any) error {
	return c.failAt(c.off, kind, format, args...)
}

func (c *cursor) failAt(off int64, kind error, format string, args ...any) error {
	return &ParseError{File: c.name, Record: c.record, Offset: off, Err: errorf(kind, format, args...)}
}

func (c *cursor) remaining() int64 { return c.size - c.off }

// need fails unless n more bytes are left in the file. It guards every
// allocation whose size comes from the file.
func (c *cursor) need(n int64) error {
	if n < 0 || n > c.remaining() {
		return c.failHere(ErrTruncated, "unexpected end of file: need %d bytes, %d left", n, c.remaining())
	}
	return nil
}

func (c *cursor) readFull(p []byte) error {
	if err := c.need(int64(len(p))); err != nil {
		return err
	}
	n, err := io.ReadFull(c.br, p)
	c.off += int64(n)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return c.failHere(ErrTruncated, "unexpected end of file")
		}
		return c.failHere(ErrFormat, "read: %v", err)
	}
	return nil
}

// bytes reads n bytes into a new slice.
func (c *cursor) bytes(n int64) ([]byte, error) {
	if err := c.need(n); err != nil {
		return nil, err
	}
	p := make([]byte, n)
	return p, c.readFull(p)
}

func (c *cursor) skip(n int64) error {
	if err := c.need(n); err != nil {
		return err
	}
	m, err := c.br.Discard(int(n))
	c.off += int64(m)
	if err != nil {
		return c.failHere(ErrTruncated, "unexpected end of file")
	}
	return nil
}

func (c *cursor) int32() (int32, error) {
	if err := c.readFull(c.buf[:4]); err != nil {
		return 0, err
	}
	return int32(c.order.Uint32(c.buf[:4])), nil
}

func (c *cursor) int64() (int64, error) {
	if err := c.readFull(c.buf[:8]); err != nil {
		return 0, err
	}
	return int64(c.order.Uint64(c.buf[:8])), nil
}

// count reads an int32 count of elements of elemSize bytes each and checks
// that they fit in the rest of the file.
func (c *cursor) count(what string, elemSize int64) (int, error) {
	n, err := c.int32()
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, c.failAt(c.off-4, ErrFormat, "negative %s %d", what, n)
	}
	if int64(n)*elemSize > c.remaining() {
		return 0, c.failAt(c.off-4, ErrTruncated, "%s %d needs %d bytes, %d left in file",
			what, n, int64(n)*elemSize, c.remaining())
	}
	return int(n), nil
}
