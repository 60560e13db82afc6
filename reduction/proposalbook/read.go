package proposalbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

// Sentinel errors of a checklist workbook, wrapped by
// *itembank.ParseError; an unknown id wraps reduction.ErrUnknownItem, an
// id on two rows reduction.ErrDuplicateID.
var (
	ErrNotWorkbook  = errors.New("not an Excel workbook")
	ErrNotChecklist = errors.New("not a proposal checklist made by itemreduce proposal")
	ErrAnswer       = errors.New("invalid answer")
	ErrMissingItem  = errors.New("items of the bank missing from the sheet")
	ErrTarget       = errors.New("invalid target")
)

// unzipLimit caps what a checklist may unpack to (16 MiB, a thousand
// times a checklist of 150 items), so that a damaged or hostile file
// cannot fill the memory; with the two excelize limits equal, nothing is
// unpacked to the disk.
const unzipLimit = 16 << 20

// catchPanics turns a panic inside the workbook library, which a damaged
// file might provoke, into an error; the fuzz tests turn it off to see
// them.
var catchPanics = true

// headerRows is how far down a sheet the header row is looked for.
const headerRows = 50

// maxProblems is how many mistakes one error lists.
const maxProblems = 20

// IsWorkbook reports whether a file starting with head is a workbook
// (a zip archive), or an old or password-protected Excel file, which
// Read refuses with a message saying what to do.
func IsWorkbook(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0})
}

// ReadFile reads the checklist workbook at path; see Read.
func ReadFile(path string, bank *itembank.Bank) (*reduction.Proposal, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(bytes.NewReader(data), int64(len(data)), path, bank)
}

// Read reads a checklist workbook written by Write, as Excel or another
// program saved it after the team leader chose: the cells are found by
// their headings and labels, not by their bytes or exact places. The
// sheet read is the first with a header row naming the columns id and
// Keep? (Behouden? in Dutch). Above it, the cell right of the label Name
// (Naam) is the proposer, right of Target (Doel) the target length. Every
// row below with an id or an answer is read: the id must be an item of the
// bank, on one row only, and the answer one of yes, no, ja, nee, keep,
// drop, behouden, schrappen (also y, j, n, behoud, schrap), in any case
// and with spaces around; an empty answer is a mistake, since every item
// starts at yes. Every item of the bank must have its row. The mistakes
// are reported together, up to 20, each with the sheet, row and cell;
// name is used in messages.
func Read(r io.ReaderAt, size int64, name string, bank *itembank.Bank) (p *reduction.Proposal, err error) {
	defer func() {
		if !catchPanics {
			return
		}
		if v := recover(); v != nil {
			p, err = nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: it could not be read (%v); open it in Excel and save it again", ErrNotWorkbook, v)}
		}
	}()
	head := make([]byte, 100)
	n, _ := r.ReadAt(head, 0)
	switch head = head[:n]; {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w (.xlsx): an old Excel workbook (.xls) or one saved with a password; open it in Excel and save it as Excel Workbook (.xlsx) without a password", ErrNotWorkbook)}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head, []byte("opendocument")):
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w (.xlsx): an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx)", ErrNotWorkbook)}
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipLimit})
	if err != nil {
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w (.xlsx), or a damaged one: %v", ErrNotWorkbook, err)}
	}
	defer f.Close()
	s, err := findSheet(f, name)
	if err != nil {
		return nil, err
	}
	return s.proposal(bank)
}

// sheet is the checklist's sheet: its cells, and where the columns are.
type sheet struct {
	file, name   string
	rows         [][]string
	w            *words // the language of the keep column's heading
	header       int    // index of the header row in rows
	idCol, keep  int    // indexes of the columns
	problems     []error
	moreProblems int
}

// findSheet returns the first sheet with a header row naming the id and
// keep columns.
func findSheet(f *excelize.File, file string) (*sheet, error) {
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			continue // a chart sheet, or damaged
		}
		for i, row := range rows[:min(len(rows), headerRows)] {
			s := &sheet{file: file, name: name, rows: rows, header: i, idCol: -1, keep: -1}
			for j, cell := range row {
				if s.idCol < 0 && heading(cell, func(w *words) string { return w.id }) != nil {
					s.idCol = j
				}
				if w := heading(cell, func(w *words) string { return w.keep }); s.keep < 0 && w != nil {
					s.keep, s.w = j, w
				}
			}
			if s.idCol >= 0 && s.keep >= 0 {
				return s, nil
			}
		}
	}
	return nil, &itembank.ParseError{File: file, Err: fmt.Errorf("%w: no sheet has a header row with the columns %s and %s (%s in Dutch); if it was a checklist, put its header row back, otherwise make one with itemreduce proposal --bank BANK.yaml -o NAME.xlsx",
		ErrNotChecklist, english.id, english.keep, dutch.keep)}
}

// proposal reads the name, the target and the answers, and checks them
// against the bank.
func (s *sheet) proposal(bank *itembank.Bank) (*reduction.Proposal, error) {
	by := clean(s.labelled(func(w *words) string { return w.name }))
	target := s.target()
	keep := s.answers(bank)
	if len(s.problems) > 0 {
		if s.moreProblems > 0 {
			s.problems = append(s.problems, &itembank.ParseError{File: s.file, Sheet: s.name, Err: fmt.Errorf("and %d more mistakes", s.moreProblems)})
		}
		return nil, errors.Join(s.problems...)
	}
	return reduction.ProposalFromChecklist(s.file, by, target, keep, bank), nil
}

// labelled returns the cell right of a label above the header; see
// labelCell.
func (s *sheet) labelled(label func(*words) string) string {
	_, _, v := s.labelCell(label)
	return v
}

// labelCell finds the label above the header, the first filled cell of
// its row, and returns the first filled cell right of it with its row and
// column indexes (the cell just right of the label when none is filled);
// -1, -1 and "" when no row has the label.
func (s *sheet) labelCell(label func(*words) string) (row, col int, value string) {
	for i, r := range s.rows[:s.header] {
		for j, cell := range r {
			if clean(cell) == "" {
				continue
			}
			if heading(cell, label) == nil {
				break // the label is the first filled cell of its row
			}
			for k := j + 1; k < len(r); k++ {
				if clean(r[k]) != "" {
					return i, k, r[k]
				}
			}
			return i, j + 1, ""
		}
	}
	return -1, -1, ""
}

// target reads the target cell: empty for none, else a whole number of
// items.
func (s *sheet) target() int {
	row, col, v := s.labelCell(func(w *words) string { return w.target })
	v = clean(v)
	if v == "" {
		return 0
	}
	x, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	if err != nil || x != math.Trunc(x) || x < 1 || x > 1<<20 {
		s.problem(row, col, fmt.Errorf("%w %q: write the number of items you aim for, or leave the cell empty", ErrTarget, v))
		return 0
	}
	return int(x)
}

// answers reads the rows below the header and returns the ids answered
// yes, noting every mistake.
func (s *sheet) answers(bank *itembank.Bank) []string {
	var keep []string
	seen := map[string]int{} // id: row index
	for i := s.header + 1; i < len(s.rows); i++ {
		id, ans := clean(s.cell(i, s.idCol)), s.cell(i, s.keep)
		switch {
		case id == "" && clean(ans) == "":
			continue
		case id == "":
			s.problem(i, s.idCol, fmt.Errorf("the id is empty, next to the answer %q; every row keeps the id it was written with", clean(ans)))
			continue
		case bank.Item(id) == nil:
			s.problem(i, s.idCol, fmt.Errorf("%s is %w; every row keeps the id it was written with", id, reduction.ErrUnknownItem))
			continue
		}
		if first, dup := seen[id]; dup {
			s.problem(i, s.idCol, fmt.Errorf("%w: %s is also on row %d; give each item one row", reduction.ErrDuplicateID, id, first+1))
			continue
		}
		seen[id] = i
		yes, ok := answer(ans)
		switch {
		case !ok && clean(ans) == "":
			s.problem(i, s.keep, fmt.Errorf("%w for %s: the cell is empty; choose %s", ErrAnswer, id, s.w.yesOrNo()))
		case !ok:
			s.problem(i, s.keep, fmt.Errorf("%w for %s: %q is not %s", ErrAnswer, id, clean(ans), s.w.yesOrNo()))
		case yes:
			keep = append(keep, id)
		}
	}
	var missing []string
	for _, it := range bank.Items {
		if _, ok := seen[it.ID]; !ok {
			missing = append(missing, it.ID)
		}
	}
	if len(missing) > 0 {
		s.problem(-1, -1, fmt.Errorf("%w: %s; were rows deleted, or ids changed? Put them back, or start again from a new checklist",
			ErrMissingItem, listIDs(missing, 10)))
	}
	return keep
}

// cell is the text of the cell at row index i and column index j; "" for
// a cell past the end of its row.
func (s *sheet) cell(i, j int) string {
	if i < 0 || i >= len(s.rows) || j < 0 || j >= len(s.rows[i]) {
		return ""
	}
	return s.rows[i][j]
}

// problem notes a mistake at row index i and column index j (-1: the
// sheet as a whole), naming the cell.
func (s *sheet) problem(i, j int, err error) {
	if len(s.problems) == maxProblems {
		s.moreProblems++
		return
	}
	pe := &itembank.ParseError{File: s.file, Sheet: s.name, Err: err}
	if i >= 0 && j >= 0 {
		pe.Line, pe.Column = i+1, j+1
		if name, cerr := excelize.CoordinatesToCellName(j+1, i+1); cerr == nil {
			pe.Err = fmt.Errorf("cell %s: %w", name, err)
		}
	}
	s.problems = append(s.problems, pe)
}

// listIDs lists ids, the first max of them and how many more.
func listIDs(ids []string, max int) string {
	if len(ids) <= max {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:max], ", "), len(ids)-max)
}
