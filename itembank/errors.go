package itembank

import (
	"errors"

	"github.com/itemreduce/itemreduce/internal/parseerr"
)

// Sentinel errors wrapped by *ParseError, for use with errors.Is.
var (
	ErrEmpty           = parseerr.ErrEmpty
	ErrFieldCount      = errors.New("wrong number of fields")
	ErrDuplicateColumn = errors.New("duplicate column")
	ErrNotNumeric      = errors.New("answer is not a number")
	ErrOutOfScale      = errors.New("answer outside its scale")
	ErrTooManyLevels   = errors.New("too many distinct answers")
	ErrDuplicateItem   = errors.New("duplicate item id")
	ErrUnknownScale    = errors.New("unknown scale")
	ErrBadScale        = errors.New("invalid scale")
	ErrBadItem         = errors.New("invalid item")
	ErrBadLanguage     = errors.New("invalid language")
	ErrSyntax          = parseerr.ErrSyntax
	ErrNoItems         = errors.New("no items")
)

// A ParseError reports where in which input a problem was found, and
// prints as file[:sheet][:line[:col]]: [item X: ]message. Line and Column
// are 1-based, zero meaning unknown; Sheet is set for workbooks, Record
// and Offset for SPSS files. Every loader of the project returns it,
// wrapping the sentinel errors above.
type ParseError = parseerr.Error
