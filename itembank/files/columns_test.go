package files

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// saBank has ids like the example's: letters and digits, upper case.
const saBank = `scales:
  likert5: {min: 1, max: 5}
items:
  - {id: SA01, text: a, scale: likert5}
  - {id: SA02, text: b, scale: likert5}
  - {id: SA03, text: c, scale: likert5}
  - {id: SA04, text: d, scale: likert5}
`

// TestNoItemColumns: a file none of whose columns is a bank item is
// refused at its header, saying how the names differ when they do so
// alike.
func TestNoItemColumns(t *testing.T) {
	bank := mustBank(t, saBank)
	tests := []struct{ name, header, want string }{
		{"a prefix", "id,v_SA01,v_SA02",
			`data.csv:1: no column is an item of the bank: the columns are v_SA01, v_SA02; the bank's ids are SA01, SA02: the column names put "v_" before the item id; item ids must match the column names exactly`},
		{"a suffix", "SA01_2017,SA02_2017,SA03_2017,gemeente",
			`data.csv:1: no column is an item of the bank: the columns are SA01_2017, SA02_2017, …; the bank's ids are SA01, SA02, …: the column names put "_2017" after the item id; item ids must match the column names exactly`},
		{"both and lower case", "v_sa03_2017,v_sa04_2017",
			`data.csv:1: no column is an item of the bank: the columns are v_sa03_2017, v_sa04_2017; the bank's ids are SA03, SA04: the column names put "v_" before and "_2017" after the item id, in other capitals; item ids must match the column names but for capitals`},
		{"the largest group wins", "q_SA01,SA02_x,SA03_x,SA04_x",
			`the columns are SA02_x, SA03_x, …; the bank's ids are SA02, SA03, …: the column names put "_x" after`},
		{"unrelated names", "x,y,z",
			"data.csv:1: no column is an item of the bank: the columns are x, y, …; the bank's ids are SA01, SA02, …"},
		{"one look-alike is no pattern", "v_Sa01,x",
			"data.csv:1: no column is an item of the bank: the columns are v_Sa01, x; the bank's ids are SA01, SA02, …"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			row := strings.Repeat("1,", strings.Count(tc.header, ",")) + "1"
			_, err := LoadCSV(strings.NewReader(tc.header+"\n"+row+"\n"), "data.csv", bank, LoadOptions{})
			if !errors.Is(err, ErrNoItems) {
				t.Fatalf("error %v, want ErrNoItems", err)
			}
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || pe.File != "data.csv" || pe.Line != 1 {
				t.Errorf("error %#v is not a *ParseError at data.csv line 1", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%s\nwant it to contain\n%s", err, tc.want)
			}
		})
	}
	// One item, one look-alike column: the pattern is all there is to see.
	one := mustBank(t, "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: SA01, text: a, scale: l}\n")
	_, err := LoadCSV(strings.NewReader("id,v_sa01\n1,2\n"), "one.csv", one, LoadOptions{})
	if want := `one.csv:1: no column is an item of the bank: the column is v_sa01; the bank's id is SA01: the column names put "v_" before the item id, in other capitals; item ids must match the column names but for capitals`; err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

// TestNoAnswers: item columns that are empty in every row kept give
// nothing to screen.
func TestNoAnswers(t *testing.T) {
	bank := mustBank(t, saBank)
	for _, tc := range []struct {
		name, src string
		where     []Condition
		want      string
	}{
		{"empty columns", "SA01,SA02\n,\n , \n", nil, "data.csv: no answers: the item columns are empty in every row"},
		{"empty where selected", "SA01,g\n3,a\n,b\n", []Condition{{"g", "b"}}, "data.csv: no answers: the item columns are empty in every row where g=b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadCSV(strings.NewReader(tc.src), "data.csv", bank, LoadOptions{Where: tc.where})
			if !errors.Is(err, ErrNoAnswers) || err.Error() != tc.want {
				t.Errorf("error %v, want ErrNoAnswers: %s", err, tc.want)
			}
		})
	}
}

// TestSummarizeFilesNotes checks the notes of each kind of file: every
// file of answers is noted once with what was found, with a warning when
// fewer than half of the items are columns or columns look like items
// named differently; a summary gets none.
func TestSummarizeFilesNotes(t *testing.T) {
	bank := mustBank(t, saBank)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	all := write("all.csv", "id,SA01,SA02,SA03,SA04\n1,1,2,3,4\n2,2,3,4,5\n")
	few := write("few.csv", "SA01\n3\n4\n")
	cased := write("cased.csv", "SA01,SA02,sa03,sa04\n1,2,3,4\n")
	prefixed := write("prefixed.csv", "SA01,SA02,v_SA03,v_SA04\n1,2,3,4\n")
	summary := write("all"+itembank.SummaryExt, string(writeSummary(t, summarizeCSV(t, bank, "id,SA01,SA02,SA03,SA04\n1,1,2,3,4\n2,2,3,4,5\n"))))
	tests := []struct {
		name  string
		paths []string
		want  []Note
	}{
		{"every item", []string{all}, []Note{
			{File: all, Text: "ignored 1 column(s) that are not bank items: id; found 4 of the bank's 4 items"}}},
		{"fewer than half", []string{few}, []Note{
			{File: few, Text: "found 1 of the bank's 4 items"},
			{File: few, Text: "only 1 of the bank's 4 items are columns; the other 3 count as not asked: is this a file for this bank?", Warning: true}}},
		{"other capitals", []string{cased}, []Note{
			{File: cased, Text: "found 4 of the bank's 4 items, 2 of them in columns named in other capitals: sa03 as SA03, sa04 as SA04"}}},
		{"look-alikes", []string{prefixed}, []Note{
			{File: prefixed, Text: "ignored 2 column(s) that are not bank items: v_SA03, v_SA04; found 2 of the bank's 4 items"},
			{File: prefixed, Text: `2 column(s) seem to be items of the bank named differently, and count as not asked: the columns are v_SA03, v_SA04; the bank's ids are SA03, SA04: the column names put "v_" before the item id; item ids must match the column names exactly`, Warning: true}}},
		{"a summary", []string{summary}, nil},
		{"pooled", []string{summary, all}, []Note{
			{File: all, Text: "ignored 1 column(s) that are not bank items: id; found 4 of the bank's 4 items"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, notes, err := SummarizeFiles(tc.paths, bank, LoadOptions{}, itembank.WithPairs)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(notes, tc.want) {
				t.Errorf("notes\n%q\nwant\n%q", notes, tc.want)
			}
		})
	}
}

// FuzzColumnHints feeds arbitrary headers to the loader with a bank of
// two-letter ids, which the search for renamed columns looks for: it must
// load or return a *ParseError naming the file, never panic.
func FuzzColumnHints(f *testing.F) {
	bank := mustBank(f, saBank)
	f.Add("sa01,v_SA02,SA03_x")
	f.Add("ŞA01,sA02İ,x")
	f.Add("SA01SA02,SA0,SA")
	f.Add("SA01,sa01,Sa02,sA02")
	f.Fuzz(func(t *testing.T, header string) {
		src := header + "\n" + strings.Repeat("1,", strings.Count(header, ",")) + "1\n"
		_, err := LoadCSV(strings.NewReader(src), "fuzz.csv", bank, LoadOptions{})
		var pe *itembank.ParseError
		if err != nil && (!errors.As(err, &pe) || pe.File != "fuzz.csv") {
			t.Errorf("error %q is not a *ParseError naming the file", err)
		}
	})
}

// TestOneWave checks which files are refused as holding several waves.
func TestOneWave(t *testing.T) {
	bank := mustBank(t, saBank)
	var thirteen strings.Builder
	thirteen.WriteString("SA01,meting\n")
	for m := 13; m >= 1; m-- {
		fmt.Fprintf(&thirteen, "1,%d\n", m)
	}
	tests := []struct {
		name   string
		src    string
		where  []Condition
		off    bool
		column string
		values []string
		more   bool
	}{
		{"two years", "SA01,jaar\n1,2016\n2,2017\n3,2016\n", nil, false, "jaar", []string{"2016", "2017"}, false},
		{"one year, empty cells and 2017.0", "SA01,jaar\n1,2017\n2,\n3,2017.0\n", nil, false, "", nil, false},
		{"the year selected", "SA01,jaar\n1,2016\n2,2017\n", []Condition{{"jaar", "2017"}}, false, "", nil, false},
		{"another column selected", "SA01,jaar,gemeente\n1,2016,Zwolle\n2,2017,Zwolle\n3,2017,Ommen\n", []Condition{{"gemeente", "Zwolle"}}, false, "jaar", []string{"2016", "2017"}, false},
		{"one year among the rows kept", "SA01,jaar,gemeente\n1,2016,Ommen\n2,2017,Zwolle\n", []Condition{{"gemeente", "Ommen"}}, false, "", nil, false},
		{"check off", "SA01,jaar\n1,2016\n2,2017\n", nil, true, "", nil, false},
		{"not a wave: year of birth", "SA01,geboortejaar,leeftijd_jaar,jaren_ervaring\n1,1970,50,3\n2,1980,40,4\n", nil, false, "", nil, false},
		{"named waves", "SA01,Survey Year\n1,voorjaar\n2,najaar\n", nil, false, "Survey Year", []string{"najaar", "voorjaar"}, false},
		{"thirteen measurements: the first twelve seen, numbers by value", thirteen.String(), nil, false, "meting", []string{"2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"}, true},
	}
	defer func(n int) { pipeFrom = n }(pipeFrom)
	for _, from := range []int{1 << 30, 0} {
		pipeFrom = from // never piped, then always: the cells then point into reused buffers
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/pipe from %d", tc.name, from), func(t *testing.T) {
				_, err := LoadCSV(strings.NewReader(tc.src), "data.csv", bank, LoadOptions{Where: tc.where, OneWave: !tc.off})
				if tc.column == "" {
					if err != nil {
						t.Fatalf("error %v, want none", err)
					}
					return
				}
				var we *WavesError
				var pe *itembank.ParseError
				if !errors.As(err, &we) || !errors.As(err, &pe) || pe.File != "data.csv" || !errors.Is(err, ErrSeveralWaves) {
					t.Fatalf("error %v, want a *ParseError holding a *WavesError", err)
				}
				if we.Column != tc.column || !reflect.DeepEqual(we.Values, tc.values) || we.More != tc.more {
					t.Errorf("column %q values %q more %t; want %q %q %t", we.Column, we.Values, we.More, tc.column, tc.values, tc.more)
				}
			})
		}
	}
	_, err := LoadCSV(strings.NewReader("SA01,jaar\n1,2016\n2,2017\n"), "data.csv", bank, LoadOptions{OneWave: true})
	if want := "data.csv: several waves in column jaar (2016, 2017): select the rows of one wave by that column"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestIsWaveColumn(t *testing.T) {
	for name, want := range map[string]bool{
		"jaar": true, "Jaar": true, "year": true, "WAVE": true, "golf": true, "meting": true, "survey_year": true,
		"golf_nr": true, "jaar van onderzoek": true, "enquête-jaar": true, "meetmoment": true,
		"geboortejaar": false, "leeftijd_jaar": false, "jaren_ervaring": false, "year_of_birth": false,
		"nr": false, "": false, "gemeente": false, "SA01": false,
	} {
		if got := IsWaveColumn(name); got != want {
			t.Errorf("IsWaveColumn(%q) = %t, want %t", name, got, want)
		}
	}
}

// TestCasedColumns: a column equal to an item id but for letter case is
// that item's, as SPSS variable names ignore case; an exact name wins,
// and two columns that would be one item are refused, naming both.
func TestCasedColumns(t *testing.T) {
	bank := mustBank(t, saBank)
	twoCase := mustBank(t, "scales:\n  l: {min: 1, max: 5}\nitems:\n  - {id: SA01, text: a, scale: l}\n  - {id: sa01, text: b, scale: l}\n")
	tests := []struct {
		name, src string
		bank      *itembank.Bank
		items     []string // the column of each item, "" when none
		ignored   []string
		err       string
	}{
		{"lower case", "sa01,sa02,sa03,sa04\n1,2,3,4\n", bank, []string{"1", "2", "3", "4"}, nil, ""},
		{"exact and other capitals", "Sa02,SA01,x\n2,1,5\n", bank, []string{"1", "2", "", ""}, []string{"x"}, ""},
		{"exact first, then a case twin", "SA01,sa01\n1,2\n", bank, nil, nil,
			`data.csv:1:6: item SA01: duplicate column: "sa01" and "SA01" (column 1) are equal but for letter case, and SPSS variable names ignore case: rename or remove one`},
		{"two case twins", "x,sa01,Sa01\n1,2,3\n", bank, nil, nil,
			`data.csv:1:8: item SA01: duplicate column: "Sa01" and "sa01" (column 2) are equal but for letter case`},
		{"ids only case tells apart match exactly", "sa01,Sa01\n1,2\n", twoCase, []string{"", "1"}, []string{"Sa01"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := LoadCSV(strings.NewReader(tc.src), "data.csv", tc.bank, LoadOptions{})
			if tc.err != "" {
				if !errors.Is(err, itembank.ErrDuplicateColumn) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v\nwant ErrDuplicateColumn: %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var items []string // the one answer of each item's column
			for _, c := range res.Columns {
				if c == nil || len(c.Levels) != 1 {
					items = append(items, "")
				} else {
					items = append(items, c.Levels[0].String())
				}
			}
			if !reflect.DeepEqual(items, tc.items) {
				t.Errorf("columns %q, want %q", items, tc.items)
			}
			if !reflect.DeepEqual(res.Ignored, tc.ignored) {
				t.Errorf("ignored %q, want %q", res.Ignored, tc.ignored)
			}
		})
	}
}
