package proposalbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/itembank"
)

// testBankYAML is a small bank of two themes, one item without a theme.
const testBankYAML = `title: "Vragenlijst proef"
scales:
  likert5: {min: 1, max: 5}
items:
  - {id: A1, scale: likert5, theme: Samenwerking, text: "Eerste stelling"}
  - {id: A2, scale: likert5, theme: Samenwerking, text: "Tweede stelling, met een lange tekst die in Excel over meer dan een regel loopt omdat hij zo lang is, en nog langer, en nog iets langer dan dat."}
  - {id: B1, scale: likert5, theme: Werkbeleving, text: "Derde stelling"}
  - {id: B2, scale: likert5, text: "Vierde stelling"}
`

func testBank(t testing.TB, lang string) *itembank.Bank {
	t.Helper()
	text := testBankYAML
	if lang != "" {
		text = "language: " + lang + "\n" + text
	}
	b, err := itembank.LoadBank(strings.NewReader(text), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// written is the checklist of bank in lang, as bytes.
func written(t testing.TB, bank *itembank.Bank, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, bank, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edit opens a workbook with excelize, lets change alter it, and saves
// it again, as a second program would.
func edit(t testing.TB, data []byte, change func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	change(f, f.GetSheetName(0))
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setCells sets cells of the first sheet: "D9": "nee".
func setCells(cells map[string]any) func(*excelize.File, string) {
	return func(f *excelize.File, sheet string) {
		for cell, v := range cells {
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				panic(err)
			}
		}
	}
}

// formulaCell matches a formula cell as excelize writes it, without a
// cached value.
var formulaCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"([^>]*) t="str"><f>([^<]*)</f></c>`)

// asExcelSaves rewrites a workbook as Excel stores one it saved: each
// formula with the value it computed (a number without t="str"), the
// cells in calcChain order untouched, the workbook's calculation flags
// gone. Other parts are copied as they are.
func asExcelSaves(t testing.TB, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	values := map[string]string{}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			part = formulaCell.ReplaceAllFunc(part, func(m []byte) []byte {
				sub := formulaCell.FindSubmatch(m)
				cell := string(sub[1])
				v, err := f.CalcCellValue(sheet, cell)
				if err != nil {
					t.Fatalf("computing %s: %v", cell, err)
				}
				values[cell] = v
				typ := ` t="str"`
				if regexp.MustCompile(`^[0-9]+$`).MatchString(v) {
					typ = ""
				}
				return fmt.Appendf(nil, `<c r="%s"%s%s><f>%s</f><v>%s</v></c>`, cell, sub[2], typ, sub[3], v)
			})
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if len(values) != 2 {
		t.Fatalf("found %d formulas, want the count and the text beside it", len(values))
	}
	return out.Bytes()
}

// read reads a checklist written for bank.
func read(data []byte, bank *itembank.Bank) (keep []string, by string, target int, err error) {
	p, err := Read(bytes.NewReader(data), int64(len(data)), "zwolle.xlsx", bank)
	if err != nil {
		return nil, "", 0, err
	}
	for _, it := range bank.Items {
		if p.Keeps(it.ID) {
			keep = append(keep, it.ID)
		}
	}
	return keep, p.By, p.TargetLength, nil
}
