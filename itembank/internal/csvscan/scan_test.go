package csvscan

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/itemreduce/itemreduce/internal/parseerr"
)

// scanAll reads every record of src with the scanner, the header first.
func scanAll(r io.Reader) ([][]string, error) { return scan(r, false) }

// scan reads every record, on a second goroutine when piped.
func scan(r io.Reader, piped bool) ([][]string, error) {
	t, err := New(r, "data.csv", nil)
	if err != nil {
		return nil, err
	}
	t.Pipe = piped
	defer t.Stop()
	var out [][]string
	for {
		row, err := t.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, append([]string(nil), row...))
	}
}

func TestCSVScanner(t *testing.T) {
	long := strings.Repeat("x", 3*csvBlock)
	tests := []struct {
		name, src string
		want      [][]string
	}{
		{"comma", "a,b\n1,2\n", [][]string{{"a", "b"}, {"1", "2"}}},
		{"semicolon", "a;b;c\n1;2,5;\n", [][]string{{"a", "b", "c"}, {"1", "2,5", ""}}},
		{"tab", "a\tb\n1\t2\n", [][]string{{"a", "b"}, {"1", "2"}}},
		{"delimiter inside quotes is not counted", "\"a;b\",c\n1,2\n", [][]string{{"a;b", "c"}, {"1", "2"}}},
		{"no line end at the end", "a,b\n1,2", [][]string{{"a", "b"}, {"1", "2"}}},
		{"CRLF", "a,b\r\n1,2\r\n", [][]string{{"a", "b"}, {"1", "2"}}},
		{"CR before the end of input", "a,b\r\n1,2\r", [][]string{{"a", "b"}, {"1", "2"}}},
		{"BOM", "\xEF\xBB\xBFa,b\n1,2\n", [][]string{{"a", "b"}, {"1", "2"}}},
		{"empty lines skipped", "a,b\n\n1,2\r\n\r\n\n3,4\n\n", [][]string{{"a", "b"}, {"1", "2"}, {"3", "4"}}},
		{"quoted, with doubled quotes", "a,b\n\"x \"\"y\"\"\",\"\"\n", [][]string{{"a", "b"}, {"x \"y\"", ""}}},
		{"quoted over two lines", "a,b\n\"one\r\ntwo\",3\n4,5\n", [][]string{{"a", "b"}, {"one\ntwo", "3"}, {"4", "5"}}},
		{"quoted empty lines kept", "a\n\"\n\n\"\n", [][]string{{"a"}, {"\n\n"}}},
		{"quoted at the end of input", "a,b\n1,\"2\"", [][]string{{"a", "b"}, {"1", "2"}}},
		{"field count may vary", "a,b\n1\n1,2,3\n", [][]string{{"a", "b"}, {"1"}, {"1", "2", "3"}}},
		{"line longer than the buffer", "a\n" + long + "\n\"" + long + "\"\n", [][]string{{"a"}, {long}, {long}}},
	}
	for _, tc := range tests {
		for _, mode := range []string{"", "/byte by byte", "/piped"} {
			var r io.Reader = strings.NewReader(tc.src)
			if mode == "/byte by byte" {
				// One byte per read puts every record across a refill.
				r = iotest.OneByteReader(r)
			}
			t.Run(tc.name+mode, func(t *testing.T) {
				got, err := scan(r, mode == "/piped")
				if err != nil {
					t.Fatal(err)
				}
				if !equalRecords(got, tc.want) {
					t.Errorf("got %q\nwant %q", clip(got), clip(tc.want))
				}
			})
		}
	}
}

func equalRecords(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") || len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}

// clip shortens long cells for messages.
func clip(recs [][]string) [][]string {
	out := make([][]string, len(recs))
	for i, r := range recs {
		for _, c := range r {
			if len(c) > 20 {
				c = c[:20] + "…"
			}
			out[i] = append(out[i], c)
		}
	}
	return out
}

// scanLines reads every record with NextLine, splitting plain lines at
// the delimiter, and checks that Pos gives for each cell where Next's
// scanning puts it; piped or not.
func scanLines(t *testing.T, r io.Reader, piped bool) ([][]string, error) {
	t.Helper()
	sc, err := New(r, "data.csv", nil)
	if err != nil {
		return nil, err
	}
	sc.Pipe = piped
	defer sc.Stop()
	out := [][]string{}
	h, err := sc.Header()
	if err != nil {
		return nil, err
	}
	out = append(out, h)
	for {
		line, cells, err := sc.NextLine()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if line != nil {
			cells = strings.Split(string(line), string(sc.Delimiter()))
			col := sc.Pos(0).Column
			for f, c := range cells {
				if pe := sc.Pos(f); pe.Column != col {
					t.Fatalf("line %d, cell %d: column %d, want %d", pe.Line, f, pe.Column, col)
				}
				col += len(c) + 1
			}
		}
		out = append(out, append([]string(nil), cells...))
	}
}

// TestNextLine: NextLine reads the records Next reads.
func TestNextLine(t *testing.T) {
	for _, src := range []string{"a,b\n1,2\n3,\"4\"\n\n5,6\r\n", "a;b\n\"x\ny\";2\n;\n", "a\n" + strings.Repeat("1\n", 3000)} {
		for _, piped := range []bool{false, true} {
			want, errWant := scan(strings.NewReader(src), piped)
			got, err := scanLines(t, strings.NewReader(src), piped)
			if fmt.Sprint(err) != fmt.Sprint(errWant) || !equalRecords(got, want) {
				t.Errorf("piped %v: NextLine read %q (%v), Next %q (%v)", piped, clip(got), err, clip(want), errWant)
			}
		}
	}
}

// TestCSVScannerErrors checks the messages and positions: the same as
// encoding/csv gives, shifted by a byte-order mark on line 1.
func TestCSVScannerErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		err       error
	}{
		{"bare quote", "a,b\n1,x\"y\n", 2, 4, csv.ErrBareQuote},
		{"bare quote after BOM", "\xEF\xBB\xBFa,b\"\n", 1, 7, csv.ErrBareQuote},
		{"text after closing quote", "a,b\n1,\"x\"y\n", 2, 5, csv.ErrQuote},
		{"quote never closed", "a,b\n1,\"x\n2,3\n", 3, 5, csv.ErrQuote},
		{"empty", "", 1, 0, parseerr.ErrEmpty},
		{"only blanks", " \n", 1, 0, parseerr.ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scanAll(strings.NewReader(tc.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Line != tc.line || pe.Column != tc.col {
				t.Errorf("position %d:%d, want %d:%d (%v)", pe.Line, pe.Column, tc.line, tc.col, err)
			}
			if !strings.Contains(err.Error(), tc.err.Error()) {
				t.Errorf("error %q does not say %q", err, tc.err)
			}
		})
	}
}

// FuzzCSVScanner checks the scanner against encoding/csv, with the
// delimiter the scanner detected: both read the same records, or both
// fail, at the same position.
func FuzzCSVScanner(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "a;b\r\n\"x\"\"y\";2\r\n", "\xEF\xBB\xBFa\tb\n1\t\n", "a\n\"\n\"\n", "a,b\n1,x\"y\n",
		"a\n\"b\"c\n", "a\n\"b", "a\r", "a\n\r\n\r", "\"a,\"b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := scanAll(bytes.NewReader(data))
		if errors.Is(err, parseerr.ErrEmpty) {
			return // a blank first line: no header to read
		}
		piped, pipedErr := scan(bytes.NewReader(data), true)
		if fmt.Sprint(err) != fmt.Sprint(pipedErr) || !equalRecords(got, piped) {
			t.Fatalf("piped scanning differs: %v and %v", err, pipedErr)
		}
		for _, piped := range []bool{false, true} {
			lines, linesErr := scanLines(t, bytes.NewReader(data), piped)
			if fmt.Sprint(err) != fmt.Sprint(linesErr) || !equalRecords(got, lines) {
				t.Fatalf("NextLine (piped %v) reads otherwise: %v and %v", piped, err, linesErr)
			}
		}
		body := bytes.TrimPrefix(data, utf8BOM)
		first := body
		if i := bytes.IndexByte(first, '\n'); i >= 0 {
			first = first[:i]
		}
		ref := csv.NewReader(bytes.NewReader(body))
		ref.Comma = rune(detectDelimiter(first))
		ref.FieldsPerRecord = -1
		want, refErr := ref.ReadAll()
		if (err == nil) != (refErr == nil) {
			t.Fatalf("scanner: %v; encoding/csv: %v", err, refErr)
		}
		if err != nil {
			var pe *ParseError
			var ce *csv.ParseError
			if !errors.As(err, &pe) || !errors.As(refErr, &ce) {
				t.Fatalf("scanner: %v; encoding/csv: %v", err, refErr)
			}
			col := ce.Column
			if ce.Line == 1 && len(body) < len(data) {
				col += 3
			}
			if pe.Line != ce.Line || pe.Column != col {
				t.Fatalf("scanner error at %d:%d, encoding/csv at %d:%d (%v)", pe.Line, pe.Column, ce.Line, col, refErr)
			}
			return
		}
		if !equalRecords(got, want) {
			t.Fatalf("scanner read %q\nencoding/csv %q", got, want)
		}
	})
}
