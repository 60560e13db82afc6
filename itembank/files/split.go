package files

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/internal/csvscan"
)

// summarizeHalves summarises a large UTF-8 text file of answers without
// pair sums on two cores: the file is cut in two at the line end nearest
// its middle, each half is read and summarised on its own (the second
// behind a copy of the header line), and the two summaries are pooled.
// Pooling is exact (Summary.Add adds counts by value), so the result is
// the summary of the whole file read in one go, byte for byte.
//
// It gives up (ok false, nothing returned) whenever the one-go reading
// could differ or has something to say, and the caller then reads the
// file in one go: a half that fails to read (an error, or the cut falling
// inside a quoted cell that spans lines, which leaves the first half
// ending in an open quote), a file with a column named like a wave column
// (whose values must be compared over every row), rows selected by
// opt.Where, no respondents or no answers at all, sums that overflow when
// pooled. Every error is therefore the one-go reading's, with its line.
func summarizeHalves(src *Source, name string, bank *itembank.Bank, opt LoadOptions) (s *itembank.Summary, match columnMatch, ok bool) {
	if src.text == nil || src.encoding != EncodingUTF8 || len(opt.Where) > 0 || src.size < splitFrom || runtime.GOMAXPROCS(0) < 2 {
		return nil, columnMatch{}, false
	}
	f, size := src.text, src.size
	head := lineEndAfter(f, size, 0)
	mid := lineEndAfter(f, size, size/2)
	if head <= 0 || mid <= head || mid >= size {
		return nil, columnMatch{}, false
	}
	halves := [2]io.Reader{
		io.NewSectionReader(f, 0, mid),
		io.MultiReader(io.NewSectionReader(f, 0, head), io.NewSectionReader(f, mid, size-mid)),
	}
	var mu sync.Mutex
	progress := func(skip int64) func(int64) {
		if opt.Progress == nil {
			return nil
		}
		return func(n int64) { // the header copy is not counted twice
			d := min(n, skip)
			skip -= d
			mu.Lock()
			defer mu.Unlock()
			opt.Progress(n - d)
		}
	}
	var out [2]struct {
		s     *itembank.Summary
		match columnMatch
		err   error
	}
	var wg sync.WaitGroup
	for k, r := range halves {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := &out[k]
			sc, err := csvscan.New(r, name, progress(int64(k)*head))
			if err != nil {
				o.err = err
				return
			}
			defer sc.Stop()
			sc.Borrow, sc.Pipe = true, true
			popt := opt
			popt.half = true
			o.s, o.match, o.err = tallyTable(sc, name, bank, popt, itembank.ItemsOnly, nil)
		}()
	}
	wg.Wait()
	if out[0].err != nil || out[1].err != nil {
		return nil, columnMatch{}, false
	}
	s = out[0].s
	if err := s.Add(out[1].s); err != nil || s.Respondents == 0 {
		return nil, columnMatch{}, false
	}
	for _, it := range s.Items {
		if it.Asked {
			return s, out[0].match, true
		}
	}
	return nil, columnMatch{}, false
}

// splitFrom is the smallest file summarizeHalves cuts in two (a variable
// for the tests): below it, a second reader costs more than it saves.
var splitFrom int64 = 4 << 20

// errHalf is readTable's word, reading half a file, for a file it cannot
// read in halves (see summarizeHalves).
var errHalf = errors.New("file not read in halves")

// lineEndAfter returns the offset just after the first line end at or
// after off, -1 when there is none.
func lineEndAfter(r io.ReaderAt, size, off int64) int64 {
	buf := make([]byte, 64<<10)
	for off < size {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return off + int64(i) + 1
		}
		if n == 0 || (err != nil && err != io.EOF) {
			return -1
		}
		off += int64(n)
	}
	return -1
}
