package files

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/sav"
)

// LoadSAV reads an SPSS system file (.sav, or .zsav when zlib-compressed):
// one respondent per case, the variable names as column names, as LoadCSV
// reads text. System-missing values and the variable's user-missing values
// (MISSING VALUES) are missing answers. Numbers are taken exactly as
// stored, not as the print format shows them: 7.5 stays 7.5 under F1.0. A
// stored number that is not a short decimal (0.1*3 computes to
// 0.30000000000000004) is rounded to 15 significant digits, the precision
// SPSS shows at most. Case weights are not applied. Errors give the case
// number (the row in SPSS's Data View) as the line, and the variable.
func LoadSAV(r io.ReaderAt, size int64, name string, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	t, err := newSAVTable(r, size, name)
	if err != nil {
		return nil, err
	}
	return load(t, name, bank, opt)
}

type savTable struct {
	name   string
	r      *sav.Reader
	vars   []*sav.Variable
	cases  int // cases read
	row    []string
	labels []map[string]string // per variable, value label -> value text; built when asked
	values []map[string]string // per variable, value text -> value label; built when asked
}

func newSAVTable(r io.ReaderAt, size int64, name string) (*savTable, error) {
	sr, err := sav.Open(r, size, name)
	if err != nil {
		return nil, savError(name, err)
	}
	vars := sr.File().Variables
	return &savTable{name: name, r: sr, vars: vars, row: make([]string, len(vars)), labels: make([]map[string]string, len(vars)), values: make([]map[string]string, len(vars))}, nil
}

// savError turns the reader's errors into the project's *ParseError: the
// file, the record being read (such as "case 31") and its byte offset,
// wrapping both itembank.ErrSyntax and the reader's own sentinels
// (sav.ErrFormat, sav.ErrTruncated, sav.ErrUnsupported).
func savError(name string, err error) error {
	var se *sav.ParseError
	if errors.As(err, &se) {
		return &itembank.ParseError{File: name, Record: se.Record, Offset: se.Offset, Err: damaged{se.Err}}
	}
	return &itembank.ParseError{File: name, Err: fmt.Errorf("%w: %w", itembank.ErrSyntax, err)}
}

// damaged is a problem of an SPSS file: it reads as the reader's message
// and unwraps to it and to itembank.ErrSyntax.
type damaged struct{ err error }

func (d damaged) Error() string   { return d.err.Error() }
func (d damaged) Unwrap() []error { return []error{itembank.ErrSyntax, d.err} }

func (t *savTable) Header() ([]string, error) {
	if len(t.vars) == 0 {
		return nil, &itembank.ParseError{File: t.name, Err: fmt.Errorf("%w: the file has no variables", itembank.ErrEmpty)}
	}
	h := make([]string, len(t.vars))
	for i, v := range t.vars {
		h[i] = v.Name
	}
	return h, nil
}

// Next returns the next case as text cells: "" for a missing value, the
// number formatted exactly, or the string without trailing spaces.
func (t *savTable) Next() ([]string, error) {
	vals, err := t.r.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, savError(t.name, err)
	}
	t.cases++
	for i, v := range t.vars {
		t.row[i] = savCell(v, vals[i])
	}
	return t.row, nil
}

func savCell(v *sav.Variable, x sav.Value) string {
	switch {
	case v.IsMissing(x):
		return ""
	case v.Width > 0:
		return x.Str
	}
	return ExactNumber(x.Num)
}

// ExactNumber formats x as the shortest decimal that reads back as x, or,
// when that is not a decimal ParseValue takes, rounded to 15 significant
// digits.
func ExactNumber(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if _, err := itembank.ParseValue(s); err == nil {
		return s
	}
	return xlsxNumber(s)
}

func (t *savTable) Pos(field int) *itembank.ParseError {
	pe := &itembank.ParseError{File: t.name, Line: t.cases}
	if field >= 0 && field < len(t.vars) {
		pe.Item = t.vars[field].Name
	}
	return pe
}

// valueLabel returns the stored value that field's variable labels as
// label, so that --where gemeente=Zwolle finds gemeente 1 labelled Zwolle.
// The first value with that label wins.
func (t *savTable) valueLabel(field int, label string) (string, bool) {
	t.buildLabels(field)
	s, ok := t.labels[field][label]
	return s, ok
}

// labelOf returns the label of a stored value of field's variable.
func (t *savTable) labelOf(field int, value string) (string, bool) {
	t.buildLabels(field)
	s, ok := t.values[field][value]
	return s, ok
}

func (t *savTable) buildLabels(field int) {
	if t.labels[field] != nil {
		return
	}
	v := t.vars[field]
	byLabel, byValue := map[string]string{}, map[string]string{}
	for _, vl := range v.ValueLabels {
		text := savCell(&sav.Variable{Width: v.Width}, vl.Value)
		// SPSS keeps the blanks a label was typed with; nobody types them
		// in --where, and haven drops them too.
		label := strings.TrimRight(vl.Label, " ")
		if _, dup := byLabel[label]; !dup {
			byLabel[label] = text
		}
		byValue[text] = label
	}
	t.labels[field], t.values[field] = byLabel, byValue
}
