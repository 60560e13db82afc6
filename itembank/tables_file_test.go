package itembank

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// tabledSummary returns a withheld summary with tables of tabBankYAML:
// item H with a half point (no tables), P not asked, and X-Y's table with
// a cell of one person (withheld).
func tabledSummary(t testing.TB) (*Bank, *Summary, []byte) {
	t.Helper()
	bank := tabBank(t)
	r := tabResponses(t, bank, 11, 3000, true, "P")
	// Respondent 0 is the only one to answer X with 1 and Y with 5.
	x, y := r.Columns[0], r.Columns[1]
	for row := 1; row < r.Respondents; row++ {
		vx, okx := x.Value(row)
		vy, oky := y.Value(row)
		if okx && oky && vx.Cmp(Int(1)) == 0 && vy.Cmp(Int(5)) == 0 {
			y.Codes[row] = 0
		}
	}
	c1, _ := x.Code(Int(1))
	c5, _ := y.Code(Int(5))
	x.Codes[0], y.Codes[0] = c1, c5
	s := summarize(t, r, WithTables)
	w := s.Withhold(10)
	if len(w.Tables) != 1 || w.Tables[0].X != "X" || w.Tables[0].Y != "Y" || w.Tables[0].Cell != 1 {
		t.Fatalf("withheld tables %+v", w.Tables)
	}
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return bank, s, b.Bytes()
}

// TestSummaryFileTables writes a summary with tables (version 3), reads
// it back and writes it again byte for byte; the tables read are those
// written.
func TestSummaryFileTables(t *testing.T) {
	bank, s, data := tabledSummary(t)
	if !bytes.Contains(data, []byte(`"version": 3`)) || !bytes.Contains(data, []byte(`"tables": [`)) {
		t.Fatalf("no version 3 with tables:\n%.300s", data)
	}
	got, err := LoadSummary(bytes.NewReader(data), "site.summary.json", bank)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := got.WriteJSON(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Errorf("written again, the file differs")
	}
	for i := range bank.Items {
		for j := range bank.Items {
			if i == j {
				continue
			}
			a, sa := s.Table(i, j)
			b, sb := got.Table(i, j)
			if sa != sb || len(a.Counts) != len(b.Counts) {
				t.Fatalf("table %d-%d: state %d read as %d", i, j, sa, sb)
			}
			for c := range a.Counts {
				if a.Counts[c] != b.Counts[c] {
					t.Fatalf("table %d-%d differs after reading", i, j)
				}
			}
		}
	}
	if _, st := got.Table(0, 1); st != TableWithheld {
		t.Errorf("X-Y read as state %d, want withheld", st)
	}
	if _, st := got.Table(0, 3); st != NoTable {
		t.Errorf("X-H (H with a half point) read as state %d, want none", st)
	}
	// Without tables, the file stays version 2, as before.
	s.DropTables()
	var v2 bytes.Buffer
	if err := s.WriteJSON(&v2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(v2.Bytes(), []byte(`"version": 2`)) || bytes.Contains(v2.Bytes(), []byte(`"tables"`)) {
		t.Errorf("a summary without tables is not written as version 2")
	}
	if _, err := LoadSummary(bytes.NewReader(v2.Bytes()), "old.summary.json", bank); err != nil {
		t.Errorf("version 2 file: %v", err)
	}
}

// TestSummaryFileTablesTampered: every change to a table that a summary
// of real answers cannot have is refused, naming the pair.
func TestSummaryFileTablesTampered(t *testing.T) {
	bank, _, data := tabledSummary(t)
	text := string(data)
	start := strings.Index(text, `"tables": [`)
	tables := text[start:]
	// The first table listed is X-G (X-Y is withheld).
	first := len(`"tables": [`) + strings.Index(tables[len(`"tables": [`):], "[")
	end := strings.Index(tables[first:], "]")
	cells := strings.Split(tables[first+1:first+end], ", ")
	edit := func(f func([]string) string) string {
		c := append([]string{}, cells...)
		return text[:start] + tables[:first] + f(c) + tables[first+end+1:]
	}
	for name, tc := range map[string]struct{ file, want string }{
		"a cell moved": {edit(func(c []string) string {
			c[0], c[1] = c[1], c[0]
			return "[" + strings.Join(c, ", ") + "]"
		}), "does not give the pair's n and sums"},
		"a cell too few": {edit(func(c []string) string { return "[" + strings.Join(c[1:], ", ") + "]" }), "counts; a table of 5 by 10"},
		"a small cell": {edit(func(c []string) string {
			c[0] = "3"
			return "[" + strings.Join(c, ", ") + "]"
		}), "counts are 0 or from min_respondents"},
		"none for a table":  {edit(func([]string) string { return `"none"` }), "both items have tables"},
		"a word":            {edit(func([]string) string { return `"secret"` }), "not \"secret\""},
		"version 2":         {strings.Replace(text, `"version": 3`, `"version": 2`, 1), "tables come with version 3"},
		"no tables":         {text[:start-4] + "\n}\n", "without \"tables\""},
		"withheld for none": {strings.Replace(text, `"none"`, `"withheld"`, 1), "should be \"none\""},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadSummary(strings.NewReader(tc.file), "site.summary.json", bank)
			if err == nil || !errors.Is(err, ErrBadSummary) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// FuzzLoadSummaryTables: no file makes LoadSummary panic, and a file it
// accepts is written back as it reads again.
func FuzzLoadSummaryTables(f *testing.F) {
	bank, _, data := tabledSummary(f)
	f.Add(data)
	f.Add([]byte(strings.Replace(string(data), `"none"`, `[1, 2]`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := LoadSummary(bytes.NewReader(data), "f.summary.json", bank)
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := s.WriteJSON(&b); err != nil {
			t.Fatalf("accepted, but cannot be written: %v", err)
		}
		again, err := LoadSummary(bytes.NewReader(b.Bytes()), "f.summary.json", bank)
		if err != nil {
			t.Fatalf("written back, refused: %v", err)
		}
		var c bytes.Buffer
		if err := again.WriteJSON(&c); err != nil || !bytes.Equal(b.Bytes(), c.Bytes()) {
			t.Fatalf("not stable when written again")
		}
	})
}
