package csvscan

import (
	"io"
	"unsafe"
)

// A csvPipe scans a CSV file on its own goroutine, a batch of records
// ahead of the loader that turns the cells into answer codes: the two
// halves of a load run on two cores. Records come out in file order, and
// an error after the records before it, so a load reads exactly as without
// the pipe.
type csvPipe struct {
	t    *Scanner
	full chan *csvBatch // scanned batches, in order
	free chan *csvBatch // batches the loader is done with
	done chan struct{}  // closed when the loader stops early

	cur *csvBatch // the batch being read
	row int       // the next row of cur
	err error     // the error that ended the input, once reached
}

// A csvBatch holds some records. A record that is one line without quotes
// (the usual case) is copied as it is and its cells point into the copy,
// their positions follow from where they start; the cells of other records
// are copied one by one, with their positions.
type csvBatch struct {
	data   []byte
	bounds []int32 // start and end in data of each cell
	cells  []string
	rows   []batchRow
	pos    []int32 // line and column of each cell of the records that are not plain
	err    error   // after the rows: io.EOF or the scanning error
}

type batchRow struct {
	cells int32 // end of the row's cells
	line  int32 // plain: the line; else -1
	col   int32 // plain: the column of data[base]
	base  int32 // plain: start of the line in data; else: its first entry in pos
}

const (
	pipeBatches = 4
	batchRows   = 256
	batchBytes  = 128 << 10
)

// startPipe moves the scanning of the rows after the header to a
// goroutine; stop must be called when the loader is done. fields, the
// header's, sizes the batches.
func (t *Scanner) startPipe(fields int) {
	p := &csvPipe{t: t, full: make(chan *csvBatch, pipeBatches), free: make(chan *csvBatch, pipeBatches), done: make(chan struct{})}
	cells := batchRows * (fields + 1)
	for range pipeBatches {
		p.free <- &csvBatch{
			data:   make([]byte, 0, batchBytes+batchBytes/4),
			bounds: make([]int32, 0, 2*cells),
			cells:  make([]string, 0, cells),
			rows:   make([]batchRow, 0, batchRows),
		}
	}
	go p.scan()
	t.pipe = p
}

// Stop ends the scanning goroutine if it is still running.
func (t *Scanner) Stop() {
	if t.pipe != nil {
		close(t.pipe.done)
		t.pipe = nil
	}
}

func (p *csvPipe) scan() {
	for {
		var b *csvBatch
		select {
		case b = <-p.free:
		case <-p.done:
			return
		}
		b.reset()
		for len(b.rows) < batchRows && len(b.data) < batchBytes {
			if b.err = p.t.skipEmpty(); b.err != nil {
				break
			}
			if b.addPlain(p.t) {
				continue
			}
			row, err := p.t.record()
			if err != nil {
				b.err = err
				break
			}
			b.add(row, p.t.fieldLine, p.t.fieldCol)
		}
		b.seal()
		select {
		case p.full <- b:
		case <-p.done:
			return
		}
		if b.err != nil {
			return
		}
	}
}

func (b *csvBatch) reset() {
	b.data, b.bounds, b.cells, b.rows, b.pos = b.data[:0], b.bounds[:0], b.cells[:0], b.rows[:0], b.pos[:0]
	b.err = nil
}

// addPlain adds the record at t's position if it is one line without
// quotes, and reports whether it did.
func (b *csvBatch) addPlain(t *Scanner) bool {
	line, ok := t.plainLine()
	if !ok {
		return false
	}
	base := int32(len(b.data))
	b.data = append(b.data, line...)
	start := base
	for i, c := range line {
		if c == t.delim {
			b.bounds = append(b.bounds, start, base+int32(i))
			start = base + int32(i) + 1
		}
	}
	b.bounds = append(b.bounds, start, base+int32(len(line)))
	b.rows = append(b.rows, batchRow{cells: int32(len(b.bounds) / 2), line: int32(t.line), col: int32(t.pos - t.lineStart + 1), base: base})
	t.skipLine(line)
	return true
}

// add adds a record the scanner read, with its cells' positions.
func (b *csvBatch) add(row []string, lines, cols []int) {
	first := int32(len(b.pos))
	for k, c := range row {
		start := int32(len(b.data))
		b.data = append(b.data, c...)
		b.bounds = append(b.bounds, start, int32(len(b.data)))
		b.pos = append(b.pos, int32(lines[k]), int32(cols[k]))
	}
	b.rows = append(b.rows, batchRow{cells: int32(len(b.bounds) / 2), line: -1, base: first})
}

// seal makes the cells, once data no longer moves.
func (b *csvBatch) seal() {
	for k := 0; k < len(b.bounds); k += 2 {
		start, end := b.bounds[k], b.bounds[k+1]
		c := ""
		if end > start {
			c = unsafe.String(&b.data[start], end-start)
		}
		b.cells = append(b.cells, c)
	}
}

// next returns the next record; its cells stay valid until the next call.
func (p *csvPipe) next() ([]string, error) {
	for p.cur == nil || p.row == len(p.cur.rows) {
		if p.err != nil {
			return nil, p.err
		}
		if p.cur != nil {
			if p.cur.err != nil {
				p.err = p.cur.err
				continue
			}
			p.free <- p.cur
		}
		b, ok := <-p.full
		if !ok {
			p.err = io.EOF
			continue
		}
		p.cur, p.row = b, 0
	}
	k0, k1 := p.cellsOf(p.row)
	p.row++
	return p.cur.cells[k0:k1:k1], nil
}

// cellsOf returns the range of row r's cells in cur.cells.
func (p *csvPipe) cellsOf(r int) (int, int) {
	k0 := 0
	if r > 0 {
		k0 = int(p.cur.rows[r-1].cells)
	}
	return k0, int(p.cur.rows[r].cells)
}

// pos returns the position of a cell of the last record returned.
func (p *csvPipe) pos(field int) *ParseError {
	if p.cur == nil || p.row == 0 {
		return &ParseError{File: p.t.name}
	}
	r := p.cur.rows[p.row-1]
	k0, k1 := p.cellsOf(p.row - 1)
	if k0+field >= k1 {
		return &ParseError{File: p.t.name}
	}
	var line, col int
	if r.line >= 0 {
		line = int(r.line)
		col = int(r.col + p.cur.bounds[2*(k0+field)] - r.base)
	} else {
		e := int(r.base) + 2*field
		line, col = int(p.cur.pos[e]), int(p.cur.pos[e+1])
	}
	if line == 1 {
		col += p.t.bomCols
	}
	return &ParseError{File: p.t.name, Line: line, Column: col}
}
