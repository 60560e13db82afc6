package sav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"unicode/utf8"
)

// FuzzRead opens arbitrary bytes and reads all cases. Whatever the input,
// the reader must not panic, hang or allocate without bound, every error
// must be a *ParseError wrapping a sentinel, and every case must have one
// valid UTF-8 value per variable.
func FuzzRead(f *testing.F) {
	for _, tt := range fixtures {
		f.Add(readFixture(f, tt.file))
	}
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		for _, c := range []Compression{Uncompressed, Bytecode, Zlib} {
			f.Add(smallFile(order, c, -1, true).bytes())
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open(bytes.NewReader(data), int64(len(data)), "fuzz.sav")
		if err != nil {
			checkParseError(t, err)
			return
		}
		file := r.File()
		for _, w := range file.Warnings {
			checkParseError(t, w)
		}
		for _, v := range file.Variables {
			for _, s := range []string{v.Name, v.ShortName, v.Label} {
				if !utf8.ValidString(s) {
					t.Fatalf("variable %q: invalid UTF-8 %q", v.ShortName, s)
				}
			}
		}
		for n := 0; ; n++ {
			c, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				checkParseError(t, err)
				break
			}
			if len(c) != len(file.Variables) {
				t.Fatalf("case %d: %d values for %d variables", n+1, len(c), len(file.Variables))
			}
			for i, v := range file.Variables {
				v.IsMissing(c[i])
				v.LabelFor(c[i])
				if !utf8.ValidString(c[i].Str) || len(c[i].Str) > 3*v.Width {
					t.Fatalf("case %d %s: bad string %q", n+1, v.Name, c[i].Str)
				}
			}
		}
	})
}

func checkParseError(t *testing.T, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("%v (%T) is not a *ParseError", err, err)
	}
	if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrUnsupported) {
		t.Fatalf("%v wraps no sentinel error", err)
	}
}
