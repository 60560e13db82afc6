package sav

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by every *ParseError, for use with errors.Is.
var (
	// ErrFormat reports a file that breaks the system file format: a bad
	// magic number, an impossible count, a record that does not fit.
	ErrFormat = errors.New("malformed system file")

	// ErrTruncated reports a file that ends inside a record or a case.
	ErrTruncated = errors.New("unexpected end of file")

	// ErrUnsupported reports a valid file that uses a feature this package
	// does not read, such as VAX floating point or an unknown encoding.
	ErrUnsupported = errors.New("unsupported system file feature")
)

// A ParseError reports where a system file could not be read.
type ParseError struct {
	File   string // file name given to Open
	Record string // what was being read, e.g. "variable record 12" or "case 31"
	Offset int64  // byte offset in the file where the problem was found
	Err    error  // the problem; wraps ErrFormat, ErrTruncated or ErrUnsupported
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s: offset %d: %s: %v", e.File, e.Offset, e.Record, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// detail is a message that unwraps to one of the sentinel errors without
// repeating the sentinel's text.
type detail struct {
	kind error
	msg  string
	at   int64 // file offset of the problem if known, else -1
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.kind }

func errorf(kind error, format string, args ...any) error {
	return &detail{kind: kind, msg: fmt.Sprintf(format, args...), at: -1}
}
