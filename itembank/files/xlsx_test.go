package files

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/itembank"
)

// workbook builds an .xlsx in memory: sheets in order, each a grid of cells
// (nil = no cell; float64 and int become number cells, strings text).
func workbook(t testing.TB, sheets []string, grids [][][]any, style func(*excelize.File, string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range grids[i] {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		if style != nil {
			style(f, name)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func loadXLSXBytes(data []byte, bank *itembank.Bank, opt LoadOptions) (*itembank.Responses, error) {
	return LoadXLSX(bytes.NewReader(data), int64(len(data)), "data.xlsx", bank, opt)
}

func TestLoadXLSX(t *testing.T) {
	bank := mustBank(t, csvBank)
	notes := [][]any{{"Toelichting"}, {"Deze map bevat de antwoorden van 2017."}}
	data := [][]any{
		{"id", "A", "B", "gemeente", nil, nil},
		{1, 4, 7.5, "Zwolle"},
		{}, // an empty row, skipped
		{2, nil, 8.25, "Ommen"},
		{3, 9, 10, "Zwolle", nil, ""},
	}
	// Show B without decimals, as a Dutch Excel might: 7.5 displays as 8.
	noDecimals := func(f *excelize.File, sheet string) {
		id, err := f.NewStyle(&excelize.Style{NumFmt: 1})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetColStyle(sheet, "C", id); err != nil {
			t.Fatal(err)
		}
	}
	wb := workbook(t, []string{"Toelichting", "Antwoorden"}, [][][]any{notes, data}, noDecimals)
	first := workbook(t, []string{"Antwoorden", "Toelichting"}, [][][]any{data, notes}, noDecimals)

	tests := []struct {
		name  string
		file  []byte
		opt   LoadOptions
		wantA []string
		wantB []string
	}{
		{"first sheet by default", first, LoadOptions{}, []string{"4", "", ""}, []string{"7.5", "8.25", "10"}},
		{"sheet by name", wb, LoadOptions{Sheet: "Antwoorden"}, []string{"4", "", ""}, []string{"7.5", "8.25", "10"}},
		{"where", first, LoadOptions{Where: []Condition{{Column: "gemeente", Value: "Zwolle"}}}, []string{"4", ""}, []string{"7.5", "10"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := loadXLSXBytes(tc.file, bank, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := answersOf(r, 0), answersOf(r, 1); !slices.Equal(a, tc.wantA) || !slices.Equal(b, tc.wantB) {
				t.Errorf("A = %q, B = %q; want %q, %q", a, b, tc.wantA, tc.wantB)
			}
			if len(r.Ignored) != 2 || r.Ignored[0] != "id" || r.Ignored[1] != "gemeente" {
				t.Errorf("ignored %q, want [id gemeente]", r.Ignored)
			}
		})
	}
}

func TestLoadXLSXErrors(t *testing.T) {
	bank := mustBank(t, csvBank)
	one := func(grid [][]any) []byte { return workbook(t, []string{"Blad1"}, [][][]any{grid}, nil) }
	tests := []struct {
		name     string
		file     []byte
		opt      LoadOptions
		sentinel error
		sheet    string
		row, col int
		message  string
	}{
		{"out of scale", one([][]any{{"id", "A"}, {1, 4}, {2, 6}}), LoadOptions{}, itembank.ErrOutOfScale, "Blad1", 3, 2, "data.xlsx:Blad1:3:2: item A:"},
		{"text answer", one([][]any{{"A", "B"}, {"eens", 7}}), LoadOptions{}, itembank.ErrNotNumeric, "Blad1", 2, 1, `"eens"`},
		{"cell right of the header", one([][]any{{"A", "B"}, {4, 7, "x"}}), LoadOptions{}, itembank.ErrFieldCount, "Blad1", 2, 3, "right of the last column"},
		{"no such sheet", one([][]any{{"A"}, {4}}), LoadOptions{Sheet: "Data"}, ErrNoSheet, "", 0, 0, "(the workbook has: Blad1)"},
		{"empty sheet", one(nil), LoadOptions{}, itembank.ErrEmpty, "Blad1", 1, 0, "file is empty"},
		{"not a workbook", []byte("PK\x03\x04 broken"), LoadOptions{}, itembank.ErrSyntax, "", 0, 0, "not a readable Excel workbook"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadXLSXBytes(tc.file, bank, tc.opt)
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.sentinel) {
				t.Fatalf("err = %v, want a *ParseError wrapping %v", err, tc.sentinel)
			}
			if pe.Sheet != tc.sheet || pe.Line != tc.row || pe.Column != tc.col {
				t.Errorf("at sheet %q row %d column %d, want %q %d %d", pe.Sheet, pe.Line, pe.Column, tc.sheet, tc.row, tc.col)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("message %q does not contain %q", err, tc.message)
			}
		})
	}
}

func TestXLSXNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"7.5", "7.5"},
		{"4", "4"},
		{"0.30000000000000004", "0.3"}, // 0.1*3 in float64, as Excel stores it
		{"8.1999999999999993", "8.2"},  // 17 significant digits, as some writers store 8.2
		{"7.4999999999999991", "7.5"},
		{"1E-3", "0.001"},
		{"eens", "eens"},
		{"", ""},
		{"1E300", "1E300"}, // too large to be an answer: left for the scale check to refuse
	}
	for _, tc := range tests {
		if got := xlsxNumber(tc.in); got != tc.want {
			t.Errorf("xlsxNumber(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzLoadXLSX checks that no workbook, however damaged, makes the loader
// panic or hang; errors must name the file.
func FuzzLoadXLSX(f *testing.F) {
	bank := mustBank(f, csvBank)
	f.Add(workbook(f, []string{"Blad1"}, [][][]any{{{"id", "A", "B"}, {1, 4, 7.5}, {2, nil, 10}}}, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := loadXLSXBytes(data, bank, LoadOptions{})
		if err != nil && !strings.Contains(err.Error(), "data.xlsx") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
