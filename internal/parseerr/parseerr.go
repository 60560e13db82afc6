// Package parseerr holds the one positioned error type that every loader
// of the project returns, so that the YAML plumbing (internal/yamlfile),
// the item bank and the file formats report problems the same way. Users
// meet it as itembank.ParseError.
package parseerr

import (
	"errors"
	"fmt"
)

// Sentinel errors that more than one loader wraps.
var (
	ErrEmpty  = errors.New("file is empty")
	ErrSyntax = errors.New("syntax error")
)

// An Error reports where in which input a problem was found.
//
// Line and Column are 1-based; zero means unknown. Sheet is set for
// workbooks; Record and Offset for binary formats (an SPSS file), where
// the position is a byte offset and the part of the file being read.
type Error struct {
	File   string // name of the input, as given by the caller
	Line   int    // line (text formats), row (workbooks) or case (SPSS)
	Column int    // column: a byte position in text formats, a cell column in workbooks
	Sheet  string // worksheet, for workbooks
	Record string // binary formats: what was being read, e.g. "variable record 12"
	Offset int64  // binary formats: byte offset of the problem, with Record
	Item   string // item id or variable name the problem concerns, if any
	Err    error
}

// Error prints file[:sheet][:line[:col]][: offset N: record]: [item X: ]msg.
func (e *Error) Error() string {
	pos := e.File
	if e.Sheet != "" {
		pos += ":" + e.Sheet
	}
	if e.Line > 0 {
		pos += fmt.Sprintf(":%d", e.Line)
		if e.Column > 0 {
			pos += fmt.Sprintf(":%d", e.Column)
		}
	}
	if e.Record != "" {
		pos += fmt.Sprintf(": offset %d: %s", e.Offset, e.Record)
	}
	if e.Item != "" {
		return fmt.Sprintf("%s: item %s: %v", pos, e.Item, e.Err)
	}
	return fmt.Sprintf("%s: %v", pos, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }
