package files

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// unknownEncodingSAV writes, into a temporary folder, the fixture
// enquete_compressed.sav with its character encoding record naming
// "UTF-9", an encoding that does not exist: the reader then reads the file
// as windows-1252 with a warning (sav/doc.go). The file is made here, from
// the committed fixture, by replacing the record's one "UTF-8".
func unknownEncodingSAV(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(savFixtures, "enquete_compressed.sav"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("UTF-8")); n != 1 {
		t.Fatalf("the fixture holds %q %d times, want once", "UTF-8", n)
	}
	path := filepath.Join(t.TempDir(), "odd.sav")
	if err := os.WriteFile(path, bytes.Replace(data, []byte("UTF-8"), []byte("UTF-9"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReaderWarningsKept checks that the warnings of the SPSS reader
// survive LoadFile (Responses.Warnings) and SummarizeFiles (a warning note
// on the file, once, without the file name twice), and that a file
// without problems has none.
func TestReaderWarningsKept(t *testing.T) {
	bank := mustBank(t, enqueteBank)
	odd := unknownEncodingSAV(t)
	const want = `unknown character encoding "UTF-9"; reading as windows-1252`

	res, err := LoadFile(odd, bank, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], want) {
		t.Errorf("LoadFile warnings %q, want one saying %q", res.Warnings, want)
	}

	_, notes, err := SummarizeFiles([]string{odd}, bank, LoadOptions{}, itembank.ItemsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []Note
	for _, n := range notes {
		if n.Warning {
			warnings = append(warnings, n)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Text, want) || warnings[0].File != odd ||
		strings.Contains(warnings[0].Text, odd) {
		t.Errorf("SummarizeFiles warnings %+v, want one on %s saying %q, the file named once", warnings, odd, want)
	}

	good, err := LoadFile(filepath.Join(savFixtures, "enquete_compressed.sav"), bank, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(good.Warnings) != 0 {
		t.Errorf("the committed fixture gives warnings %q, want none", good.Warnings)
	}
}
