package files

import (
	"crypto/sha256"
	"hash"
	"io"
	"os"

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
	return open(path, sheet, progress, nil)
}

// open is Open, calling hashed, when set, with the file's SHA-256 before
// it returns: hashed in the pass that decides a text file's encoding, so
// that it is not read once more; other formats (workbooks, SPSS files,
// UTF-16 text) are read once more for it, as they stream by.
func open(path, sheet string, progress func(int64), hashed func(path string, sha256 [sha256.Size]byte)) (*Source, error) {
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
		var h hash.Hash
		if hashed != nil && !isUTF16(f) {
			h = sha256.New()
		}
		text, _, err := openText(f, f.size, path, h)
		if err != nil {
			src.Close()
			return nil, err
		}
		if h != nil {
			var sum [sha256.Size]byte
			hashed(path, [sha256.Size]byte(h.Sum(sum[:0])))
			hashed = nil
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
	if hashed != nil {
		sum, err := hashFile(path)
		if err != nil {
			src.Close()
			return nil, err
		}
		hashed(path, sum)
	}
	return src, nil
}

// isUTF16 reports whether f starts with a UTF-16 byte-order mark.
func isUTF16(f io.ReaderAt) bool {
	head := make([]byte, 2)
	n, _ := f.ReadAt(head, 0)
	return n == 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF)
}

// hashFile returns the SHA-256 of a file, read as it streams by.
func hashFile(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	return [sha256.Size]byte(h.Sum(sum[:0])), nil
}

// Close releases the file and whatever reading it needed.
func (s *Source) Close() error {
	for i := len(s.close) - 1; i >= 0; i-- {
		s.close[i]()
	}
	s.close = nil
	return nil
}
