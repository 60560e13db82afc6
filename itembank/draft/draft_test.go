package draft

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// updateDraft rewrites the draft golden files: go test ./itembank/draft -update
var updateDraft = flag.Bool("update", false, "rewrite golden files in testdata")

// draftOf writes src to a file called name and drafts a bank from it.
func draftOf(t *testing.T, name, src string) *Draft {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := FromFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// reloaded writes the draft and reads it back as a bank, as flag would.
func reloaded(t *testing.T, d *Draft) *itembank.Bank {
	t.Helper()
	var buf bytes.Buffer
	if err := d.WriteYAML(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := itembank.LoadBank(&buf, "draft.yaml")
	if err != nil {
		t.Fatalf("the draft does not load: %v\n%s", err, buf.String())
	}
	return b
}

func TestDraftFromCSV(t *testing.T) {
	tests := []struct {
		name, csv string
		// scales: "id=min-max missing" for each item, in order
		items []string
		left  []string // columns left out
	}{
		{
			name:  "likert with a don't-know code",
			csv:   "nr;V1;V2\n1;1;5\n2;9;4\n3;3;\n4;2;2\n",
			items: []string{"V1=1-5 [9]", "V2=1-5 [9]"}, // inferred scales of one range are one scale
			left:  []string{"nr"},
		},
		{
			name:  "grades seen from 5 up, 99 for no answer",
			csv:   "cijfer_team,cijfer_leiding\n7,6\n8,99\n5,10\n6.5,8\n",
			items: []string{"cijfer_team=1-10 [99]", "cijfer_leiding=1-10 [99]"},
		},
		{
			name:  "0-10 and 1-7",
			csv:   "a,b\n0,1\n10,7\n5,3\n",
			items: []string{"a=0-10 []", "b=1-7 []"},
		},
		{
			name: "background, text, empty, yes/no and wide columns left out",
			csv: "respondent,leeftijd,geslacht,team,opmerking,leeg,jaren_ervaring,ja_nee,uren,score\n" +
				"1,34,v,Noord,prima,,3,1,36,4\n2,51,m,Zuid,,,12,2,24,5\n3,45,v,Noord,te druk,,20,1,40,2\n",
			items: []string{"score=1-5 []"},
			left:  []string{"respondent", "leeftijd", "geslacht", "team", "opmerking", "leeg", "jaren_ervaring", "ja_nee", "uren"},
		},
		{
			name:  "names that cannot be ids",
			csv:   "vraag 1,Q2,Q2\n4,3,2\n5,1,2\n",
			items: []string{"Q2=1-5 []"},
			left:  []string{"vraag 1", "Q2"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := draftOf(t, "data.csv", tc.csv)
			b := reloaded(t, d)
			var items []string
			for _, it := range b.Items {
				items = append(items, it.ID+"="+scaleSummary(it.Scale))
			}
			if !slices.Equal(items, tc.items) {
				t.Errorf("items %q, want %q", items, tc.items)
			}
			var left []string
			for _, l := range d.Left {
				left = append(left, l.Name)
			}
			if !slices.Equal(left, tc.left) {
				t.Errorf("left out %q, want %q", left, tc.left)
			}
			for _, s := range d.Bank.Scales {
				if d.Inferred[s] == "" {
					t.Errorf("scale %s from a CSV is not marked as inferred", s.Name)
				}
			}
		})
	}
}

func scaleSummary(s *itembank.Scale) string {
	var m []string
	for _, v := range s.Missing {
		m = append(m, v.String())
	}
	return fmt.Sprintf("%d-%d [%s]", s.Min, s.Max, strings.Join(m, " "))
}

// TestDraftFromExampleSAV drafts a bank from the example's SPSS file and
// checks it against the bank it was written from: same ids in the same
// order, same texts, same scales.
func TestDraftFromExampleSAV(t *testing.T) {
	want, err := itembank.LoadBankFile("../../examples/wijkteams/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromFile("../../examples/wijkteams/responses-2017.sav", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := reloaded(t, d)
	if len(got.Items) != len(want.Items) {
		t.Fatalf("%d items, want %d", len(got.Items), len(want.Items))
	}
	for i, it := range got.Items {
		w := want.Items[i]
		if it.ID != w.ID || it.Text != w.Text || it.Scale.Name != w.Scale.Name {
			t.Errorf("item %d: %s %q on %s, want %s %q on %s", i+1, it.ID, it.Text, it.Scale.Name, w.ID, w.Text, w.Scale.Name)
		}
	}
	for _, s := range want.Scales {
		g := got.Scale(s.Name)
		if g == nil || scaleSummary(g) != scaleSummary(s) {
			t.Errorf("scale %s: got %v, want %s", s.Name, g, scaleSummary(s))
			continue
		}
		for v, l := range s.Labels {
			if g.Labels[v] != l {
				t.Errorf("scale %s: label of %d is %q, want %q", s.Name, v, g.Labels[v], l)
			}
		}
	}
	wantLeft := []string{"respondent", "gemeente", "team", "functie", "leeftijd", "geslacht", "jaren_ervaring"}
	var left []string
	for _, l := range d.Left {
		left = append(left, l.Name)
	}
	if !slices.Equal(left, wantLeft) {
		t.Errorf("left out %q, want %q", left, wantLeft)
	}
}

// TestDraftGolden keeps the written draft of the SPSS fixture survey, with
// its comments, in testdata/draft; -update rewrites it.
func TestDraftGolden(t *testing.T) {
	d, err := FromFile(filepath.Join("../sav/testdata", "enquete_compressed.sav"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.WriteYAML(&buf); err != nil {
		t.Fatal(err)
	}
	reloaded(t, d)
	path := filepath.Join("testdata", "draft", "enquete.yaml.golden")
	if *updateDraft {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./itembank -run TestDraftGolden -update writes it)", err)
	}
	if buf.String() != string(want) {
		t.Errorf("draft differs from %s (-update rewrites it):\n%s", path, buf.String())
	}
}

// TestDraftLeftOutReasons checks why columns are left out: SPSS's
// measurement level (testdata/levels.sps, run by generate.sh), string
// variables, and numbers with more decimals than an answer may have.
func TestDraftLeftOutReasons(t *testing.T) {
	tests := []struct {
		name  string
		draft func(t *testing.T) *Draft
		items []string
		left  []string // name: reason
	}{
		{
			name: "sav with measurement levels",
			draft: func(t *testing.T) *Draft {
				d, err := FromFile(filepath.Join("testdata", "levels.sav"), Options{})
				if err != nil {
					t.Fatal(err)
				}
				return d
			},
			items: []string{"tevreden", "cijfer"},
			left: []string{
				"woonvorm: nominal by SPSS's measurement level (make Measure ordinal in SPSS to take it)",
				"toelichting: text answers (free text or categories)",
				"ratio: numbers with more than 4 decimals: not a rating item",
			},
		},
		{
			name: "csv with fine decimals, point or comma",
			draft: func(t *testing.T) *Draft {
				return draftOf(t, "data.csv", "a;b;c\n0,123456;1;x\n0,5;2;1\n-1.000001;3;2\n")
			},
			items: []string{"b"},
			left: []string{
				"a: numbers with more than 4 decimals: not a rating item",
				"c: text answers (free text or categories)",
			},
		},
		{
			name: "columns equal but for letter case",
			draft: func(t *testing.T) *Draft {
				return draftOf(t, "data.csv", "V1,v1,V2,V2\n1,2,3,4\n5,4,3,2\n")
			},
			items: []string{"V1", "V2"},
			left: []string{
				"v1: equal to column V1 but for letter case, which SPSS variable names ignore: rename one",
				"V2: a second column with this name",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.draft(t)
			var items, left []string
			for _, it := range reloaded(t, d).Items {
				items = append(items, it.ID)
			}
			for _, l := range d.Left {
				left = append(left, l.Name+": "+l.Reason)
			}
			if !slices.Equal(items, tc.items) {
				t.Errorf("items %q, want %q", items, tc.items)
			}
			if !slices.Equal(left, tc.left) {
				t.Errorf("left out\n%q\nwant\n%q", left, tc.left)
			}
		})
	}
}
