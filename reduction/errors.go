package reduction

import (
	"errors"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
)

// Sentinel errors of the review, proposal and rules files, wrapped by
// *itembank.ParseError for use with errors.Is.
var (
	ErrUnknownKey  = yamlfile.ErrUnknownKey
	ErrBadValue    = yamlfile.ErrBadValue
	ErrDuplicateID = errors.New("item listed twice")
	ErrUnknownItem = errors.New("not an item of the bank")
	ErrNoReason    = errors.New("decision differs from the suggestion but gives no reason")
	ErrEmptyList   = errors.New("lists no items")
	ErrBothLists   = errors.New("has both keep and drop")
)

// nodeReader reads the project's hand-edited files node by node.
type nodeReader struct{ yamlfile.Reader }
