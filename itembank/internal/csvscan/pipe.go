package csvscan

import (
	"io"
	"strings"
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

	cells  []string // the cells of the last plain record, once split
	starts []int    // where each of them starts in its line
	split  bool     // cells and starts are the last record's
	own    []string // copies of the cells, when not borrowing
}

// A csvBatch holds some records. A record that is one line without quotes
// (the usual case) is copied as it is, and split into cells only when
// asked for (Next; NextLine gives the line itself); the cells of other
// records are copied one by one, with their positions.
type csvBatch struct {
	data   []byte
	bounds []int32 // start and end in data of each cell of the records that are not plain
	cells  []string
	rows   []batchRow
	pos    []int32 // line and column of each cell of the records that are not plain
	err    error   // after the rows: io.EOF or the scanning error
}

type batchRow struct {
	line int32 // plain: the line; else -1
	col  int32 // plain: the column of data[base]
	base int32 // plain: start of the line in data; else: its first entry in pos and cells
	end  int32 // plain: end of the line in data; else: the end of its entries in cells
}

const (
	pipeBatches = 4
	batchRows   = 256
	batchBytes  = 128 << 10
)

// startPipe moves the scanning of the rows after the header to a
// goroutine; stop must be called when the loader is done.
func (t *Scanner) startPipe() {
	p := &csvPipe{t: t, full: make(chan *csvBatch, pipeBatches), free: make(chan *csvBatch, pipeBatches), done: make(chan struct{})}
	for range pipeBatches {
		p.free <- &csvBatch{
			data: make([]byte, 0, batchBytes+batchBytes/4),
			rows: make([]batchRow, 0, batchRows),
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
	b.rows = append(b.rows, batchRow{line: int32(t.line), col: int32(t.pos - t.lineStart + 1), base: base, end: int32(len(b.data))})
	t.skipLine(line)
	return true
}

// add adds a record the scanner read, with its cells' positions.
func (b *csvBatch) add(row []string, lines, cols []int) {
	first := int32(len(b.pos) / 2)
	for k, c := range row {
		start := int32(len(b.data))
		b.data = append(b.data, c...)
		b.bounds = append(b.bounds, start, int32(len(b.data)))
		b.pos = append(b.pos, int32(lines[k]), int32(cols[k]))
	}
	b.rows = append(b.rows, batchRow{line: -1, base: first, end: first + int32(len(row))})
}

// seal makes the cells of the records that are not plain, once data no
// longer moves.
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

// advance moves to the next record, reading the next batch when needed;
// false with p.err set at the end of the input or on an error.
func (p *csvPipe) advance() bool {
	for p.cur == nil || p.row == len(p.cur.rows) {
		if p.err != nil {
			return false
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
	p.row++
	return true
}

// nextLine returns the next record: its line when it is plain, else its
// cells; both stay valid until the next call.
func (p *csvPipe) nextLine() ([]byte, []string, error) {
	if !p.advance() {
		return nil, nil, p.err
	}
	r := p.cur.rows[p.row-1]
	p.split = false
	if r.line >= 0 {
		return p.cur.data[r.base:r.end:r.end], nil, nil
	}
	return nil, p.cur.cells[r.base:r.end:r.end], nil
}

// next returns the next record's cells; they stay valid until the next
// call.
func (p *csvPipe) next() ([]string, error) {
	line, cells, err := p.nextLine()
	if err != nil {
		return nil, err
	}
	if line != nil {
		p.splitLine(line)
		cells = p.cells
	}
	if !p.t.Borrow {
		// The cells point into the batch, which is read again later.
		p.own = p.own[:0]
		for _, c := range cells {
			p.own = append(p.own, strings.Clone(c))
		}
		cells = p.own
	}
	return cells, nil
}

// splitLine splits a plain line into p.cells, noting where each starts.
func (p *csvPipe) splitLine(line []byte) {
	p.cells, p.starts = p.cells[:0], p.starts[:0]
	start := 0
	for i, c := range line {
		if c == p.t.delim {
			p.cells = append(p.cells, str(line[start:i]))
			p.starts = append(p.starts, start)
			start = i + 1
		}
	}
	p.cells = append(p.cells, str(line[start:]))
	p.starts = append(p.starts, start)
	p.split = true
}

// str is b as a string without a copy.
func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// pos returns the position of a cell of the last record returned.
func (p *csvPipe) pos(field int) *ParseError {
	if p.cur == nil || p.row == 0 {
		return &ParseError{File: p.t.name}
	}
	r := p.cur.rows[p.row-1]
	var line, col int
	if r.line >= 0 {
		if !p.split {
			p.splitLine(p.cur.data[r.base:r.end])
		}
		if field >= len(p.starts) {
			return &ParseError{File: p.t.name}
		}
		line, col = int(r.line), int(r.col)+p.starts[field]
	} else {
		if int(r.base)+field >= int(r.end) {
			return &ParseError{File: p.t.name}
		}
		e := 2 * (int(r.base) + field)
		line, col = int(p.cur.pos[e]), int(p.cur.pos[e+1])
	}
	if line == 1 {
		col += p.t.bomCols
	}
	return &ParseError{File: p.t.name, Line: line, Column: col}
}
