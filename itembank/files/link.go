package files

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// ErrSameID reports a respondent id that occurs twice in one wave, where
// the waves are linked by id: which of the two rows is the person's is
// unknown.
var ErrSameID = errors.New("respondent id given twice in one wave")

// ErrNoIDColumn reports a file without the id column the waves are linked
// by.
var ErrNoIDColumn = errors.New("no id column")

// A Link is the outcome of linking the respondents of two waves by the id
// they have in both (LinkWaves).
type Link struct {
	IDColumn string
	// Linked counts the ids found in both waves; PreviousOnly and
	// CurrentOnly the ids found in one wave only; PreviousNoID and
	// CurrentNoID the rows kept whose id cell is empty, which link nobody.
	Linked                    int64
	PreviousOnly, CurrentOnly int64
	PreviousNoID, CurrentNoID int64
	// Places gives the unit of Diffs: 10^-Places of an answer.
	Places int
	// Diffs holds, per bank item (in bank order), the counts of the
	// differences current − previous of the raw answers, over the linked
	// respondents who answered the item in both waves, by increasing
	// difference; empty when nobody did.
	Diffs [][]itembank.ValueCount
}

// LinkWaves links the respondents of the previous wave's files to those
// of the current wave's by the ids in column idColumn, and counts per item
// the differences of their answers. opt select the rows of each wave as
// they select them for SummarizeFiles (Where, Sheet); the other options
// are not used. Answers are read as the loader reads them: an empty cell
// or a missing code of the scale is no answer, anything else must be a
// number within the scale; a column is an item's when named like it, or
// like it but for letter case.
//
// Memory: a pass holds, of the rows it links, the previous wave's as one
// byte per item and row (an index into the item's distinct answers) with
// the id, and the current wave's ids (to refuse one given twice); the
// waves are read row by row, neither is held whole. When holding every
// row with an id would take more than linkBudget (256 MiB) bytes,
//
//	need = Σ_previous (items + len(id) + 64) + Σ_current (len(id) + 48)
//
// the first pass stops holding, reads on to count need, and the rows are
// linked in K = ⌈need / linkBudget⌉ passes, pass k holding only the ids
// whose 64-bit FNV-1a hash is k modulo K (about 1/K of them): each wave's
// files are then read K + 1 times, and the result is the same. A pass
// reuses the memory of the one before, after a garbage collection, so
// that the garbage of reading does not pile up to twice the budget.
// (Ids made to fall in one bucket would all be held in one pass, as
// without a budget.)
//
// Errors name the file and line: an id given twice in one wave
// (ErrSameID, also across the files of a wave), a file without the id
// column (ErrNoIDColumn), a summary file (which holds no respondents, so
// links nobody), and the loader's errors for bad cells. Every cell is
// checked in the first pass, so the first bad cell is always the one
// reported; but above the budget an id given twice is found in the pass
// of its bucket, so when a wave has several faults, the one reported may
// be another than the first in the files (always the same one for the
// same files).
func LinkWaves(previous, current []string, prevOpt, curOpt LoadOptions, bank *itembank.Bank, idColumn string) (*Link, error) {
	if idColumn == "" {
		return nil, fmt.Errorf("no id column to link the waves by")
	}
	items := len(bank.Items)
	prev := &linkWave{paths: previous, opt: prevOpt, levels: newLevels(items), rowBytes: int64(items) + prevRowBytes}
	cur := &linkWave{paths: current, opt: curOpt, levels: newLevels(items), rowBytes: curRowBytes}
	lk := &linking{bank: bank, idColumn: idColumn, prev: prev, cur: cur,
		held: &previousWave{ids: map[string]int32{}}, linked: &currentWave{ids: map[string]rowAt{}}}
	lk.start()
	first := &linkPass{n: 1, first: true}
	if err := lk.pass(first); err != nil {
		return nil, err
	}
	if first.over() {
		lk.start()
		n := linkPasses(first.need)
		for k := range n {
			if err := lk.pass(&linkPass{k: k, n: n}); err != nil {
				return nil, err
			}
		}
	}
	l := lk.link
	l.PreviousNoID, l.CurrentNoID = prev.noID, cur.noID
	l.Places, l.Diffs = diffTables(lk.linked.pairs.differences())
	return l, nil
}

// A linkWave is one wave's files as LinkWaves reads them, pass after pass.
type linkWave struct {
	paths    []string
	opt      LoadOptions
	levels   *levels // found in the first pass
	noID     int64   // rows without an id, counted in the first pass
	rowBytes int64   // what holding a row costs besides its id
}

// A linking is LinkWaves at work: the two waves, what a pass holds of
// each (kept from pass to pass, so that a pass reuses the memory of the
// one before rather than leaving it to the garbage collector, which would
// let the heap grow to twice the budget), and the counts so far.
type linking struct {
	bank     *itembank.Bank
	idColumn string
	prev     *linkWave
	cur      *linkWave
	held     *previousWave
	linked   *currentWave
	link     *Link
}

// start sets the counts to zero: at the start, and after a first pass
// over the budget, which counts nothing.
func (lk *linking) start() {
	lk.link = &Link{IDColumn: lk.idColumn}
	lk.linked.pairs = newPairCounts(lk.prev.levels, lk.cur.levels)
}

// pass makes one pass: it holds the previous wave's rows of the pass,
// links the current wave's to them, and adds the counts (unless the first
// pass is over the budget, which counts only).
func (lk *linking) pass(pass *linkPass) error {
	p, c := lk.held, lk.linked
	if !pass.first {
		// The reading of the pass before left garbage (buffers, positions)
		// that the collector would let grow to what the pass holds, up to
		// twice the budget: free it before holding again.
		runtime.GC()
	}
	p.reset()
	for f, path := range lk.prev.paths {
		if err := readLinkFile(path, lk.prev, lk.bank, lk.idColumn, pass, func(r *linkRow) error { return p.add(r, lk.prev.paths, f) }); err != nil {
			return err
		}
	}
	c.reset(p)
	for f, path := range lk.cur.paths {
		if err := readLinkFile(path, lk.cur, lk.bank, lk.idColumn, pass, func(r *linkRow) error { return c.add(r, lk.cur.paths, f) }); err != nil {
			return err
		}
	}
	if linkHeld != nil {
		linkHeld(*pass, len(p.where), len(c.ids))
	}
	if pass.over() {
		return nil
	}
	var linked int64
	for _, s := range c.seen {
		if s {
			linked++
		}
	}
	lk.link.Linked += linked
	lk.link.PreviousOnly += int64(len(p.where)) - linked
	lk.link.CurrentOnly += int64(len(c.ids)) - linked
	return nil
}

// A rowAt is where a row is: file (an index into the wave's paths) and line.
type rowAt struct {
	file int
	line int
}

// previousWave holds the previous wave's answers by id, for one pass.
type previousWave struct {
	ids   map[string]int32 // id -> respondent
	where []rowAt          // respondent -> row
	codes codeBlocks       // respondent-major: code r*items+i, 0 = no answer, else the wave's levels.units[i][code-1]
}

func (p *previousWave) reset() {
	clear(p.ids)
	p.where = p.where[:0]
	p.codes.n = 0
}

func (p *previousWave) add(r *linkRow, paths []string, file int) error {
	if first, dup := p.ids[r.id]; dup {
		return sameID(paths, p.where[first], rowAt{file, r.line}, r.idColumn, r.id)
	}
	p.ids[strings.Clone(r.id)] = int32(len(p.where))
	p.where = append(p.where, rowAt{file, r.line})
	for _, c := range r.codes {
		p.codes.add(c)
	}
	return nil
}

// levels are the distinct answers of each item in one wave, in units of
// 10^-MaxPlaces: an answer's code is its index + 1 (0: no answer).
type levels struct {
	units [][]int64
}

func newLevels(items int) *levels { return &levels{units: make([][]int64, items)} }

// code returns the code of item i's answer, adding it when new; false
// when the item has MaxLevels answers already.
func (l *levels) code(i int, units int64) (uint8, bool) {
	k := slices.Index(l.units[i], units)
	if k < 0 {
		if len(l.units[i]) == itembank.MaxLevels {
			return 0, false
		}
		l.units[i] = append(l.units[i], units)
		k = len(l.units[i]) - 1
	}
	return uint8(k + 1), true
}

// codeBlocks hold the previous wave's answer codes in blocks of a fixed
// size, so that they grow without being copied (a copy would briefly
// double the largest thing linking holds); the next pass writes over them
// (n = 0).
type codeBlocks struct {
	blocks [][]uint8
	n      int
}

const codeBlock = 1 << 20

func (b *codeBlocks) add(c uint8) {
	k := b.n / codeBlock
	if k == len(b.blocks) {
		b.blocks = append(b.blocks, make([]uint8, codeBlock))
	}
	b.blocks[k][b.n%codeBlock] = c
	b.n++
}

func (b *codeBlocks) at(k int) uint8 { return b.blocks[k/codeBlock][k%codeBlock] }

// currentWave links the current wave's rows of one pass to the previous
// wave's, counting the pairs of answers of those linked.
type currentWave struct {
	prev  *previousWave
	seen  []bool           // previous respondent -> linked
	ids   map[string]rowAt // ids of the current wave
	pairs *pairCounts
}

func (c *currentWave) reset(p *previousWave) {
	c.prev = p
	c.seen = slices.Grow(c.seen[:0], len(p.where))[:len(p.where)]
	clear(c.seen)
	clear(c.ids)
}

func (c *currentWave) add(r *linkRow, paths []string, file int) error {
	if first, dup := c.ids[r.id]; dup {
		return sameID(paths, first, rowAt{file, r.line}, r.idColumn, r.id)
	}
	c.ids[strings.Clone(r.id)] = rowAt{file, r.line}
	p, ok := c.prev.ids[r.id]
	if !ok {
		return nil
	}
	c.seen[p] = true
	base := int(p) * len(r.codes)
	for i, cc := range r.codes {
		if pc := c.prev.codes.at(base + i); cc != 0 && pc != 0 {
			c.pairs.add(i, pc, cc)
		}
	}
	return nil
}

// pairCounts count the pairs of answers of the linked people, over all
// passes: counts[i][p-1][c-1] is how many answered item i with the
// previous wave's code p and the current wave's code c (few codes each,
// so a table is faster than counting differences in a map). The codes
// are the same in every pass: each wave's levels are found in the first.
type pairCounts struct {
	counts    [][][]int64
	prev, cur *levels
}

func newPairCounts(prev, cur *levels) *pairCounts {
	return &pairCounts{counts: make([][][]int64, len(prev.units)), prev: prev, cur: cur}
}

func (pc *pairCounts) add(i int, p, c uint8) {
	byPrev := pc.counts[i]
	for len(byPrev) < int(p) {
		byPrev = append(byPrev, nil)
	}
	row := byPrev[p-1]
	for len(row) < int(c) {
		row = append(row, 0)
	}
	row[c-1]++
	byPrev[p-1] = row
	pc.counts[i] = byPrev
}

// differences turns the counts of pairs of answers into counts of the
// differences current − previous, per item, in units of 10^-MaxPlaces.
func (pc *pairCounts) differences() []map[int64]int64 {
	out := make([]map[int64]int64, len(pc.counts))
	for i, byPrev := range pc.counts {
		for p, row := range byPrev {
			for k, n := range row {
				if n == 0 {
					continue
				}
				if out[i] == nil {
					out[i] = map[int64]int64{}
				}
				out[i][pc.cur.units[i][k]-pc.prev.units[i][p]] += n
			}
		}
	}
	return out
}

// sameID describes an id found twice in one wave.
func sameID(paths []string, first, again rowAt, column, id string) error {
	at := fmt.Sprintf("%s:%d", paths[first.file], first.line)
	if first.file == again.file {
		at = fmt.Sprintf("line %d", first.line)
	}
	return &itembank.ParseError{File: paths[again.file], Line: again.line,
		Err: fmt.Errorf("%w: id %q in column %s is also on %s; give each person one row per wave, or leave out --id-column", ErrSameID, id, column, at)}
}

// diffTables turns the counts of differences (in units of 10^-MaxPlaces)
// into tables sorted by difference, in the fewest places that keep every
// difference whole.
func diffTables(diffs []map[int64]int64) (int, [][]itembank.ValueCount) {
	places := 0
	for ; places < itembank.MaxPlaces; places++ {
		div := pow10Units(itembank.MaxPlaces - places)
		whole := true
		for _, m := range diffs {
			for v := range m {
				whole = whole && v%div == 0
			}
		}
		if whole {
			break
		}
	}
	div := pow10Units(itembank.MaxPlaces - places)
	out := make([][]itembank.ValueCount, len(diffs))
	for i, m := range diffs {
		for v, n := range m {
			out[i] = append(out[i], itembank.ValueCount{Value: v / div, Count: n})
		}
		slices.SortFunc(out[i], func(a, b itembank.ValueCount) int { return compareInt(a.Value, b.Value) })
	}
	return places, out
}

func pow10Units(k int) int64 {
	p := int64(1)
	for range k {
		p *= 10
	}
	return p
}

func compareInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// A linkRow is one kept row as LinkWaves reads it: the id (valid until the
// next row), its line, and each bank item's answer as a code of the
// wave's levels (0: no answer, or no column).
type linkRow struct {
	id, idColumn string
	line         int
	codes        []uint8 // per bank item
}

// A linkAnswer is an answer in units of 10^-MaxPlaces; ok is false for no
// answer.
type linkAnswer struct {
	units int64
	ok    bool
}

// readLinkFile reads the kept rows of one file of wave w, calling add for
// each row the pass holds. The first pass reads every row's cells (to
// check them and find the wave's answers), counts the rows without an id
// and adds each other row's cost to pass.need; later passes skip the rows
// of other buckets before reading their cells.
func readLinkFile(path string, w *linkWave, bank *itembank.Bank, idColumn string, pass *linkPass, add func(*linkRow) error) error {
	opt, lv := w.opt, w.levels
	if IsSummaryFile(path) {
		return fmt.Errorf("%s: a summary holds no respondents, so the waves cannot be linked by id: give the files of answers, or leave out --id-column", path)
	}
	src, err := Open(path, opt.Sheet, nil)
	if err != nil {
		return err
	}
	defer src.Close()
	t := src.Table
	header, err := t.Header()
	if err != nil {
		return err
	}
	fields := map[string]int{}
	for f, h := range header {
		if _, dup := fields[strings.TrimSpace(h)]; !dup {
			fields[strings.TrimSpace(h)] = f
		}
	}
	idf, ok := fields[idColumn]
	if !ok {
		pe := t.Pos(0)
		pe.Column, pe.Item = 0, ""
		pe.Err = fmt.Errorf("%w: no column %q to link the respondents of the two waves by", ErrNoIDColumn, idColumn)
		return pe
	}
	where, err := whereFields(opt.Where, fields, t)
	if err != nil {
		return err
	}
	itemField := linkItemFields(header, fields, bank)
	r := &linkRow{idColumn: idColumn, codes: make([]uint8, len(bank.Items))}
	// Most cells are one byte: each is read once per item, its code
	// remembered (code + 1; 0 = not seen yet).
	oneByte := make([][256]uint16, len(bank.Items))
	for {
		row, err := t.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if len(row) != len(header) {
			pe := t.Pos(0)
			pe.Column = 0
			pe.Err = fmt.Errorf("%w: row has %d fields, header has %d", itembank.ErrFieldCount, len(row), len(header))
			return pe
		}
		if !where.match(row) {
			continue
		}
		r.id = strings.TrimSpace(row[idf])
		if !pass.first && (r.id == "" || !pass.holds(r.id)) {
			continue
		}
		for i, f := range itemField {
			r.codes[i] = 0
			if f < 0 {
				continue
			}
			cell := row[f]
			if len(cell) == 1 && oneByte[i][cell[0]] != 0 {
				r.codes[i] = uint8(oneByte[i][cell[0]] - 1)
				continue
			}
			code, err := cellCode(cell, i, bank.Items[i].Scale, lv)
			if err != nil {
				pe := t.Pos(f)
				pe.Item = bank.Items[i].ID
				pe.Err = err
				return pe
			}
			if len(cell) == 1 {
				oneByte[i][cell[0]] = uint16(code) + 1
			}
			r.codes[i] = code
		}
		switch {
		case r.id == "":
			w.noID++
			continue
		case pass.first:
			pass.need += w.rowBytes + int64(len(r.id))
		}
		if !pass.holds(r.id) {
			continue
		}
		r.line = t.Pos(idf).Line // after the cells: Pos makes garbage, and the rows not held need no line
		if err := add(r); err != nil {
			return err
		}
	}
}

// linkItemFields returns each bank item's field, -1 when the file has no
// column for it: the column named like the item, else the one named like
// it but for letter case (the loader refuses two such).
func linkItemFields(header []string, fields map[string]int, bank *itembank.Bank) []int {
	out := make([]int, len(bank.Items))
	for i, it := range bank.Items {
		out[i] = -1
		if f, ok := fields[it.ID]; ok {
			out[i] = f
			continue
		}
		for f, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), it.ID) {
				if _, own := bank.Index(strings.TrimSpace(h)); !own {
					out[i] = f
					break
				}
			}
		}
	}
	return out
}

// cellCode reads one answer cell of item i as the loader does and returns
// its code in lv (0 for no answer).
func cellCode(cell string, i int, s *itembank.Scale, lv *levels) (uint8, error) {
	a, err := linkValue(cell, s)
	if err != nil || !a.ok {
		return 0, err
	}
	code, ok := lv.code(i, a.units)
	if !ok {
		return 0, fmt.Errorf("%w: more than %d different answers; is this a rating item?", itembank.ErrTooManyLevels, itembank.MaxLevels)
	}
	return code, nil
}

// linkValue reads one answer cell as the loader does.
func linkValue(cell string, s *itembank.Scale) (linkAnswer, error) {
	if strings.TrimSpace(cell) == "" {
		return linkAnswer{}, nil
	}
	var v itembank.Value
	if len(cell) == 1 && cell[0] >= '0' && cell[0] <= '9' {
		v = itembank.Int(int64(cell[0] - '0'))
	} else {
		var err error
		if v, err = itembank.ParseValue(cell); err != nil {
			return linkAnswer{}, fmt.Errorf("%w: %q", itembank.ErrNotNumeric, cell)
		}
	}
	switch {
	case s.IsMissing(v):
		return linkAnswer{}, nil
	case !s.Contains(v):
		return linkAnswer{}, fmt.Errorf("%w: %s is outside %s", itembank.ErrOutOfScale, v, s)
	}
	return linkAnswer{units: v.At(itembank.MaxPlaces), ok: true}, nil
}
