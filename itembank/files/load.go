package files

import (
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

// loadTable is load, also saying how the columns matched the bank.
func loadTable(t Table, name string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, columnMatch, error) {
	// Header: the item columns, the ignored ones, the row selection.
	header, err := t.Header()
	if err != nil {
		return nil, columnMatch{}, err
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

	// Rows: code the answers of the rows kept.
	for {
		row, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, match, err
		}
		if len(row) != len(header) {
			pe := t.Pos(0)
			pe.Column = 0
			pe.Err = fmt.Errorf("%w: row has %d fields, header has %d", itembank.ErrFieldCount, len(row), len(header))
			return nil, match, pe
		}
		if !where.match(row) {
			continue
		}
		if waves != nil {
			waves.add(row)
		}
		for f, c := range cols {
			if c == nil {
				continue
			}
			code, err := c.parse(row[f])
			if err != nil {
				pe := t.Pos(f)
				pe.Item = c.col.Item.ID
				pe.Err = err
				return nil, match, pe
			}
			c.col.Codes = append(c.col.Codes, code)
		}
		res.Respondents++
	}

	// Whole file: something to read, of one wave when asked.
	notAsked(res)
	if err := loadedError(res, name, where, waves, t); err != nil {
		return nil, match, err
	}
	return res, match, nil
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
			cols[f] = newCellParser(itembank.NewColumn(res.Bank.Items[i], rowsHint(t, opt)))
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
