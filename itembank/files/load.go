package files

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
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

// A Condition selects rows whose Column holds exactly Value.
type Condition struct {
	Column, Value string
}

// ParseCondition reads "column=value".
func ParseCondition(s string) (Condition, error) {
	col, val, ok := strings.Cut(s, "=")
	col = strings.TrimSpace(col)
	if !ok || col == "" {
		return Condition{}, fmt.Errorf("condition %q: want column=value, e.g. gemeente=Zwolle", s)
	}
	return Condition{Column: col, Value: strings.TrimSpace(val)}, nil
}

func (c Condition) String() string { return c.Column + "=" + c.Value }

// ErrNoRespondents reports a file, or a selection, without any respondent.
var ErrNoRespondents = errors.New("no respondents")

// File formats LoadFile reads.
const (
	FormatText = "text" // delimited text: .csv, .tsv, .txt
	FormatXLSX = "xlsx" // Excel workbook: .xlsx, .xlsm
	FormatSAV  = "spss" // SPSS system file: .sav, .zsav
	formatXLS  = "xls"  // old Excel workbook, not read
	formatODS  = "ods"  // OpenDocument spreadsheet, not read
	formatNone = ""     // unknown
)

// ErrFormat reports a file whose format LoadFile does not read.
var ErrFormat = errors.New("unsupported file type")

var formatByExt = map[string]string{
	".csv": FormatText, ".tsv": FormatText, ".txt": FormatText, ".tab": FormatText, ".dat": FormatText, "": FormatText,
	".xlsx": FormatXLSX, ".xlsm": FormatXLSX,
	".sav": FormatSAV, ".zsav": FormatSAV,
	".xls": formatXLS, ".ods": formatODS,
}

// sniffFormat names the format the first bytes of a file announce, or ""
// for text or anything unrecognised.
func sniffFormat(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("$FL2")), bytes.HasPrefix(head, []byte("$FL3")):
		return FormatSAV
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if bytes.Contains(head, []byte("opendocument")) {
			return formatODS
		}
		return FormatXLSX
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return formatXLS // also an Excel workbook saved with a password
	}
	return formatNone
}

// DetectFormat returns the format of a response file: the one its content
// announces (an SPSS or a workbook signature), else the one its extension
// names. A file whose extension and content disagree is read by content,
// since the content cannot lie.
func DetectFormat(path string, head []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	byExt, known := formatByExt[ext]
	format := sniffFormat(head)
	if format == formatNone {
		if !known || byExt == FormatText {
			if !known {
				return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w %q: save the answers as .csv, .xlsx or .sav", ErrFormat, ext)}
			}
			return FormatText, nil
		}
		if byExt == FormatXLSX || byExt == FormatSAV {
			return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w: the name says %s, but the file does not start like one; is it damaged, or renamed?", ErrFormat, formatName(byExt))}
		}
		format = byExt
	}
	switch format {
	case formatXLS:
		return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w: an old Excel workbook (.xls) or one saved with a password; open it in Excel and save it as .xlsx (without password) or as CSV", ErrFormat)}
	case formatODS:
		return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w: an OpenDocument spreadsheet; save it as .xlsx or as CSV", ErrFormat)}
	}
	return format, nil
}

func formatName(format string) string {
	switch format {
	case FormatXLSX:
		return "an Excel workbook"
	case FormatSAV:
		return "an SPSS file"
	}
	return "a text file"
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

// dataFile is an open response file and the format its name and first
// bytes say it has (see DetectFormat).
type dataFile struct {
	*os.File
	size   int64
	format string
}

func openDataFile(path string) (*dataFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	head := make([]byte, 512)
	n, _ := f.ReadAt(head, 0)
	format, err := DetectFormat(path, head[:n])
	if err != nil {
		f.Close()
		return nil, err
	}
	return &dataFile{File: f, size: st.Size(), format: format}, nil
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

// A cellParser turns the cells of one item's column into answer codes.
// Cell texts seen before are looked up rather than parsed again: one-byte
// texts (most answers) in a table, others in a map that keeps a copy of
// the text (a table's cells may be valid only until its next row).
type cellParser struct {
	col     *itembank.Column
	oneByte [256]uint16 // code+1, 0 when not seen
	lookup  map[string]uint8
}

func newCellParser(c *itembank.Column) *cellParser {
	return &cellParser{col: c, lookup: map[string]uint8{}}
}

// parse returns the code of one cell's answer: 0 for an empty cell or a
// missing code, an error for text or a number outside the scale.
func (c *cellParser) parse(cell string) (uint8, error) {
	if k, ok := c.cached(cell); ok {
		return k, nil
	}
	s := c.col.Item.Scale
	var k uint8
	if strings.TrimSpace(cell) != "" {
		v, err := itembank.ParseValue(cell)
		switch {
		case err != nil:
			return 0, fmt.Errorf("%w: %q", itembank.ErrNotNumeric, cell)
		case s.IsMissing(v):
		case !s.Contains(v):
			return 0, fmt.Errorf("%w: %s is outside %s", itembank.ErrOutOfScale, v, s)
		default:
			if k, err = c.col.Code(v); err != nil {
				return 0, err
			}
		}
	}
	c.remember(cell, k)
	return k, nil
}

// cached returns the code of a cell text seen before; an empty cell is
// always missing.
func (c *cellParser) cached(cell string) (uint8, bool) {
	switch len(cell) {
	case 0:
		return 0, true
	case 1:
		k := c.oneByte[cell[0]]
		return uint8(k - 1), k != 0
	}
	k, ok := c.lookup[cell]
	return k, ok
}

// remember notes the code of a cell text. The map keeps a copy of the
// text, and stops growing at 4·MaxLevels texts.
func (c *cellParser) remember(cell string, k uint8) {
	switch {
	case len(cell) == 1:
		c.oneByte[cell[0]] = uint16(k) + 1
	case len(c.lookup) < 4*itembank.MaxLevels:
		c.lookup[strings.Clone(cell)] = k
	}
}

// whereSet holds the row conditions resolved to fields.
type whereSet []*whereField

type whereField struct {
	Condition
	field int
	value string          // the value to find: the condition's, or the code its label stands for
	seen  map[string]bool // some values the column holds, for a message when none matched
}

// maxSeen caps how many distinct values of a condition's column are kept.
const maxSeen = 12

// labeledTable is a table whose columns can have value labels (an SPSS
// file): a condition may then name a value by its label.
type labeledTable interface {
	valueLabel(field int, label string) (string, bool)
	labelOf(field int, value string) (string, bool)
}

func whereFields(conds []Condition, fields map[string]int, t Table) (whereSet, error) {
	var w whereSet
	for _, c := range conds {
		f, ok := fields[c.Column]
		if !ok {
			pe := t.Pos(0)
			pe.Column = 0
			pe.Item = ""
			pe.Err = fmt.Errorf("no column %q to select rows by (%s)", c.Column, c)
			return nil, pe
		}
		value := c.Value
		if lt, ok := t.(labeledTable); ok {
			if v, ok := lt.valueLabel(f, value); ok {
				value = v
			}
		}
		w = append(w, &whereField{Condition: c, field: f, value: value, seen: map[string]bool{}})
	}
	return w, nil
}

// match reports whether row meets every condition: the cell, without
// surrounding spaces, equals the value, or both are the same number
// ("2016" and "2016.0", "7,5" and "7.5").
func (w whereSet) match(row []string) bool {
	ok := true
	for _, c := range w {
		cell := strings.TrimSpace(row[c.field])
		if len(c.seen) < maxSeen && !c.seen[cell] {
			c.seen[strings.Clone(cell)] = true // the table may reuse the cell's bytes
		}
		if cell != c.value && !sameNumber(cell, c.value) {
			ok = false
		}
	}
	return ok
}

// noneMatched explains an empty selection: the values each condition's
// column does hold.
func (w whereSet) noneMatched(t Table) error {
	lt, _ := t.(labeledTable)
	var parts []string
	for _, c := range w {
		vals := make([]string, 0, len(c.seen))
		for v := range c.seen {
			if lt != nil {
				if l, ok := lt.labelOf(c.field, v); ok {
					v = l
				}
			}
			if v == "" {
				v = "(empty)"
			}
			vals = append(vals, v)
		}
		sort.Strings(vals)
		more := ""
		if len(vals) == maxSeen {
			more = ", ..."
		}
		parts = append(parts, fmt.Sprintf("%s holds %s%s", c.Column, strings.Join(vals, ", "), more))
	}
	return fmt.Errorf("%w where %s (%s)", ErrNoRespondents, conditions(w.conditions()), strings.Join(parts, "; "))
}

func (w whereSet) conditions() []Condition {
	cs := make([]Condition, len(w))
	for i, c := range w {
		cs[i] = c.Condition
	}
	return cs
}

func sameNumber(a, b string) bool {
	x, err := itembank.ParseValue(a)
	if err != nil {
		return false
	}
	y, err := itembank.ParseValue(b)
	return err == nil && x.Cmp(y) == 0
}

func conditions(cs []Condition) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, " and ")
}
