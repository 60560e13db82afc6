package itembank

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// LoadCSV reads delimited text: one respondent per row after a header row
// naming the columns. The delimiter (comma, semicolon or tab) is detected
// from the header; a UTF-8 byte-order mark is skipped; quoted fields
// follow RFC 4180. Columns named like a bank item hold its answers; the
// other columns are listed in Responses.Ignored. name is used in messages.
func LoadCSV(r io.Reader, name string, bank *Bank, opt LoadOptions) (*Responses, error) {
	t, err := newCSVTable(r, name)
	if err != nil {
		return nil, err
	}
	return load(t, name, bank, opt)
}

type csvTable struct {
	name string
	r    *csv.Reader
	// bomCols is the byte length of a skipped byte-order mark, added to
	// column positions on line 1.
	bomCols int
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func newCSVTable(r io.Reader, name string) (*csvTable, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	t := &csvTable{name: name}
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3)
		t.bomCols = 3
	}
	delim, err := detectDelimiter(br)
	if err != nil {
		return nil, &ParseError{File: name, Line: 1, Err: err}
	}
	t.r = csv.NewReader(br)
	t.r.Comma = delim
	t.r.FieldsPerRecord = -1
	t.r.ReuseRecord = true
	return t, nil
}

// detectDelimiter picks the most frequent of comma, semicolon and tab in the
// first line, outside double quotes; comma when there is none.
func detectDelimiter(br *bufio.Reader) (rune, error) {
	var line []byte
	for size := 4 << 10; ; size *= 2 {
		b, err := br.Peek(size)
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line = b[:i]
			break
		}
		if err != nil { // the whole file is one line, or empty
			line = b
			break
		}
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return 0, ErrEmpty
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best), nil
}

func (t *csvTable) Header() ([]string, error) {
	rec, err := t.read()
	if err != nil {
		if err == io.EOF {
			return nil, &ParseError{File: t.name, Line: 1, Err: ErrEmpty}
		}
		return nil, err
	}
	return append([]string(nil), rec...), nil
}

func (t *csvTable) Next() ([]string, error) { return t.read() }

func (t *csvTable) read() ([]string, error) {
	rec, err := t.r.Read()
	if err == nil || err == io.EOF {
		return rec, err
	}
	var ce *csv.ParseError
	if errors.As(err, &ce) {
		return nil, &ParseError{File: t.name, Line: ce.Line, Column: ce.Column, Err: fmt.Errorf("%w: %v", ErrSyntax, ce.Err)}
	}
	return nil, &ParseError{File: t.name, Err: err}
}

func (t *csvTable) Pos(field int) *ParseError {
	line, col := t.r.FieldPos(field)
	if line == 1 {
		col += t.bomCols
	}
	return &ParseError{File: t.name, Line: line, Column: col}
}
