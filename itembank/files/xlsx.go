package files

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/itembank"
)

// ErrNoSheet reports a workbook without the requested worksheet.
var ErrNoSheet = errors.New("no such worksheet")

// xlsxUnzipLimit caps how much a workbook may unpack to (256 MiB, room for
// a worksheet of some million answers): a corrupt or hostile file must not
// fill the memory or the disk.
//
// The same cap is excelize's UnzipXMLSizeLimit, the size above which it
// unpacks a worksheet or the shared strings to a file in the system's
// temporary folder (16 MiB by default). With both equal, a workbook is
// read in memory only: no copy of the answers is ever written to disk, so
// none can be left there when the program is stopped (Ctrl-C) while
// reading.
const xlsxUnzipLimit = 256 << 20

// LoadXLSX reads an Excel workbook (.xlsx): one respondent per row of a
// worksheet after a header row naming the columns, as LoadCSV reads text.
// The worksheet is opt.Sheet, or the first one in the workbook. Cells are
// read as stored, not as displayed: a grade shown as "7,5" in a Dutch Excel
// is read as 7.5, a cell formatted to show no decimals keeps them. Numbers
// Excel stores with more than 15 significant digits (0.1*3 is stored as
// 0.30000000000000004) are rounded to 15, the precision Excel computes and
// shows with. Empty cells are missing answers, and rows with no cell filled
// are skipped. Errors give the sheet, the row and the column number.
func LoadXLSX(r io.ReaderAt, size int64, name string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	t, err := newXLSXTable(r, size, name, opt.Sheet)
	if err != nil {
		return nil, err
	}
	defer t.close()
	return load(t, name, bank, opt)
}

type xlsxTable struct {
	name, sheet string
	file        *excelize.File
	rows        *excelize.Rows
	row         int // 1-based number of the last row read
	width       int // number of header cells
}

func newXLSXTable(r io.ReaderAt, size int64, name, sheet string) (t *xlsxTable, err error) {
	defer recoverXLSX(name, &err)
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    xlsxUnzipLimit,
		UnzipXMLSizeLimit: xlsxUnzipLimit,
	})
	if err != nil {
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: not a readable Excel workbook: %v", itembank.ErrSyntax, err)}
	}
	sheets := f.GetSheetList()
	switch {
	case len(sheets) == 0:
		f.Close()
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: the workbook has no worksheet", ErrNoSheet)}
	case sheet == "":
		sheet = sheets[0]
	case !slices.Contains(sheets, sheet):
		f.Close()
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w %q (the workbook has: %s)", ErrNoSheet, sheet, strings.Join(sheets, ", "))}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, &itembank.ParseError{File: name, Sheet: sheet, Err: fmt.Errorf("%w: %v", itembank.ErrSyntax, err)}
	}
	return &xlsxTable{name: name, sheet: sheet, file: f, rows: rows}, nil
}

// recoverXLSX turns a panic inside the workbook library, which a corrupt
// file can provoke, into an error naming the file.
func recoverXLSX(name string, err *error) {
	if p := recover(); p != nil {
		*err = &itembank.ParseError{File: name, Err: fmt.Errorf("%w: not a readable Excel workbook (%v)", itembank.ErrSyntax, p)}
	}
}

func (t *xlsxTable) close() {
	t.rows.Close()
	t.file.Close()
}

// Header returns the first row with a filled cell, without trailing empty
// cells.
func (t *xlsxTable) Header() ([]string, error) {
	row, err := t.next()
	if err == io.EOF {
		return nil, &itembank.ParseError{File: t.name, Sheet: t.sheet, Line: 1, Err: itembank.ErrEmpty}
	}
	if err != nil {
		return nil, err
	}
	for len(row) > 0 && strings.TrimSpace(row[len(row)-1]) == "" {
		row = row[:len(row)-1]
	}
	t.width = len(row)
	return row, nil
}

// Next returns the next row with a filled cell, padded with empty cells to
// the header's width. A filled cell right of the header is an error.
func (t *xlsxTable) Next() ([]string, error) {
	row, err := t.next()
	if err != nil {
		return nil, err
	}
	for i := t.width; i < len(row); i++ {
		if strings.TrimSpace(row[i]) != "" {
			pe := t.Pos(i)
			pe.Err = fmt.Errorf("%w: a filled cell right of the last column with a name in the header row", itembank.ErrFieldCount)
			return nil, pe
		}
	}
	if len(row) > t.width {
		row = row[:t.width]
	}
	for len(row) < t.width {
		row = append(row, "")
	}
	return row, nil
}

// next returns the next row that is not wholly empty, cells normalised.
func (t *xlsxTable) next() (row []string, err error) {
	defer recoverXLSX(t.name, &err)
	for t.rows.Next() {
		t.row++
		row, err := t.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &itembank.ParseError{File: t.name, Sheet: t.sheet, Line: t.row, Err: fmt.Errorf("%w: %v", itembank.ErrSyntax, err)}
		}
		empty := true
		for i, c := range row {
			row[i] = xlsxNumber(c)
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
		if !empty {
			return row, nil
		}
	}
	if err := t.rows.Error(); err != nil {
		return nil, &itembank.ParseError{File: t.name, Sheet: t.sheet, Line: t.row + 1, Err: fmt.Errorf("%w: %v", itembank.ErrSyntax, err)}
	}
	return nil, io.EOF
}

// xlsxNumber rewrites a stored number that ParseValue would refuse, one in
// exponent notation or with more than 15 significant digits, as a plain
// decimal rounded to 15 significant digits. Other cells are returned as is.
func xlsxNumber(cell string) string {
	if _, err := itembank.ParseValue(cell); err == nil {
		return cell
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
	if err != nil || x != x || x > 1e15 || x < -1e15 {
		return cell
	}
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func (t *xlsxTable) Pos(field int) *itembank.ParseError {
	return &itembank.ParseError{File: t.name, Sheet: t.sheet, Line: t.row, Column: field + 1}
}
