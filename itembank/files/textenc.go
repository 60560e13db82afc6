package files

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"runtime"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/itemreduce/itemreduce/itembank"
)

// Sentinel errors for text files in an encoding that cannot be read.
var (
	// ErrEncoding reports bytes that are neither UTF-8 nor windows-1252.
	ErrEncoding = errors.New("unreadable characters")
	// ErrBinary reports a file that is not text at all.
	ErrBinary = errors.New("not a text file")
)

// Text encodings that openText recognises, as named in its result.
const (
	EncodingUTF8        = "UTF-8"
	EncodingWindows1252 = "windows-1252"
	EncodingUTF16LE     = "UTF-16LE"
	EncodingUTF16BE     = "UTF-16BE"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// openText decides the encoding of a delimited text file of the given size
// and returns a reader of its text as UTF-8, decoding while it is read, so
// that a large file is never held whole in memory. The rules, in order:
//
//   - a UTF-16 byte-order mark (Excel's "Unicode text"): decoded as UTF-16;
//   - valid UTF-8, with or without a byte-order mark: read as is;
//   - a UTF-8 byte-order mark but invalid bytes: an error, since the file
//     claims UTF-8;
//   - a NUL byte: an error, since text files hold none (UTF-16 without a
//     byte-order mark, a workbook or an SPSS file with the wrong name);
//   - invalid UTF-8 next to valid multi-byte UTF-8 characters: an error,
//     since one file in two encodings cannot be decoded as either;
//   - otherwise windows-1252 (what Excel and SPSS on a Dutch Windows save),
//     except the five bytes windows-1252 leaves undefined.
//
// Deciding takes one pass over the file (a fast validity check per
// megabyte for UTF-8). Errors are *ParseErrors giving the line and byte
// column of the first offending byte; lines end at '\n', so CRLF files
// count alike.
//
// With h set, the bytes of the file are written to h as that pass reads
// them (not for UTF-16, which takes no pass): the file is hashed without
// being read once more.
func openText(r io.ReaderAt, size int64, name string, h hash.Hash) (io.Reader, string, error) {
	whole := io.NewSectionReader(r, 0, size)
	head := make([]byte, 3)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return openUTF16(whole, size, name, unicode.LittleEndian, EncodingUTF16LE)
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return openUTF16(whole, size, name, unicode.BigEndian, EncodingUTF16BE)
	}
	s, err := scanText(r, size, h)
	if err != nil {
		return nil, "", &itembank.ParseError{File: name, Err: err}
	}
	switch {
	case s.bad < 0:
		return sized{whole, whole}, EncodingUTF8, nil
	case bytes.HasPrefix(head, utf8BOM):
		return nil, "", textErrorAt(r, name, s.bad, fmt.Errorf("%w: the file starts as UTF-8 but byte 0x%02X is not UTF-8; save it again as CSV UTF-8", ErrEncoding, s.badByte))
	case s.nul >= 0:
		return nil, "", textErrorAt(r, name, s.nul, fmt.Errorf("%w: it holds a NUL byte; save it as CSV (UTF-8), or give it its own extension (.xlsx, .sav)", ErrBinary))
	case s.multibyte >= 0:
		line, _ := positionAt(r, s.multibyte)
		return nil, "", textErrorAt(r, name, s.bad, fmt.Errorf("%w: byte 0x%02X is not UTF-8, yet line %d holds UTF-8 text: the file mixes two encodings; save it again as CSV UTF-8", ErrEncoding, s.badByte, line))
	case s.undef >= 0:
		return nil, "", textErrorAt(r, name, s.undef, fmt.Errorf("%w: byte 0x%02X is neither UTF-8 nor windows-1252; save the file again as CSV UTF-8", ErrEncoding, s.undefByte))
	}
	return sized{charmap.Windows1252.NewDecoder().Reader(whole), whole}, EncodingWindows1252, nil
}

// sized is a reader of decoded text that tells how much of the file is left
// (Len), so that the CSV reader can size the answer columns up front
// instead of growing them.
type sized struct {
	io.Reader
	file *io.SectionReader
}

// Len returns the bytes of the file not yet read.
func (s sized) Len() int {
	pos, _ := s.file.Seek(0, io.SeekCurrent)
	return int(s.file.Size() - pos)
}

func openUTF16(r *io.SectionReader, size int64, name string, order unicode.Endianness, enc string) (io.Reader, string, error) {
	if size%2 != 0 {
		return nil, "", &itembank.ParseError{File: name, Err: fmt.Errorf("%w: %s text with an odd number of bytes; the file is cut off", ErrEncoding, enc)}
	}
	return sized{unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Reader(r), r}, enc, nil
}

// textScan holds the first offsets (-1 for none) that decide an encoding.
type textScan struct {
	bad, multibyte, nul, undef int64 // invalid UTF-8, valid multi-byte UTF-8, NUL, undefined in windows-1252
	badByte, undefByte         byte
}

// scanText reads the file once, a megabyte at a time, carrying an
// incomplete UTF-8 sequence over to the next chunk.
//
// Without h, a file of some megabytes is scanned on two cores: cut at the
// line end nearest its middle (no character spans a line end), each half
// is scanned on its own, and the first offsets of the first half win.
func scanText(r io.ReaderAt, size int64, h hash.Hash) (textScan, error) {
	if h == nil && size >= splitFrom && runtime.GOMAXPROCS(0) >= 2 {
		if mid := lineEndAfter(r, size, size/2); mid > 0 && mid < size {
			var second textScan
			var err2 error
			done := make(chan struct{})
			go func() {
				defer close(done)
				second, err2 = scanRange(r, mid, size, nil)
			}()
			first, err := scanRange(r, 0, mid, nil)
			<-done
			if err == nil {
				err = err2
			}
			return first.then(second), err
		}
	}
	return scanRange(r, 0, size, h)
}

// then returns s with the first offsets of t, which scanned what follows,
// where s has none.
func (s textScan) then(t textScan) textScan {
	if s.bad < 0 {
		s.bad, s.badByte = t.bad, t.badByte
	}
	if s.multibyte < 0 {
		s.multibyte = t.multibyte
	}
	if s.nul < 0 {
		s.nul = t.nul
	}
	if s.undef < 0 {
		s.undef, s.undefByte = t.undef, t.undefByte
	}
	return s
}

// scanRange scans the bytes from ≤ offset < size of the file, from a
// line start (or the file's start) on.
func scanRange(r io.ReaderAt, from, size int64, h hash.Hash) (textScan, error) {
	const chunk = 1 << 20
	s := textScan{bad: -1, multibyte: -1, nul: -1, undef: -1}
	buf := make([]byte, chunk+utf8.UTFMax)
	base := from // file offset of buf[0]
	keep := 0    // bytes carried over at the start of buf
	for {
		want := int(min(int64(chunk), size-base-int64(keep)))
		n, err := r.ReadAt(buf[keep:keep+want], base+int64(keep))
		if err != nil && err != io.EOF {
			return s, err
		}
		end := keep + n
		if h != nil {
			h.Write(buf[keep:end])
		}
		atEOF := base+int64(end) >= size || n == 0
		cut := end
		if !atEOF {
			cut = completeRunes(buf[:end])
		}
		s.scan(buf[:cut], base)
		keep = copy(buf, buf[cut:end])
		base += int64(cut)
		if atEOF {
			return s, nil
		}
	}
}

// completeRunes returns the length of data without an incomplete UTF-8
// sequence at its end.
func completeRunes(data []byte) int {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}

// scan records the first offsets in data, which starts at file offset base.
func (s *textScan) scan(data []byte, base int64) {
	if s.nul < 0 {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			s.nul = base + int64(i)
		}
	}
	from := 0
	if base == 0 && bytes.HasPrefix(data, utf8BOM) {
		from = len(utf8BOM) // the byte-order mark is not text
	}
	ascii := firstNonASCII(data[from:])
	if ascii < 0 { // the common case: plain ASCII, no byte-by-byte loop
		return
	}
	if utf8.Valid(data) {
		if s.multibyte < 0 {
			s.multibyte = base + int64(from+ascii)
		}
		return
	}
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			i++
			continue
		}
		if s.undef < 0 && undefined1252(b) {
			s.undef, s.undefByte = base+int64(i), b
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if s.bad < 0 {
				s.bad, s.badByte = base+int64(i), b
			}
		case s.multibyte < 0 && !(base == 0 && i == 0 && r == '\uFEFF'):
			s.multibyte = base + int64(i)
		}
		i += size
	}
}

// undefined1252 reports the bytes that windows-1252 gives no character.
func undefined1252(b byte) bool {
	return b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D
}

// textErrorAt places err at byte offset off of the file.
func textErrorAt(r io.ReaderAt, name string, off int64, err error) *itembank.ParseError {
	line, col := positionAt(r, off)
	return &itembank.ParseError{File: name, Line: line, Column: col, Err: err}
}

// positionAt returns the 1-based line and byte column of offset off.
func positionAt(r io.ReaderAt, off int64) (line, col int) {
	line, col = 1, int(off)+1
	buf := make([]byte, 64<<10)
	for pos := int64(0); pos < off; {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), off-pos)], pos)
		for i, b := range buf[:n] {
			if b == '\n' {
				line++
				col = int(off - (pos + int64(i)))
			}
		}
		pos += int64(n)
		if n == 0 || (err != nil && err != io.EOF) {
			break
		}
	}
	return line, col
}

// firstNonASCII returns the offset of the first byte of data of 128 or
// more, -1 when there is none; eight bytes at a time.
func firstNonASCII(data []byte) int {
	const high = 0x8080808080808080
	i := 0
	for ; i+32 <= len(data); i += 32 {
		w := binary.LittleEndian.Uint64(data[i:]) | binary.LittleEndian.Uint64(data[i+8:]) |
			binary.LittleEndian.Uint64(data[i+16:]) | binary.LittleEndian.Uint64(data[i+24:])
		if w&high != 0 {
			break
		}
	}
	for ; i < len(data); i++ {
		if data[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}
