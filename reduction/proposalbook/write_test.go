package proposalbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteLayout checks the sheet a team leader opens, in both
// languages: the words, the items in the bank's order, the prefilled
// answers, the drop-down, the frozen header and what is locked.
func TestWriteLayout(t *testing.T) {
	for _, tc := range []struct {
		lang, bankLang                 string
		sheet, keepHead, yes, no, kept string
	}{
		{"nl", "", "Voorstel", "Behouden?", "ja", "nee", "Behouden"},
		{"", "nl", "Voorstel", "Behouden?", "ja", "nee", "Behouden"},
		{"en", "nl", "Proposal", "Keep?", "yes", "no", "Kept"},
		{"", "", "Proposal", "Keep?", "yes", "no", "Kept"},
	} {
		t.Run(tc.lang+"/"+tc.bankLang, func(t *testing.T) {
			bank := testBank(t, tc.bankLang)
			lang := tc.lang
			if lang == "" {
				lang = bank.Language // what the command passes
			}
			data := written(t, bank, Options{By: "Teamleider Zwolle", Target: 3, Lang: lang})
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); len(got) != 1 || got[0] != tc.sheet {
				t.Fatalf("sheets %q, want [%s]", got, tc.sheet)
			}
			get := func(cell string) string {
				v, err := f.GetCellValue(tc.sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			want := map[string]string{
				"B3": "Teamleider Zwolle", "B4": "3", "A5": tc.kept,
				"B7": "id", "D7": tc.keepHead,
				"A8": "Samenwerking", "B8": "A1", "C8": "Eerste stelling", "D8": tc.yes,
				"B9": "A2", "A10": "Werkbeleving", "B10": "B1", "A11": "", "B11": "B2", "D11": tc.yes,
				"B12": "",
			}
			for cell, v := range want {
				if got := get(cell); got != v {
					t.Errorf("%s = %q, want %q", cell, got, v)
				}
			}
			if instr := get("A2"); !strings.Contains(instr, tc.keepHead) || !strings.Contains(instr, tc.yes+" (") || !strings.Contains(instr, tc.no+" (") {
				t.Errorf("instruction does not name the column and the answers: %q", instr)
			}
			if !strings.Contains(get("A1"), "Vragenlijst proef") {
				t.Errorf("title %q lacks the questionnaire's title", get("A1"))
			}

			dvs, err := f.GetDataValidations(tc.sheet)
			if err != nil || len(dvs) != 1 {
				t.Fatalf("data validations %v, %v", dvs, err)
			}
			if dvs[0].Sqref != "D8:D11" || dvs[0].Formula1 != `"`+tc.yes+`,`+tc.no+`"` || dvs[0].ErrorStyle == nil || *dvs[0].ErrorStyle != "stop" {
				t.Errorf("drop-down %s %s", dvs[0].Sqref, dvs[0].Formula1)
			}
			panes, err := f.GetPanes(tc.sheet)
			if err != nil || !panes.Freeze || panes.YSplit != rowHeader {
				t.Errorf("panes %+v, %v: want the rows down to the header frozen", panes, err)
			}
			for cell, locked := range map[string]bool{"B8": true, "C8": true, "A8": true, "D8": false, "D11": false, "B3": false, "B4": false, "B5": true} {
				id, err := f.GetCellStyle(tc.sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if got := st.Protection == nil || st.Protection.Locked; got != locked {
					t.Errorf("%s locked = %v, want %v", cell, got, locked)
				}
			}
			if w, _ := f.GetColWidth(tc.sheet, "C"); w < 60 {
				t.Errorf("text column %g wide", w)
			}
		})
	}
}

// TestLiveCount computes the count at the top as Excel would, before and
// after answers change, with and without a target.
func TestLiveCount(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		target int
		noes   []string // cells set to no
		count  string
		text   string
	}{
		{"nl", 3, nil, "4", "van doel 3: nog 1 te schrappen"},
		{"nl", 3, []string{"D9"}, "3", "van doel 3: precies het doel"},
		{"nl", 3, []string{"D9", "D10"}, "2", "van doel 3: 1 onder het doel"},
		{"nl", 0, []string{"D9"}, "3", "van 4 items"},
		{"en", 2, nil, "4", "of target 2: 2 more to drop"},
		{"en", 0, nil, "4", "of 4 items"},
	} {
		t.Run(tc.lang+" "+tc.text, func(t *testing.T) {
			data := written(t, testBank(t, ""), Options{Target: tc.target, Lang: tc.lang})
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetName(0)
			for _, cell := range tc.noes {
				f.SetCellValue(sheet, cell, wordsFor(tc.lang).no)
			}
			// COUNTIF ignores case, as in Excel.
			f.SetCellValue(sheet, "D8", strings.ToUpper(wordsFor(tc.lang).yes))
			if got, err := f.CalcCellValue(sheet, "B5"); err != nil || got != tc.count {
				t.Errorf("count = %q, %v; want %s", got, err, tc.count)
			}
			if got, err := f.CalcCellValue(sheet, "C5"); err != nil || got != tc.text {
				t.Errorf("beside the count: %q, %v; want %q", got, err, tc.text)
			}
		})
	}
}

// TestWriteSameBytes: the same bank and options give the same file, so
// that a committed example changes only when its content does.
func TestWriteSameBytes(t *testing.T) {
	bank := testBank(t, "nl")
	first := written(t, bank, Options{By: "Zwolle", Target: 3})
	for range 5 {
		if !bytes.Equal(written(t, bank, Options{By: "Zwolle", Target: 3}), first) {
			t.Fatal("two writes differ")
		}
	}
}
