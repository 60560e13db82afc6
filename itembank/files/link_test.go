package files

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

const linkBank = `scales:
  five: {min: 1, max: 5, missing: [9]}
  grade: {min: 1, max: 10}
items:
  - {id: Q1, scale: five}
  - {id: Q2, scale: five, reverse: true}
  - {id: G1, scale: grade}
`

// writeFiles writes each name: text into a new folder and returns the
// paths in order.
func writeFiles(t *testing.T, files ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for k := 0; k < len(files); k += 2 {
		p := filepath.Join(dir, files[k])
		if err := os.WriteFile(p, []byte(files[k+1]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func vc(pairs ...int64) []itembank.ValueCount {
	var out []itembank.ValueCount
	for k := 0; k < len(pairs); k += 2 {
		out = append(out, itembank.ValueCount{Value: pairs[k], Count: pairs[k+1]})
	}
	return out
}

// TestLinkWaves links by id and counts the raw differences current −
// previous of the people who answered an item in both waves: ids in one
// wave only, rows without an id, missing answers and missing codes link
// nothing; columns are found by name in any order and letter case; rows
// are selected as the loader selects them; decimal grades count in tenths.
func TestLinkWaves(t *testing.T) {
	bank := mustBank(t, linkBank)
	p := writeFiles(t,
		"2016.csv", "pid,Q1,Q2,G1,team\na,1,5,7,x\nb,2,4,6.5,x\nc,3,,8,x\nd,4,9,5,y\n,5,5,5,x\ne,1,1,1,x\n",
		"2017.csv", "q2,team,pid,Q1,G1\n4,x,b,4,7\n2,x,a,2,7\n3,x,c,3,9\n3,y,d,5,5\n1,x,f,1,1\n1,x, ,1,1\n",
	)
	l, err := LinkWaves(p[:1], p[1:], LoadOptions{Where: []Condition{{"team", "x"}}}, LoadOptions{Where: []Condition{{"team", "x"}}}, bank, "pid")
	if err != nil {
		t.Fatal(err)
	}
	// team x: previous a b c e (and one row without an id), current b a c
	// f (and one without an id): a, b, c linked.
	want := &Link{IDColumn: "pid", Linked: 3, PreviousOnly: 1, CurrentOnly: 1, PreviousNoID: 1, CurrentNoID: 1, Places: 1,
		Diffs: [][]itembank.ValueCount{
			vc(0, 1, 10, 1, 20, 1), // Q1: c 3-3, a 2-1, b 4-2, in tenths
			vc(-30, 1, 0, 1),       // Q2 (q2 by case): a 2-5, b 4-4; c missing before
			vc(0, 1, 5, 1, 10, 1),  // G1: b 7-6.5, a 7-7, c 9-8
		}}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("got  %+v\nwant %+v", l, want)
	}
	// Without the selection d links too, its Q2 9 being a missing code.
	l, err = LinkWaves(p[:1], p[1:], LoadOptions{}, LoadOptions{}, bank, "pid")
	if err != nil {
		t.Fatal(err)
	}
	if l.Linked != 4 || l.Places != 1 || !reflect.DeepEqual(l.Diffs[1], vc(-30, 1, 0, 1)) || !reflect.DeepEqual(l.Diffs[0], vc(0, 1, 10, 2, 20, 1)) {
		t.Errorf("no selection: %+v", l)
	}
}

// TestLinkWavesWhole: whole answers give differences in whole units.
func TestLinkWavesWhole(t *testing.T) {
	bank := mustBank(t, linkBank)
	p := writeFiles(t, "a.csv", "pid,Q1\n1,1\n2,5\n", "b.csv", "pid,Q1\n2,1\n1,3\n")
	l, err := LinkWaves(p[:1], p[1:], LoadOptions{}, LoadOptions{}, bank, "pid")
	if err != nil {
		t.Fatal(err)
	}
	if l.Places != 0 || !reflect.DeepEqual(l.Diffs[0], vc(-4, 1, 2, 1)) || l.Diffs[1] != nil {
		t.Errorf("%+v", l)
	}
}

// TestLinkWavesErrors: every refusal names the file and the line.
func TestLinkWavesErrors(t *testing.T) {
	bank := mustBank(t, linkBank)
	ok := "pid,Q1\na,1\nb,2\n"
	for _, c := range []struct {
		name     string
		prev     []string
		cur      []string
		sentinel error
		want     string
	}{
		{"twice in previous", []string{"p.csv", "pid,Q1\na,1\nb,2\na,3\n"}, []string{"c.csv", ok}, ErrSameID, `p.csv:4: respondent id given twice in one wave: id "a" in column pid is also on line 2`},
		{"twice in current", []string{"p.csv", ok}, []string{"c.csv", "pid,Q1\nb,1\n b ,2\n"}, ErrSameID, `c.csv:3: respondent id given twice`},
		{"twice across files", []string{"p.csv", ok, "p2.csv", "pid,Q1\nb,1\n"}, []string{"c.csv", ok}, ErrSameID, `p2.csv:2: respondent id given twice in one wave: id "b" in column pid is also on `},
		{"no id column", []string{"p.csv", ok}, []string{"c.csv", "person,Q1\na,1\n"}, ErrNoIDColumn, `c.csv:1: no id column: no column "pid"`},
		{"out of scale", []string{"p.csv", "pid,Q1\na,6\n"}, []string{"c.csv", ok}, itembank.ErrOutOfScale, `p.csv:2:3: item Q1: `},
		{"text", []string{"p.csv", ok}, []string{"c.csv", "pid,Q1\na,x\n"}, itembank.ErrNotNumeric, `c.csv:2:3: item Q1`},
		{"field count", []string{"p.csv", "pid,Q1\na,1,3\n"}, []string{"c.csv", ok}, itembank.ErrFieldCount, `p.csv:2`},
		{"summary", []string{"p" + itembank.SummaryExt, "{}"}, []string{"c.csv", ok}, nil, "a summary holds no respondents"},
	} {
		t.Run(c.name, func(t *testing.T) {
			all := writeFiles(t, append(append([]string{}, c.prev...), c.cur...)...)
			np := len(c.prev) / 2
			// In one pass, and in one pass per id (a budget of 1 byte).
			for _, budget := range []int64{linkBudget, 1} {
				var err error
				withBudget(t, budget, func() { _, err = LinkWaves(all[:np], all[np:], LoadOptions{}, LoadOptions{}, bank, "pid") })
				if err == nil {
					t.Fatalf("budget %d: no error", budget)
				}
				if c.sentinel != nil && !errors.Is(err, c.sentinel) {
					t.Errorf("budget %d: %v is not %v", budget, err, c.sentinel)
				}
				if !strings.Contains(err.Error(), c.want) {
					t.Errorf("budget %d: error %q lacks %q", budget, err, c.want)
				}
			}
		})
	}
}

// FuzzLinkWaves: no input makes linking panic, what links counts no more
// people than either wave has rows, and linking in passes of one bucket
// of ids each (a budget of 64 bytes) refuses the same inputs and gives
// the same Link.
func FuzzLinkWaves(f *testing.F) {
	f.Add("pid,Q1,Q2\na,1,2\nb,,3\n", "Q2,pid\n1,b\n2,a\n")
	f.Add("pid;Q1\n\"a\";1,5\n", "pid\n\n")
	f.Add("", "pid,Q1\na,1\na,1\n")
	bank := mustBank(f, linkBank)
	f.Fuzz(func(t *testing.T, prev, cur string) {
		p := writeFiles(t, "p.csv", prev, "c.csv", cur)
		l, err := LinkWaves(p[:1], p[1:], LoadOptions{}, LoadOptions{}, bank, "pid")
		var lp *Link
		var errp error
		withBudget(t, 64, func() { lp, errp = LinkWaves(p[:1], p[1:], LoadOptions{}, LoadOptions{}, bank, "pid") })
		if (err == nil) != (errp == nil) || !reflect.DeepEqual(l, lp) {
			t.Fatalf("in one pass %+v, %v; in passes %+v, %v", l, err, lp, errp)
		}
		if err != nil {
			return
		}
		rows := int64(strings.Count(prev, "\n") + 1)
		if l.Linked > rows || l.Linked < 0 || l.PreviousOnly < 0 || l.CurrentOnly < 0 {
			t.Fatalf("%+v from %d lines", l, rows)
		}
		for i, d := range l.Diffs {
			var n int64
			for _, c := range d {
				n += c.Count
			}
			if n > l.Linked {
				t.Fatalf("item %d: %d differences of %d linked", i, n, l.Linked)
			}
		}
		_ = fmt.Sprint(l)
	})
}
