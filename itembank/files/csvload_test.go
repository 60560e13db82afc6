package files

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/internal/csvscan"
)

const csvBank = `scales:
  likert5: {min: 1, max: 5, missing: [9]}
  grade10: {min: 1, max: 10}
items:
  - {id: A, text: a, scale: likert5}
  - {id: B, text: b, scale: grade10}
  - {id: C, text: c, scale: likert5}
`

func mustBank(t testing.TB, src string) *itembank.Bank {
	t.Helper()
	b, err := itembank.LoadBank(strings.NewReader(src), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answersOf returns an item's answers as text, "" for missing.
func answersOf(r *itembank.Responses, i int) []string {
	c := r.Columns[i]
	if c == nil {
		return nil
	}
	out := make([]string, r.Respondents)
	for k := range out {
		if v, ok := c.Value(k); ok {
			out[k] = v.String()
		}
	}
	return out
}

// TestLoadCSVDialects checks that the same answers are read from every
// dialect researchers' tools write.
func TestLoadCSVDialects(t *testing.T) {
	bank := mustBank(t, csvBank)
	tests := []struct{ name, src string }{
		{"comma", "id,A,B,gemeente\n1,4,7,Zwolle\n2,,10,Ommen\n3,9,1,\n"},
		{"semicolon and decimal-free", "id;A;B;gemeente\n1;4;7;Zwolle\n2;;10;Ommen\n3;9;1;\n"},
		{"tab", "id\tA\tB\tgemeente\n1\t4\t7\tZwolle\n2\t\t10\tOmmen\n3\t9\t1\t\n"},
		{"BOM and CRLF", "\xEF\xBB\xBFid,A,B,gemeente\r\n1,4,7,Zwolle\r\n2,,10,Ommen\r\n3,9,1,\r\n"},
		{"quoted", "\"id\",\"A\",\"B\",\"gemeente\"\n1,\"4\",7,\"Zwolle, centrum\"\n2,\"\",10,\"Ommen\"\n3,9,\" 1 \",\"\"\n"},
		{"blank line at end", "id,A,B,gemeente\n1,4,7,Zwolle\n2,,10,Ommen\n3,9,1,\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := LoadCSV(strings.NewReader(tc.src), "data.csv", bank, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Respondents != 3 {
				t.Fatalf("respondents = %d, want 3", r.Respondents)
			}
			if got := strings.Join(answersOf(r, 0), "|"); got != "4||" {
				t.Errorf("A = %q, want 4|| (empty and code 9 are missing)", got)
			}
			if got := strings.Join(answersOf(r, 1), "|"); got != "7|10|1" {
				t.Errorf("B = %q, want 7|10|1", got)
			}
			if r.Columns[2] != nil {
				t.Errorf("C is not in the file but has a column")
			}
			if strings.Join(r.Ignored, ",") != "id,gemeente" {
				t.Errorf("ignored = %v", r.Ignored)
			}
		})
	}
}

func TestLoadCSVDecimals(t *testing.T) {
	bank := mustBank(t, csvBank)
	r, err := LoadCSV(strings.NewReader("A;B\n4;7,5\n5;\"8,25\"\n3;10\n"), "nl.csv", bank, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(answersOf(r, 1), "|"); got != "7.5|8.25|10" {
		t.Errorf("B = %q, want 7.5|8.25|10", got)
	}
	s, err := itembank.Summarize(r, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	// mean of 7.5, 8.25, 10 = 25.75/3, exactly.
	if m := s.Moments(1); m.MeanRat().RatString() != "103/12" {
		t.Errorf("mean = %s, want 103/12", m.MeanRat().RatString())
	}
}

func TestLoadCSVWhere(t *testing.T) {
	bank := mustBank(t, csvBank)
	src := "A,gemeente,jaar\n1,Zwolle,2016\n2,Ommen,2016\n3,Zwolle,2017\n4,Zwolle,2017\n"
	r, err := LoadCSV(strings.NewReader(src), "all.csv", bank, LoadOptions{Where: []Condition{{"gemeente", "Zwolle"}, {"jaar", "2017"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(answersOf(r, 0), "|"); got != "3|4" {
		t.Errorf("A = %q, want 3|4", got)
	}
}

// TestLoadCSVErrors checks that every broken file is rejected with the
// file, the line, the column where there is one, and the item.
func TestLoadCSVErrors(t *testing.T) {
	bank := mustBank(t, csvBank)
	tests := []struct {
		name, src string
		where     []Condition
		sentinel  error
		want      string
	}{
		{"empty file", "", nil, itembank.ErrEmpty, "data.csv:1: file is empty"},
		{"blank file", "\n\n", nil, itembank.ErrEmpty, "data.csv:1: file is empty"},
		{"header only", "A,B\n", nil, ErrNoRespondents, "data.csv: no respondents"},
		{"out of scale", "A,B\n1,2\n6,3\n", nil, itembank.ErrOutOfScale, "data.csv:3:1: item A: answer outside its scale: 6 is outside likert5 (1-5)"},
		{"out of scale 1-10", "id,A,B\n1,1,11\n", nil, itembank.ErrOutOfScale, "data.csv:2:5: item B: answer outside its scale: 11 is outside grade10 (1-10)"},
		{"zero on 1-5", "A\n0\n", nil, itembank.ErrOutOfScale, "data.csv:2:1: item A"},
		{"not a number", "A,B\n1,2\n3,zeven\n", nil, itembank.ErrNotNumeric, `data.csv:3:3: item B: answer is not a number: "zeven"`},
		{"too many fields", "A,B\n1,2\n1,2,3\n", nil, itembank.ErrFieldCount, "data.csv:3: wrong number of fields: row has 3 fields, header has 2"},
		{"too few fields", "A,B\n1,2\n1\n", nil, itembank.ErrFieldCount, "data.csv:3: wrong number of fields: row has 1 fields, header has 2"},
		{"duplicate item column", "A,B,A\n1,2,3\n", nil, itembank.ErrDuplicateColumn, `data.csv:1:5: item A: duplicate column "A" (also column 1)`},
		{"duplicate other column", "x,A,x\n1,2,3\n", nil, itembank.ErrDuplicateColumn, `data.csv:1:5: item x: duplicate column "x"`},
		{"bare quote", "A,B\n1,2\n1,2\"x\n", nil, itembank.ErrSyntax, "data.csv:3:"},
		{"where matches nothing", "A,g\n1,x\n", []Condition{{"g", "y"}}, ErrNoRespondents, "data.csv: no respondents where g=y"},
		{"where unknown column", "A,g\n1,x\n", []Condition{{"gemeente", "y"}}, nil, `data.csv:1: no column "gemeente"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := LoadCSV(strings.NewReader(tc.src), "data.csv", bank, LoadOptions{Where: tc.where})
			if err == nil {
				t.Fatalf("no error; loaded %d respondents", r.Respondents)
			}
			if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
				t.Errorf("error %q does not wrap %v", err, tc.sentinel)
			}
			var pe *itembank.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %q is not a *ParseError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

// FuzzLoadCSV feeds arbitrary bytes to the CSV loader: it must load or
// return a *ParseError naming the file, never panic, and what it loads must
// be consistent.
func FuzzLoadCSV(f *testing.F) {
	bank := mustBank(f, csvBank)
	f.Add("id,A,B\n1,4,7\n2,,10\n")
	f.Add("\xEF\xBB\xBFA;B\r\n4;7,5\r\n")
	f.Add("A\tB\n\"4\"\t\"1\"\"\"\n")
	f.Add("A,B,A\n1,2,3\n")
	f.Add("A,B\n1,2,3\n\"")
	f.Fuzz(func(t *testing.T, src string) {
		r, err := LoadCSV(strings.NewReader(src), "fuzz.csv", bank, LoadOptions{})
		// Rows split and coded in one pass (codeLine) read as rows of
		// cells do (codeRow).
		cells, cellsErr := loadByCells(src, bank)
		if fmt.Sprint(err) != fmt.Sprint(cellsErr) || fmt.Sprint(responseCodes(r)) != fmt.Sprint(responseCodes(cells)) {
			t.Fatalf("read by lines: %v %v\nread by cells: %v %v", responseCodes(r), err, responseCodes(cells), cellsErr)
		}
		if err != nil {
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.csv" {
				t.Errorf("error %q is not a *ParseError naming the file", err)
			}
			return
		}
		for i, c := range r.Columns {
			if c == nil {
				continue
			}
			if len(c.Codes) != r.Respondents {
				t.Fatalf("item %d: %d codes for %d respondents", i, len(c.Codes), r.Respondents)
			}
			for k := range c.Codes {
				if v, ok := c.Value(k); ok && !c.Item.Scale.Contains(v) {
					t.Fatalf("item %d: answer %s outside the scale", i, v)
				}
			}
		}
	})
}

// TestCSVCellPositions checks the positions given for a cell's problem.
func TestCSVCellPositions(t *testing.T) {
	bank := mustBank(t, csvBank)
	tests := []struct {
		name, src string
		pos       string
	}{
		{"plain", "id,A,B\n1,4,x\n", "data.csv:2:5: item B:"},
		{"after BOM on line 1 is not shifted on line 2", "\xEF\xBB\xBFid,A,B\n1,4,x\n", "data.csv:2:5: item B:"},
		{"quoted", "id,A,B\n1,\"4\",\"x\"\n", "data.csv:2:7: item B:"},
		{"after a field over two lines", "id,A,B\n\"1\n2\",4,x\n", "data.csv:3:6: item B:"},
		{"CRLF", "id,A,B\r\n1,4,x\r\n", "data.csv:2:5: item B:"},
		{"far down", "id,A,B\n" + strings.Repeat("1,4,7\n", 3000) + "1,4,\"7\"\n2,1,x\n", "data.csv:3003:5: item B:"},
		{"field count", "id,A,B\n" + strings.Repeat("1,4,7\n", 3000) + "1,4\n", "data.csv:3002: wrong number of fields"},
		{"syntax error far down", "id,A,B\n" + strings.Repeat("1,4,7\n", 3000) + "1,4,7\"\n", "data.csv:3002:6: syntax error"},
	}
	defer func(n int) { pipeFrom = n }(pipeFrom)
	for _, from := range []int{1 << 30, 0} {
		pipeFrom = from // first never piped, then always
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/pipe from %d", tc.name, from), func(t *testing.T) {
				_, err := LoadCSV(strings.NewReader(tc.src), "data.csv", bank, LoadOptions{})
				if err == nil || !strings.HasPrefix(err.Error(), tc.pos) {
					t.Errorf("error %v, want it to start with %q", err, tc.pos)
				}
			})
		}
	}
}

// TestCSVProgress checks that progress adds up to the input's size.
func TestCSVProgress(t *testing.T) {
	bank := mustBank(t, csvBank)
	src := "id,A,B\n" + strings.Repeat("1,4,7\n", 100000)
	var total int64
	opt := LoadOptions{Progress: func(n int64) { total += n }}
	if _, err := LoadCSV(strings.NewReader(src), "data.csv", bank, opt); err != nil {
		t.Fatal(err)
	}
	if total != int64(len(src)) {
		t.Errorf("progress reported %d bytes, the input has %d", total, len(src))
	}
}

// TestWhereNoneMatchedLargeFile checks the message of a selection that
// matches no row in a file large enough to be scanned on a second
// goroutine, whose cells point into reused buffers: the values listed must
// be the column's values, not bytes of later rows.
func TestWhereNoneMatchedLargeFile(t *testing.T) {
	bank := mustBank(t, csvBank)
	places := []string{"Zwolle", "Ommen", "Hardenberg"}
	var b strings.Builder
	b.WriteString("A,gemeente\n")
	for r := 0; b.Len() < 3<<20; r++ {
		fmt.Fprintf(&b, "%d,%s\n", 1+r%5, places[r%3])
	}
	path := filepath.Join(t.TempDir(), "large.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, load := range []struct {
		name string
		f    func() error
	}{
		{"LoadFile", func() error {
			_, err := LoadFile(path, bank, LoadOptions{Where: []Condition{{"gemeente", "Deventer"}}})
			return err
		}},
		{"LoadCSV", func() error {
			_, err := LoadCSV(strings.NewReader(b.String()), path, bank, LoadOptions{Where: []Condition{{"gemeente", "Deventer"}}})
			return err
		}},
	} {
		err := load.f()
		want := "gemeente holds Hardenberg, Ommen, Zwolle)"
		if !errors.Is(err, ErrNoRespondents) || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("%s: error %v, want it to end in %q", load.name, err, want)
		}
	}
}

// cellsOnly hides the scanner's NextLine, so that every row is read as
// cells.
type cellsOnly struct{ Table }

// loadByCells is LoadCSV reading every row as cells.
func loadByCells(src string, bank *itembank.Bank) (*itembank.Responses, error) {
	sc, err := csvscan.New(strings.NewReader(src), "fuzz.csv", nil)
	if err != nil {
		return nil, err
	}
	return load(cellsOnly{sc}, "fuzz.csv", bank, LoadOptions{})
}

// responseCodes lists each column's answers, for comparisons.
func responseCodes(r *itembank.Responses) []string {
	if r == nil {
		return nil
	}
	var out []string
	for _, c := range r.Columns {
		if c == nil {
			out = append(out, "-")
			continue
		}
		s := ""
		for k := range c.Codes {
			v, _ := c.Value(k)
			s += v.String() + " "
		}
		out = append(out, s)
	}
	return append(out, fmt.Sprint(r.Respondents))
}
