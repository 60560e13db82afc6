package proposalbook

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

// TestReadAnswers reads checklists answered and saved again in the ways
// people and programs do: every answer word in either language, in any
// case and with spaces, rows in another order, a sheet added in front, the
// formulas with Excel's cached values.
func TestReadAnswers(t *testing.T) {
	all := []string{"A1", "A2", "B1", "B2"}
	for _, tc := range []struct {
		name   string
		lang   string
		change func(*excelize.File, string)
		excel  bool // also store the formulas' values, as Excel does
		keep   []string
		by     string
		target int
	}{
		{name: "untouched", lang: "nl", keep: all, by: "Teamleider Zwolle", target: 3},
		{name: "untouched, cached values", lang: "en", excel: true, keep: all, by: "Teamleider Zwolle", target: 3},
		{name: "nee", lang: "nl", change: setCells(map[string]any{"D9": "nee"}), keep: []string{"A1", "B1", "B2"}, by: "Teamleider Zwolle", target: 3},
		{name: "case and spaces", lang: "nl", excel: true,
			change: setCells(map[string]any{"D8": " Nee ", "D9": "NEE", "D10": "Ja\u00a0", "D11": "JA"}), keep: []string{"B1", "B2"}, by: "Teamleider Zwolle", target: 3},
		{name: "other language's words", lang: "nl",
			change: setCells(map[string]any{"D8": "no", "D9": "Drop", "D10": "keep", "D11": "schrappen"}), keep: []string{"B1"}, by: "Teamleider Zwolle", target: 3},
		{name: "short words", lang: "en",
			change: setCells(map[string]any{"D8": "n", "D9": "Y", "D10": "j", "D11": "behouden"}), keep: []string{"A2", "B1", "B2"}, by: "Teamleider Zwolle", target: 3},
		{name: "name and target changed", lang: "nl",
			change: setCells(map[string]any{"B3": "  Gemeente Ommen ", "B4": 60, "D11": "nee"}), keep: []string{"A1", "A2", "B1"}, by: "Gemeente Ommen", target: 60},
		{name: "target as text", lang: "nl", change: setCells(map[string]any{"B4": "2"}), keep: all, by: "Teamleider Zwolle", target: 2},
		{name: "target emptied, name emptied", lang: "en", change: func(f *excelize.File, s string) {
			f.SetCellValue(s, "B4", nil)
			f.SetCellValue(s, "B3", "")
		}, keep: all, by: "", target: 0},
		{name: "rows sorted", lang: "nl", change: func(f *excelize.File, s string) {
			// B2 (no) first, A1 last: ids are read, not places.
			for i, row := range [][]any{{"", "B2", "Vierde stelling", "nee"}, {"Werkbeleving", "B1", "Derde stelling", "ja"},
				{"Samenwerking", "A2", "Tweede", "ja"}, {"Samenwerking", "A1", "Eerste stelling", "nee"}} {
				f.SetSheetRow(s, cellName(1, firstItemRow+i), &row)
			}
		}, keep: []string{"A2", "B1"}, by: "Teamleider Zwolle", target: 3},
		{name: "a sheet in front, the checklist renamed", lang: "nl", change: func(f *excelize.File, s string) {
			f.SetSheetName(s, "Mijn keuzes")
			f.NewSheet("Notities")
			f.SetCellValue("Notities", "A1", "overleg met het team op maandag")
			f.MoveSheet("Notities", "Mijn keuzes")
		}, keep: all, by: "Teamleider Zwolle", target: 3},
		{name: "a note under the items", lang: "nl", change: setCells(map[string]any{"C14": "Graag een vraag over mantelzorg erbij."}),
			keep: all, by: "Teamleider Zwolle", target: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bank := testBank(t, "")
			data := written(t, bank, Options{By: "Teamleider Zwolle", Target: 3, Lang: tc.lang})
			if tc.change != nil {
				data = edit(t, data, tc.change)
			}
			if tc.excel {
				data = asExcelSaves(t, data)
			}
			keep, by, target, err := read(data, bank)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(keep, tc.keep) || by != tc.by || target != tc.target {
				t.Errorf("read keep %v, by %q, target %d; want %v, %q, %d", keep, by, target, tc.keep, tc.by, tc.target)
			}
		})
	}
}

// TestReadMistakes: each mistake is reported with the file, the sheet, the
// row and the cell, and what to do; several mistakes together.
func TestReadMistakes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*excelize.File, string)
		is     error
		want   []string // in the message
	}{
		{"unknown answer", setCells(map[string]any{"D9": "misschien"}), ErrAnswer,
			[]string{`zwolle.xlsx:Voorstel:9:4: cell D9: invalid answer for A2: "misschien" is not ja or nee`}},
		{"empty answer", setCells(map[string]any{"D10": ""}), ErrAnswer,
			[]string{`zwolle.xlsx:Voorstel:10:4: cell D10: invalid answer for B1: the cell is empty; choose ja or nee`}},
		{"x", setCells(map[string]any{"D10": "x"}), ErrAnswer, []string{`"x" is not ja or nee`}},
		{"unknown id", setCells(map[string]any{"B9": "A9"}), reduction.ErrUnknownItem,
			[]string{"zwolle.xlsx:Voorstel:9:2: cell B9: A9 is not an item of the bank; every row keeps the id it was written with",
				"items of the bank missing from the sheet: A2;"}},
		{"id twice", setCells(map[string]any{"B10": "A1"}), reduction.ErrDuplicateID,
			[]string{"zwolle.xlsx:Voorstel:10:2: cell B10: item listed twice: A1 is also on row 8", "missing from the sheet: B1;"}},
		{"row deleted", func(f *excelize.File, s string) { f.RemoveRow(s, 10) }, ErrMissingItem,
			[]string{"zwolle.xlsx:Voorstel: items of the bank missing from the sheet: B1; were rows deleted, or ids changed?"}},
		{"id emptied", setCells(map[string]any{"B11": ""}), ErrMissingItem,
			[]string{`zwolle.xlsx:Voorstel:11:2: cell B11: the id is empty, next to the answer "ja"`, "missing from the sheet: B2;"}},
		{"bad target", setCells(map[string]any{"B4": "ongeveer 80"}), ErrTarget,
			[]string{`zwolle.xlsx:Voorstel:4:2: cell B4: invalid target "ongeveer 80": write the number of items you aim for, or leave the cell empty`}},
		{"fractional target", setCells(map[string]any{"B4": 2.5}), ErrTarget, []string{`invalid target "2.5"`}},
		{"two mistakes", setCells(map[string]any{"D8": "?", "D11": "nooit"}), ErrAnswer,
			[]string{"cell D8:", "cell D11:"}},
		{"header renamed", setCells(map[string]any{"D7": "Houden"}), ErrNotChecklist,
			[]string{"zwolle.xlsx: not a proposal checklist made by itemreduce proposal: no sheet has a header row with the columns id and Keep? (Behouden? in Dutch)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bank := testBank(t, "nl")
			data := edit(t, written(t, bank, Options{By: "Teamleider Zwolle", Target: 3, Lang: "nl"}), tc.change)
			_, _, _, err := read(data, bank)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %v", err, tc.is)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\nlacks %q", err, w)
				}
			}
		})
	}
}

// TestReadManyMistakes: a checklist emptied of every answer lists the
// first 20 mistakes and how many more.
func TestReadManyMistakes(t *testing.T) {
	var yaml strings.Builder
	yaml.WriteString("scales:\n  s: {min: 1, max: 5}\nitems:\n")
	for i := range 30 {
		yaml.WriteString("  - {id: Q" + string(rune('A'+i/10)) + string(rune('0'+i%10)) + ", scale: s, text: t}\n")
	}
	bank, err := itembank.LoadBank(strings.NewReader(yaml.String()), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data := edit(t, written(t, bank, Options{}), func(f *excelize.File, s string) {
		for i := range 30 {
			f.SetCellValue(s, cellName(colKeep, firstItemRow+i), "")
		}
	})
	_, _, _, err = read(data, bank)
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxProblems+1 || lines[maxProblems] != "zwolle.xlsx:Proposal: and 10 more mistakes" {
		t.Errorf("%d lines, the last %q", len(lines), lines[len(lines)-1])
	}
}

// TestReadNotAChecklist: files that are not a checklist say what they
// are.
func TestReadNotAChecklist(t *testing.T) {
	bank := testBank(t, "")
	other := excelize.NewFile()
	other.SetSheetRow("Sheet1", "A1", &[]any{"id", "text", "mean"})
	var otherBook bytes.Buffer
	other.WriteTo(&otherBook)
	for _, tc := range []struct {
		name string
		data []byte
		is   error
		want string
	}{
		{"another workbook", otherBook.Bytes(), ErrNotChecklist, "zwolle.xlsx: not a proposal checklist made by itemreduce proposal"},
		{"old Excel or password", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), ErrNotWorkbook,
			"an old Excel workbook (.xls) or one saved with a password; open it in Excel and save it as Excel Workbook (.xlsx) without a password"},
		{"text", []byte("keep:\n  - A1\n"), ErrNotWorkbook, "zwolle.xlsx: not an Excel workbook (.xlsx), or a damaged one"},
		{"OpenDocument", append([]byte("PK\x03\x04\x14\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), make([]byte, 100)...),
			ErrNotWorkbook, "an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx)"},
		{"cut short", written(t, bank, Options{})[:200], ErrNotWorkbook, "not an Excel workbook (.xlsx), or a damaged one"},
		{"empty", nil, ErrNotWorkbook, "not an Excel workbook"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := read(tc.data, bank)
			if !errors.Is(err, tc.is) || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %v with %q", err, tc.is, tc.want)
			}
		})
	}
}

// TestExampleChecklist writes and reads the checklist of the example's
// 149 items.
func TestExampleChecklist(t *testing.T) {
	bank, err := itembank.LoadBankFile("../../examples/wijkteams/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data := edit(t, written(t, bank, Options{Lang: "nl"}), setCells(map[string]any{"D8": "nee", "D156": "nee"}))
	keep, _, _, err := read(data, bank)
	if err != nil {
		t.Fatal(err)
	}
	if len(keep) != 147 || keep[0] != bank.Items[1].ID || keep[146] != bank.Items[147].ID {
		t.Errorf("kept %d items", len(keep))
	}
}

// BenchmarkReadExample reads the example's checklist of 149 items.
func BenchmarkReadExample(b *testing.B) {
	bank, err := itembank.LoadBankFile("../../examples/wijkteams/bank.yaml")
	if err != nil {
		b.Fatal(err)
	}
	data := written(b, bank, Options{Lang: "nl"})
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), int64(len(data)), "zwolle.xlsx", bank); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteExample writes the example's checklist of 149 items.
func BenchmarkWriteExample(b *testing.B) {
	bank, err := itembank.LoadBankFile("../../examples/wijkteams/bank.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		written(b, bank, Options{Lang: "nl"})
	}
}
