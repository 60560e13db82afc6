package itembank

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
	t    *csvTable
	full chan *csvBatch // scanned batches, in order
	free chan *csvBatch // batches the loader is done with
	done chan struct{}  // closed when the loader stops early

	cur *csvBatch // the batch being read
	row int       // the next row of cur
	k0  int       // the first cell of the last row returned
	err error     // the error that ended the input, once reached
}

// A csvBatch holds some records: their cells' text copied into data, the
// cells as strings pointing into it, and their positions.
type csvBatch struct {
	data    []byte
	ends    []int32 // end of each cell in data
	rowEnds []int32 // end of each row in cells
	cells   []string
	lines   []int32
	cols    []int32
	err     error // after the rows: io.EOF or the scanning error
}

const (
	pipeBatches = 4
	batchRows   = 256
	batchBytes  = 128 << 10
)

// startPipe moves the scanning of the rows after the header to a
// goroutine; stop must be called when the loader is done. fields, the
// header's, sizes the batches.
func (t *csvTable) startPipe(fields int) {
	p := &csvPipe{t: t, full: make(chan *csvBatch, pipeBatches), free: make(chan *csvBatch, pipeBatches), done: make(chan struct{})}
	cells := batchRows * (fields + 1)
	for range pipeBatches {
		p.free <- &csvBatch{
			data:    make([]byte, 0, batchBytes+batchBytes/4),
			ends:    make([]int32, 0, cells),
			rowEnds: make([]int32, 0, batchRows),
			cells:   make([]string, 0, cells),
			lines:   make([]int32, 0, cells),
			cols:    make([]int32, 0, cells),
		}
	}
	go p.scan()
	t.pipe = p
}

// stop ends the scanning goroutine if it is still running.
func (t *csvTable) stop() {
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
		for len(b.rowEnds) < batchRows && len(b.data) < batchBytes {
			row, err := p.t.scanRecord()
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
	b.data, b.ends, b.rowEnds = b.data[:0], b.ends[:0], b.rowEnds[:0]
	b.cells, b.lines, b.cols = b.cells[:0], b.lines[:0], b.cols[:0]
	b.err = nil
}

func (b *csvBatch) add(row []string, lines, cols []int) {
	for k, c := range row {
		b.data = append(b.data, c...)
		b.ends = append(b.ends, int32(len(b.data)))
		b.lines = append(b.lines, int32(lines[k]))
		b.cols = append(b.cols, int32(cols[k]))
	}
	b.rowEnds = append(b.rowEnds, int32(len(b.ends)))
}

// seal makes the cells, once data no longer moves.
func (b *csvBatch) seal() {
	start := int32(0)
	for _, end := range b.ends {
		c := ""
		if end > start {
			c = unsafe.String(&b.data[start], end-start)
		}
		b.cells = append(b.cells, c)
		start = end
	}
}

// next returns the next record; its cells stay valid until the next call.
func (p *csvPipe) next() ([]string, error) {
	for p.cur == nil || p.row == len(p.cur.rowEnds) {
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
	k0 := 0
	if p.row > 0 {
		k0 = int(p.cur.rowEnds[p.row-1])
	}
	k1 := int(p.cur.rowEnds[p.row])
	p.row++
	p.k0 = k0
	return p.cur.cells[k0:k1:k1], nil
}

// pos returns the position of a cell of the last record returned.
func (p *csvPipe) pos(field int) *ParseError {
	if p.cur == nil || p.row == 0 || p.k0+field >= int(p.cur.rowEnds[p.row-1]) {
		return &ParseError{File: p.t.name}
	}
	k := p.k0 + field
	line, col := int(p.cur.lines[k]), int(p.cur.cols[k])
	if line == 1 {
		col += p.t.bomCols
	}
	return &ParseError{File: p.t.name, Line: line, Column: col}
}
