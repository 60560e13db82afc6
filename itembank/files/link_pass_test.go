package files

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// withBudget runs f with linkBudget set to budget, recording every pass
// LinkWaves makes.
func withBudget(t *testing.T, budget int64, f func()) (passes []heldPass) {
	t.Helper()
	oldBudget, oldHeld := linkBudget, linkHeld
	defer func() { linkBudget, linkHeld = oldBudget, oldHeld }()
	linkBudget = budget
	linkHeld = func(p linkPass, previous, current int) { passes = append(passes, heldPass{p, previous, current}) }
	f()
	return passes
}

// A heldPass is what one pass held: rows of the previous wave, ids of
// the current.
type heldPass struct {
	pass              linkPass
	previous, current int
}

// A linkCase is two waves to link.
type linkCase struct {
	name              string
	bank              *itembank.Bank
	previous, current []string
	prevOpt, curOpt   LoadOptions
	id                string
}

func (c linkCase) link() (*Link, error) {
	return LinkWaves(c.previous, c.current, c.prevOpt, c.curOpt, c.bank, c.id)
}

// budgetFor returns a budget that makes LinkWaves take n passes (after
// the first) on a wave that needs need bytes: (n-1)·b < need ≤ n·b.
func budgetFor(t *testing.T, need int64, n int) int64 {
	t.Helper()
	b := (need + int64(n) - 1) / int64(n)
	if int64(n-1)*b >= need {
		t.Fatalf("need %d too small for %d passes", need, n)
	}
	return b
}

// TestLinkWavesPasses: above the budget, linking in 2, 3 and 7 passes of
// one bucket of ids each gives the Link of one pass, field by field, on
// the example's (text and SPSS), on psychTools::sai (occasions 1
// and 2, as TestFlagPairedAgainstR links them) and on waves of several
// files with decimals, missing answers and rows without an id, one with a
// current wave that goes over the budget after some rows linked.
func TestLinkWavesPasses(t *testing.T) {
	for _, c := range linkCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var one *Link
			first := withBudget(t, 1<<40, func() {
				var err error
				if one, err = c.link(); err != nil {
					t.Fatal(err)
				}
			})
			if len(first) != 1 || !first[0].pass.first || first[0].pass.n != 1 {
				t.Fatalf("under the budget: passes %+v, want the first alone", first)
			}
			if one.Linked == 0 {
				t.Fatalf("nobody linked: %+v", one)
			}
			need := first[0].pass.need
			for _, n := range []int{2, 3, 7} {
				var l *Link
				passes := withBudget(t, budgetFor(t, need, n), func() {
					var err error
					if l, err = c.link(); err != nil {
						t.Fatal(err)
					}
				})
				if len(passes) != n+1 || passes[0].pass.need != need || passes[n].pass.n != n {
					t.Fatalf("%d passes: made %+v", n, passes)
				}
				if !reflect.DeepEqual(l, one) {
					t.Errorf("%d passes:\ngot  %+v\nwant %+v", n, l, one)
				}
			}
		})
	}
}

func linkCases(t *testing.T) []linkCase {
	const ex = "../../examples/wijkteams/"
	wijk, err := itembank.LoadBankFile(ex + "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sai, err := itembank.LoadBankFile("../../reduction/testdata/wavetest/sai-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	saiPath := saiLinked(t)
	bank := mustBank(t, linkBank)
	var more strings.Builder // a current wave that goes over the budget after linking
	more.WriteString("pid,Q1\n")
	for k := range 300 {
		fmt.Fprintf(&more, "new-%d,%d\n", k, k%5+1)
	}
	p := writeFiles(t,
		"2016a.csv", "pid,Q1,Q2,G1,team\na,1,5,7,x\nb,2,4,6.5,x\nc,3,,8,x\nd,4,9,5,y\n,5,5,5,x\ne,1,1,1,x\n",
		"2016b.csv", "G1,pid,Q1,team\n2.5,g,1,x\n10,h,5,x\n1,i,,y\n",
		"2017a.csv", "q2,team,pid,Q1,G1\n4,x,b,4,7\n2,x,a,2,7\n3,x,c,3,9\n3,y,d,5,5\n1,x,f,1,1\n1,x, ,1,1\n",
		"2017b.csv", "pid,G1,Q1,Q2,team\nh,9.5,3,2,x\ng,2,2,,x\ni,1,1,1,x\nj,4,4,4,x\n",
		"2017c.csv", more.String(),
	)
	return []linkCase{
		// The example's two waves have no one in common: its 2017 wave as a
		// text file, an SPSS file and a part of a compressed one links fully.
		{name: "example sav", bank: wijk, previous: []string{ex + "responses-2017.csv"}, current: []string{ex + "responses-2017.sav"}, id: "respondent"},
		{name: "example zsav", bank: wijk, previous: []string{ex + "responses-alle-jaren.zsav"}, current: []string{ex + "responses-2017.csv"},
			prevOpt: LoadOptions{Where: []Condition{{"jaar", "2017"}}}, id: "respondent"},
		{name: "sai", bank: sai, previous: []string{saiPath}, current: []string{saiPath},
			prevOpt: LoadOptions{Where: []Condition{{"time", "1"}}}, curOpt: LoadOptions{Where: []Condition{{"time", "2"}}}, id: "participant"},
		{name: "files", bank: bank, previous: p[:2], current: p[2:4], id: "pid"},
		{name: "larger current", bank: bank, previous: p[:2], current: p[2:], id: "pid"},
		{name: "files selected", bank: bank, previous: p[:2], current: p[2:4],
			prevOpt: LoadOptions{Where: []Condition{{"team", "x"}}}, curOpt: LoadOptions{Where: []Condition{{"team", "x"}}}, id: "pid"},
	}
}

// saiLinked writes psychTools::sai with one id column, participant =
// study-id, leaving out the rows of a key given twice on an occasion (the
// two of HOME-23 on occasion 2), as the CLI's TestFlagPairedAgainstR and
// the R reference (wavetest.R --link=study,id) link them.
func saiLinked(t *testing.T) string {
	t.Helper()
	f, err := os.Open("../../reduction/testdata/wavetest/sai.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	key := func(r []string) string { return r[1] + "\r" + r[0] + "-" + r[2] } // time, study-id
	count := map[string]int{}
	for _, r := range rows[1:] {
		count[key(r)]++
	}
	out := [][]string{append([]string{"participant"}, rows[0]...)}
	for _, r := range rows[1:] {
		id := ""
		if r[2] != "" {
			id = r[0] + "-" + r[2]
		}
		if id == "" || count[key(r)] == 1 {
			out = append(out, append([]string{id}, r...))
		}
	}
	if len(out) != len(rows)-2 {
		t.Fatalf("%d rows left of %d, want all but the 2 of HOME-23", len(out)-1, len(rows)-1)
	}
	path := filepath.Join(t.TempDir(), "sai-linked.csv")
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(out)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLinkWavesPassesSameID: above the budget an id given twice is still
// refused, naming both rows, in one file, across the files of a wave, in
// either wave, and when one file is given twice as a wave.
func TestLinkWavesPassesSameID(t *testing.T) {
	bank := mustBank(t, linkBank)
	var rows strings.Builder
	rows.WriteString("pid,Q1\n")
	for k := range 40 {
		fmt.Fprintf(&rows, "r%d,%d\n", k, k%5+1)
	}
	ok := rows.String()
	for _, c := range []struct {
		name      string
		prev, cur []string
		at, also  string // the row refused and the other
	}{
		{"in previous", []string{"p.csv", ok + "r7,3\n"}, []string{"c.csv", ok}, `p.csv:42: respondent id given twice in one wave: id "r7" in column pid`, "is also on line 9"},
		{"in current", []string{"p.csv", ok}, []string{"c.csv", ok + " r30 ,1\n"}, `c.csv:42: respondent id given twice in one wave: id "r30" in column pid`, "is also on line 32"},
		{"across previous files", []string{"p.csv", ok, "p2.csv", "pid,Q1\nx,1\nr12,2\n"}, []string{"c.csv", ok}, `p2.csv:3: respondent id given twice in one wave: id "r12" in column pid`, "p.csv:14;"},
		{"across current files", []string{"p.csv", ok}, []string{"c.csv", ok, "c2.csv", "Q1,pid\n1,r39\n"}, `c2.csv:2: respondent id given twice in one wave: id "r39" in column pid`, "c.csv:41;"},
		{"one file twice", []string{"p.csv", ok}, []string{"c.csv", ok, "c2.csv", ""}, `c.csv:`, "c.csv:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			all := writeFiles(t, append(append([]string{}, c.prev...), c.cur...)...)
			np := len(c.prev) / 2
			if c.name == "one file twice" {
				all[len(all)-1] = all[len(all)-2]
			}
			for _, budget := range []int64{1 << 40, 1500, 600, 200} {
				var err error
				passes := withBudget(t, budget, func() { _, err = LinkWaves(all[:np], all[np:], LoadOptions{}, LoadOptions{}, bank, "pid") })
				if !errors.Is(err, ErrSameID) {
					t.Fatalf("budget %d: %v is not %v", budget, err, ErrSameID)
				}
				if !strings.Contains(err.Error(), c.at) || !strings.Contains(err.Error(), "is also on ") || !strings.Contains(err.Error(), c.also) {
					t.Errorf("budget %d: error %q lacks %q or %q", budget, err, c.at, c.also)
				}
				if budget < 1<<40 && (len(passes) == 0 || passes[0].pass.need <= budget) {
					t.Errorf("budget %d: refused in the first pass, want in a pass of one bucket", budget)
				}
			}
		})
	}
}

// TestLinkWavesHeld: the memory is bounded. Over the budget the first
// pass holds no more rows than the budget pays for, and each later pass
// about 1/n of them (6,000 ids, which FNV-1a spreads evenly: a pass
// holding all rows, or the wrong ones, fails).
func TestLinkWavesHeld(t *testing.T) {
	bank := mustBank(t, linkBank)
	const rows = 6000
	var prev, cur strings.Builder
	prev.WriteString("pid,Q1,Q2\n")
	cur.WriteString("pid,Q1\n")
	for k := range rows {
		fmt.Fprintf(&prev, "person-%d,%d,%d\n", k, k%5+1, k%3+1)
		fmt.Fprintf(&cur, "person-%d,%d\n", k+rows/2, k%4+1)
	}
	p := writeFiles(t, "p.csv", prev.String(), "c.csv", cur.String())
	items := int64(len(bank.Items))
	for _, n := range []int{2, 7} {
		idBytes := int64(len("person-0000"))
		budget := rows * (items + prevRowBytes + idBytes + curRowBytes + idBytes) / int64(n)
		var l *Link
		passes := withBudget(t, budget, func() {
			var err error
			if l, err = LinkWaves(p[:1], p[1:], LoadOptions{}, LoadOptions{}, bank, "pid"); err != nil {
				t.Fatal(err)
			}
		})
		if l.Linked != rows/2 || l.PreviousOnly != rows/2 || l.CurrentOnly != rows/2 {
			t.Errorf("%d passes: %+v", n, l)
		}
		if len(passes) != n+1 {
			t.Fatalf("budget %d: %d passes, want %d", budget, len(passes)-1, n)
		}
		if held := int64(passes[0].previous) * (items + prevRowBytes); held > budget {
			t.Errorf("first pass held %d rows, %d bytes over a budget of %d", passes[0].previous, held, budget)
		}
		limit := rows/n + rows/n/5
		for _, h := range passes[1:] {
			if h.previous > limit || h.current > limit || h.previous < rows/n/2 {
				t.Errorf("pass %d of %d held %d previous rows and %d current ids, want about %d", h.pass.k, n, h.previous, h.current, rows/n)
			}
		}
	}
}

// TestIDBucket: the buckets are hash/fnv's 64-bit FNV-1a modulo n.
func TestIDBucket(t *testing.T) {
	for _, id := range []string{"", "a", "person-17", "Zwolle 2016 ∑"} {
		h := fnv.New64a()
		h.Write([]byte(id))
		for _, n := range []int{1, 2, 7, 1000} {
			if got, want := idBucket(id, n), int(h.Sum64()%uint64(n)); got != want {
				t.Errorf("idBucket(%q, %d) = %d, want %d", id, n, got, want)
			}
		}
	}
}
