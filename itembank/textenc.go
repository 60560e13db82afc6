package itembank

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Sentinel errors for text files in an encoding that cannot be read.
var (
	// ErrEncoding reports bytes that are neither UTF-8 nor windows-1252.
	ErrEncoding = errors.New("unreadable characters")
	// ErrBinary reports a file that is not text at all.
	ErrBinary = errors.New("not a text file")
)

// Text encodings that decodeText recognises, as named in its result.
const (
	EncodingUTF8        = "UTF-8"
	EncodingWindows1252 = "windows-1252"
	EncodingUTF16LE     = "UTF-16LE"
	EncodingUTF16BE     = "UTF-16BE"
)

// decodeText returns the UTF-8 text of a delimited file and the encoding it
// was read in. The rules, in order:
//
//   - a UTF-16 byte-order mark (Excel's "Unicode text"): decoded as UTF-16;
//   - valid UTF-8, with or without a byte-order mark: returned as is;
//   - a UTF-8 byte-order mark but invalid bytes: an error, since the file
//     claims UTF-8;
//   - a NUL byte: an error, since text files hold none (UTF-16 without a
//     byte-order mark, a workbook or an SPSS file with the wrong name);
//   - invalid UTF-8 next to valid multi-byte UTF-8 characters: an error,
//     since one file in two encodings cannot be decoded as either;
//   - otherwise windows-1252 (what Excel and SPSS on a Dutch Windows save),
//     except the five bytes windows-1252 leaves undefined.
//
// Errors are *ParseErrors giving the line and byte column of the first
// offending byte. Line ends are counted at '\n', so CRLF files count alike.
func decodeText(data []byte, name string) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data, name, unicode.LittleEndian, EncodingUTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, name, unicode.BigEndian, EncodingUTF16BE)
	}
	bad, multibyte := firstInvalidUTF8(data)
	if bad < 0 {
		return data, EncodingUTF8, nil
	}
	if bytes.HasPrefix(data, utf8BOM) {
		return nil, "", textError(data, name, bad, fmt.Errorf("%w: the file starts as UTF-8 but byte 0x%02X is not UTF-8; save it again as CSV UTF-8", ErrEncoding, data[bad]))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, "", textError(data, name, i, fmt.Errorf("%w: it holds a NUL byte; save it as CSV (UTF-8), or give it its own extension (.xlsx, .sav)", ErrBinary))
	}
	if multibyte >= 0 {
		return nil, "", textError(data, name, bad, fmt.Errorf("%w: byte 0x%02X is not UTF-8, yet line %d holds UTF-8 text: the file mixes two encodings; save it again as CSV UTF-8", ErrEncoding, data[bad], lineOfOffset(data, multibyte)))
	}
	for i, b := range data {
		if undefined1252(b) {
			return nil, "", textError(data, name, i, fmt.Errorf("%w: byte 0x%02X is neither UTF-8 nor windows-1252; save the file again as CSV UTF-8", ErrEncoding, b))
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil { // cannot happen: every other byte is defined
		return nil, "", &ParseError{File: name, Err: fmt.Errorf("%w: %v", ErrEncoding, err)}
	}
	return out, EncodingWindows1252, nil
}

// firstInvalidUTF8 returns the offset of the first byte that is not part of
// a valid UTF-8 sequence (-1 if none) and the offset of the first valid
// multi-byte sequence (-1 if none).
func firstInvalidUTF8(data []byte) (bad, multibyte int) {
	bad, multibyte = -1, -1
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			if bad < 0 {
				bad = i
			}
		} else if multibyte < 0 && !(i == 0 && size == 3 && r == '\uFEFF') {
			multibyte = i
		}
		if bad >= 0 && multibyte >= 0 {
			break
		}
		i += size
	}
	return bad, multibyte
}

// undefined1252 reports the bytes that windows-1252 gives no character.
func undefined1252(b byte) bool {
	return b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D
}

func decodeUTF16(data []byte, name string, order unicode.Endianness, enc string) ([]byte, string, error) {
	if len(data)%2 != 0 {
		return nil, "", &ParseError{File: name, Err: fmt.Errorf("%w: %s text with an odd number of bytes; the file is cut off", ErrEncoding, enc)}
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", &ParseError{File: name, Err: fmt.Errorf("%w: %s: %v", ErrEncoding, enc, err)}
	}
	return out, enc, nil
}

// textError places err at byte offset off of data.
func textError(data []byte, name string, off int, err error) *ParseError {
	line := lineOfOffset(data, off)
	col := off + 1
	if i := bytes.LastIndexByte(data[:off], '\n'); i >= 0 {
		col = off - i
	}
	return &ParseError{File: name, Line: line, Column: col, Err: err}
}

// lineOfOffset returns the 1-based line holding byte offset off.
func lineOfOffset(data []byte, off int) int {
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}
