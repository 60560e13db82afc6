package files

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestXLSXNoTempFiles: a workbook whose shared strings exceed excelize's
// default in-memory size (16 MiB, excelize.StreamChunkSize) is read
// without any file in the temporary folder, so that stopping the program
// while it reads leaves no copy of the answers behind.
func TestXLSXNoTempFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20 MB workbook")
	}
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "A")
	f.SetCellValue("Sheet1", "B1", "opmerking")
	const rows = 1100
	for r := 2; r <= rows+1; r++ {
		f.SetCellValue("Sheet1", "A"+strconv.Itoa(r), r%5+1)
		// A unique text of 16 KB per row: the shared strings outgrow 16 MiB.
		f.SetCellValue("Sheet1", "B"+strconv.Itoa(r), strconv.Itoa(r)+strings.Repeat(" toelichting", 16<<10/12))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	data := buf.Bytes()
	table, err := newXLSXTable(bytes.NewReader(data), int64(len(data)), "data.xlsx", "")
	if err != nil {
		t.Fatal(err)
	}
	defer table.close()
	if _, err := table.Header(); err != nil {
		t.Fatal(err)
	}
	if row, err := table.Next(); err != nil || !strings.HasPrefix(row[1], "2 toelichting") {
		t.Fatalf("first row: %.40q, %v", row, err)
	}
	// Mid-read, where Ctrl-C may stop the program without closing the file.
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("reading the workbook wrote %d file(s) to the temporary folder, e.g. %s", len(entries), entries[0].Name())
	}
}
