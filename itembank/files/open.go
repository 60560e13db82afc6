package files

import (
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/internal/csvscan"
	"github.com/itemreduce/itemreduce/itembank/sav"
)

// A Table is a response file read as rows of text cells: a CSV file, a
// worksheet, an SPSS file rendered as text. A row's cells are valid only
// until the next call of Next: copy what you keep.
type Table interface {
	// Header returns the column names.
	Header() ([]string, error)
	// Next returns the next row's cells, or io.EOF after the last row.
	Next() ([]string, error)
	// Pos returns the position of the given cell of the last row (or of
	// the header before the first Next), for error messages.
	Pos(field int) *itembank.ParseError
}

// A Source is an open response file read as a Table.
type Source struct {
	Table
	Format string    // FormatText, FormatXLSX or FormatSAV
	Dict   *sav.File // the SPSS dictionary (labels, missing values); nil for other formats
	// Warnings are problems that did not stop the file from being read,
	// such as an SPSS file naming an unknown character encoding, each as
	// "file: offset N: record: problem". Show them to the user.
	Warnings []string
	close    []func()
}

// Open opens a response file in any format LoadFile reads (see
// DetectFormat) as a Table; sheet names the worksheet of a workbook (empty:
// the first). The caller must Close it.
func Open(path, sheet string, progress func(int64)) (*Source, error) {
	f, err := openDataFile(path)
	if err != nil {
		return nil, err
	}
	src := &Source{Format: f.format, close: []func(){func() { f.Close() }}}
	switch f.format {
	case FormatXLSX:
		xt, err := newXLSXTable(f, f.size, path, sheet)
		if err != nil {
			src.Close()
			return nil, err
		}
		src.close = append(src.close, xt.close)
		src.Table = xt
	case FormatSAV:
		sv, err := newSAVTable(f, f.size, path)
		if err != nil {
			src.Close()
			return nil, err
		}
		src.Table, src.Dict = sv, sv.r.File()
		for _, w := range src.Dict.Warnings {
			src.Warnings = append(src.Warnings, w.Error())
		}
	default:
		text, _, err := openText(f, f.size, path)
		if err != nil {
			src.Close()
			return nil, err
		}
		sc, err := csvscan.New(text, path, progress)
		if err != nil {
			src.Close()
			return nil, err
		}
		sc.Borrow = true
		sc.Pipe = f.size >= int64(pipeFrom)
		src.close = append(src.close, sc.Stop)
		src.Table = sc
	}
	return src, nil
}

// Close releases the file and whatever reading it needed.
func (s *Source) Close() error {
	for i := len(s.close) - 1; i >= 0; i-- {
		s.close[i]()
	}
	s.close = nil
	return nil
}
