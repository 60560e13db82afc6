package reduction

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/itemreduce/itemreduce/itembank"
)

// ErrEncoding reports a review file whose characters cannot be read, or
// a refreshed one that its encoding cannot hold.
var ErrEncoding = errors.New("unreadable characters")

// A textEncoding is how a review file was saved: UTF-8 (what itemreduce
// writes), UTF-16 with a byte-order mark (Notepad's "Unicode"), or
// windows-1252 (older editors on a Dutch Windows). A refresh saves the
// file the way it found it.
type textEncoding struct {
	name string // "UTF-8", "UTF-16LE", "UTF-16BE" or "windows-1252"
	bom  bool   // UTF-8 only: the file starts with EF BB BF
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeReview returns the text of a review file as UTF-8 without a
// byte-order mark, and how it was encoded. The rules are those of the
// data files: a UTF-16 byte-order mark decides UTF-16; valid UTF-8 is
// UTF-8; otherwise the file is windows-1252, unless it holds a NUL byte
// (UTF-16 without a byte-order mark), valid multi-byte UTF-8 next to
// invalid bytes (two encodings in one file) or one of the five bytes
// windows-1252 leaves undefined. Whatever is decoded encodes back to the
// same bytes, so that a refresh keeps every byte it does not change.
func decodeReview(data []byte, name string) ([]byte, textEncoding, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data, name, "UTF-16LE")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, name, "UTF-16BE")
	case bytes.HasPrefix(data, utf8BOM):
		if !utf8.Valid(data[3:]) {
			return nil, textEncoding{}, encodingError(data, name, firstInvalid(data[3:])+3, "the file starts as UTF-8, but byte 0x%02X is not UTF-8; save it again as UTF-8")
		}
		return data[3:], textEncoding{name: "UTF-8", bom: true}, nil
	case utf8.Valid(data):
		return data, textEncoding{name: "UTF-8"}, nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, textEncoding{}, encodingError(data, name, i, "it holds a NUL byte (0x%02X): save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)")
	}
	bad := firstInvalid(data)
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError && size > 1 {
			line := bytes.Count(data[:i], []byte("\n")) + 1
			return nil, textEncoding{}, encodingError(data, name, bad, fmt.Sprintf("byte 0x%%02X is not UTF-8, yet line %d holds UTF-8 text: the file mixes two encodings; save it again as UTF-8", line))
		}
		i += size
	}
	var b bytes.Buffer
	for i, c := range data {
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			return nil, textEncoding{}, encodingError(data, name, i, "byte 0x%02X is neither UTF-8 nor windows-1252; save the file again as UTF-8")
		}
		b.WriteRune(r)
	}
	return b.Bytes(), textEncoding{name: "windows-1252"}, nil
}

func decodeUTF16(data []byte, name, enc string) ([]byte, textEncoding, error) {
	if len(data)%2 != 0 {
		return nil, textEncoding{}, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: %s text with an odd number of bytes: the file is cut off", ErrEncoding, enc)}
	}
	units := make([]uint16, 0, len(data)/2-1)
	for i := 2; i < len(data); i += 2 {
		if enc == "UTF-16LE" {
			units = append(units, uint16(data[i])|uint16(data[i+1])<<8)
		} else {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		}
	}
	text := string(utf16.Decode(units))
	te := textEncoding{name: enc}
	if back, err := te.encode([]byte(text)); err != nil || !bytes.Equal(back, data) {
		return nil, textEncoding{}, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: the file is %s with a broken character in it; save it again as UTF-8", ErrEncoding, enc)}
	}
	return []byte(text), te, nil
}

// encode returns text, UTF-8, in the encoding e. A character that
// windows-1252 cannot hold is an error giving it and its line.
func (e textEncoding) encode(text []byte) ([]byte, error) {
	switch e.name {
	case "UTF-16LE", "UTF-16BE":
		units := utf16.Encode(append([]rune{'\uFEFF'}, []rune(string(text))...))
		out := make([]byte, 0, 2*len(units))
		for _, u := range units {
			if e.name == "UTF-16LE" {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
		return out, nil
	case "windows-1252":
		out := make([]byte, 0, len(text))
		for i, r := range string(text) {
			c, ok := charmap.Windows1252.EncodeRune(r)
			if !ok {
				line := bytes.Count(text[:i], []byte("\n")) + 1
				return nil, &unencodable{r: r, line: line}
			}
			out = append(out, c)
		}
		return out, nil
	}
	if e.bom {
		return append(append([]byte{}, utf8BOM...), text...), nil
	}
	return text, nil
}

// unencodable is a character of a refreshed file that its encoding
// cannot hold, at a line of the refreshed text.
type unencodable struct {
	r    rune
	line int
}

func (u *unencodable) Error() string {
	return fmt.Sprintf("%q cannot be written in windows-1252", u.r)
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// encodingError places a problem at byte offset off of data; format has
// one %02X verb for the byte there.
func encodingError(data []byte, name string, off int, format string) error {
	line := bytes.Count(data[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(data[:off], '\n')
	var b byte
	if off < len(data) {
		b = data[off]
	}
	return &itembank.ParseError{File: name, Line: line, Column: col, Err: fmt.Errorf("%w: "+format, ErrEncoding, b)}
}
