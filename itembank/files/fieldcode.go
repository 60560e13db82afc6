package files

import (
	"bytes"

	"github.com/itemreduce/itemreduce/itembank"
)

// A fieldCoder codes the cells of one field of the rows. A field that is
// no bank item has no parser and is skipped. The codes of the one-digit
// cells seen before (most answers on a rating scale) are kept in the
// coder itself, next to the coders of the neighbouring fields, so that
// such a cell costs one look-up in memory that coding the row touches
// anyway.
type fieldCoder struct {
	digit [10]uint8 // per digit 0-9: its cell's code + 1; 0 when not seen yet
	p     *cellParser
}

func newFieldCoders(cols []*cellParser) []fieldCoder {
	fc := make([]fieldCoder, len(cols))
	for f, p := range cols {
		fc[f].p = p
	}
	return fc
}

// code returns the code of cell, the field's cell of a row.
func (fc *fieldCoder) code(cell []byte) (uint8, error) {
	k, err := fc.p.parseBytes(cell)
	if err != nil {
		return 0, err
	}
	if len(cell) == 1 && k < itembank.MaxLevels {
		if d := cell[0] - '0'; d < 10 {
			fc.digit[d] = k + 1
		}
	}
	return k, nil
}

// A rowStage holds the codes of the last few rows coded, a row after the
// other with a code per field, until they are written into the columns of
// the block. A row's codes are one run of memory, where writing them into
// the columns directly would touch a cache line per column at every row;
// with many items, those lines do not all stay in the processor's level-1
// cache from one row to the next, and coding was several times slower.
type rowStage struct {
	nf    int       // fields per row
	used  []int     // the fields of item columns
	buf   []uint8   // stageRows rows of nf codes
	n     int       // rows staged
	codes [][]uint8 // per used field: the codes of its column in the block
	next  int       // the block row of the first row staged
}

// stageRows is the number of rows a rowStage holds: 32 rows of 1,000
// fields take 32 KB, a level-1 cache.
const stageRows = 32

func newRowStage(nf int, used []int) *rowStage {
	return &rowStage{nf: nf, used: used, buf: make([]uint8, stageRows*nf), codes: make([][]uint8, len(used))}
}

// into starts writing into the columns of a block of up to rows rows:
// cols[u] is the column of field used[u].
func (s *rowStage) into(cols []*itembank.Column, rows int) {
	for u, c := range cols {
		if cap(c.Codes) < rows {
			c.Codes = make([]uint8, 0, rows)
		}
		s.codes[u] = c.Codes[:rows]
	}
	s.n, s.next = 0, 0
}

// row returns the codes of the row to code next, one per field.
func (s *rowStage) row() []uint8 { return s.buf[s.n*s.nf : (s.n+1)*s.nf] }

// keep keeps the row just coded.
func (s *rowStage) keep() {
	s.n++
	if s.n == stageRows {
		s.flush()
	}
}

// flush writes the rows staged into the columns.
func (s *rowStage) flush() {
	for u, f := range s.used {
		out := s.codes[u][s.next : s.next+s.n]
		for r := range out {
			out[r] = s.buf[r*s.nf+f]
		}
	}
	s.next += s.n
	s.n = 0
}

// codeRow codes the answers of a row kept into codes, one per field;
// errSkip when the selection leaves the row out.
func codeRow(row []string, fields []fieldCoder, used []int, codes []uint8, header []string, where whereSet, waves *waveCheck, t Table) error {
	if len(row) != len(header) {
		return fieldCount(t, len(row), len(header))
	}
	if !where.match(row) {
		return errSkip
	}
	if waves != nil {
		waves.add(row)
	}
	for _, f := range used {
		fc := &fields[f]
		code, err := fc.p.parse(row[f])
		if err != nil {
			return cellError(t, f, fc.p, err)
		}
		codes[f] = code
	}
	return nil
}

// codeLine is codeRow for a row that is one line of text without quotes
// and no selection: the cells are parsed as the line is split. Most cells
// are one byte, or empty, and are told apart without a search for the
// next delimiter.
func codeLine(line []byte, delim byte, fields []fieldCoder, codes []uint8, t Table) error {
	n := len(line)
	f, start := 0, 0
	for {
		// The cell is line[start:end].
		var end int
		switch {
		case start == n || line[start] == delim:
			end = start
		case start+1 == n || line[start+1] == delim:
			end = start + 1
		default:
			if i := bytes.IndexByte(line[start:], delim); i >= 0 {
				end = start + i
			} else {
				end = n
			}
		}
		if f < len(fields) {
			if fc := &fields[f]; fc.p != nil {
				switch {
				case end == start:
					codes[f] = 0
				case end == start+1 && line[start]-'0' < 10 && fc.digit[line[start]-'0'] != 0:
					codes[f] = fc.digit[line[start]-'0'] - 1
				default:
					k, err := fc.code(line[start:end])
					if err != nil {
						if got := bytes.Count(line, []byte{delim}) + 1; got != len(fields) {
							return fieldCount(t, got, len(fields)) // as codeRow says first
						}
						return cellError(t, f, fc.p, err)
					}
					codes[f] = k
				}
			}
		}
		f++
		if end >= n {
			break
		}
		start = end + 1
	}
	if f != len(fields) {
		return fieldCount(t, f, len(fields))
	}
	return nil
}
