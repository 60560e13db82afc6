package sav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
)

// smallCases are the cases of smallFile: A and B numeric, S a 3-byte
// string. Case 3 has values that bytecode cannot compress.
var smallCases = [][]any{
	{1.0, 2.5, "abc     "},
	{sysmisCell, 9.0, "        "},
	{-1000.0, 0.0, "\xe9       "},
}

var smallWant = [][]Value{
	{num(1), num(2.5), str("abc")},
	{{Num: math.NaN(), SysMissing: true}, num(9), str("")},
	{num(-1000), num(0), str("é")},
}

// smallFile builds a three-variable file with smallCases in the given byte
// order and compression. A zlib stream is cut into 16-byte blocks so that
// blocks end inside cases.
func smallFile(order binary.ByteOrder, c Compression, ncases int32, end bool) *sysfile {
	s := newSysfile(order)
	magic := "$FL2"
	if c == Zlib {
		magic = "$FL3"
	}
	s.header(magic, int32(c), 0, ncases)
	s.numVar("A").numVar("B", 9).strVar("S", 3)
	s.valueLabels([]float64{1}, []string{"\xe9\xe9n"}, 1)
	s.integerInfo(1252).end()
	switch c {
	case Uncompressed:
		s.uncompressed(smallCases...)
	case Bytecode:
		s.raw(s.bytecode(end, smallCases...)...)
	case Zlib:
		s.zlibData(s.bytecode(end, smallCases...), 16)
	}
	return s
}

func readAll(t *testing.T, r *Reader) [][]Value {
	t.Helper()
	var out [][]Value
	for {
		c, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("case %d: %v", len(out)+1, err)
		}
		out = append(out, c)
	}
}

// sameCases compares cases, treating NaN as equal to NaN.
func sameCases(got, want [][]Value) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		for j := range got[i] {
			g, w := got[i][j], want[i][j]
			if g.SysMissing != w.SysMissing || g.Str != w.Str ||
				(g.Num != w.Num && !(math.IsNaN(g.Num) && math.IsNaN(w.Num))) {
				return false
			}
		}
	}
	return true
}

func TestByteOrderAndCompression(t *testing.T) {
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		for _, c := range []Compression{Uncompressed, Bytecode, Zlib} {
			t.Run(order.String()+"/"+c.String(), func(t *testing.T) {
				r := smallFile(order, c, 3, true).open(t)
				f := r.File()
				if f.ByteOrder != order || f.Compression != c || f.Encoding != "windows-1252" {
					t.Errorf("order %v, compression %v, encoding %q", f.ByteOrder, f.Compression, f.Encoding)
				}
				want := []ValueLabel{{num(1), "één"}}
				if got := f.Variables[0].ValueLabels; !reflect.DeepEqual(got, want) {
					t.Errorf("value labels %+v, want %+v", got, want)
				}
				if got := readAll(t, r); !sameCases(got, smallWant) {
					t.Errorf("cases\n got %+v\nwant %+v", got, smallWant)
				}
			})
		}
	}
}

// TestUnknownCaseCount reads files whose header gives -1 cases: the data
// runs to the end of the file or to code 252.
func TestUnknownCaseCount(t *testing.T) {
	tests := []struct {
		name string
		c    Compression
		end  bool
	}{
		{"uncompressed", Uncompressed, false},
		{"bytecode with end code", Bytecode, true},
		{"bytecode without end code", Bytecode, false},
		{"zlib with end code", Zlib, true},
		{"zlib without end code", Zlib, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := smallFile(binary.LittleEndian, tt.c, -1, tt.end).open(t)
			if n := r.File().CaseCount; n != -1 {
				t.Errorf("CaseCount %d, want -1", n)
			}
			if got := readAll(t, r); !sameCases(got, smallWant) {
				t.Errorf("cases\n got %+v\nwant %+v", got, smallWant)
			}
		})
	}
}

func TestExtendedCaseCount(t *testing.T) {
	s := newSysfile(binary.LittleEndian).header("$FL2", 0, 0, -1).numVar("A")
	s.ext(extCaseCount, 8, 2, append(binary.LittleEndian.AppendUint64(nil, 1), binary.LittleEndian.AppendUint64(nil, 2)...))
	s.end().uncompressed([]any{1.0}, []any{2.0}, []any{3.0})
	r := s.open(t)
	if n := r.File().CaseCount; n != 2 {
		t.Errorf("CaseCount %d, want 2", n)
	}
	if got := readAll(t, r); len(got) != 2 {
		t.Errorf("read %d cases, want the 2 the record gives", len(got))
	}
}

// TestBytecodeAcrossCases checks the exact stream of the format
// description: codes for three cases share one control block, 253 values
// follow their block in order, and 0 codes are skipped.
func TestBytecodeAcrossCases(t *testing.T) {
	s := newSysfile(binary.LittleEndian).header("$FL2", 1, 0, -1)
	s.numVar("A").numVar("B").numVar("C").end()
	s.raw(101, 102, 253, 0, 104, 255, 253, 103).f64(3.5, -7.25)
	s.raw(0, 104, 105, 252, 0, 0, 0, 0)
	got := readAll(t, s.open(t))
	want := [][]Value{
		{num(1), num(2), num(3.5)},
		{num(4), {Num: math.NaN(), SysMissing: true}, num(-7.25)},
		{num(3), num(4), num(5)},
	}
	if !sameCases(got, want) {
		t.Errorf("cases\n got %+v\nwant %+v", got, want)
	}
}

func TestVeryLongString(t *testing.T) {
	// A 600-byte string has (600+251)/252 = 3 segments of widths 255, 255
	// and 600-2*252 = 96; its data is 255 bytes from each of the first two
	// segments and 90 from the third.
	long := strings.Repeat("abcdefghij", 60)
	seg := func(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }
	s := newSysfile(binary.LittleEndian).header("$FL2", 0, 0, 1)
	s.strVar("LANG", 255).strVar("LANG1", 255).strVar("LANG2", 96).numVar("X")
	s.text(extVeryLong, "LANG=00600\x00\tY=00300\x00\t")
	s.text(extLongNames, "LANG=lange_tekst\tX=getal")
	s.end().uncompressed([]any{seg(long[:255], 256), seg(long[255:510], 256), seg(long[510:], 96), 5.0})
	r := s.open(t)
	f := r.File()
	if len(f.Variables) != 2 || f.Variables[0].Name != "lange_tekst" || f.Variables[0].Width != 600 ||
		f.Variables[1].Name != "getal" {
		t.Fatalf("variables %+v %+v", f.Variables[0], f.Variables[1])
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].Error(), `unknown variable "Y"`) {
		t.Errorf("warnings %v, want one for the very long string entry of unknown Y", f.Warnings)
	}
	got := readAll(t, r)
	if len(got) != 1 || got[0][0].Str != long || got[0][1].Num != 5 {
		t.Errorf("case %+v", got)
	}
}

func TestMissingRanges(t *testing.T) {
	s := newSysfile(binary.LittleEndian).header("$FL2", 0, 2, 0)
	s.varRecord("A", "", -3, 5, math.MaxFloat64, 0)
	s.varRecord("B", "gewicht", -2, -math.MaxFloat64, -1)
	s.end()
	f := s.open(t).File()
	if got, want := f.Variables[0].Missing, (MissingValues{Values: nums(0), Range: &Range{5, math.Inf(1)}}); !reflect.DeepEqual(got, want) {
		t.Errorf("A: %+v, want %+v", got, want)
	}
	if got, want := f.Variables[1].Missing, (MissingValues{Range: &Range{math.Inf(-1), -1}}); !reflect.DeepEqual(got, want) {
		t.Errorf("B: %+v, want %+v", got, want)
	}
	if f.Weight != "B" || f.Variables[1].Label != "gewicht" {
		t.Errorf("weight %q, label %q", f.Weight, f.Variables[1].Label)
	}
}

func TestEncodingChoice(t *testing.T) {
	tests := []struct {
		name    string
		records func(*sysfile)
		label   string // variable label bytes in the file
		want    string
		enc     string
		warn    bool
	}{
		{"encoding record wins", func(s *sysfile) { s.integerInfo(1252).encoding("UTF-8") },
			"co\xc3\xb6rdinatie", "coördinatie", "UTF-8", false},
		{"code page 1252", func(s *sysfile) { s.integerInfo(1252) },
			"co\xf6rdinatie", "coördinatie", "windows-1252", false},
		{"code page 65001", func(s *sysfile) { s.integerInfo(65001) },
			"co\xc3\xb6rdinatie", "coördinatie", "UTF-8", false},
		{"code page 28591", func(s *sysfile) { s.integerInfo(28591) },
			"co\xf6rdinatie", "coördinatie", "ISO-8859-1", false},
		{"code page 850", func(s *sysfile) { s.integerInfo(850) },
			"co\x94rdinatie", "coördinatie", "IBM850", false},
		{"old file without either", func(s *sysfile) {},
			"co\xf6rdinatie", "coördinatie", "windows-1252", false},
		{"unknown encoding name", func(s *sysfile) { s.encoding("klingon") },
			"co\xf6rdinatie", "coördinatie", "windows-1252", true},
		{"invalid UTF-8", func(s *sysfile) { s.encoding("UTF-8") },
			"co\xf6rdinatie", "co\uFFFDrdinatie", "UTF-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSysfile(binary.LittleEndian).header("$FL2", 0, 0, 0)
			s.varRecord("A", tt.label, 0)
			tt.records(s)
			f := s.end().open(t).File()
			if f.Encoding != tt.enc || f.Variables[0].Label != tt.want {
				t.Errorf("encoding %q, label %q; want %q, %q", f.Encoding, f.Variables[0].Label, tt.enc, tt.want)
			}
			if got := len(f.Warnings) > 0; got != tt.warn {
				t.Errorf("warnings %v", f.Warnings)
			}
		})
	}
}

func TestReadAll(t *testing.T) {
	r := smallFile(binary.BigEndian, Bytecode, 3, true).open(t)
	got, err := r.ReadAll()
	if err != nil || !sameCases(got, smallWant) {
		t.Errorf("ReadAll: %v\n got %+v\nwant %+v", err, got, smallWant)
	}
}

func TestLabelFor(t *testing.T) {
	vars := openFixture(t, "enquete.zsav").File().Variables
	if l, ok := vars[1].LabelFor(num(5)); !ok || l != "helemaal eens" {
		t.Errorf("werkdruk_ervaren 5: %q, %v", l, ok)
	}
	if l, ok := vars[8].LabelFor(str("Wijk Noord")); !ok || l != "Wijkteam Noord" {
		t.Errorf("team Wijk Noord: %q, %v", l, ok)
	}
	if _, ok := vars[1].LabelFor(num(7)); ok {
		t.Errorf("werkdruk_ervaren 7 has a label")
	}
}

// errorCase is a file that must fail: in Open, or else in Read.
type errorCase struct {
	name   string
	data   []byte
	kind   error
	record string
	offset int64
}

func corrupt() []errorCase {
	le := binary.LittleEndian
	base := func() *sysfile { return newSysfile(le).header("$FL2", 0, 0, 1).numVar("A") }
	compressed := func() *sysfile { return newSysfile(le).header("$FL2", 1, 0, 2).numVar("A").numVar("B").end() }
	// smallFile's zlib data has three blocks of 16 inflated bytes.
	zsav := smallFile(le, Zlib, 3, true).bytes()
	zheader := int64(len(newSysfile(le).header("$FL3", 2, 0, 3).numVar("A").numVar("B", 9).strVar("S", 3).
		valueLabels([]float64{1}, []string{"\xe9\xe9n"}, 1).integerInfo(1252).end().bytes()))
	ztrailer := int64(le.Uint64(zsav[zheader+8:]))
	desc := func(i int) int64 { return ztrailer + 24 + 24*int64(i) } // block descriptor
	block := func(i int) int64 { return int64(le.Uint64(zsav[desc(i)+8:])) }
	edit := func(f func(b []byte)) []byte {
		b := bytes.Clone(zsav)
		f(b)
		return b
	}
	return []errorCase{
		{"empty file", nil, ErrTruncated, "file header", 0},
		{"not a system file", []byte(strings.Repeat("x", 200)), ErrFormat, "file header", 0},
		{"bad layout code", func() []byte {
			b := base().end().bytes()
			le.PutUint32(b[64:], 7)
			return b
		}(), ErrFormat, "file header", 64},
		{"header cut short", base().bytes()[:100], ErrTruncated, "file header", 0},
		{"unknown compression", newSysfile(le).header("$FL2", 5, 0, 0).bytes(), ErrUnsupported, "file header", 72},
		{"no termination record", base().bytes(), ErrTruncated, "dictionary", 208},
		{"unknown record type", base().i32(42).bytes(), ErrFormat, "dictionary", 208},
		{"bad missing value code", newSysfile(le).header("$FL2", 0, 0, 0).i32(2, 0, 0, 5, 0, 0).str(8, "A").end().bytes(),
			ErrFormat, "variable record 1", 176},
		{"string with missing range", newSysfile(le).header("$FL2", 0, 0, 0).i32(2, 4, 0, -2, 0, 0).str(8, "A").end().bytes(),
			ErrFormat, "variable record 1", 176},
		{"label longer than file", newSysfile(le).header("$FL2", 0, 0, 0).i32(2, 0, 1, 0, 0, 0).str(8, "A").i32(1 << 30).bytes(),
			ErrTruncated, "variable record 1", 208},
		{"continuation without string", base().i32(2, -1, 0, 0, 0, 0).str(8, "").end().bytes(),
			ErrFormat, "variable record 2", 208},
		{"long string without continuation", newSysfile(le).header("$FL2", 0, 0, 0).i32(2, 20, 0, 0, 0, 0).str(8, "S").end().bytes(),
			ErrFormat, "dictionary termination record", 208},
		{"huge value label count", base().i32(3, 1<<30).bytes(), ErrTruncated, "value label record 1", 212},
		{"value labels without index record", base().i32(3, 1).f64(1).raw(1).str(7, "x").i32(999, 0).bytes(),
			ErrFormat, "value label variables record", 232},
		{"value label index out of range", base().valueLabels([]float64{1}, []string{"x"}, 7).end().bytes(),
			ErrFormat, "value label record 1", 208},
		{"huge document", base().i32(6, 1<<29).bytes(), ErrTruncated, "document record", 212},
		{"extension larger than file", base().i32(7, 13, 1, 1<<30).bytes(), ErrTruncated, "long variable names record", 224},
		{"negative extension size", base().i32(7, 99, -1, 4).bytes(), ErrFormat, "extension record (subtype 99)", 208},
		{"VAX floating point", base().i32(7, 3, 4, 8, 1, 0, 0, -1, 3, 1, 2, 1252).end().bytes(),
			ErrUnsupported, "machine integer info record", 240},
		{"very long string of numeric", base().ext(extVeryLong, 1, 8, []byte("A=00300\t")).end().bytes(),
			ErrFormat, "very long string record", 208},
		{"long string missing values overrun", base().ext(extLongMissing, 1, 9, []byte("\x01\x00\x00\x00A\x03\x08\x00\x00")).end().bytes(),
			ErrFormat, "long string missing values record", 230},
		{"uncompressed data cut short", base().end().raw(1, 2, 3).bytes(), ErrTruncated, "case 1", 216},
		{"fewer cases than header", base().end().bytes(), ErrTruncated, "case 1", 216},
		{"bytecode cut inside case", compressed().raw(101, 253).bytes(), ErrTruncated, "case 1", 248},
		{"end code inside case", compressed().raw(101, 252, 0, 0, 0, 0, 0, 0).bytes(), ErrTruncated, "case 1", 248},
		{"spaces code for number", compressed().raw(254, 0, 0, 0, 0, 0, 0, 0).bytes(), ErrFormat, "case 1", 248},
		{"zlib header offset", edit(func(b []byte) { le.PutUint64(b[zheader:], 0) }),
			ErrFormat, "zlib data header", zheader},
		{"zlib trailer outside file", edit(func(b []byte) { le.PutUint64(b[zheader+8:], 1<<40) }),
			ErrFormat, "zlib data header", zheader},
		{"zlib blocks do not tile", edit(func(b []byte) { le.PutUint64(b[desc(1)+8:], uint64(block(1)+1)) }),
			ErrFormat, "zlib data trailer", desc(1)},
		{"zlib block count", edit(func(b []byte) { le.PutUint32(b[ztrailer+20:], 1000) }),
			ErrTruncated, "zlib data trailer", ztrailer + 20},
		{"zlib block corrupt", edit(func(b []byte) { b[block(0)] = 0 }), ErrFormat, "case 1", block(0)},
		{"zlib block checksum", edit(func(b []byte) { b[block(1)-1] ^= 0xff }), ErrFormat, "case 1", block(0)},
		{"zlib block shorter than trailer says", edit(func(b []byte) {
			le.PutUint32(b[ztrailer+16:], 32) // block size
			le.PutUint32(b[desc(0)+16:], 24)  // first block's inflated size
			for i := 1; i < 3; i++ {
				le.PutUint64(b[desc(i):], le.Uint64(b[desc(i):])+8)
			}
		}), ErrFormat, "case 1", block(0)},
		{"zlib block longer than trailer says", edit(func(b []byte) { le.PutUint32(b[desc(2)+16:], 8) }),
			ErrFormat, "case 3", block(2)},
	}
}

func TestCorrupt(t *testing.T) {
	for _, tt := range corrupt() {
		t.Run(tt.name, func(t *testing.T) {
			err := openAndRead(tt.data)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if !errors.Is(err, tt.kind) || pe.Record != tt.record || pe.Offset != tt.offset {
				t.Errorf("got %v (record %q, offset %d); want %v in %q at offset %d",
					err, pe.Record, pe.Offset, tt.kind, tt.record, tt.offset)
			}
			if want := "test.sav: offset "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("message %q does not start with %q", err, want)
			}
		})
	}
}

// TestWarnings reads files with problems that do not stop reading.
func TestWarnings(t *testing.T) {
	le := binary.LittleEndian
	four := func(xs ...uint32) []byte {
		var b []byte
		for _, x := range xs {
			b = le.AppendUint32(b, x)
		}
		return b
	}
	tests := []struct {
		name    string
		records func(*sysfile)
		want    string
	}{
		{"display count", func(s *sysfile) { s.ext(extDisplay, 4, 5, four(1, 8, 0, 3, 0)) },
			"do not fit 2 variables"},
		{"measurement level", func(s *sysfile) { s.ext(extDisplay, 4, 4, four(7, 0, 3, 0)) },
			"unknown measurement level 7"},
		{"long name of unknown variable", func(s *sysfile) { s.text(extLongNames, "A=aa\tZ=zz") },
			`unknown variable "Z"`},
		{"long string labels of numeric", func(s *sysfile) {
			s.text(extLongLabels, "\x01\x00\x00\x00A\x08\x00\x00\x00\x00\x00\x00\x00")
		}, "variable A is numeric"},
		{"long string missing of unknown", func(s *sysfile) {
			s.text(extLongMissing, "\x01\x00\x00\x00Q\x01\x01\x00\x00\x00x")
		}, `unknown variable "Q"`},
		{"weight is a string", func(s *sysfile) {}, "weight index 2"},
		{"unknown code page", func(s *sysfile) { s.integerInfo(12345) },
			"unknown character code 12345; reading as windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			weight := int32(0)
			if strings.HasPrefix(tt.name, "weight") {
				weight = 2
			}
			s := newSysfile(le).header("$FL2", 0, weight, 1).numVar("A").strVar("S", 8)
			tt.records(s)
			r := s.end().uncompressed([]any{1.0, "abcdefgh"}).open(t)
			w := r.File().Warnings
			if len(w) != 1 || !strings.Contains(w[0].Error(), tt.want) {
				t.Errorf("warnings %v, want one containing %q", w, tt.want)
			}
			if got, err := r.ReadAll(); err != nil || len(got) != 1 || got[0][1].Str != "abcdefgh" {
				t.Errorf("ReadAll: %v, %v", got, err)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	data := newSysfile(binary.LittleEndian).header("$FL2", 0, 0, 0).i32(2, 0, 0, 5, 0, 0).str(8, "A").end().bytes()
	err := openAndRead(data)
	want := "test.sav: offset 176: variable record 1: missing value code 5 is not -3, -2, 0, 1, 2 or 3"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// openAndRead opens data and reads all its cases, returning the first
// error other than io.EOF.
func openAndRead(data []byte) error {
	r, err := Open(bytes.NewReader(data), int64(len(data)), "test.sav")
	if err != nil {
		return err
	}
	for {
		if _, err := r.Read(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// TestTruncatedFixtures cuts each fixture at every length: reading must
// fail with a *ParseError, except when only bytes after the last case are
// cut (the end code of compressed data).
func TestTruncatedFixtures(t *testing.T) {
	step := 1
	if testing.Short() {
		step = 17
	}
	for _, tt := range fixtures {
		data := readFixture(t, tt.file)
		for n := 0; n < len(data); n += step {
			err := openAndRead(data[:n])
			var pe *ParseError
			switch {
			case err == nil && tt.compression == Bytecode && n >= len(data)-8:
			case err == nil:
				t.Errorf("%s cut to %d bytes: no error", tt.file, n)
			case !errors.As(err, &pe) || !(errors.Is(err, ErrTruncated) || errors.Is(err, ErrFormat)):
				t.Errorf("%s cut to %d bytes: %v", tt.file, n, err)
			}
		}
	}
}
