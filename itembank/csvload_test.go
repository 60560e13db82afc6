package itembank

import (
	"errors"
	"strings"
	"testing"
)

const csvBank = `scales:
  likert5: {min: 1, max: 5, missing: [9]}
  grade10: {min: 1, max: 10}
items:
  - {id: A, text: a, scale: likert5}
  - {id: B, text: b, scale: grade10}
  - {id: C, text: c, scale: likert5}
`

func mustBank(t testing.TB, src string) *Bank {
	t.Helper()
	b, err := LoadBank(strings.NewReader(src), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answersOf returns an item's answers as text, "" for missing.
func answersOf(r *Responses, i int) []string {
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
	s, err := Summarize(r)
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
		{"empty file", "", nil, ErrEmpty, "data.csv:1: file is empty"},
		{"blank file", "\n\n", nil, ErrEmpty, "data.csv:1: file is empty"},
		{"header only", "A,B\n", nil, ErrNoRespondents, "data.csv: no respondents"},
		{"out of scale", "A,B\n1,2\n6,3\n", nil, ErrOutOfScale, "data.csv:3:1: item A: answer outside its scale: 6 is outside likert5 (1-5)"},
		{"out of scale 1-10", "id,A,B\n1,1,11\n", nil, ErrOutOfScale, "data.csv:2:5: item B: answer outside its scale: 11 is outside grade10 (1-10)"},
		{"zero on 1-5", "A\n0\n", nil, ErrOutOfScale, "data.csv:2:1: item A"},
		{"not a number", "A,B\n1,2\n3,zeven\n", nil, ErrNotNumeric, `data.csv:3:3: item B: answer is not a number: "zeven"`},
		{"too many fields", "A,B\n1,2\n1,2,3\n", nil, ErrFieldCount, "data.csv:3: wrong number of fields: row has 3 fields, header has 2"},
		{"too few fields", "A,B\n1,2\n1\n", nil, ErrFieldCount, "data.csv:3: wrong number of fields: row has 1 fields, header has 2"},
		{"duplicate item column", "A,B,A\n1,2,3\n", nil, ErrDuplicateColumn, `data.csv:1:5: item A: duplicate column "A" (also column 1)`},
		{"duplicate other column", "x,A,x\n1,2,3\n", nil, ErrDuplicateColumn, `data.csv:1:5: item x: duplicate column "x"`},
		{"bare quote", "A,B\n1,2\n1,2\"x\n", nil, ErrSyntax, "data.csv:3:"},
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
			var pe *ParseError
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
		if err != nil {
			var pe *ParseError
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
