package files

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

func summarizeCSV(t testing.TB, bank *itembank.Bank, data string) *itembank.Summary {
	t.Helper()
	r, err := LoadCSV(strings.NewReader(data), "wave.csv", bank, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := itembank.Summarize(r, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func writeSummary(t testing.TB, s *itembank.Summary) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameSummary reports how a and b differ, or "" when they are equal.
func sameSummary(a, b *itembank.Summary) string {
	switch {
	case a.Respondents != b.Respondents:
		return fmt.Sprintf("respondents %d and %d", a.Respondents, b.Respondents)
	case a.Places != b.Places:
		return fmt.Sprintf("places %d and %d", a.Places, b.Places)
	case a.Bank != b.Bank:
		return fmt.Sprintf("bank %s and %s", a.Bank, b.Bank)
	case fmt.Sprint(a.Items) != fmt.Sprint(b.Items):
		return fmt.Sprintf("items\n%v\n%v", a.Items, b.Items)
	}
	pa, pb := a.Pairs(), b.Pairs()
	for k := range pa {
		if pa[k] != pb[k] {
			return fmt.Sprintf("pair %d: %+v and %+v", k, pa[k], pb[k])
		}
	}
	return ""
}

func TestSummaryRoundTrip(t *testing.T) {
	bank, data := randomWave(t, 500, 11)
	s := summarizeCSV(t, bank, data)
	file := writeSummary(t, s)
	back, err := itembank.LoadSummary(bytes.NewReader(file), "wave.summary.json", bank)
	if err != nil {
		t.Fatalf("%v\n%s", err, file)
	}
	if d := sameSummary(s, back); d != "" {
		t.Errorf("read back differs: %s", d)
	}
	if again := writeSummary(t, back); !bytes.Equal(again, file) {
		t.Errorf("second write differs")
	}
	if !bytes.Contains(file, []byte(`{"id": "G2", "asked": true, "values": ["1", "6.5", "7.5", "8", "10"]`)) {
		t.Errorf("decimal answers are not written as decimals:\n%.600s", file)
	}
	if !bytes.Contains(file, []byte(`{"id": "E1", "asked": false, "values": [], "counts": []}`)) {
		t.Errorf("an item without answers is not written as not asked:\n%.1200s", file)
	}
}

// TestPoolingIsExact splits a wave in three parts, one without decimal
// answers, and checks that pooling the parts' summaries, read back from
// their files, gives the summary of the whole wave.
func TestPoolingIsExact(t *testing.T) {
	bank, data := randomWave(t, 900, 5)
	lines := strings.SplitAfter(strings.TrimSuffix(data, "\n"), "\n")
	header, rows := lines[0], lines[1:]
	var whole, integers []string
	for _, row := range rows {
		if !strings.Contains(row, ".") && !strings.Contains(row, ",") && len(integers) < 100 {
			integers = append(integers, row)
			continue
		}
		whole = append(whole, row)
	}
	parts := []string{
		header + strings.Join(integers, ""),
		header + strings.Join(whole[:400], ""),
		header + strings.Join(whole[400:], ""),
	}
	var pooled *itembank.Summary
	for i, part := range parts {
		s := summarizeCSV(t, bank, part)
		if i == 0 && s.Places != 0 {
			t.Fatalf("part without decimals has places %d", s.Places)
		}
		back, err := itembank.LoadSummary(bytes.NewReader(writeSummary(t, s)), "part.summary.json", bank)
		if err != nil {
			t.Fatal(err)
		}
		if pooled == nil {
			pooled = back
		} else if err := pooled.Add(back); err != nil {
			t.Fatal(err)
		}
	}
	all := summarizeCSV(t, bank, header+strings.Join(integers, "")+strings.Join(whole, ""))
	if d := sameSummary(pooled, all); d != "" {
		t.Errorf("pooled summaries differ from the whole wave: %s", d)
	}
}

// TestSummaryOtherBank checks that a summary is only used with its bank.
func TestSummaryOtherBank(t *testing.T) {
	bank := mustBank(t, csvBank)
	s := summarizeCSV(t, bank, "A,B,C\n1,2,3\n4,5,1\n")
	file := writeSummary(t, s)

	reordered := mustBank(t, strings.Replace(csvBank, "  - {id: A, text: a, scale: likert5}\n  - {id: B, text: b, scale: grade10}\n",
		"  - {id: B, text: b, scale: grade10}\n  - {id: A, text: a, scale: likert5}\n", 1))
	retexted := mustBank(t, strings.Replace(csvBank, "text: a,", "text: another wording,", 1))
	rescaled := mustBank(t, strings.Replace(csvBank, "missing: [9]", "missing: [8, 9]", 1))
	for _, tc := range []struct {
		name string
		bank *itembank.Bank
		ok   bool
	}{
		{"same bank", bank, true},
		{"other item texts", retexted, true},
		{"items reordered", reordered, false},
		{"other missing codes", rescaled, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := itembank.LoadSummary(bytes.NewReader(file), "a.summary.json", tc.bank)
			if tc.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !tc.ok && !errors.Is(err, itembank.ErrOtherBank) {
				t.Errorf("error %v, want ErrOtherBank", err)
			}
		})
	}
	other := summarizeCSV(t, bank, "A,B,C\n1,2,3\n")
	other.Bank = reordered.Hash()
	if err := s.Add(other); !errors.Is(err, itembank.ErrOtherBank) {
		t.Errorf("pooling summaries of two banks: %v, want ErrOtherBank", err)
	}
}

// TestBankHash pins the canonical form: its SHA-256 was computed with
//
//	printf 'itemreduce bank 1\nA 1 5 9\nB 1 10 \nC 1 5 9\n' | sha256sum
func TestBankHash(t *testing.T) {
	const want = "sha256:ee4bcbd21f36a8c8a9d59a9d116fccfc18a1c9c5485daf1e76b817e572cbb1ea"
	if got := mustBank(t, csvBank).Hash(); got != want {
		t.Errorf("Hash() = %s, want %s", got, want)
	}
}

func TestLoadSummaryErrors(t *testing.T) {
	bank := mustBank(t, csvBank)
	good := string(writeSummary(t, summarizeCSV(t, bank, "A,B,C\n1,2,3\n4,5,1\n2,7,\n")))
	tests := []struct {
		name, old, new string
		line           int // 0: no line
		want           string
	}{
		{"not JSON", good, "{\n\"format\": oops", 2, "invalid character"},
		{"unknown field", `"places": 0,`, `"places": 0, "rows": [],`, 0, "unknown field"},
		{"wrong type", `"respondents": 3`, `"respondents": "3"`, 5, "respondents should be int64"},
		{"other format", `"format": "itemreduce summary"`, `"format": "other"`, 0, "does not say"},
		{"newer version", `"version": 1`, `"version": 2`, 0, "version 2"},
		{"value outside the scale", `"values": ["1", "2", "4"]`, `"values": ["1", "2", "6"]`, 0, "outside likert5"},
		{"missing code as a value", `"values": ["1", "2", "4"]`, `"values": ["1", "2", "9"]`, 0, "outside likert5"},
		{"values not increasing", `"values": ["1", "2", "4"]`, `"values": ["1", "4", "2"]`, 0, "must increase"},
		{"more answers than respondents", `"counts": [1, 1, 1]`, `"counts": [1, 1, 2]`, 0, "count 2"},
		{"counts and values differ", `"counts": [1, 1, 1]`, `"counts": [1, 1]`, 0, "3 values but 2 counts"},
		{"pair with more respondents than an item", `[2, 5, 4, 17, 10, 7]`, `[3, 5, 4, 17, 10, 7]`, 0, "pair A-C: 3 respondents"},
		{"pairs missing", ",\n    [2, 7, 4, 29, 10, 11]", "", 0, "2 pairs"},
		{"text after the summary", good, good + "{}", 19, "text after"},
		{"empty", good, "", 0, "file is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.old) {
				t.Fatalf("test case does not apply: %q not in\n%s", tc.old, good)
			}
			src := strings.Replace(good, tc.old, tc.new, 1)
			_, err := itembank.LoadSummary(strings.NewReader(src), "a.summary.json", bank)
			if !errors.Is(err, itembank.ErrBadSummary) {
				t.Fatalf("error %v, want ErrBadSummary\n%s", err, src)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			var pe *itembank.ParseError
			if errors.As(err, &pe) && pe.Line != tc.line {
				t.Errorf("line %d, want %d (%v)", pe.Line, tc.line, err)
			}
		})
	}
}

// TestSummarizeFilesMixed pools a wave from a file of answers and a
// summary, and checks it against the two files of answers.
func TestSummarizeFilesMixed(t *testing.T) {
	bank, data := randomWave(t, 300, 3)
	lines := strings.SplitAfter(data, "\n")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(a, strings.Join(lines[:150], ""))
	write(b, lines[0]+strings.Join(lines[150:], ""))
	bs := filepath.Join(dir, "b"+itembank.SummaryExt)
	write(bs, string(writeSummary(t, summarizeCSV(t, bank, lines[0]+strings.Join(lines[150:], "")))))

	raw, _, err := SummarizeFiles([]string{a, b}, bank, LoadOptions{}, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	mixed, _, err := SummarizeFiles([]string{a, bs}, bank, LoadOptions{}, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	if d := sameSummary(raw, mixed); d != "" {
		t.Errorf("pooling a summary differs from pooling its answers: %s", d)
	}
	_, _, err = SummarizeFiles([]string{a, bs}, bank, LoadOptions{Where: []Condition{{"id", "1"}}}, itembank.WithPairs)
	if err == nil || !strings.Contains(err.Error(), "cannot be selected") {
		t.Errorf("rows selected in a summary: error %v", err)
	}
}

// FuzzLoadSummary checks that any input is either refused with an error
// or read into a summary that writes and reads back unchanged.
func FuzzLoadSummary(f *testing.F) {
	bank := mustBank(f, csvBank)
	good := writeSummary(f, summarizeCSV(f, bank, "A,B,C\n1,2,3\n4,5,1\n2,7,\n"))
	f.Add(good)
	f.Add([]byte(`{"format": "itemreduce summary", "version": 1}`))
	f.Add([]byte(strings.Replace(string(good), `"places": 0`, `"places": 1`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := itembank.LoadSummary(bytes.NewReader(data), "f.summary.json", bank)
		if err != nil {
			return
		}
		out := writeSummary(t, s)
		back, err := itembank.LoadSummary(bytes.NewReader(out), "g.summary.json", bank)
		if err != nil {
			t.Fatalf("written summary does not read back: %v\n%s", err, out)
		}
		if d := sameSummary(s, back); d != "" {
			t.Fatalf("read back differs: %s", d)
		}
	})
}
