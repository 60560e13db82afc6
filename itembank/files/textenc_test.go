package files

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/itemreduce/itemreduce/itembank"
)

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name, in  string
		want, enc string
	}{
		{"ascii", "id;A\n1;4\n", "id;A\n1;4\n", EncodingUTF8},
		{"utf-8", "gemeente\nSúdwest-Fryslân\n", "gemeente\nSúdwest-Fryslân\n", EncodingUTF8},
		{"utf-8 with BOM", "\xEF\xBB\xBFgemeente\nZwolle\n", "\xEF\xBB\xBFgemeente\nZwolle\n", EncodingUTF8},
		// windows-1252: 0xFA is ú, 0xE2 is â, 0x80 is the euro sign.
		{"windows-1252", "gemeente\r\nS\xFAdwest-Frysl\xE2n\r\n\x80\r\n", "gemeente\r\nSúdwest-Fryslân\r\n€\r\n", EncodingWindows1252},
		// Excel's "Unicode text": UTF-16LE with a byte-order mark, tabs.
		{"utf-16le", "\xFF\xFEi\x00d\x00\t\x00A\x00\n\x001\x00\t\x004\x00\n\x00", "id\tA\n1\t4\n", EncodingUTF16LE},
		{"utf-16be", "\xFE\xFF\x00i\x00d\x00\n", "id\n", EncodingUTF16BE},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, enc, err := decodeText([]byte(tc.in), "data.csv")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want || enc != tc.enc {
				t.Errorf("decodeText = %q, %s; want %q, %s", got, enc, tc.want, tc.enc)
			}
		})
	}
}

func TestDecodeTextErrors(t *testing.T) {
	tests := []struct {
		name, in   string
		sentinel   error
		line, col  int
		wantInText string
	}{
		{"BOM then latin-1", "\xEF\xBB\xBFid\nS\xFAdwest\n", ErrEncoding, 2, 2, "starts as UTF-8"},
		{"two encodings", "id\nSúdwest\nS\xFAdwest\n", ErrEncoding, 3, 2, "mixes two encodings"},
		{"undefined in windows-1252", "id\nab\x81\n", ErrEncoding, 2, 3, "0x81"},
		{"NUL byte", "id\n1\x00\xFF\n", ErrBinary, 2, 2, "NUL"},
		{"odd UTF-16", "\xFF\xFEi\x00d", ErrEncoding, 0, 0, "odd number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := decodeText([]byte(tc.in), "data.csv")
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.sentinel) {
				t.Fatalf("err = %v, want a *ParseError wrapping %v", err, tc.sentinel)
			}
			if pe.File != "data.csv" || pe.Line != tc.line || pe.Column != tc.col {
				t.Errorf("at %s:%d:%d, want data.csv:%d:%d", pe.File, pe.Line, pe.Column, tc.line, tc.col)
			}
			if !bytes.Contains([]byte(err.Error()), []byte(tc.wantInText)) {
				t.Errorf("message %q does not say %q", err, tc.wantInText)
			}
		})
	}
}

// TestLoadFileDutchCSV reads one small data set from files written the
// ways Dutch tools write CSV, through LoadFile, and checks that every one
// yields the answers of the plain file, decimals exact.
func TestLoadFileDutchCSV(t *testing.T) {
	bank := mustBank(t, csvBank)
	plain := "id,gemeente,A,B\n1,Súdwest-Fryslân,4,7.5\n2,Zwolle,,8.25\n3,Súdwest-Fryslân,9,10\n"
	dutch := "\xEF\xBB\xBFid;gemeente;A;B\r\n1;Súdwest-Fryslân;4;7,5\r\n2;Zwolle;;8,25\r\n3;Súdwest-Fryslân;9;10\r\n"
	ansi, err := charmap.Windows1252.NewEncoder().String("id;gemeente;A;B\r\n1;Súdwest-Fryslân;4;7,5\r\n2;Zwolle;;8,25\r\n3;Súdwest-Fryslân;9;10\r\n")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"plain.csv": plain, "excel-utf8.csv": dutch, "excel-ansi.csv": ansi, "export.txt": dutch}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt := LoadOptions{Where: []Condition{{Column: "gemeente", Value: "Súdwest-Fryslân"}}}
	want, err := LoadFile(filepath.Join(dir, "plain.csv"), bank, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := answersOf(want, 1); len(got) != 2 || got[0] != "7.5" || got[1] != "10" {
		t.Fatalf("plain file: B = %q, want [7.5 10]", got)
	}
	for name := range files {
		t.Run(name, func(t *testing.T) {
			got, err := LoadFile(filepath.Join(dir, name), bank, opt)
			if err != nil {
				t.Fatal(err)
			}
			for i := range bank.Items {
				if a, b := answersOf(got, i), answersOf(want, i); !slices.Equal(a, b) {
					t.Errorf("item %s: %q, want %q", bank.Items[i].ID, a, b)
				}
			}
		})
	}
}

// FuzzDecodeText checks that decoding never panics, that what it returns
// is UTF-8, that UTF-8 input comes back unchanged and windows-1252 input
// encodes back to itself.
func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{"", "id;A\r\n1;4\r\n", "S\xFAdwest", "\xEF\xBB\xBFé", "\xFF\xFEa\x00", "\x81", "a\x00b", "é\xE9"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, enc, err := decodeText(data, "fuzz.csv")
		if err != nil {
			var pe *itembank.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		switch enc {
		case EncodingUTF8:
			if !bytes.Equal(out, data) {
				t.Fatalf("UTF-8 input changed")
			}
		case EncodingWindows1252:
			back, err := charmap.Windows1252.NewEncoder().Bytes(out)
			if err != nil || !bytes.Equal(back, data) {
				t.Fatalf("windows-1252 does not round-trip: %q -> %q -> %q (%v)", data, out, back, err)
			}
		}
		if !utf8.Valid(out) {
			t.Fatalf("output is not UTF-8: %q", out)
		}
	})
}

// TestOpenTextChunks checks the streaming scan across its 1 MiB chunks: a
// UTF-8 character split by a chunk boundary is valid, and a windows-1252
// byte far into the file is found with its line and column.
func TestOpenTextChunks(t *testing.T) {
	line := strings.Repeat("x", 99) + "\n" // 100 bytes
	var b strings.Builder
	for b.Len() < 1<<20-1 {
		b.WriteString(line)
	}
	prefix := b.String()[:1<<20-1] // ends one byte before the boundary
	utf := prefix + "é\nmore\n"    // 'é' is 2 bytes: split by the boundary
	r, enc, err := openText(strings.NewReader(utf), int64(len(utf)), "big.csv", nil)
	if err != nil || enc != EncodingUTF8 {
		t.Fatalf("split UTF-8: %v, %s", err, enc)
	}
	if got, _ := io.ReadAll(r); string(got) != utf {
		t.Error("UTF-8 text changed while read")
	}
	cp := prefix + "\nco\xf6rdinatie\xe9\n" // windows-1252 ö and é after the boundary
	r, enc, err = openText(strings.NewReader(cp), int64(len(cp)), "big.csv", nil)
	if err != nil || enc != EncodingWindows1252 {
		t.Fatalf("windows-1252: %v, %s", err, enc)
	}
	got, _ := io.ReadAll(r)
	if !strings.HasSuffix(string(got), "coördinatieé\n") {
		t.Errorf("decoded tail %q", got[len(got)-20:])
	}
	mixed := prefix + "\nok é\nbad \xf6\n"
	_, _, err = openText(strings.NewReader(mixed), int64(len(mixed)), "big.csv", nil)
	lines := strings.Count(prefix, "\n") + 1
	want := fmt.Sprintf("big.csv:%d:5: unreadable characters: byte 0xF6 is not UTF-8, yet line %d holds UTF-8 text", lines+2, lines+1)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("mixed: %v\nwant %s", err, want)
	}
}

// decodeText returns the UTF-8 text of a delimited file held in memory and
// the encoding it was read in, by openText.
func decodeText(data []byte, name string) ([]byte, string, error) {
	r, enc, err := openText(bytes.NewReader(data), int64(len(data)), name, nil)
	if err != nil {
		return nil, "", err
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, "", &itembank.ParseError{File: name, Err: fmt.Errorf("%w: %s: %v", ErrEncoding, enc, err)}
	}
	return out, enc, nil
}

// firstNonASCII finds the first byte of 128 or more wherever it lies
// against its eight-byte words, as a byte-by-byte search does.
func TestFirstNonASCII(t *testing.T) {
	for n := range 80 {
		data := bytes.Repeat([]byte{'a'}, n)
		if got := firstNonASCII(data); got != -1 {
			t.Fatalf("%d ASCII bytes: got %d, want -1", n, got)
		}
		for at := range n {
			for _, high := range []byte{0x80, 0xC3, 0xFF} {
				data[at] = high
				data[n-1] = high // a second one later does not count
				if got := firstNonASCII(data); got != at {
					t.Fatalf("%d bytes, 0x%X at %d: got %d", n, high, at, got)
				}
				data[at], data[n-1] = 'a', 'a'
			}
		}
	}
}

// The first multi-byte character is found after a byte-order mark and
// far into the file, so that the encoding's message points at it.
func TestScanTextMultibyte(t *testing.T) {
	for _, tc := range []struct {
		data string
		want int64
	}{
		{"\uFEFFid,Q1\n1,2\n", -1},
		{"\uFEFFid,Q1\n1,é\n", 11},
		{strings.Repeat("a,1\n", 300000) + "é\n", 1200000},
		{"é", 0},
	} {
		s, err := scanRange(strings.NewReader(tc.data), 0, int64(len(tc.data)), nil)
		if err != nil || s.multibyte != tc.want || s.bad != -1 {
			t.Errorf("%.20q…: multibyte at %d, bad at %d (%v); want %d, -1", tc.data, s.multibyte, s.bad, err, tc.want)
		}
	}
}
