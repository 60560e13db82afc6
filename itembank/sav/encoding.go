package sav

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// defaultEncoding is assumed for files that name no encoding: files that old
// are nearly always from SPSS on Windows in a Western European locale.
const defaultEncoding = "windows-1252"

// lookupEncoding finds an encoding by IANA name or common alias.
func lookupEncoding(name string) encoding.Encoding {
	if e, err := ianaindex.IANA.Encoding(name); err == nil && e != nil {
		return e
	}
	if e, err := htmlindex.Get(name); err == nil && e != nil {
		return e
	}
	return nil
}

// codePages maps the character codes of the machine integer info record
// that are not "windows-N" code pages.
var codePages = map[int32]struct {
	name string
	enc  encoding.Encoding
}{
	2:     {defaultEncoding, charmap.Windows1252},
	3:     {defaultEncoding, charmap.Windows1252}, // "8-bit ASCII"
	4:     {"EUC-JP", japanese.EUCJP},             // DEC Kanji
	437:   {"IBM437", charmap.CodePage437},
	850:   {"IBM850", charmap.CodePage850},
	852:   {"IBM852", charmap.CodePage852},
	855:   {"IBM855", charmap.CodePage855},
	858:   {"IBM00858", charmap.CodePage858},
	860:   {"IBM860", charmap.CodePage860},
	862:   {"IBM862", charmap.CodePage862},
	863:   {"IBM863", charmap.CodePage863},
	865:   {"IBM865", charmap.CodePage865},
	866:   {"IBM866", charmap.CodePage866},
	932:   {"Shift_JIS", japanese.ShiftJIS},
	936:   {"GBK", simplifiedchinese.GBK},
	949:   {"EUC-KR", korean.EUCKR},
	950:   {"Big5", traditionalchinese.Big5},
	20127: {"US-ASCII", charmap.Windows1252},
	20866: {"KOI8-R", charmap.KOI8R},
	21866: {"KOI8-U", charmap.KOI8U},
	28591: {"ISO-8859-1", charmap.ISO8859_1},
	28592: {"ISO-8859-2", charmap.ISO8859_2},
	28593: {"ISO-8859-3", charmap.ISO8859_3},
	28594: {"ISO-8859-4", charmap.ISO8859_4},
	28595: {"ISO-8859-5", charmap.ISO8859_5},
	28596: {"ISO-8859-6", charmap.ISO8859_6},
	28597: {"ISO-8859-7", charmap.ISO8859_7},
	28598: {"ISO-8859-8", charmap.ISO8859_8},
	28599: {"ISO-8859-9", charmap.ISO8859_9},
	28603: {"ISO-8859-13", charmap.ISO8859_13},
	28605: {"ISO-8859-15", charmap.ISO8859_15},
	51932: {"EUC-JP", japanese.EUCJP},
	54936: {"GB18030", simplifiedchinese.GB18030},
	65001: {"UTF-8", unicode.UTF8},
}

// codePageEncoding returns the encoding for a character code from the
// machine integer info record.
func codePageEncoding(code int32) (string, encoding.Encoding) {
	if cp, ok := codePages[code]; ok {
		return cp.name, cp.enc
	}
	if code >= 874 && code <= 1258 {
		name := fmt.Sprintf("windows-%d", code)
		if e := lookupEncoding(name); e != nil {
			return name, e
		}
	}
	return "", nil
}

// textDecoder turns byte strings from the file into UTF-8.
type textDecoder struct {
	utf8 bool
	dec  *encoding.Decoder
}

func newTextDecoder(e encoding.Encoding) *textDecoder {
	if e == unicode.UTF8 {
		return &textDecoder{utf8: true}
	}
	return &textDecoder{dec: e.NewDecoder()}
}

// string decodes b. Bytes that are not valid in the encoding become U+FFFD.
func (d *textDecoder) string(b []byte) string {
	if isASCII(b) {
		return string(b)
	}
	if d.utf8 {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	s, err := d.dec.Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if !utf8.Valid(s) {
		return strings.ToValidUTF8(string(s), "\uFFFD")
	}
	return string(s)
}

// trimmed decodes b without its trailing spaces and NUL bytes: string values
// are padded with spaces to their width, and some writers pad with NULs.
func (d *textDecoder) trimmed(b []byte) string {
	return d.string(bytes.TrimRight(b, " \x00"))
}

// asciiCompatible reports whether e decodes printable ASCII to itself, as
// the reader assumes when it trims spaces and splits records on '=' and tab.
func asciiCompatible(e encoding.Encoding) bool {
	ascii := make([]byte, 0, 0x7f-0x20+2)
	ascii = append(ascii, '\t')
	for c := byte(0x20); c < 0x7f; c++ {
		ascii = append(ascii, c)
	}
	s, err := e.NewDecoder().Bytes(ascii)
	return err == nil && bytes.Equal(s, ascii)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
