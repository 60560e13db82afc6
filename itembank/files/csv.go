package files

import (
	"io"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/internal/csvscan"
)

// LoadCSV reads delimited text: one respondent per row after a header row
// naming the columns. The delimiter (comma, semicolon or tab) is detected
// from the header; a UTF-8 byte-order mark is skipped; quoted fields
// follow RFC 4180 (a quote inside a quoted field is doubled; a quoted field
// may span lines); lines may end in LF or CRLF; empty lines are skipped.
// Columns named like a bank item hold its answers; the other columns are
// listed in Responses.Ignored. name is used in messages.
//
// The text is read in large blocks and scanned on a second goroutine while
// the answers are coded (package csvscan); a row that is one line without
// quotes is split and coded in one pass, without a string per cell.
func LoadCSV(r io.Reader, name string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	t, err := csvscan.New(r, name, opt.Progress)
	if err != nil {
		return nil, err
	}
	t.Borrow = true // cells are valid until the next row: load copies what it keeps
	// A second goroutine pays from about a megabyte of text on.
	lr, sized := r.(interface{ Len() int })
	t.Pipe = !sized || lr.Len() >= pipeFrom
	defer t.Stop()
	return load(t, name, bank, opt)
}

// rowsHint estimates how many rows t will give, so that the answers can be
// stored without growing; 0 when unknown or when rows are selected.
func rowsHint(t Table, opt LoadOptions) int {
	ct, ok := t.(*csvscan.Scanner)
	if !ok || len(opt.Where) > 0 {
		return 0
	}
	return ct.RowsLeft()
}

// pipeFrom is the input size from which a load is piped (a variable for
// the tests).
var pipeFrom = 1 << 20
