package files

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// TestSummarizeHalves: a file of one wave summarised in two halves on two
// cores gives the summary, notes and error of the file read in one go,
// byte for byte; and the halves are really taken where they can be, and
// not where the cut would fall in a quoted cell spanning lines or where a
// wave column must be checked over every row.
func TestSummarizeHalves(t *testing.T) {
	bank, data := benchData(t, 14, 3000)
	lines := strings.SplitAfter(string(data), "\n")
	mid := len(lines) / 2
	col := 1 // the first item's field
	// withCell returns the file with the first item's cell of line k set.
	withCell := func(src []string, k int, cell string) []string {
		out := append([]string(nil), src...)
		f := strings.Split(strings.TrimSuffix(out[k], "\n"), ",")
		f[col] = cell
		out[k] = strings.Join(f, ",") + "\n"
		return out
	}
	emptyFirst := append([]string(nil), lines...)
	for k := 1; k <= mid; k++ {
		emptyFirst = withCell(emptyFirst, k, "")
	}
	crlf := strings.ReplaceAll(string(data), "\n", "\r\n")
	quoted := withCell(lines, mid, `"3`)
	quoted = withCell(quoted, mid+1, `4"`) // one cell "3\n…4" across the cut: a wrong answer either way
	waves := strings.Replace(string(data), "respondent", "jaar", 1)
	tests := []struct {
		name   string
		text   string
		halves bool // summarizeHalves takes it
	}{
		{"plain", string(data), true},
		{"bom-crlf", "\ufeff" + crlf, true},
		{"item-empty-in-first-half", strings.Join(emptyFirst, ""), true},
		{"no-final-line-end", strings.TrimSuffix(string(data), "\n"), true},
		{"blank-lines", strings.Replace(string(data), "\n", "\n\n\n", 40), true},
		{"decimal-in-second-half", strings.Join(withCell(lines, mid+5, "2.5"), ""), true},
		{"out-of-scale-in-second-half", strings.Join(withCell(lines, len(lines)-3, "7"), ""), false},
		{"short-row-in-first-half", strings.Join(append(lines[:mid-2:mid-2], append([]string{"1,2\n"}, lines[mid-2:]...)...), ""), false},
		{"quoted-across-the-cut", strings.Join(quoted, ""), false},
		{"wave-column", waves, false},
		{"header-only", lines[0], false},
	}
	defer func(f int64) { splitFrom = f }(splitFrom)
	dir := t.TempDir()
	for _, tc := range tests {
		path := filepath.Join(dir, tc.name+".csv")
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		opt := LoadOptions{OneWave: true}
		splitFrom = 1 << 62
		want, wantNotes, wantErr := SummarizeFiles([]string{path}, bank, opt, itembank.ItemsOnly)
		splitFrom = 0
		got, gotNotes, gotErr := SummarizeFiles([]string{path}, bank, opt, itembank.ItemsOnly)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s: error %v in halves, %v in one go", tc.name, gotErr, wantErr)
		}
		if g, w := fmt.Sprintf("%+v %v", got, gotNotes), fmt.Sprintf("%+v %v", want, wantNotes); wantErr == nil && g != w {
			t.Errorf("%s: in halves\n%s\nin one go\n%s", tc.name, g, w)
		}
		src, err := open(path, "", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _, ok := summarizeHalves(src, path, bank, opt)
		src.Close()
		if ok != tc.halves {
			t.Errorf("%s: read in halves %v, want %v", tc.name, ok, tc.halves)
		}
	}
}

// TestScanTextHalves: the encoding pass over two halves finds the first
// offsets of the pass in one go, wherever the telling bytes lie.
func TestScanTextHalves(t *testing.T) {
	line := "a,b,c\n1,2,3\n"
	body := strings.Repeat(line, 200)
	half := len(body) / 2
	tests := map[string]string{
		"ascii":               body,
		"bom":                 "\ufeff" + body,
		"utf8-second-half":    body[:half+6] + "é,2,3\n" + body[half+6:],
		"1252-second-half":    body[:half+6] + "\xe9,2,3\n" + body[half+6:],
		"1252-both-halves":    "\xe9" + body[:half+6] + "\xe8,2,3\n" + body[half+6:],
		"mixed":               "é" + body[:half+6] + "\xe9,2,3\n" + body[half+6:],
		"mixed-reversed":      "\xe9" + body[:half+6] + "é,2,3\n" + body[half+6:],
		"nul-second-half":     body[:half+6] + "\x00,2,3\n" + body[half+6:],
		"undefined-both":      "\x81" + body[:half+6] + "\x8d,2,3\n" + body[half+6:],
		"bom-bad-second-half": "\ufeff" + body[:half+6] + "\xff,2,3\n" + body[half+6:],
	}
	defer func(f int64) { splitFrom = f }(splitFrom)
	for name, text := range tests {
		r := strings.NewReader(text)
		splitFrom = 1 << 62
		want, err := scanText(r, int64(len(text)), nil)
		if err != nil {
			t.Fatal(err)
		}
		splitFrom = 0
		got, err := scanText(r, int64(len(text)), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: in halves %+v, in one go %+v", name, got, want)
		}
		if name != "ascii" && name != "bom" && got == (textScan{bad: -1, multibyte: -1, nul: -1, undef: -1}) {
			t.Errorf("%s: nothing found", name)
		}
	}
}

// TestSummarizeHalvesExample: the example's files summarised in halves
// give the summaries and notes of the files read in one go.
func TestSummarizeHalvesExample(t *testing.T) {
	bank, err := itembank.LoadBankFile("../../examples/wijkteams/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer func(f int64) { splitFrom = f }(splitFrom)
	for _, name := range []string{"responses-2016.csv", "responses-2017.csv", "responses-alle-jaren.csv"} {
		path := "../../examples/wijkteams/" + name
		opt := LoadOptions{OneWave: name != "responses-alle-jaren.csv"}
		splitFrom = 1 << 62
		want, wantNotes, wantErr := SummarizeFiles([]string{path}, bank, opt, itembank.ItemsOnly)
		splitFrom = 0
		got, gotNotes, gotErr := SummarizeFiles([]string{path}, bank, opt, itembank.ItemsOnly)
		if wantErr != nil || gotErr != nil {
			t.Fatalf("%s: %v, %v", name, wantErr, gotErr)
		}
		if g, w := fmt.Sprintf("%+v %v", got, gotNotes), fmt.Sprintf("%+v %v", want, wantNotes); g != w {
			t.Errorf("%s: in halves\n%s\nin one go\n%s", name, g, w)
		}
	}
}
