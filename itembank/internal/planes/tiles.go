package planes

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// A tile is a run of items (positions lo ≤ a < hi in a list of items)
// whose planes together take about tileBytes.
type tile struct{ lo, hi int }

// tileBytes is the size of one tile's planes: two tiles stay in a core's
// level-2 cache (512 KiB or more on processors of the last ten years)
// while every pair between them is counted.
const tileBytes = 160 << 10

// cutTiles cuts n items, item a taking bytes(a) of planes, into tiles.
func cutTiles(n int, bytes func(a int) int) []tile {
	var tiles []tile
	lo, size := 0, 0
	for a := range n {
		size += bytes(a)
		if size >= tileBytes {
			tiles = append(tiles, tile{lo, a + 1})
			lo, size = a+1, 0
		}
	}
	if lo < n {
		tiles = append(tiles, tile{lo, n})
	}
	return tiles
}

// tilePair returns the tiles I ≤ J of task t, the pairs of tiles of n
// numbered row by row: (0,0), (0,1), …, (1,1), ….
func tilePair(t, n int) (I, J int) {
	for t >= n-I {
		t -= n - I
		I++
	}
	return I, I + t
}

// countOnCores does one block's work on all cores: fill(part) for parts
// of items, each core one part, then count(t) for the tasks t of every
// pair of tiles, a task at a time to the next free core. A task's pairs
// are counted by one core only, so the cores may add into the same
// counts.
func countOnCores(items []int, tiles []tile, fill func(part []int), count func(t int)) {
	tasks := len(tiles) * (len(tiles) + 1) / 2
	workers := min(runtime.GOMAXPROCS(0), tasks)
	if workers <= 1 {
		fill(items)
		for t := range tasks {
			count(t)
		}
		return
	}
	var wg sync.WaitGroup
	per := (len(items) + workers - 1) / workers
	for k := range workers {
		part := items[min(len(items), k*per):min(len(items), (k+1)*per)]
		wg.Go(func() { fill(part) })
	}
	wg.Wait()
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for {
				t := int(next.Add(1) - 1)
				if t >= tasks {
					return
				}
				count(t)
			}
		})
	}
	wg.Wait()
}
