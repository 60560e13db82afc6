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
	// Progress, when set, is called from time to time with the number of
	// input bytes read since the previous call, to show how far a long
	// load has come.
	Progress func(bytes int64)
}

// LoadFile reads a response file in any supported format: delimited text
// (.csv, .tsv, .txt; UTF-8, UTF-16 with a byte-order mark, or
// windows-1252), Excel workbooks (.xlsx) and SPSS system files (.sav,
// .zsav). See DetectFormat for how the format is chosen.
func LoadFile(path string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	src, err := Open(path, opt.Sheet, opt.Progress)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return load(src.Table, path, bank, opt)
}

// load reads every row of t into Responses for bank.
func load(t Table, name string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	header, err := t.Header()
	if err != nil {
		return nil, err
	}
	res := &itembank.Responses{Bank: bank, Sources: []string{name}, Columns: make([]*itembank.Column, len(bank.Items))}
	cols := make([]*cellParser, len(header)) // per field: the item column's parser, or nil
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
			return nil, pe
		}
		seen[h] = f
		if i, ok := bank.Index(h); ok {
			cols[f] = newCellParser(itembank.NewColumn(bank.Items[i], rowsHint(t, opt)))
			res.Columns[i] = cols[f].col
		} else {
			res.Ignored = append(res.Ignored, h)
		}
	}
	where, err := whereFields(opt.Where, seen, t)
	if err != nil {
		return nil, err
	}
	for {
		row, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(row) != len(header) {
			pe := t.Pos(0)
			pe.Column = 0
			pe.Err = fmt.Errorf("%w: row has %d fields, header has %d", itembank.ErrFieldCount, len(row), len(header))
			return nil, pe
		}
		if !where.match(row) {
			continue
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
				return nil, pe
			}
			c.col.Codes = append(c.col.Codes, code)
		}
		res.Respondents++
	}
	notAsked(res)
	if res.Respondents == 0 {
		pe := &itembank.ParseError{File: name, Err: ErrNoRespondents}
		if len(where) > 0 {
			pe.Err = where.noneMatched(t)
		}
		return nil, pe
	}
	return res, nil
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
