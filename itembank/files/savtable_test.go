package files

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/sav"
)

// The SPSS fixtures live with the reader, in sav/testdata; each X.sav has
// beside it X.recoded.csv, written by pspp-convert --recode, in which every
// user-missing value is blank (see sav/testdata/generate.sh).
const savFixtures = "../sav/testdata"

// enqueteBank rates the items of sav/testdata/enquete_data.sps. Its
// missing codes are left out on purpose: in the .sav they are declared
// user-missing, in the recoded CSV they are blank, so either way they
// must come out missing.
const enqueteBank = `scales:
  likert5: {min: 1, max: 5}
  grade10: {min: 1, max: 10}
items:
  - {id: werkdruk_ervaren, text: werkdruk, scale: likert5}
  - {id: samenwerking, text: samenwerking, scale: grade10}
  - {id: coordinatie, text: coordinatie, scale: likert5}
  - {id: tevredenheid, text: tevredenheid, scale: likert5}
`

// TestLoadSAVMatchesCSV reads every variant of the fixture survey
// (uncompressed, bytecode, zlib, windows-1252 labels) and checks that each
// gives exactly the answers of the CSV that PSPP wrote from it.
func TestLoadSAVMatchesCSV(t *testing.T) {
	bank := mustBank(t, enqueteBank)
	for _, name := range []string{"enquete_uncompressed.sav", "enquete_compressed.sav", "enquete.zsav", "enquete_1252.sav"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(savFixtures, name)
			got, err := LoadFile(path, bank, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := LoadFile(strings.TrimSuffix(path, filepath.Ext(path))+".recoded.csv", bank, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Respondents != 10 || want.Respondents != 10 {
				t.Fatalf("respondents: %d from the .sav, %d from the CSV; want 10", got.Respondents, want.Respondents)
			}
			for i, it := range bank.Items {
				if a, b := answersOf(got, i), answersOf(want, i); !slices.Equal(a, b) {
					t.Errorf("%s: %q, want %q", it.ID, a, b)
				}
			}
			// enquete_data.sps: tevredenheid of case 1 is 3.25 under F5.2,
			// of case 3 the user-missing -1.
			if tv := answersOf(got, 3); tv[0] != "3.25" || tv[2] != "" {
				t.Errorf("tevredenheid = %q, want 3.25 first and the third missing", tv)
			}
		})
	}
}

// TestLoadSAVWhereLabel selects rows by a value label as well as by the
// stored value: geslacht 'm' is labelled 'man' in enquete_data.sps.
func TestLoadSAVWhereLabel(t *testing.T) {
	bank := mustBank(t, enqueteBank)
	path := filepath.Join(savFixtures, "enquete_compressed.sav")
	byLabel, err := LoadFile(path, bank, LoadOptions{Where: []Condition{{Column: "geslacht", Value: "man"}}})
	if err != nil {
		t.Fatal(err)
	}
	byValue, err := LoadFile(path, bank, LoadOptions{Where: []Condition{{Column: "geslacht", Value: "m"}}})
	if err != nil {
		t.Fatal(err)
	}
	// enquete_data.sps: cases 2, 5 and 8 have geslacht m.
	if byLabel.Respondents != 3 || byValue.Respondents != 3 {
		t.Fatalf("respondents: %d by label, %d by value; want 3", byLabel.Respondents, byValue.Respondents)
	}
	_, err = LoadFile(path, bank, LoadOptions{Where: []Condition{{Column: "geslacht", Value: "vrouwen"}}})
	if !errors.Is(err, ErrNoRespondents) || !strings.Contains(err.Error(), "geslacht holds") || !strings.Contains(err.Error(), "vrouw") {
		t.Errorf("err = %v, want no respondents, listing the labels geslacht holds", err)
	}
}

func TestLoadSAVErrors(t *testing.T) {
	// samenwerking on a 1-5 scale: case 1 answers 8.
	narrow := mustBank(t, strings.Replace(enqueteBank, "scale: grade10", "scale: likert5", 1))
	_, err := LoadFile(filepath.Join(savFixtures, "enquete_compressed.sav"), narrow, LoadOptions{})
	var pe *itembank.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, itembank.ErrOutOfScale) {
		t.Fatalf("err = %v, want an out-of-scale *ParseError", err)
	}
	if pe.Line != 1 || pe.Item != "samenwerking" {
		t.Errorf("at case %d, variable %q; want case 1, samenwerking", pe.Line, pe.Item)
	}

	// A file cut short names the record and the offset.
	data, err := os.ReadFile(filepath.Join(savFixtures, "enquete_compressed.sav"))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.sav")
	if err := os.WriteFile(cut, data[:len(data)-40], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadFile(cut, mustBank(t, enqueteBank), LoadOptions{})
	pe = nil
	if !errors.As(err, &pe) || pe.File != cut || !strings.HasPrefix(pe.Record, "case") || pe.Offset <= 0 {
		t.Errorf("err = %v, want an *itembank.ParseError naming the file, the case and the offset", err)
	}
	if !errors.Is(err, itembank.ErrSyntax) || !errors.Is(err, sav.ErrTruncated) {
		t.Errorf("err = %v, want it to wrap itembank.ErrSyntax and sav.ErrTruncated", err)
	}
}

func TestExactNumber(t *testing.T) {
	tenth := 0.1 // a variable: 0.1 * 3 in constants would be exact
	tests := []struct {
		in   float64
		want string
	}{
		{7.5, "7.5"},
		{4, "4"},
		{3.25, "3.25"},
		{-0.5, "-0.5"},
		{1e10, "10000000000"},
		{tenth * 3, "0.3"}, // 0.30000000000000004, rounded to 15 digits
		{8.2, "8.2"},
	}
	for _, tc := range tests {
		if got := ExactNumber(tc.in); got != tc.want {
			t.Errorf("ExactNumber(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzLoadSAV checks that a damaged SPSS file is an error naming the file,
// never a panic or a hang, through the whole load.
func FuzzLoadSAV(f *testing.F) {
	bank := mustBank(f, enqueteBank)
	for _, name := range []string{"enquete_compressed.sav", "enquete.zsav", "reeks_uncompressed.sav"} {
		data, err := os.ReadFile(filepath.Join(savFixtures, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := LoadSAV(bytes.NewReader(data), int64(len(data)), "fuzz.sav", bank, LoadOptions{})
		if err != nil && !strings.Contains(err.Error(), "fuzz.sav") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// TestLoadSAVWhereLabelTrailingBlanks selects by a value label typed in
// SPSS with trailing blanks: sav/testdata/labels.sps labels VotInte 1
// 'Labor Party   ', and cases 1 and 3 have VotInte 1.
func TestLoadSAVWhereLabelTrailingBlanks(t *testing.T) {
	bank := mustBank(t, "scales:\n  likert5: {min: 1, max: 5}\nitems:\n  - {id: q1, text: q1, scale: likert5}\n")
	path := filepath.Join(savFixtures, "labels.sav")
	got, err := LoadFile(path, bank, LoadOptions{Where: []Condition{{Column: "VotInte", Value: "Labor Party"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Respondents != 2 {
		t.Errorf("respondents %d, want 2", got.Respondents)
	}
}

// TestOpenSAVWarnings passes on the reader's warnings: labels.sav with its
// encoding record changed from "UTF-8" to the unknown "XTF-8" is read as
// windows-1252, which the user must be told.
func TestOpenSAVWarnings(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(savFixtures, "labels.sav"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("UTF-8")); n != 1 {
		t.Fatalf("labels.sav holds %q %d times, want once (the encoding record)", "UTF-8", n)
	}
	path := filepath.Join(t.TempDir(), "xtf.sav")
	if err := os.WriteFile(path, bytes.Replace(data, []byte("UTF-8"), []byte("XTF-8"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := Open(path, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	want := `unknown character encoding "XTF-8"; reading as windows-1252`
	if len(src.Warnings) != 1 || !strings.HasPrefix(src.Warnings[0], path+": offset ") || !strings.Contains(src.Warnings[0], want) {
		t.Errorf("warnings %q, want one naming the file and containing %q", src.Warnings, want)
	}
}
