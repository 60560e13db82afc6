package proposalbook

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/itembank"
)

// Options are what a checklist says besides the items.
type Options struct {
	By     string // the team leader's name, filled in; "" leaves the cell empty
	Target int    // the target length, filled in; 0 leaves the cell empty
	// Lang is "nl" for a workbook in Dutch, anything else for English.
	Lang string
}

// The layout of the sheet: rows of the block above the items, and the
// columns of the items.
const (
	rowTitle       = 1
	rowInstruction = 2
	rowName        = 3
	rowTarget      = 4
	rowKept        = 5
	rowHeader      = 7
	firstItemRow   = rowHeader + 1

	colTheme = 1 // A
	colID    = 2 // B
	colText  = 3 // C
	colKeep  = 4 // D
	colValue = 2 // B: the name, the target and the count
)

// Column widths, in Excel's units (about one digit each).
var widths = [...]float64{colTheme: 24, colID: 10, colText: 80, colKeep: 12}

// Write writes the checklist workbook of bank: one sheet with a short
// instruction, the name and target cells, a count of the items kept that
// Excel updates as the answers change (COUNTIF over the keep column), and
// a row per item in the bank's order (theme, id, text, keep) under a
// frozen header. The keep column is a drop-down of yes and no, every item
// starting at yes. The sheet is protected without a password, so that ids
// and texts are not changed by accident; the keep column, the name and
// the target stay editable, and Review > Unprotect Sheet lifts it.
func Write(w io.Writer, bank *itembank.Bank, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	wd := wordsFor(opt.Lang)
	b := &book{f: f, w: wd, sheet: wd.sheet, n: len(bank.Items)}
	if err := f.SetSheetName("Sheet1", b.sheet); err != nil {
		return err
	}
	for _, step := range []func() error{
		func() error { return b.styles() },
		func() error { return b.top(bank, opt) },
		func() error { return b.items(bank) },
		b.keepColumn,
		b.finish,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	title := bank.Title
	if title == "" {
		title = wd.untitled
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: wd.title + oneLine(title), Creator: "itemreduce proposal",
		Description: "proposal checklist", Language: wd.lang}); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

// book is a checklist being written.
type book struct {
	f     *excelize.File
	w     *words
	sheet string
	n     int // number of items

	title, instruction, label, input, count, header, cell, wrapped, keep int // style ids
}

func (b *book) styles() error {
	top := &excelize.Alignment{Vertical: "top"}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	unlocked := &excelize.Protection{Locked: false}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	box := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&b.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&b.instruction, excelize.Style{Alignment: wrap}},
		{&b.label, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}},
		{&b.input, excelize.Style{Fill: yellow, Border: box, Protection: unlocked, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&b.count, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&b.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}}},
		{&b.cell, excelize.Style{Alignment: top}},
		{&b.wrapped, excelize.Style{Alignment: wrap}},
		{&b.keep, excelize.Style{Fill: yellow, Border: box, Protection: unlocked, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
	} {
		id, err := b.f.NewStyle(&s.style)
		if err != nil {
			return err
		}
		*s.id = id
	}
	return nil
}

// top writes the block above the items: title, instruction, name, target
// and the live count.
func (b *book) top(bank *itembank.Bank, opt Options) error {
	title := bank.Title
	if title == "" {
		title = b.w.untitled
	}
	instruction := fmt.Sprintf(b.w.instruction, b.w.keep, b.w.yes, b.w.no)
	if err := b.set(colTheme, rowTitle, b.w.title+oneLine(title), b.title); err != nil {
		return err
	}
	if err := b.set(colTheme, rowInstruction, instruction, b.instruction); err != nil {
		return err
	}
	if err := b.f.MergeCell(b.sheet, cellName(colTheme, rowInstruction), cellName(colKeep, rowInstruction)); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(b.sheet, rowInstruction, lineHeight*float64(lines(instruction, sumWidths()))); err != nil {
		return err
	}
	var by, target any
	if opt.By != "" {
		by = oneLine(opt.By)
	}
	if opt.Target > 0 {
		target = opt.Target
	}
	for _, r := range []struct {
		row   int
		label string
		value any
	}{{rowName, b.w.name, by}, {rowTarget, b.w.target, target}} {
		if err := b.set(colTheme, r.row, r.label, b.label); err != nil {
			return err
		}
		if err := b.set(colValue, r.row, r.value, b.input); err != nil {
			return err
		}
	}
	if err := b.f.MergeCell(b.sheet, cellName(colValue, rowName), cellName(colText, rowName)); err != nil {
		return err
	}
	return b.countRow()
}

// countRow writes the live count: the number of yes answers, and beside
// it how that stands against the target, as formulas Excel recomputes.
func (b *book) countRow() error {
	if err := b.set(colTheme, rowKept, b.w.kept, b.label); err != nil {
		return err
	}
	keepRange := fmt.Sprintf("%s:%s", cellName(colKeep, firstItemRow), cellName(colKeep, firstItemRow+max(b.n, 1)-1))
	count := cellName(colValue, rowKept)
	target := cellName(colValue, rowTarget)
	if err := b.f.SetCellFormula(b.sheet, count, fmt.Sprintf(`COUNTIF(%s,"%s")`, keepRange, b.w.yes)); err != nil {
		return err
	}
	w := b.w
	against := fmt.Sprintf(`IF(ISNUMBER(%[1]s),"%[3]s"&%[1]s&IF(%[2]s>%[1]s,"%[4]s"&(%[2]s-%[1]s)&"%[5]s",IF(%[2]s<%[1]s,"%[6]s"&(%[1]s-%[2]s)&"%[7]s","%[8]s")),"%[9]s%[10]d%[11]s")`,
		target, count, w.ofTarget, w.overTarget, w.overSuffix, w.underTarget, w.underSuffix, w.onTarget, w.ofItems, b.n, w.itemsSuffix)
	if err := b.f.SetCellFormula(b.sheet, cellName(colText, rowKept), against); err != nil {
		return err
	}
	if err := b.f.SetCellStyle(b.sheet, count, count, b.count); err != nil {
		return err
	}
	return b.f.SetCellStyle(b.sheet, cellName(colText, rowKept), cellName(colText, rowKept), b.count)
}

// items writes the header and a row per item, in the bank's order, which
// groups them by theme.
func (b *book) items(bank *itembank.Bank) error {
	for _, h := range []struct {
		col  int
		text string
	}{{colTheme, b.w.theme}, {colID, b.w.id}, {colText, b.w.text}, {colKeep, b.w.keep}} {
		if err := b.set(h.col, rowHeader, h.text, b.header); err != nil {
			return err
		}
	}
	for i, it := range bank.Items {
		row := firstItemRow + i
		text := oneLine(it.Text)
		for _, c := range []struct {
			col   int
			value string
			style int
		}{{colTheme, oneLine(it.Theme), b.cell}, {colID, it.ID, b.cell}, {colText, text, b.wrapped}, {colKeep, b.w.yes, b.keep}} {
			if err := b.set(c.col, row, c.value, c.style); err != nil {
				return err
			}
		}
		if n := lines(text, widths[colText]); n > 1 {
			if err := b.f.SetRowHeight(b.sheet, row, lineHeight*float64(n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// keepColumn makes the keep column a drop-down of yes and no that refuses
// other words, and shades the rows answered no.
func (b *book) keepColumn() error {
	if b.n == 0 {
		return nil
	}
	ref := fmt.Sprintf("%s:%s", cellName(colKeep, firstItemRow), cellName(colKeep, firstItemRow+b.n-1))
	dv := excelize.NewDataValidation(false)
	dv.Sqref = ref
	if err := dv.SetDropList([]string{b.w.yes, b.w.no}); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, b.w.pickTitle, b.w.pickText)
	if err := b.f.AddDataValidation(b.sheet, dv); err != nil {
		return err
	}
	shade, err := b.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F4CCCC"}},
		Font: &excelize.Font{Color: "7F7F7F"}})
	if err != nil {
		return err
	}
	rows := fmt.Sprintf("%s:%s", cellName(colTheme, firstItemRow), cellName(colKeep, firstItemRow+b.n-1))
	return b.f.SetConditionalFormat(b.sheet, rows, []excelize.ConditionalFormatOptions{{
		Type: "formula", Format: &shade,
		Criteria: fmt.Sprintf(`LOWER(TRIM($%s))="%s"`, cellName(colKeep, firstItemRow), b.w.no),
	}})
}

// finish sets the column widths, freezes the rows down to the header,
// adds a filter to the header and protects the sheet.
func (b *book) finish() error {
	for col := colTheme; col <= colKeep; col++ {
		name, _ := excelize.ColumnNumberToName(col)
		if err := b.f.SetColWidth(b.sheet, name, name, widths[col]); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(b.sheet, &excelize.Panes{Freeze: true, YSplit: rowHeader, TopLeftCell: cellName(colTheme, firstItemRow), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cellName(colKeep, firstItemRow), ActiveCell: cellName(colKeep, firstItemRow), Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if b.n > 0 {
		ref := fmt.Sprintf("%s:%s", cellName(colTheme, rowHeader), cellName(colKeep, firstItemRow+b.n-1))
		if err := b.f.AutoFilter(b.sheet, ref, nil); err != nil {
			return err
		}
	}
	yes := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return err
	}
	return b.f.ProtectSheet(b.sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, AutoFilter: true,
	})
}

// set writes value (nil: none) with style into the cell at col, row.
func (b *book) set(col, row int, value any, style int) error {
	cell := cellName(col, row)
	if value != nil {
		if err := b.f.SetCellValue(b.sheet, cell, value); err != nil {
			return err
		}
	}
	return b.f.SetCellStyle(b.sheet, cell, cell, style)
}

// cellName is the A1 name of the cell at col, row (both from 1).
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // the layout's cells are all valid
	}
	return name
}

// lineHeight is the height of one line of text in the default font
// (Calibri 11), in points.
const lineHeight = 15

// lines estimates the lines a wrapped text takes in a column of width:
// Excel does not size rows to wrapped text it did not write itself. A
// width unit holds about 1.1 characters of ordinary text.
func lines(text string, width float64) int {
	perLine := int(width * 1.1)
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
	}
	return n
}

func sumWidths() float64 {
	s := 0.0
	for _, w := range widths {
		s += w
	}
	return s
}

// oneLine keeps a text on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
