package sav

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

// TestNonFiniteIsSysMissing reads a stored NaN, +Inf and -Inf, raw in
// uncompressed data and after code 253 in bytecode data: each is
// system-missing, as PSPP and haven read them.
func TestNonFiniteIsSysMissing(t *testing.T) {
	values := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 2.5}
	for _, compression := range []int32{0, 1} {
		s := newSysfile(binary.LittleEndian).header("$FL2", compression, 0, 1)
		s.numVar("A").numVar("B").numVar("C").numVar("D").end()
		if compression == 0 {
			s.f64(values...)
		} else {
			s.raw(253, 253, 253, 253, 252, 0, 0, 0).f64(values...)
		}
		got := readAll(t, s.open(t))
		if len(got) != 1 {
			t.Fatalf("compression %d: %d cases, want 1", compression, len(got))
		}
		for i, v := range got[0][:3] {
			if !v.SysMissing || !math.IsNaN(v.Num) {
				t.Errorf("compression %d: stored %v read as %+v, want system-missing", compression, values[i], v)
			}
		}
		if v := got[0][3]; v.SysMissing || v.Num != 2.5 {
			t.Errorf("compression %d: 2.5 read as %+v", compression, v)
		}
	}
}

// TestVeryLongStringNUL cuts a very long string at its first NUL byte, as
// PSPP and haven do; the bytes after it are not part of the value.
func TestVeryLongStringNUL(t *testing.T) {
	text := "begin" + "\x00" + strings.Repeat("x", 294)
	s := newSysfile(binary.LittleEndian).header("$FL2", 0, 0, 1)
	s.strVar("LANG", 255).strVar("LANG1", 48)
	s.text(extVeryLong, "LANG=00300\x00\t")
	s.end().uncompressed([]any{text[:255] + " ", text[255:] + strings.Repeat(" ", 48-45)})
	got := readAll(t, s.open(t))
	if len(got) != 1 || got[0][0].Str != "begin" {
		t.Errorf("cases %+v, want the string cut to \"begin\"", got)
	}
}

// TestCompressionBias reads a bytecode file with bias 0: PSPP reads it with
// a warning and the bias as given (code 7 is 7 - 0), and so does Open.
func TestCompressionBias(t *testing.T) {
	s := newSysfile(binary.LittleEndian).header("$FL2", 1, 0, 1).numVar("A").end()
	s.raw(7, 252, 0, 0, 0, 0, 0, 0)
	b := s.bytes()
	binary.LittleEndian.PutUint64(b[84:], math.Float64bits(0))
	s = &sysfile{order: binary.LittleEndian}
	s.raw(b...)
	r := s.open(t)
	w := r.File().Warnings
	if len(w) != 1 || !strings.Contains(w[0].Error(), "compression bias 0, not the usual 100") {
		t.Errorf("warnings %v, want one about the bias", w)
	}
	if got := readAll(t, r); len(got) != 1 || got[0][0].Num != 7 {
		t.Errorf("cases %+v, want 7", got)
	}
}

// TestLongStringLabels reads a 16-byte string whose labels are both in a
// value label record, with values cut to 8 bytes ("Labor Pa" twice), and in
// the long string value labels record (subtype 21) with the full values:
// the full values win.
func TestLongStringLabels(t *testing.T) {
	le := binary.LittleEndian
	s := newSysfile(le).header("$FL2", 0, 0, 1).strVar("P", 16)
	s.i32(3, 2)
	for _, l := range []string{"Labour A", "Labour B"} {
		s.str(8, "Labor Pa").raw(byte(len(l))).str((len(l)+8)/8*8-1, l)
	}
	s.i32(4, 1, 1)
	var rec []byte
	field := func(x string) {
		rec = le.AppendUint32(rec, uint32(len(x)))
		rec = append(rec, x...)
	}
	field("P")
	rec = le.AppendUint32(rec, 16)
	rec = le.AppendUint32(rec, 2)
	for _, vl := range [][2]string{{"Labor Party A", "Labour A"}, {"Labor Party B", "Labour B"}} {
		field(vl[0] + strings.Repeat(" ", 16-len(vl[0])))
		field(vl[1])
	}
	s.ext(extLongLabels, 1, int32(len(rec)), rec)
	f := s.end().uncompressed([]any{"Labor Party A   "}).open(t).File()
	got := f.Variables[0].ValueLabels
	want := []ValueLabel{{Value{Str: "Labor Party A"}, "Labour A"}, {Value{Str: "Labor Party B"}, "Labour B"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("labels %+v, want %+v", got, want)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings %v", f.Warnings)
	}
}
