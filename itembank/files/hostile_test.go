package files

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// TestHostileFiles: files of modest size built to exhaust the memory
// fail with a message saying what is wrong, or are read as the few
// answers they hold; they are read as they stream by (SummarizeFiles),
// never held. The files are some tens of megabytes, made in memory.
func TestHostileFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("makes files of 20 to 50 MB")
	}
	bank := mustBank(t, csvBank)
	wide := func() []byte {
		// 1,000,000 columns, about 20 MB: the items and then x1, x2, ...
		var b bytes.Buffer
		b.WriteString("A,B,C")
		for i := 3; i < 1_000_000; i++ {
			b.WriteString(",x")
		}
		b.WriteString("\n")
		row := strings.Repeat("1,", 999_999) + "1\n"
		for b.Len() < 20<<20 {
			b.WriteString(row)
		}
		return b.Bytes()
	}
	blank := strings.Repeat("\n", 50<<20)
	tests := []struct {
		name string
		data []byte
		want string // in the error; "" when the file reads
	}{
		{"a million columns", wide(), "the header has 1000000 columns; itemreduce reads files of at most 100000 columns"},
		{"50 MB of blank lines after the header", []byte("A,B,C\n" + blank), "no respondents"},
		{"50 MB of blank lines between rows", []byte("A,B,C\n1,2,3\n" + blank + "4,5,1\n"), ""},
		{"50 MB of blank lines before the header", []byte(blank + "A,B,C\n1,2,3\n"), "lines 1 to 52428800 are blank; the header naming the columns must be the first line"},
		{"50 MB of blank lines only", []byte(blank), "file is empty"},
		{"50 MB of rows without answers", []byte("A,B,C\n" + strings.Repeat(",,\n", 50<<20/3)), "no answers: the item columns are empty in every row"},
		{"one line of 20 MB", []byte("A,B,C\n" + strings.Repeat("1", 20<<20)), "a row of more than 16 MB (from line 2 on)"},
		{"a quote never closed", []byte("A,B,C\n\"1,2,3\n" + strings.Repeat("4,5,1\n", 20<<20/6)), "a row of more than 16 MB (from line 2 on)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "hostile.csv")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			s, _, err := SummarizeFiles([]string{path}, bank, LoadOptions{}, itembank.WithPairs)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("error %v", err)
			case tc.want == "":
				if s.Respondents != 2 {
					t.Errorf("%d respondents, want 2", s.Respondents)
				}
			case err == nil:
				t.Fatalf("read, want an error saying %q", tc.want)
			case !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path):
				t.Errorf("error %q does not name the file and say %q", err, tc.want)
			}
		})
	}
}
