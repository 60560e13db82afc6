package itembank

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by *ParseError, for use with errors.Is.
var (
	ErrEmpty           = errors.New("file is empty")
	ErrFieldCount      = errors.New("wrong number of fields")
	ErrDuplicateColumn = errors.New("duplicate column")
	ErrNotNumeric      = errors.New("answer is not a number")
	ErrOutOfScale      = errors.New("answer outside its scale")
	ErrTooManyLevels   = errors.New("too many distinct answers")
	ErrDuplicateItem   = errors.New("duplicate item id")
	ErrUnknownScale    = errors.New("unknown scale")
	ErrBadScale        = errors.New("invalid scale")
	ErrBadItem         = errors.New("invalid item")
	ErrSyntax          = errors.New("syntax error")
	ErrNoItems         = errors.New("no items")
)

// A ParseError reports where in which input a problem was found.
// Line and Column are 1-based; zero means unknown. Sheet and Variable are
// set by loaders for formats that have them (workbooks, SPSS files).
type ParseError struct {
	File   string // name of the input, as given by the caller
	Line   int    // line (text formats) or row (workbooks)
	Column int    // column: a byte position in text formats, a cell column in workbooks
	Sheet  string // worksheet, for workbooks
	Item   string // item id or variable name the problem concerns, if any
	Err    error
}

func (e *ParseError) Error() string {
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
	if e.Item != "" {
		return fmt.Sprintf("%s: item %s: %v", pos, e.Item, e.Err)
	}
	return fmt.Sprintf("%s: %v", pos, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
