// Package csvscan is the fast scanner of delimited text that loading
// response files rests on: comma, semicolon or tab (detected from the
// header), a UTF-8 byte-order mark, RFC 4180 quoting, LF or CRLF line
// ends, empty lines skipped; with the positions and messages of
// encoding/csv, against which it is fuzzed.
//
// It allocates no string per cell. With Borrow set, the cells of a row
// point into the scanner's buffers (package unsafe) and are valid only
// until the next call of Next: a caller that keeps a cell must copy it
// (strings.Clone). This package is the only one in the project that uses
// unsafe.
package csvscan

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unsafe"

	"github.com/itemreduce/itemreduce/internal/parseerr"
)

// ParseError is the positioned error the scanner returns.
type ParseError = parseerr.Error

// A Scanner reads the records of delimited text (see the package doc).
type Scanner struct {
	name     string
	r        io.Reader
	progress func(int64)
	read     int64 // bytes read so far
	delim    byte

	buf       []byte // buf[pos:end] is read but not yet scanned
	pos, end  int
	eof       bool
	readErr   error
	line      int // line number of buf[pos]
	lineStart int // offset in buf of the first byte of the current line; may be < 0
	bomCols   int // byte length of a skipped byte-order mark, added to columns on line 1
	lastLine  int // inside a quoted field: length of the previous line, its line end as one byte

	rowsGuess int // estimated rows after the header, -1 until estimated
	// Borrow makes the cells of a row point into the scanner's buffer,
	// valid only until the next call of Next: no allocation per row at all.
	Borrow bool
	// Pipe scans the rows after the header on another goroutine (see
	// csvPipe), started by the first call of Next; Stop ends it.
	Pipe      bool
	pipe      *csvPipe
	row       []string
	fieldLine []int // per cell of row: line and 1-based byte column where it starts
	fieldCol  []int
	ends      []int // scratch: end of each cell in the record text
	text      []byte

	plain      []byte // the last record NextLine gave as a line; nil otherwise
	plainLine1 int    // its line number
	plainCol   int    // the column of its first byte
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

const csvBlock = 256 << 10

// MaxRecordBytes is the longest record the scanner reads (16 MiB): a row
// of a thousand answers takes some kilobytes, and a file that is one
// endless line (or a quote never closed) must not fill the memory.
const MaxRecordBytes = 16 << 20

// New starts scanning r, reading the header line to detect the delimiter;
// name is used in errors. progress, when not nil, is called with the number
// of bytes read by each read.
func New(r io.Reader, name string, progress func(int64)) (*Scanner, error) {
	t := &Scanner{name: name, r: r, progress: progress, buf: make([]byte, csvBlock), line: 1, rowsGuess: -1}
	// Fill until the first line is complete, to detect the delimiter.
	if _, err := t.lineEnd(); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(t.buf[t.pos:t.end], utf8BOM) {
		t.pos += 3
		t.lineStart = t.pos
		t.bomCols = 3
	}
	first := t.buf[t.pos:t.end]
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if len(bytes.TrimSpace(first)) == 0 {
		return nil, t.blankStart()
	}
	t.delim = detectDelimiter(first)
	return t, nil
}

// tooLong reports a record longer than MaxRecordBytes, from line on.
func (t *Scanner) tooLong(line int) error {
	return &ParseError{File: t.name, Line: line, Err: fmt.Errorf("%w: a row of more than %d MB (from line %d on): a response file has one respondent per line; is this one? (a quote never closed makes the rest of the file one cell)", parseerr.ErrSyntax, MaxRecordBytes>>20, line)}
}

// blankStart explains a first line that is blank: the file is empty
// (only blank lines), or the header comes after blank lines. The blank
// lines are read as they come, never held.
func (t *Scanner) blankStart() error {
	for {
		i, err := t.lineEnd()
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(t.buf[t.pos:t.pos+i])) > 0 {
			blank := "line 1 is blank"
			if t.line > 2 {
				blank = fmt.Sprintf("lines 1 to %d are blank", t.line-1)
			}
			return &ParseError{File: t.name, Line: 1, Err: fmt.Errorf("%w: %s; the header naming the columns must be the first line: remove the blank lines above line %d", parseerr.ErrSyntax, blank, t.line)}
		}
		if t.pos+i >= t.end {
			return &ParseError{File: t.name, Line: 1, Err: parseerr.ErrEmpty}
		}
		t.pos += i + 1
		t.line++
		t.lineStart = t.pos
	}
}

// detectDelimiter picks the most frequent of comma, semicolon and tab in the
// first line, outside double quotes; comma when there is none.
func detectDelimiter(line []byte) byte {
	var counts [256]int
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
	return best
}

// fill reads more input after buf[end]. When buf is full, the unscanned
// bytes move to its front; when they fill it, it grows.
func (t *Scanner) fill() error {
	if t.readErr != nil {
		return t.readErr
	}
	if t.end == len(t.buf) && t.pos > 0 {
		n := copy(t.buf, t.buf[t.pos:t.end])
		t.lineStart -= t.pos
		t.pos, t.end = 0, n
	}
	if t.end == len(t.buf) {
		if len(t.buf) >= MaxRecordBytes {
			t.readErr = t.tooLong(t.line)
			return t.readErr
		}
		t.buf = append(t.buf, make([]byte, len(t.buf))...)
	}
	n, err := io.ReadAtLeast(t.r, t.buf[t.end:], 1)
	t.end += n
	t.read += int64(n)
	if n > 0 && t.progress != nil {
		t.progress(int64(n))
	}
	switch err {
	case nil:
	case io.EOF, io.ErrUnexpectedEOF:
		t.eof = true
	default:
		t.readErr = &ParseError{File: t.name, Line: t.line, Err: err}
		return t.readErr
	}
	return nil
}

// Header returns the header row's cells (copies).
func (t *Scanner) Header() ([]string, error) {
	row, err := t.scanRecord()
	if err == io.EOF {
		return nil, &ParseError{File: t.name, Line: 1, Err: parseerr.ErrEmpty}
	}
	if err != nil {
		return nil, err
	}
	header := make([]string, len(row))
	for i, h := range row {
		header[i] = strings.Clone(h)
	}
	return header, nil
}

// Next returns the cells of the next record, or io.EOF after the last.
// The slice holding them is reused; with Borrow the cells themselves are
// valid only until the next call.
func (t *Scanner) Next() ([]string, error) {
	if t.Pipe && t.pipe == nil {
		t.startPipe()
	}
	if t.pipe != nil {
		return t.pipe.next()
	}
	t.plain = nil
	return t.scanRecord()
}

// NextLine returns the next record like Next, but a record that is one
// line without quotes (the usual case) as that line, without its line
// end, for the caller to split at the delimiter (Delimiter): line is then
// set and cells nil. Other records come as cells. Both are valid only
// until the next call; Pos gives positions in either. This spares a
// caller that parses the cells as it splits the line one pass over the
// text.
func (t *Scanner) NextLine() (line []byte, cells []string, err error) {
	if t.Pipe && t.pipe == nil {
		t.startPipe()
	}
	if t.pipe != nil {
		return t.pipe.nextLine()
	}
	t.plain = nil
	if err := t.skipEmpty(); err != nil {
		return nil, nil, err
	}
	if line, ok := t.plainLine(); ok {
		t.plain, t.plainLine1, t.plainCol = line[:len(line):len(line)], t.line, t.pos-t.lineStart+1
		t.skipLine(line)
		return t.plain, nil, nil
	}
	cells, err = t.record()
	return nil, cells, err
}

// Delimiter returns the delimiter detected from the header.
func (t *Scanner) Delimiter() byte { return t.delim }

// scanRecord reads the next record.
func (t *Scanner) scanRecord() ([]string, error) {
	if err := t.skipEmpty(); err != nil {
		return nil, err
	}
	return t.record()
}

// skipEmpty skips empty lines, and makes sure that the whole line a
// record starts on is in the buffer; io.EOF at the end of input.
func (t *Scanner) skipEmpty() error {
	for {
		i, err := t.lineEnd()
		if err != nil {
			return err
		}
		rest := t.buf[t.pos : t.pos+i]
		if len(rest) > 0 && (len(rest) > 1 || rest[0] != '\r') {
			return nil
		}
		if t.pos+i >= t.end { // end of input
			return io.EOF
		}
		t.pos += i + 1
		t.line++
		t.lineStart = t.pos
	}
}

// lineEnd reads until the line at buf[pos] is complete in the buffer, and
// returns the position of its '\n' after pos, or of the end of input.
// Each byte is searched once, however small the reads.
func (t *Scanner) lineEnd() (int, error) {
	searched := 0
	for {
		if i := bytes.IndexByte(t.buf[t.pos+searched:t.end], '\n'); i >= 0 {
			return searched + i, nil
		}
		searched = t.end - t.pos
		if t.eof {
			return searched, nil
		}
		if err := t.fill(); err != nil {
			return 0, err
		}
	}
}

// record scans one record starting at buf[pos]; the line it starts on is
// complete in the buffer.
func (t *Scanner) record() ([]string, error) {
	if row, ok := t.plainRecord(); ok {
		return row, nil
	}
	t.text = t.text[:0]
	t.ends = t.ends[:0]
	t.fieldLine = t.fieldLine[:0]
	t.fieldCol = t.fieldCol[:0]
	for {
		t.fieldLine = append(t.fieldLine, t.line)
		t.fieldCol = append(t.fieldCol, t.pos-t.lineStart+1)
		var done bool
		var err error
		if t.pos < t.end && t.buf[t.pos] == '"' {
			done, err = t.quotedField()
		} else {
			done, err = t.plainField()
		}
		if err != nil {
			return nil, err
		}
		t.ends = append(t.ends, len(t.text))
		if done {
			break
		}
	}
	s := t.str(t.text)
	t.row = t.row[:0]
	prev := 0
	for _, e := range t.ends {
		t.row = append(t.row, s[prev:e])
		prev = e
	}
	return t.row, nil
}

// plainLine returns the record at the scanner's position when it is one
// line without quotes (the usual case), without its line end, and whether
// it is one. skipLine then moves past it.
func (t *Scanner) plainLine() ([]byte, bool) {
	b := t.buf[t.pos:t.end]
	n := bytes.IndexByte(b, '\n')
	if n < 0 {
		n = len(b)
	}
	line := b[:n]
	if bytes.IndexByte(line, '"') >= 0 {
		return nil, false
	}
	if n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, true
}

// skipLine moves past the line at the scanner's position, whose text
// (without its line end) is line.
func (t *Scanner) skipLine(line []byte) {
	rest := t.buf[t.pos+len(line) : t.end]
	switch {
	case len(rest) > 0 && rest[0] == '\r' && len(rest) > 1 && rest[1] == '\n':
		t.pos += len(line) + 2
	case len(rest) > 0 && rest[0] == '\n':
		t.pos += len(line) + 1
	default: // the last line of the input, without a line end
		t.pos += len(rest) + len(line)
		return
	}
	t.line++
	t.lineStart = t.pos
}

// plainRecord reads a record that is one line without quotes, at the cost
// of one string: its cells are slices of the line.
func (t *Scanner) plainRecord() ([]string, bool) {
	line, ok := t.plainLine()
	if !ok {
		return nil, false
	}
	s := t.str(line)
	t.row = t.row[:0]
	t.fieldLine = t.fieldLine[:0]
	t.fieldCol = t.fieldCol[:0]
	col0 := t.pos - t.lineStart + 1
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == t.delim {
			t.row = append(t.row, s[start:i])
			t.fieldCol = append(t.fieldCol, col0+start)
			start = i + 1
		}
	}
	t.row = append(t.row, s[start:])
	t.fieldCol = append(t.fieldCol, col0+start)
	for range t.row {
		t.fieldLine = append(t.fieldLine, t.line)
	}
	t.skipLine(line)
	return t.row, true
}

// str returns b as a string: a copy, or when borrowing, b itself.
func (t *Scanner) str(b []byte) string {
	if t.Borrow && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

// plainField scans an unquoted cell up to the delimiter or the end of the
// line, and reports whether the record ended.
func (t *Scanner) plainField() (bool, error) {
	b := t.buf[t.pos:t.end]
	for i, c := range b {
		switch c {
		case t.delim:
			t.text = append(t.text, b[:i]...)
			t.pos += i + 1
			return false, nil
		case '\n':
			cell := b[:i]
			if len(cell) > 0 && cell[len(cell)-1] == '\r' {
				cell = cell[:len(cell)-1]
			}
			t.text = append(t.text, cell...)
			t.pos += i + 1
			t.line++
			t.lineStart = t.pos
			return true, nil
		case '"':
			return false, t.syntaxError(t.line, t.pos+i-t.lineStart+1, csv.ErrBareQuote)
		}
	}
	// The last line of the input, without a line end.
	cell := b
	if len(cell) > 0 && cell[len(cell)-1] == '\r' {
		cell = cell[:len(cell)-1]
	}
	t.text = append(t.text, cell...)
	t.pos = t.end
	return true, nil
}

// quotedField scans a quoted cell, reading more input when it spans lines,
// and reports whether the record ended after it.
func (t *Scanner) quotedField() (bool, error) {
	t.pos++ // opening quote
	for {
		b := t.buf[t.pos:t.end]
		i := bytes.IndexAny(b, "\"\n")
		if i < 0 || (b[i] == '"' && i+1 == len(b) && !t.eof) {
			// Need more input: the quoted text goes on past the buffer.
			if t.eof {
				rest := t.end - t.lineStart
				if rest > 0 && t.buf[t.end-1] == '\r' {
					rest-- // a CR at the end of input is dropped
				}
				if rest == 0 && t.lastLine > 0 {
					// Nothing after the last line end: encoding/csv places
					// the error after the previous line's text.
					return false, t.syntaxError(t.line-1, t.lastLine+1, csv.ErrQuote)
				}
				return false, t.syntaxError(t.line, rest+1, csv.ErrQuote)
			}
			if err := t.fill(); err != nil {
				return false, err
			}
			continue
		}
		if b[i] == '\n' {
			text := b[:i]
			if len(text) > 0 && text[len(text)-1] == '\r' {
				text = text[:len(text)-1] // a CRLF inside quotes reads as LF
			}
			t.text = append(t.text, text...)
			t.text = append(t.text, '\n')
			if len(t.text) > MaxRecordBytes {
				return false, t.tooLong(t.fieldLine[0])
			}
			t.lastLine = t.pos + len(text) + 1 - t.lineStart
			t.pos += i + 1
			t.line++
			t.lineStart = t.pos
			// Make sure the next line is complete too.
			if _, err := t.lineEnd(); err != nil {
				return false, err
			}
			continue
		}
		t.text = append(t.text, b[:i]...)
		t.pos += i + 1
		rest := t.buf[t.pos:t.end]
		switch {
		case len(rest) > 0 && rest[0] == '"':
			t.text = append(t.text, '"')
			t.pos++
		case len(rest) > 0 && rest[0] == t.delim:
			t.pos++
			return false, nil
		case len(rest) == 0:
			return true, nil
		case rest[0] == '\n':
			t.pos++
			t.line++
			t.lineStart = t.pos
			return true, nil
		case rest[0] == '\r' && (len(rest) == 1 || rest[1] == '\n'):
			t.pos += min(2, len(rest))
			t.line++
			t.lineStart = t.pos
			return true, nil
		default:
			return false, t.syntaxError(t.line, t.pos-t.lineStart, csv.ErrQuote)
		}
	}
}

// RowsLeft estimates the rows still to come from the input left and the
// length of the rows in the buffer; 0 when the input's length is unknown.
func (t *Scanner) RowsLeft() int {
	if t.rowsGuess >= 0 {
		return t.rowsGuess
	}
	t.rowsGuess = 0
	lr, ok := t.r.(interface{ Len() int })
	seen := t.buf[t.pos:t.end]
	lines := bytes.Count(seen, []byte{'\n'})
	if !ok || lines == 0 {
		return 0
	}
	avg := float64(bytes.LastIndexByte(seen, '\n')+1) / float64(lines)
	t.rowsGuess = int(float64(lr.Len()+len(seen))/avg*1.01) + 64
	return t.rowsGuess
}

func (t *Scanner) syntaxError(line, col int, err error) error {
	if line == 1 {
		col += t.bomCols
	}
	return &ParseError{File: t.name, Line: line, Column: col, Err: fmt.Errorf("%w: %v", parseerr.ErrSyntax, err)}
}

// Pos returns the position of a cell of the last record returned (or of
// the header before the first Next).
func (t *Scanner) Pos(field int) *ParseError {
	if t.pipe != nil {
		return t.pipe.pos(field)
	}
	if t.plain != nil {
		start, f := 0, 0
		for i, c := range t.plain {
			if f == field {
				break
			}
			if c == t.delim {
				start, f = i+1, f+1
			}
		}
		if f < field {
			return &ParseError{File: t.name, Line: t.plainLine1}
		}
		col := t.plainCol + start
		if t.plainLine1 == 1 {
			col += t.bomCols
		}
		return &ParseError{File: t.name, Line: t.plainLine1, Column: col}
	}
	if field >= len(t.fieldLine) {
		return &ParseError{File: t.name, Line: t.line}
	}
	line, col := t.fieldLine[field], t.fieldCol[field]
	if line == 1 {
		col += t.bomCols
	}
	return &ParseError{File: t.name, Line: line, Column: col}
}
