package files

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// LoadOptions select the rows a loader keeps.
type LoadOptions struct {
	// Where keeps only the rows whose column equals the value, for every
	// condition (e.g. gemeente=Zwolle). A named column must exist.
	Where []Condition
	// Sheet is the worksheet to read from an Excel workbook; empty means
	// the first. Other formats ignore it.
	Sheet string
	// OneWave refuses, with a *WavesError, a file that holds several
	// waves: one with a column named like a wave column (IsWaveColumn:
	// jaar, year, wave, golf, meting, ...) that holds more than one value
	// among the rows kept, when no condition of Where selects on it. Empty
	// cells do not count; numbers are compared by value.
	OneWave bool
	// Progress, when set, is called from time to time with the number of
	// input bytes read since the previous call, to show how far a long
	// load has come.
	Progress func(bytes int64)
	// Tables makes SummarizeRelease count the answer tables of the pairs
	// too (itembank.WithTables), for a summary made with --tables.
	Tables bool
	// Hashed, when set, is called by SummarizeFiles with the SHA-256 of
	// each file it reads, for a record of the inputs: a text file is
	// hashed in the pass that decides its encoding, so it is not read
	// again; a workbook, an SPSS file or a summary is read once more for
	// it, as it streams by.
	Hashed func(path string, sha256 [32]byte)

	// half reads one half of a file (summarizeHalves): a file with a wave
	// column is refused (errHalf), and the whole-file checks are left to
	// the caller.
	half bool
}

// LoadFile reads a response file in any supported format: delimited text
// (.csv, .tsv, .txt; UTF-8, UTF-16 with a byte-order mark, or
// windows-1252), Excel workbooks (.xlsx) and SPSS system files (.sav,
// .zsav). See DetectFormat for how the format is chosen.
//
// A column is an item's when its name is the item's id, or else when it
// equals the id but for letter case, as SPSS variable names do (sa01 for
// SA01; the note on the file names such columns). Two columns equal but
// for letter case that both name an item are refused
// (itembank.ErrDuplicateColumn). A file none of whose columns is a bank
// item is refused (ErrNoItems, saying how the names differ when they
// differ by a prefix or suffix), and so is one whose item columns are all
// empty in the rows kept (ErrNoAnswers). Problems of the file that did
// not stop it from being read are in Responses.Warnings.
func LoadFile(path string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	res, _, err := loadFile(path, bank, opt)
	return res, err
}

// loadFile is LoadFile, also saying how the file's columns matched the bank.
func loadFile(path string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, columnMatch, error) {
	src, err := Open(path, opt.Sheet, opt.Progress)
	if err != nil {
		return nil, columnMatch{}, err
	}
	defer src.Close()
	res, match, err := loadTable(src.Table, path, bank, opt)
	if res != nil {
		res.Warnings = append(res.Warnings, src.Warnings...)
	}
	return res, match, err
}

// load reads every row of t into Responses for bank.
func load(t Table, name string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	res, _, err := loadTable(t, name, bank, opt)
	return res, err
}

// loadTable is load, also saying how the columns matched the bank: the
// blocks readTable gives are put one after the other.
func loadTable(t Table, name string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, columnMatch, error) {
	var whole *itembank.Responses
	res, match, err := readTable(t, name, bank, opt, 1<<16, func(b *itembank.Responses) (*itembank.Responses, error) {
		if whole == nil {
			whole = &itembank.Responses{Columns: make([]*itembank.Column, len(b.Columns))}
			for i, c := range b.Columns {
				if c != nil {
					whole.Columns[i] = itembank.NewColumn(c.Item, rowsHint(t, opt))
				}
			}
		}
		for i, c := range b.Columns {
			if c != nil {
				whole.Columns[i].Codes = append(whole.Columns[i].Codes, c.Codes...)
			}
		}
		return b, nil
	})
	if err != nil {
		return nil, match, err
	}
	for i, c := range res.Columns {
		if c != nil {
			if whole != nil {
				c.Codes = whole.Columns[i].Codes
			} else {
				c.Codes = []uint8{}
			}
		}
	}
	return res, match, nil
}

// readTable reads the rows of t for bank, a block of at most rows rows at
// a time: each block is given to each when full, and at the end when it
// holds rows, and each returns the block to fill next (the same one, or
// another it owns no more). A block's Columns are indexed like the bank's
// items, nil where the file has no column for the item, the same in every
// block; a code stands for the same answer in every block, and a block's
// Levels list the answers coded so far (a later block may add levels), as
// itembank.Tally needs them. The Levels of a block are not changed when
// later blocks add levels, so a block can be read while the next fills.
//
// readTable returns the file as read: its Columns' Levels (no Codes; nil
// for an item with no answer in any row kept: it was not asked), the rows
// kept and the ignored columns. The whole file is checked before anything
// is returned: an error may come after blocks were given.
func readTable(t Table, name string, bank *itembank.Bank, opt LoadOptions, rows int, each func(*itembank.Responses) (*itembank.Responses, error)) (*itembank.Responses, columnMatch, error) {
	// Header: the item columns, the ignored ones, the row selection.
	header, err := t.Header()
	if err != nil {
		return nil, columnMatch{}, err
	}
	if len(header) > MaxColumns {
		pe := t.Pos(0)
		pe.Column = 0
		pe.Err = fmt.Errorf("%w: the header has %d columns; itemreduce reads files of at most %d columns: is this a response file with one column per question?", itembank.ErrFieldCount, len(header), MaxColumns)
		return nil, columnMatch{}, pe
	}
	res := &itembank.Responses{Bank: bank, Sources: []string{name}, Columns: make([]*itembank.Column, len(bank.Items))}
	cols, fields, err := itemColumns(t, header, res, opt)
	if err != nil {
		return nil, columnMatch{}, err
	}
	cased, err := casedColumns(t, header, cols, res, opt)
	if err != nil {
		return nil, columnMatch{}, err
	}
	found := make([]bool, len(bank.Items))
	for i, c := range res.Columns {
		found[i] = c != nil
	}
	match := matchColumns(bank, found, res.Ignored)
	match.cased = cased
	if match.found == 0 {
		return nil, match, match.noItems(t.Pos(0), header, bank)
	}
	where, err := whereFields(opt.Where, fields, t)
	if err != nil {
		return nil, match, err
	}
	waves := newWaveCheck(header, where, opt.OneWave)
	if opt.half && waves != nil {
		return nil, match, errHalf
	}

	// Rows: code the answers of the rows kept, a block at a time.
	if blockWatch != nil {
		defer blockWatch(readerDone, res, nil)
	}
	item := make([]int, len(cols)) // per field: the item of its column
	var used []int                 // the fields of item columns
	for f, c := range cols {
		if c != nil {
			item[f], _ = bank.Index(c.col.Item.ID)
			used = append(used, f)
		}
	}
	blk := newBlock(res, nil, rows)
	coders := newFieldCoders(cols)
	stage := newRowStage(len(cols), used)
	blkCols := make([]*itembank.Column, len(used))
	fill := func() {
		for u, f := range used {
			blkCols[u] = blk.Columns[item[f]]
		}
		stage.into(blkCols, rows)
	}
	fill()
	lt, lines := t.(lineTable)
	lines = lines && len(where) == 0 && waves == nil
	for {
		var line []byte
		var row []string
		if lines {
			line, row, err = lt.NextLine()
		} else {
			row, err = t.Next()
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, match, err
		}
		if line != nil {
			err = codeLine(line, lt.Delimiter(), coders, stage.row(), t)
		} else {
			err = codeRow(row, coders, used, stage.row(), header, where, waves, t)
		}
		if err == errSkip {
			continue
		}
		if err != nil {
			return nil, match, err
		}
		stage.keep()
		blk.Respondents++
		res.Respondents++
		if blk.Respondents == rows {
			stage.flush()
			if blk, err = give(blk, res, each, rows); err != nil {
				return nil, match, err
			}
			fill()
		}
	}
	if blk.Respondents > 0 {
		stage.flush()
		if _, err = give(blk, res, each, rows); err != nil {
			return nil, match, err
		}
	}

	// Whole file: something to read, of one wave when asked.
	notAsked(res)
	if opt.half {
		return res, match, nil
	}
	if err := loadedError(res, name, where, waves, t); err != nil {
		return nil, match, err
	}
	return res, match, nil
}

// MaxColumns is the most columns a response file may have: a hostile or
// broken file of a million columns would otherwise cost a great deal of
// memory per row. Wide national files have a few thousand.
const MaxColumns = 100_000

// errSkip is codeRow's word for a row the selection leaves out.
var errSkip = errors.New("row not selected")

// A lineTable gives a record that is one line without quotes as that
// line (csvscan.Scanner.NextLine), to be split at Delimiter.
type lineTable interface {
	NextLine() ([]byte, []string, error)
	Delimiter() byte
}

func fieldCount(t Table, got, want int) error {
	pe := t.Pos(0)
	pe.Column = 0
	pe.Err = fmt.Errorf("%w: row has %d fields, header has %d", itembank.ErrFieldCount, got, want)
	return pe
}

func cellError(t Table, f int, c *cellParser, err error) error {
	pe := t.Pos(f)
	pe.Item = c.col.Item.ID
	pe.Err = err
	return pe
}

// newBlock returns an empty block with a column for each of res's, room
// for rows answers each, or reuses b's.
func newBlock(res *itembank.Responses, b *itembank.Responses, rows int) *itembank.Responses {
	if b == nil {
		b = &itembank.Responses{Bank: res.Bank, Sources: res.Sources, Columns: make([]*itembank.Column, len(res.Columns))}
		if blockWatch != nil {
			blockWatch(blockMade, res, b)
		}
	}
	b.Respondents = 0
	var slab []uint8
	for i, c := range res.Columns {
		switch {
		case c == nil:
			b.Columns[i] = nil
		case b.Columns[i] == nil:
			if len(slab) < rows {
				slab = make([]uint8, 64*(rows+columnSkew))
			}
			b.Columns[i] = &itembank.Column{Item: c.Item, Codes: slab[:0:rows]}
			slab = slab[rows+columnSkew:]
		default:
			b.Columns[i].Codes = b.Columns[i].Codes[:0]
			b.Columns[i].Levels = nil
		}
	}
	return b
}

// columnSkew is the gap between the codes of two columns of a block,
// allocated 64 columns at a time: coding a row writes one code in each
// column, and columns exactly a multiple of 4 KiB apart would fall in the
// same few sets of the processor's level-1 cache, evicting each other at
// every row (which made coding three times slower).
const columnSkew = 64

// give hands a full block to each, with the levels coded so far, and
// returns the block to fill next, emptied.
func give(b, res *itembank.Responses, each func(*itembank.Responses) (*itembank.Responses, error), rows int) (*itembank.Responses, error) {
	for i, c := range res.Columns {
		if c != nil {
			b.Columns[i].Codes = b.Columns[i].Codes[:b.Respondents]
			b.Columns[i].Levels = c.Levels[:len(c.Levels):len(c.Levels)]
		}
	}
	if blockWatch != nil {
		blockWatch(blockGiven, res, b)
	}
	next, err := each(b)
	if err != nil {
		return nil, err
	}
	return newBlock(res, next, rows), nil
}

// itemColumns reads the header: a parser for each column named exactly
// like an item (nil for the other fields), listed in res, and each
// column's field; the other columns go to res.Ignored, from which
// casedColumns then takes those named like an item in other capitals.
func itemColumns(t Table, header []string, res *itembank.Responses, opt LoadOptions) ([]*cellParser, map[string]int, error) {
	cols := make([]*cellParser, len(header))
	seen := map[string]int{}
	for f, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if first, dup := seen[h]; dup {
			pe := t.Pos(f)
			pe.Item = h
			pe.Err = fmt.Errorf("%w %q (also column %d)", itembank.ErrDuplicateColumn, h, first+1)
			return nil, nil, pe
		}
		seen[h] = f
		if i, ok := res.Bank.Index(h); ok {
			cols[f] = newCellParser(itembank.NewColumn(res.Bank.Items[i], 0))
			res.Columns[i] = cols[f].col
		} else {
			res.Ignored = append(res.Ignored, h)
		}
	}
	return cols, seen, nil
}

// loadedError checks what was loaded: respondents, several waves where
// asked, answers; nil when all is well.
func loadedError(res *itembank.Responses, name string, where whereSet, waves *waveCheck, t Table) error {
	if res.Respondents == 0 {
		pe := &itembank.ParseError{File: name, Err: ErrNoRespondents}
		if len(where) > 0 {
			pe.Err = where.noneMatched(t)
		}
		return pe
	}
	if err := waves.err(); err != nil {
		return &itembank.ParseError{File: name, Err: err}
	}
	for _, c := range res.Columns {
		if c != nil {
			return nil
		}
	}
	msg := "the item columns are empty in every row"
	if len(where) > 0 {
		msg += " where " + conditions(where.conditions())
	}
	return &itembank.ParseError{File: name, Err: fmt.Errorf("%w: %s", ErrNoAnswers, msg)}
}

// notAsked removes the columns that hold no answer in any kept row: an
// item whose column is empty throughout was not asked. This is what makes
// one file holding every wave, where an item new in the later wave has an
// empty column in the earlier wave's rows, read exactly like one file per
// wave, where that column is absent.
func notAsked(res *itembank.Responses) {
	for i, c := range res.Columns {
		if c != nil && len(c.Levels) == 0 {
			res.Columns[i] = nil
		}
	}
}
