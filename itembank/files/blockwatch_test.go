package files

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// blockCount is a blockWatch that counts the blocks each reader holds.
type blockCount struct {
	mu      sync.Mutex
	held    map[*itembank.Responses]int // per reader: blocks made, not let go
	readers int                         // readers that made a block
	maxHeld int                         // most blocks one reader held at once
	all     int                         // blocks held by all readers now
	maxAll  int                         // most blocks held by all readers at once
	given   int                         // full blocks handed on
	maxRows int                         // rows of the largest block handed on
	maxRoom int                         // room for answers (bytes) of the largest
	heap    uint64                      // with heap set: the most live heap seen, in bytes
	measure bool                        // measure the live heap when a block is handed on
}

func (c *blockCount) watch(ev blockEvent, reader, block *itembank.Responses) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch ev {
	case blockMade:
		if c.held[reader] == 0 {
			c.readers++
		}
		c.held[reader]++
		c.all++
		c.maxHeld = max(c.maxHeld, c.held[reader])
		c.maxAll = max(c.maxAll, c.all)
	case blockGiven:
		c.given++
		room := 0
		for _, col := range block.Columns {
			if col != nil {
				room += cap(col.Codes)
			}
		}
		c.maxRows = max(c.maxRows, block.Respondents)
		c.maxRoom = max(c.maxRoom, room)
		if c.measure {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			c.heap = max(c.heap, m.HeapAlloc)
		}
	case readerDone:
		c.all -= c.held[reader]
		c.held[reader] = 0
	}
}

// TestStreamingHoldsBlocksNotRespondents attacks the promise of the
// README's "Speed and memory on large surveys": a wave is read in blocks of
// about 4 MB of answers (at least 8,192 rows), and no reader holds more
// than three blocks at once, so memory grows with the items and pairs, not
// with the respondents. Waves of 20,000 and 200,000 respondents to 64
// items are summarised with pairs (one reader: the newer wave) and without
// (the older wave, read in two halves, each half a reader of its own, so
// at most six blocks together), with the blocks of the README and with
// blocks of the smallest size, 8,192 rows, which makes many of them. At
// both sizes no reader holds more than three blocks and the largest block
// is the same; the number of blocks handed on grows with the rows, so the
// count is really on the reading path. With pairs, the live heap while the
// large wave is read (measured after a collection each time a block is
// handed on) is at most twice that of the small one.
func TestStreamingHoldsBlocksNotRespondents(t *testing.T) {
	const p = 64
	dir := t.TempDir()
	sizes := []int{20_000, 200_000}
	paths := map[int]string{}
	var bank *itembank.Bank
	for _, n := range sizes {
		b, data := benchData(t, p, n)
		bank = b
		paths[n] = filepath.Join(dir, fmt.Sprintf("wave-%d.csv", n))
		if err := os.WriteFile(paths[n], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer func(u, b int, f int64, procs int) {
		blockUnit, blockBytes, splitFrom = u, b, f
		runtime.GOMAXPROCS(procs)
		blockWatch = nil
	}(blockUnit, blockBytes, splitFrom, runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))) // the halves need two
	splitFrom = 0                                     // halves at both sizes

	for _, blocks := range []struct {
		name  string
		bytes int
		rows  int // of a full block of p items
	}{
		{"blocks of 4 MB", 4 << 20, (4 << 20) / p},
		{"blocks of 8192 rows", 1, 8192},
	} {
		blockBytes = blocks.bytes
		for _, wave := range []struct {
			name    string
			detail  itembank.Detail
			readers int
		}{
			{"with pairs", itembank.WithPairs, 1},
			{"in two halves", itembank.ItemsOnly, 2},
		} {
			name := blocks.name + ", " + wave.name
			counts := map[int]*blockCount{}
			for _, n := range sizes {
				c := &blockCount{held: map[*itembank.Responses]int{}}
				c.measure = wave.detail == itembank.WithPairs && blocks.bytes == 1
				blockWatch = c.watch
				s, _, err := SummarizeFiles([]string{paths[n]}, bank, LoadOptions{OneWave: true}, wave.detail)
				blockWatch = nil
				if err != nil {
					t.Fatal(err)
				}
				if s.Respondents != int64(n) {
					t.Fatalf("%s: %d respondents, want %d", name, s.Respondents, n)
				}
				counts[n] = c
				if c.readers != wave.readers {
					t.Errorf("%s, %d respondents: %d readers, want %d", name, n, c.readers, wave.readers)
				}
				if c.maxHeld > 3 || c.maxAll > 3*wave.readers {
					t.Errorf("%s, %d respondents: a reader held %d blocks at once, all readers %d; at most 3 each", name, n, c.maxHeld, c.maxAll)
				}
				if c.all != 0 {
					t.Errorf("%s, %d respondents: %d blocks not let go", name, n, c.all)
				}
				if c.maxRows > blocks.rows || c.maxRoom > max(4<<20, 8192*p) || c.maxRoom != blocks.rows*p {
					t.Errorf("%s, %d respondents: the largest block has %d rows and room for %d answers; want at most %d rows, room for %d",
						name, n, c.maxRows, c.maxRoom, blocks.rows, blocks.rows*p)
				}
			}
			small, large := counts[sizes[0]], counts[sizes[1]]
			t.Logf("%s: %d and %d blocks handed on, at most %d and %d held by a reader", name, small.given, large.given, small.maxHeld, large.maxHeld)
			if small.measure {
				t.Logf("%s: live heap %.1f and %.1f MiB", name, float64(small.heap)/(1<<20), float64(large.heap)/(1<<20))
			}
			wantSmall := wave.readers * ((sizes[0]/wave.readers + blocks.rows - 1) / blocks.rows)
			wantLarge := wave.readers * ((sizes[1]/wave.readers + blocks.rows - 1) / blocks.rows)
			if small.given != wantSmall || large.given != wantLarge {
				t.Errorf("%s: %d and %d blocks handed on, want %d and %d: the count is not on the reading path", name, small.given, large.given, wantSmall, wantLarge)
			}
			if small.measure && (small.heap == 0 || large.heap > 2*small.heap) {
				t.Errorf("%s: live heap %d bytes reading %d respondents, %d reading %d: more than twice", name, large.heap, sizes[1], small.heap, sizes[0])
			}
		}
	}
}
