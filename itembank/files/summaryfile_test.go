package files

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
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

// writeSummary writes s as a summary file, applying a minimum of 1 (which
// withholds nothing) when s has none yet.
func writeSummary(t testing.TB, s *itembank.Summary) []byte {
	t.Helper()
	if s.MinRespondents == 0 {
		s.Withhold(1)
	}
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
	case a.MinRespondents != b.MinRespondents:
		return fmt.Sprintf("min respondents %d and %d", a.MinRespondents, b.MinRespondents)
	case fmt.Sprint(a.Items) != fmt.Sprint(b.Items):
		return fmt.Sprintf("items\n%v\n%v", a.Items, b.Items)
	case a.HasPairs() != b.HasPairs() || len(a.Pairs()) != len(b.Pairs()):
		return "pairs in one, not in the other"
	}
	pa, pb := a.Pairs(), b.Pairs()
	for k := range pa {
		if pa[k] != pb[k] {
			return fmt.Sprintf("pair %d: %+v and %+v", k, pa[k], pb[k])
		}
	}
	for i := range a.Items {
		for j := i + 1; j < len(a.Items) && a.HasPairs(); j++ {
			if a.PairWithheld(i, j) != b.PairWithheld(i, j) {
				return fmt.Sprintf("pair %s-%s withheld in one, not in the other", a.Items[i].ID, a.Items[j].ID)
			}
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
	all.Withhold(1) // as the parts were when written; it withholds nothing
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

// tamperData are the answers of the summary that TestLoadSummaryErrors
// edits: 5 respondents; A answered by all (1 to 5), B by four (2, 5, 5,
// 7), C by three (3, 1, 2). With a minimum of 2 nothing is withheld; the
// pairs are
//
//	A-B: N 4, Σx 1+4+2+5 = 12, Σy 2+5+7+5 = 19, Σx² 46, Σy² 103, Σxy 2+20+14+25 = 61
//	A-C: N 3, Σx 1+4+3 = 8,    Σy 3+1+2 = 6,    Σx² 26, Σy² 14,  Σxy 3+4+6 = 13
//	B-C: N 2, Σx 2+5 = 7,      Σy 3+1 = 4,      Σx² 29, Σy² 10,  Σxy 6+5 = 11
const tamperData = "A,B,C\n1,2,3\n4,5,1\n2,7,\n5,5,\n3,,2\n"

// TestLoadSummaryErrors: a damaged or hand-edited summary file is refused
// with ErrBadSummary, naming the line and the item or pair: what it says
// must be exactly what the tool would use, and possible for real answers.
// Before version 2 every "tampering" case below was read (the last of a
// key given twice winning, a key in other capitals matching, sums that
// implied |r| > 1 or a negative variance, sums of 2^62 that overflowed
// into r = −1 when pooled).
func TestLoadSummaryErrors(t *testing.T) {
	bank := mustBank(t, csvBank)
	s := summarizeCSV(t, bank, tamperData)
	s.Withhold(2)
	good := string(writeSummary(t, s))
	const (
		pairAB = "[4, 12, 19, 46, 103, 61]"
		pairAC = "[3, 8, 6, 26, 14, 13]"
		pairBC = "[2, 7, 4, 29, 10, 11]"
		itemC  = `{"id": "C", "asked": true, "values": ["1", "2", "3"], "counts": [1, 1, 1]}`
	)
	tests := []struct {
		name, old, new string
		line           int // 0: no line
		want           string
	}{
		// JSON and its spelling.
		{"not JSON", good, "{\n\"format\": oops", 2, "invalid character"},
		{"unknown key", `"places": 0,`, `"places": 0, "rows": [],`, 7, `unknown key "rows"`},
		{"wrong type", `"respondents": 5`, `"respondents": "5"`, 5, "respondents should be a whole number, not a string"},
		{"key given twice", `"respondents": 5,`, `"respondents": 5, "respondents": 50,`, 5, `key "respondents" given twice`},
		{"key given twice in an item", `{"id": "A", "asked": true,`, `{"id": "A", "asked": true, "asked": false,`, 9, `key "asked" given twice in an item`},
		{"key in other capitals", `"respondents": 5`, `"Respondents": 5`, 5, `unknown key "Respondents"`},
		{"item key in other capitals", `"counts": [1, 1, 1]}`, `"Counts": [1, 1, 1]}`, 11, `item C: unknown key "Counts"`},
		{"a fraction", `"respondents": 5`, `"respondents": 5.0`, 5, "respondents: 5.0 is not a whole number"},
		{"an exponent", `"respondents": 5`, `"respondents": 5e0`, 5, "respondents: 5e0 is not a whole number"},
		{"a value spelt otherwise", `["1", "2", "3"]`, `["1", "2.0", "3"]`, 11, `item C: value "2.0" should be written "2"`},
		{"not UTF-8", `"bank": "sha256:`, "\"bank\": \"\xffsha256:", 4, "not UTF-8"},
		{"a key missing", "  \"places\": 0,\n", "", 0, `no "places"`},
		{"null for a pair", pairAB, "null", 15, `a pair is six numbers or "withheld", not null`},
		{"five numbers for a pair", pairAB, "[4, 12, 19, 46, 103]", 15, "a pair of 5 numbers"},
		{"another word for a pair", pairAB, `"hidden"`, 15, `not "hidden"`},
		{"text after the summary", good, good + "{}", 20, "text after"},
		{"empty", good, "", 0, "file is empty"},
		// Versions.
		{"version 1", `"version": 2`, `"version": 1`, 3, "version 1, made by an earlier itemreduce that did not apply the minimum"},
		{"newer version", `"version": 2`, `"version": 3`, 3, "version 3"},
		{"other format", `"format": "itemreduce summary"`, `"format": "other"`, 2, "does not say"},
		// Items.
		{"value outside the scale", `["1", "2", "3"]`, `["1", "2", "6"]`, 11, "item C: value 6 is outside likert5"},
		{"missing code as a value", `["1", "2", "3"]`, `["1", "2", "9"]`, 11, "outside likert5"},
		{"values not increasing", `["1", "2", "3"]`, `["1", "3", "2"]`, 11, "must increase"},
		{"more answers than respondents", `"respondents": 5`, `"respondents": 4`, 9, "item A: count 1 for value 5"},
		{"counts and values differ", `"counts": [1, 1, 1]}`, `"counts": [1, 1]}`, 11, "3 values but 2 counts"},
		{"more respondents than answers", `"respondents": 5`, `"respondents": 13`, 5, "13 respondents, but all items together have 12 answers"},
		{"fewer respondents than the minimum", `"min_respondents": 2`, `"min_respondents": 6`, 5, "5 respondents, fewer than its min_respondents of 6"},
		{"an item below the minimum", `"min_respondents": 2`, `"min_respondents": 4`, 11, "item C: 3 answers, fewer than min_respondents (4): the item should be withheld"},
		{"withheld: false", itemC, `{"id": "C", "asked": true, "withheld": false}`, 11, `item C: "withheld": false`},
		{"withheld with counts", itemC, `{"id": "C", "asked": true, "withheld": true, "values": [], "counts": []}`, 11, "item C: withheld, yet with values or counts"},
		{"withheld, not asked", itemC, `{"id": "C", "asked": false, "withheld": true}`, 11, "item C: withheld, but not asked"},
		// Pairs.
		{"pair with more respondents than an item", pairAC, "[4, 8, 6, 26, 14, 13]", 16, "pair A-C: 4 respondents answered both, but A has 5 answers and C 3"},
		{"pairs missing", ",\n    " + pairBC, "", 0, "2 pairs; 3 items make 3"},
		{"a pair below the minimum", `"min_respondents": 2`, `"min_respondents": 3`, 17, "pair B-C: 2 respondents answered both, fewer than min_respondents (3): the pair should be withheld"},
		{"a pair of a withheld item", itemC, `{"id": "C", "asked": true, "withheld": true}`, 16, "pair A-C: a pair of a withheld item must be withheld too"},
		{"sums without respondents", pairBC, "[0, 7, 4, 29, 10, 11]", 17, "pair B-C: no respondent answered both, yet the sums are not 0"},
		// A-B: x are 4 of A's answers 1-5, so 1+2+3+4 = 10 ≤ Σx ≤ 2+3+4+5 = 14.
		{"sum above n times the maximum", pairAB, "[4, 21, 19, 46, 103, 61]", 15, "pair A-B: sum_x is 21; 4 answers of the item sum to between 10 and 14"},
		{"sum below n times the minimum", pairAB, "[4, 3, 19, 46, 103, 61]", 15, "sum_x is 3"},
		// B's 4 answers are all of its answers: Σy must be 19 exactly.
		{"sum of all of an item's answers", pairAB, "[4, 12, 20, 46, 103, 61]", 15, "pair A-B: sum_y is 20; 4 answers of the item sum to between 19 and 19"},
		// A-C: Σx = 12 and Σx² = 14 are each possible for 3 of A's answers
		// (4+3+5; 1+4+9) but not together: 3·14 − 12² < 0.
		{"a negative variance", pairAC, "[3, 12, 6, 14, 14, 13]", 16, "pair A-C: sum_xx or sum_yy is smaller than the square of the sum over n"},
		// Σxy = 75 (within 4·2 to 4·35): 4·75 − 12·19 = 72, 72² = 5184 >
		// (4·46 − 12²)(4·103 − 19²) = 40·51 = 2040.
		{"|r| above 1", pairAB, "[4, 12, 19, 46, 103, 75]", 15, "pair A-B: sum_xy makes |r| greater than 1"},
		// 2^62: pooled with itself it overflowed int64, and read as r = −1.
		{"sums of 2^62", pairAB, "[4, 12, 19, 4611686018427387904, 103, 61]", 15, "pair A-B: sum_xx is 4611686018427387904"},
		{"a sum beyond int64", pairAB, "[4, 12, 19, 9223372036854775808, 103, 61]", 15, "a pair: 9223372036854775808 is not a whole number"},
		{"pairs of an item not asked", itemC, `{"id": "C", "asked": false, "values": [], "counts": []}`, 16, "pair A-C: 3 respondents answered both, but A has 5 answers and C 0"},
	}
	// Two edits at once: C not asked, and its pairs withheld.
	notAsked := strings.Replace(good, itemC, `{"id": "C", "asked": false, "values": [], "counts": []}`, 1)
	tests = append(tests, struct {
		name, old, new string
		line           int
		want           string
	}{"withheld pair of an item not asked", notAsked, strings.Replace(strings.Replace(notAsked, pairAC, `"withheld"`, 1), pairBC, `"withheld"`, 1),
		16, "pair A-C: withheld, but an item of it was not asked"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.old) && !strings.Contains(notAsked, tc.old) {
				t.Fatalf("test case does not apply: %q not in\n%s", tc.old, good)
			}
			src := strings.Replace(good, tc.old, tc.new, 1)
			if tc.old == notAsked {
				src = tc.new
			}
			_, err := itembank.LoadSummary(strings.NewReader(src), "a.summary.json", bank)
			if !errors.Is(err, itembank.ErrBadSummary) {
				t.Fatalf("error %v, want ErrBadSummary\n%s", err, src)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			var pe *itembank.ParseError
			if !errors.As(err, &pe) || pe.File != "a.summary.json" {
				t.Errorf("error %v does not name the file", err)
			} else if tc.line != 0 && pe.Line != tc.line {
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
// or read into a summary that is possible for real answers (every count
// and sum within its minimum, no variance below 0, no |r| above 1), that
// writes back byte for byte and reads back unchanged, and that pools with
// itself without overflow or inconsistency.
func FuzzLoadSummary(f *testing.F) {
	bank := mustBank(f, csvBank)
	s := summarizeCSV(f, bank, tamperData)
	s.Withhold(2)
	good := writeSummary(f, s)
	f.Add(good)
	s = summarizeCSV(f, bank, tamperData)
	s.Withhold(4) // C withheld, with its pairs
	f.Add(writeSummary(f, s))
	s = summarizeCSV(f, bank, tamperData)
	s.Withhold(3) // B-C withheld
	f.Add(writeSummary(f, s))
	f.Add(writeSummary(f, summarizeCSV(f, bank, "A,B,C\n1,2,3\n4,5,1\n2,7,\n")))
	f.Add([]byte(`{"format": "itemreduce summary", "version": 2}`))
	f.Add([]byte(strings.Replace(string(good), `"places": 0`, `"places": 1`, 1)))
	f.Add([]byte(strings.Replace(string(good), `"respondents": 5,`, `"respondents": 5, "Respondents": 50,`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := itembank.LoadSummary(bytes.NewReader(data), "f.summary.json", bank)
		if err != nil {
			if !errors.Is(err, itembank.ErrBadSummary) && !errors.Is(err, itembank.ErrOtherBank) {
				t.Fatalf("error %v wraps neither ErrBadSummary nor ErrOtherBank", err)
			}
			return
		}
		checkPossible(t, s)
		out := writeSummary(t, s)
		back, err := itembank.LoadSummary(bytes.NewReader(out), "g.summary.json", bank)
		if err != nil {
			t.Fatalf("written summary does not read back: %v\n%s", err, out)
		}
		if d := sameSummary(s, back); d != "" {
			t.Fatalf("read back differs: %s", d)
		}
		if again := writeSummary(t, back); !bytes.Equal(again, out) {
			t.Fatalf("written twice, the summary differs:\n%s\n%s", out, again)
		}
		if err := back.Add(s); err != nil {
			t.Fatalf("a summary read does not pool with itself: %v", err)
		}
		checkPossible(t, back)
	})
}

// checkPossible fails when s has a statistic no real answers give.
func checkPossible(t *testing.T, s *itembank.Summary) {
	t.Helper()
	one := big.NewRat(1, 1)
	for i, it := range s.Items {
		m := s.Moments(i)
		if it.Withheld && m.N != 0 {
			t.Fatalf("item %s withheld with %d answers", it.ID, m.N)
		}
		if m.N > 0 && m.N < s.MinRespondents {
			t.Fatalf("item %s: %d answers below the minimum %d", it.ID, m.N, s.MinRespondents)
		}
		if v := m.VarianceRat(); v != nil && v.Sign() < 0 {
			t.Fatalf("item %s: negative variance", it.ID)
		}
		for j := i + 1; j < len(s.Items); j++ {
			p := s.Pair(i, j)
			if s.PairWithheld(i, j) {
				if p != (itembank.PairSums{}) {
					t.Fatalf("pair %s-%s withheld with sums %+v", it.ID, s.Items[j].ID, p)
				}
				continue
			}
			if it.Withheld || s.Items[j].Withheld {
				t.Fatalf("pair %s-%s of a withheld item published", it.ID, s.Items[j].ID)
			}
			if p.N > 0 && p.N < s.MinRespondents || p.N > m.N || p.N > s.Moments(j).N {
				t.Fatalf("pair %s-%s: N %d", it.ID, s.Items[j].ID, p.N)
			}
			if r2 := p.RSquaredRat(); r2 != nil && r2.Cmp(one) > 0 {
				t.Fatalf("pair %s-%s: r² = %v > 1", it.ID, s.Items[j].ID, r2)
			}
			if r := p.Pearson(); r < -1 || r > 1 {
				t.Fatalf("pair %s-%s: r = %v", it.ID, s.Items[j].ID, r)
			}
		}
	}
}

// TestSummarizeRelease: a release keys every respondent kept, and only
// them: rows that answer no bank item are no respondents; the same row
// with its columns in another order, or in another file, has the same
// key; one respondent in two rows is refused.
func TestSummarizeRelease(t *testing.T) {
	bank := mustBank(t, csvBank)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	keyer := itembank.NewKeyer([]byte("a salt of the test"))
	byRow := Identify{Keyer: keyer}
	byID := Identify{IDColumn: "id", Keyer: keyer}
	// Rows 3 and 5 answer no item (C's 9 is its missing code).
	wave := write("wave.csv", "id,g,A,B,C\n1,x,1,2,3\n2,x,4,5,1\n3,x,,,9\n4,y,2,7,\n5,y, , ,\n")
	reordered := write("reordered.csv", "C,B,A,g,id\n3,2,1,x,1\n1,5,4,x,2\n")
	rel, _, err := SummarizeRelease([]string{wave}, bank, LoadOptions{}, byRow)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Rows != 5 || rel.Unanswered != 2 || rel.Summary.Respondents != 3 || len(rel.Keys) != 3 {
		t.Errorf("rows %d, unanswered %d, respondents %d, keys %d; want 5, 2, 3, 3", rel.Rows, rel.Unanswered, rel.Summary.Respondents, len(rel.Keys))
	}
	if !slices.IsSortedFunc(rel.Keys, func(a, b itembank.RespondentKey) int { return bytes.Compare(a[:], b[:]) }) {
		t.Error("keys not sorted")
	}
	x, _, err := SummarizeRelease([]string{wave}, bank, LoadOptions{Where: []Condition{{"g", "x"}}}, byRow)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := SummarizeRelease([]string{reordered}, bank, LoadOptions{}, byRow)
	if err != nil {
		t.Fatal(err)
	}
	// The rows of respondents 1 and 2, selected by g=x or in another
	// column order, are the same two keys, both among the wave's three.
	if len(x.Keys) != 2 || !slices.Equal(x.Keys, r.Keys) || !slices.Contains(rel.Keys, x.Keys[0]) || !slices.Contains(rel.Keys, x.Keys[1]) {
		t.Errorf("keys of g=x %x, of the reordered file %x, of the wave %x", x.Keys, r.Keys, rel.Keys)
	}
	idKeys, _, err := SummarizeRelease([]string{wave}, bank, LoadOptions{}, byID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []itembank.RespondentKey{keyer.ByID("1"), keyer.ByID("2"), keyer.ByID("4")}; !sameKeys(idKeys.Keys, want) {
		t.Errorf("keys by id %x, want those of ids 1, 2, 4", idKeys.Keys)
	}

	again := write("again.csv", "id,g,A,B,C\n7,z,3,3,3\n2,x,4,5,1\n")
	tests := []struct {
		name  string
		paths []string
		id    Identify
		want  string
	}{
		{"a row twice", []string{write("twice.csv", "A,B\n1,2\n3,4\n1,2\n")}, byRow,
			"twice.csv:2: one respondent in two rows: this row is the same as line 4 in every column"},
		{"a row in two files", []string{wave, reordered}, byRow, "wave.csv:2: one respondent in two rows: this row is the same as " + reordered + ":2"},
		{"an id in two files", []string{wave, again}, byID, "wave.csv:3: one respondent in two rows: the respondent id in column id is also the id of " + again + ":3"},
		{"no id column", []string{reordered}, Identify{IDColumn: "respondent", Keyer: keyer}, `reordered.csv:1: no column "respondent" to tell respondents apart by their id`},
		{"an empty id", []string{write("noid.csv", "id,A\n1,2\n ,3\n")}, byID, "noid.csv:3:1: no respondent id in column id"},
		{"a summary", []string{write("s"+itembank.SummaryExt, string(writeSummary(t, summarizeCSV(t, bank, tamperData))))}, byRow,
			"a summary is made from files of answers, not from summaries"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := SummarizeRelease(tc.paths, bank, LoadOptions{}, tc.id)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func sameKeys(a, b []itembank.RespondentKey) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	cmp := func(x, y itembank.RespondentKey) int { return bytes.Compare(x[:], y[:]) }
	slices.SortFunc(a, cmp)
	slices.SortFunc(b, cmp)
	return slices.Equal(a, b)
}
