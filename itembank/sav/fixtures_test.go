package sav

import (
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The fixtures are written by PSPP 1.6.2 from the scripts in testdata (see
// testdata/generate.sh); X.csv is "pspp-convert X.sav X.csv" and
// X.recoded.csv is "pspp-convert --recode X.sav X.recoded.csv".
var fixtures = []struct {
	file        string
	compression Compression
	encoding    string
	cases       int64
}{
	{"enquete_uncompressed.sav", Uncompressed, "UTF-8", 10},
	{"enquete_compressed.sav", Bytecode, "UTF-8", 10},
	{"enquete.zsav", Zlib, "UTF-8", 10},
	{"enquete_1252.sav", Bytecode, "WINDOWS-1252", 10},
	{"reeks_uncompressed.sav", Uncompressed, "UTF-8", 50},
	{"reeks_compressed.sav", Bytecode, "UTF-8", 50},
	{"reeks.zsav", Zlib, "UTF-8", 50},
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func openFixture(t testing.TB, name string) *Reader {
	t.Helper()
	data := readFixture(t, name)
	r, err := Open(strings.NewReader(string(data)), int64(len(data)), name)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return r
}

func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return records
}

// TestFixturesMatchPSPP reads each fixture and compares every value with
// pspp-convert's CSV, and the user-missing flags with its --recode CSV.
// pspp-convert writes system-missing numbers as a single space.
func TestFixturesMatchPSPP(t *testing.T) {
	for _, tt := range fixtures {
		t.Run(tt.file, func(t *testing.T) {
			r := openFixture(t, tt.file)
			f := r.File()
			if f.Compression != tt.compression || f.Encoding != tt.encoding || f.CaseCount != tt.cases {
				t.Errorf("compression %v, encoding %q, cases %d; want %v, %q, %d",
					f.Compression, f.Encoding, f.CaseCount, tt.compression, tt.encoding, tt.cases)
			}
			if len(f.Warnings) > 0 {
				t.Errorf("warnings: %v", f.Warnings)
			}
			base := strings.TrimSuffix(tt.file, filepath.Ext(tt.file))
			plain := readCSV(t, base+".csv")
			recoded := readCSV(t, base+".recoded.csv")

			var names []string
			for _, v := range f.Variables {
				names = append(names, v.Name)
			}
			if got, want := strings.Join(names, ","), strings.Join(plain[0], ","); got != want {
				t.Fatalf("variables %s, want %s", got, want)
			}
			var n int
			for ; ; n++ {
				c, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("case %d: %v", n+1, err)
				}
				if n+1 >= len(plain) {
					t.Fatalf("more than the %d cases in the CSV", len(plain)-1)
				}
				for i, v := range f.Variables {
					checkValue(t, n+1, v, c[i], plain[n+1][i], recoded[n+1][i])
				}
			}
			if n != len(plain)-1 {
				t.Errorf("read %d cases, CSV has %d", n, len(plain)-1)
			}
			if _, err := r.Read(); err != io.EOF {
				t.Errorf("Read after the end: %v, want io.EOF", err)
			}
		})
	}
}

func checkValue(t *testing.T, n int, v *Variable, x Value, plain, recoded string) {
	t.Helper()
	if v.Width > 0 {
		if x.Str != plain {
			t.Errorf("case %d %s: %q, want %q", n, v.Name, x.Str, plain)
		}
		if want := plain; v.IsMissing(x) {
			if recoded != "" {
				t.Errorf("case %d %s: %q is missing, but pspp-convert --recode keeps %q", n, v.Name, x.Str, recoded)
			}
		} else if recoded != want {
			t.Errorf("case %d %s: %q is not missing, but pspp-convert --recode writes %q", n, v.Name, x.Str, recoded)
		}
		return
	}
	if plain == " " {
		if !x.SysMissing || !math.IsNaN(x.Num) {
			t.Errorf("case %d %s: %+v, want system-missing", n, v.Name, x)
		}
	} else {
		want, err := strconv.ParseFloat(plain, 64)
		if err != nil {
			t.Fatalf("case %d %s: %v", n, v.Name, err)
		}
		if x.SysMissing || x.Num != want {
			t.Errorf("case %d %s: %+v, want %v", n, v.Name, x, want)
		}
	}
	if got, want := v.IsMissing(x), recoded == " "; got != want {
		t.Errorf("case %d %s: IsMissing(%v) = %v, but pspp-convert --recode writes %q", n, v.Name, x.Num, got, recoded)
	}
}

func TestReadAfterError(t *testing.T) {
	data, err := os.ReadFile("testdata/reeks_compressed.sav")
	if err != nil {
		t.Fatal(err)
	}
	data = data[:len(data)-20]
	r, err := Open(strings.NewReader(string(data)), int64(len(data)), "reeks_compressed.sav")
	if err != nil {
		t.Fatal(err)
	}
	var first error
	for first == nil {
		_, first = r.Read()
	}
	if !errors.Is(first, ErrTruncated) {
		t.Fatalf("got %v, want ErrTruncated", first)
	}
	if _, err := r.Read(); err != first {
		t.Errorf("second Read: %v, want the same error %v", err, first)
	}
}
