package proposalbook

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// FuzzRead reads any bytes as a checklist: an error or a proposal of
// items of the bank, never a panic (panics are not caught while fuzzing).
func FuzzRead(f *testing.F) {
	bank := testBank(f, "")
	good := written(f, bank, Options{By: "Zwolle", Target: 3, Lang: "nl"})
	f.Add(good)
	f.Add(edit(f, good, setCells(map[string]any{"D9": "nee", "B10": "A1"})))
	f.Add(asExcelSaves(f, good))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		catchPanics = false
		defer func() { catchPanics = true }()
		checkRead(t, data)
	})
}

// FuzzReadSheet reads checklists whose worksheet XML is any bytes, in an
// otherwise sound workbook: the fuzzer reaches the reading of cells.
func FuzzReadSheet(f *testing.F) {
	bank := testBank(f, "")
	good := written(f, bank, Options{By: "Zwolle", Target: 3, Lang: "nl"})
	f.Add(part(f, good, sheetPart))
	f.Add(part(f, asExcelSaves(f, edit(f, good, setCells(map[string]any{"D9": "misschien", "B4": "x"}))), sheetPart))
	f.Add([]byte(`<worksheet><sheetData><row r="7"><c r="B7" t="inlineStr"><is><t>id</t></is></c><c r="D7" t="inlineStr"><is><t>Keep?</t></is></c></row><row r="1048576"><c r="B1048576" t="inlineStr"><is><t>A1</t></is></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		catchPanics = false
		defer func() { catchPanics = true }()
		checkRead(t, withPart(t, good, sheetPart, sheet))
	})
}

const sheetPart = "xl/worksheets/sheet1.xml"

// checkRead reads data and checks that a proposal read keeps only items
// of the bank and has a sane target.
func checkRead(t *testing.T, data []byte) {
	bank := testBank(t, "")
	p, err := Read(bytes.NewReader(data), int64(len(data)), "f.xlsx", bank)
	if err != nil {
		if p != nil {
			t.Fatal("a proposal and an error")
		}
		return
	}
	if p.TargetLength < 0 || p.TargetLength > 1<<20 {
		t.Fatalf("target %d", p.TargetLength)
	}
	if p.Keeps("nonexistent") {
		t.Fatal("keeps an item not in the bank")
	}
}

// part returns the named part of a workbook.
func part(t testing.TB, book []byte, name string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, _ := zf.Open()
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return data
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// withPart returns the workbook with the named part replaced by data.
func withPart(t testing.TB, book []byte, name string, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		w, _ := zw.Create(zf.Name)
		if zf.Name == name {
			w.Write(data)
			continue
		}
		rc, _ := zf.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	return out.Bytes()
}
