package reduction

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

func summaryOf(t testing.TB, bankYAML, data string) (*itembank.Bank, *itembank.Summary) {
	t.Helper()
	bank, err := itembank.LoadBank(strings.NewReader(bankYAML), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := files.LoadCSV(strings.NewReader(data), "data.csv", bank, files.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := itembank.Summarize(r, itembank.WithPairs)
	if err != nil {
		t.Fatal(err)
	}
	return bank, s
}

// TestReliabilityReflection checks that reflecting a reverse-keyed item in
// the summary's sums gives exactly the figures of answers reflected before
// they were summarised, decimals (units of 10^-1) included.
func TestReliabilityReflection(t *testing.T) {
	const keyed = `scales:
  five: {min: 1, max: 5}
  grade: {min: 1, max: 10}
items:
  - {id: a, scale: five, theme: T}
  - {id: b, scale: five, theme: T, reverse: true}
  - {id: c, scale: grade, theme: T, reverse: true}
  - {id: d, scale: five, theme: T}
`
	plain := strings.ReplaceAll(keyed, ", reverse: true", "")
	answers := [][4]string{{"1", "5", "9.5", "2"}, {"2", "4", "8", "1"}, {"4", "2", "3.5", "4"}, {"5", "", "2", "5"},
		{"3", "3", "6", "3"}, {"4", "1", "", "5"}, {"2", "4", "7.5", "2"}, {"", "2", "4", "4"}}
	var raw, reflected strings.Builder
	raw.WriteString("a,b,c,d\n")
	reflected.WriteString("a,b,c,d\n")
	flip := func(s string, a float64) string {
		if s == "" {
			return ""
		}
		var v float64
		fmt.Sscan(s, &v)
		return fmt.Sprint(a - v)
	}
	for _, row := range answers {
		fmt.Fprintf(&raw, "%s,%s,%s,%s\n", row[0], row[1], row[2], row[3])
		fmt.Fprintf(&reflected, "%s,%s,%s,%s\n", row[0], flip(row[1], 6), flip(row[2], 11), row[3])
	}
	bank, s := summaryOf(t, keyed, raw.String())
	plainBank, ps := summaryOf(t, plain, reflected.String())
	got, err := Reliability(bank, s)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Reliability(plainBank, ps)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got[0].Reversed, ",") != "b,c" || len(want[0].Reversed) != 0 {
		t.Errorf("reversed: %v and %v", got[0].Reversed, want[0].Reversed)
	}
	got[0].Reversed, want[0].Reversed = nil, nil
	if g, w := fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want); g != w {
		t.Errorf("reflected in the sums:\n%s\nreflected in the answers:\n%s", g, w)
	}
	if math.IsNaN(got[0].Alpha) || math.IsNaN(got[0].OmegaTotal) {
		t.Errorf("figures undefined: %+v", got[0])
	}
	// The sums themselves: Σ(6 − b) etc. over the pairs, exactly.
	i, _ := bank.Index("b")
	j, _ := bank.Index("c")
	a6, _ := reflection(bank.Items[i].Scale, s.Places)
	a11, _ := reflection(bank.Items[j].Scale, s.Places)
	for _, p := range [][2]int{{0, i}, {i, j}, {j, 3}} {
		ax, ay := int64(0), int64(0)
		if p[0] == i {
			ax = a6
		}
		if p[1] == i {
			ay = a6
		}
		if p[1] == j {
			ay = a11
		}
		if p[0] == j {
			ax = a11
		}
		q, ok := reflectPair(s.Pair(p[0], p[1]), ax, ay)
		if w := ps.Pair(p[0], p[1]); !ok || q != w {
			t.Errorf("pair %d-%d: reflected sums %+v, want %+v", p[0], p[1], q, w)
		}
	}
}

// TestReliabilityUndefined checks that figures a scale does not determine
// are NaN, never 0, with a warning that says why.
func TestReliabilityUndefined(t *testing.T) {
	const bankYAML = `scales:
  five: {min: 1, max: 5, missing: [9]}
items:
  - {id: s1, scale: five, theme: Single}
  - {id: k1, scale: five, theme: Constant}
  - {id: k2, scale: five, theme: Constant}
  - {id: k3, scale: five, theme: Constant}
  - {id: n1, scale: five, theme: Unasked}
  - {id: n2, scale: five, theme: Unasked}
  - {id: n3, scale: five, theme: Unasked}
  - {id: f1, scale: five, theme: Few}
  - {id: f2, scale: five, theme: Few}
  - {id: f3, scale: five, theme: Few}
`
	// n3 is no column; f1 and f2 have two respondents in common; k2 is 3
	// for everyone.
	const data = `s1,k1,k2,k3,n1,n2,f1,f2,f3
1,1,3,2,1,2,1,,1
2,2,3,3,2,2,2,,2
3,2,3,3,3,4,3,,3
4,4,3,5,4,5,,4,4
5,5,3,4,5,4,,5,5
2,3,3,2,2,1,,2,2
4,4,3,4,4,3,4,4,4
5,4,3,5,3,5,5,5,5
`
	bank, s := summaryOf(t, bankYAML, data)
	rel, err := Reliability(bank, s)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]ScaleReliability{}
	for _, sr := range rel {
		byName[sr.Name] = sr
	}
	tests := []struct {
		theme   string
		defined []string // figures that stay defined
		warning string
	}{
		{"Single", nil, `theme "Single": every figure null: the scale has 1 item(s); reliability needs at least 2`},
		{"Constant", []string{"alpha"}, "item k2 without variance (every answer the same; psych::alpha would drop it)"},
		{"Unasked", nil, "item n3 not asked"},
		{"Few", nil, "pair f1-f2 answered together by fewer than 3 respondents"},
	}
	for _, tc := range tests {
		t.Run(tc.theme, func(t *testing.T) {
			sr := byName[tc.theme]
			figures := map[string]float64{"alpha": sr.Alpha, "alpha_std": sr.AlphaStd, "average_r": sr.AverageR, "omega_total": sr.OmegaTotal}
			for name, v := range figures {
				defined := strings.Contains(strings.Join(tc.defined, ","), name)
				if defined == math.IsNaN(v) {
					t.Errorf("%s = %v, want defined: %v", name, v, defined)
				}
			}
			if w := strings.Join(sr.Warnings, "\n"); !strings.Contains(w, tc.warning) {
				t.Errorf("warnings:\n%s\nwant one containing %q", w, tc.warning)
			}
		})
	}
}

// TestReliabilityWithheld checks that pairs and items a summary withholds
// make the figures that need them undefined, with the reason.
func TestReliabilityWithheld(t *testing.T) {
	bank, s := smallSummary(t)
	// 10 people answered each pair, 11 each item: a minimum of 11
	// withholds every pair and no item.
	s.Withhold(11)
	rel, err := Reliability(bank, s)
	if err != nil {
		t.Fatal(err)
	}
	sr := rel[0]
	for name, v := range map[string]float64{"alpha": sr.Alpha, "alpha_std": sr.AlphaStd, "average_r": sr.AverageR, "omega_total": sr.OmegaTotal} {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v with withheld pairs", name, v)
		}
	}
	w := strings.Join(sr.Warnings, "\n")
	if !strings.Contains(w, "pairs a-b, a-c, a-d, b-c, b-d and 1 more withheld by the summary") {
		t.Errorf("warnings do not name the withheld pairs:\n%s", w)
	}

	// An item withheld at one site stays withheld in the pool.
	_, site := summaryOf(t, smallBank, "a,b,c,d\n1,2,3,4\n2,3,3,4\n3,3,2,2\n4,5,4,3\n5,4,,1\n")
	site.Withhold(5) // c was answered by 4: withheld, with its pairs
	_, rest := smallSummary(t)
	if err := rest.Add(site); err != nil {
		t.Fatal(err)
	}
	rel, err = Reliability(bank, rest)
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(rel[0].Warnings, "\n"); !math.IsNaN(rel[0].Alpha) || !strings.Contains(w, "item c withheld by the summary") {
		t.Errorf("alpha %v, warnings:\n%s", rel[0].Alpha, w)
	}
	// The composite ab does not hold c and stays defined.
	if math.IsNaN(rel[1].Alpha) {
		t.Errorf("composite ab undefined: %q", rel[1].Warnings)
	}
}

func TestReliabilityErrors(t *testing.T) {
	bank, s := smallSummary(t)
	s.DropPairs()
	if _, err := Reliability(bank, s); !errors.Is(err, ErrNoPairSums) {
		t.Errorf("without pairs: %v, want ErrNoPairSums", err)
	}
	other, _ := summaryOf(t, "scales:\n  five: {min: 1, max: 5}\nitems:\n  - {id: z, scale: five}\n", "z\n1\n2\n")
	if _, err := Reliability(other, s); err == nil {
		t.Error("a summary of another bank: no error")
	}
}

func TestReliabilityCompositeTwice(t *testing.T) {
	bankYAML := strings.Replace(smallBank, "ab: [a, b]", "abc: [a, b, a, c]", 1)
	bank, s := summaryOf(t, bankYAML, smallCSV)
	rel, err := Reliability(bank, s)
	if err != nil {
		t.Fatal(err)
	}
	c := rel[1]
	if len(c.Items) != 3 || math.IsNaN(c.Alpha) {
		t.Errorf("composite abc: %d items, alpha %v; want a, b, c once", len(c.Items), c.Alpha)
	}
	if w := strings.Join(c.Warnings, "\n"); !strings.Contains(w, `composite "abc": lists item a twice: counted once`) {
		t.Errorf("warnings: %s", w)
	}
}

// FuzzReflectPair checks the reflected sums against math/big: exact
// whenever they fit in int64, refused otherwise.
func FuzzReflectPair(f *testing.F) {
	f.Add(int64(10), int64(30), int64(25), int64(100), int64(75), int64(80), int64(6), int64(0))
	f.Add(int64(3), int64(-7), int64(2), int64(50), int64(4), int64(-9), int64(11), int64(110))
	f.Add(int64(1)<<40, int64(1)<<62, int64(5), int64(1)<<62, int64(7), int64(1)<<61, int64(1)<<32, int64(-(1 << 32)))
	f.Fuzz(func(t *testing.T, n, sx, sy, sxx, syy, sxy, ax, ay int64) {
		p := itembank.PairSums{N: n, SumX: sx, SumY: sy, SumXX: sxx, SumYY: syy, SumXY: sxy}
		got, ok := reflectPair(p, ax, ay)
		if ax > maxReflection || ax < -maxReflection || ay > maxReflection || ay < -maxReflection {
			if ok {
				t.Fatalf("accepted a reflection constant beyond 2^32: %d, %d", ax, ay)
			}
			return
		}
		B := func(x int64) *big.Int { return big.NewInt(x) }
		mul := func(xs ...*big.Int) *big.Int {
			r := big.NewInt(1)
			for _, x := range xs {
				r.Mul(r, x)
			}
			return r
		}
		wx, wy, wxx, wyy, wxy := B(sx), B(sy), B(sxx), B(syy), B(sxy)
		if ax != 0 { // x' = a − x
			wxy = new(big.Int).Sub(mul(B(ax), wy), wxy)
			wxx = new(big.Int).Add(new(big.Int).Sub(mul(B(n), B(ax), B(ax)), mul(B(2), B(ax), wx)), wxx)
			wx = new(big.Int).Sub(mul(B(n), B(ax)), wx)
		}
		if ay != 0 { // y' = b − y
			wxy = new(big.Int).Sub(mul(B(ay), wx), wxy)
			wyy = new(big.Int).Add(new(big.Int).Sub(mul(B(n), B(ay), B(ay)), mul(B(2), B(ay), wy)), wyy)
			wy = new(big.Int).Sub(mul(B(n), B(ay)), wy)
		}
		fits := true
		for _, w := range []*big.Int{wx, wy, wxx, wyy, wxy} {
			fits = fits && w.IsInt64()
		}
		// reflectPair also refuses when n·a does not fit, even if n·a² − 2aΣx + Σx² would.
		if ok && !fits {
			t.Fatalf("accepted sums that do not fit: %+v -> %+v", p, got)
		}
		if !ok {
			return
		}
		want := itembank.PairSums{N: n, SumX: wx.Int64(), SumY: wy.Int64(), SumXX: wxx.Int64(), SumYY: wyy.Int64(), SumXY: wxy.Int64()}
		if got != want {
			t.Fatalf("reflectPair(%+v, %d, %d) = %+v, want %+v", p, ax, ay, got, want)
		}
	})
}

// TestHeywoodWarning: a theme whose one-factor fit is a Heywood case
// (x1 is the rounded mean of x2 and x3, which barely correlate, so the
// exact fit would need x1's communality above 1) says so in its warnings
// and still reports omega with the communality held at the bound; psych
// 2.2.9 itself warns of an ultra-Heywood case on these data (fa gives x1 a
// loading of 1.062), which is why such an omega is not compared with
// psych's digits (TestMinres). A theme that fits well has no such warning.
func TestHeywoodWarning(t *testing.T) {
	const bankYAML = `scales:
  five: {min: 1, max: 5}
items:
  - {id: x1, scale: five, theme: Heywood}
  - {id: x2, scale: five, theme: Heywood}
  - {id: x3, scale: five, theme: Heywood}
`
	// a, b over every pair of 1-5 and five with a = b; x1 = (a + b + 1) div 2.
	var data strings.Builder
	data.WriteString("x1,x2,x3\n")
	pairs := [][2]int{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}
	for a := 1; a <= 5; a++ {
		for b := 1; b <= 5; b++ {
			pairs = append(pairs, [2]int{a, b})
		}
	}
	for _, p := range pairs {
		fmt.Fprintf(&data, "%d,%d,%d\n", (p[0]+p[1]+1)/2, p[0], p[1])
	}
	bank, s := summaryOf(t, bankYAML, data.String())
	rel, err := Reliability(bank, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 1 || math.IsNaN(rel[0].OmegaTotal) {
		t.Fatalf("want one theme with an omega: %+v", rel)
	}
	want := `theme "Heywood": omega_total: the one-factor fit holds the communality of x1 at psych::fa's bound 0.995 (a Heywood case)`
	found := false
	for _, w := range rel[0].Warnings {
		found = found || strings.HasPrefix(w, want)
	}
	if !found {
		t.Errorf("warnings %q lack %q", rel[0].Warnings, want)
	}
	sb, ss := smallSummary(t)
	good, err := Reliability(sb, ss)
	if err != nil {
		t.Fatal(err)
	}
	for _, sr := range good {
		for _, w := range sr.Warnings {
			if strings.Contains(w, "Heywood") {
				t.Errorf("%s %q: unexpected %q", sr.Kind, sr.Name, w)
			}
		}
	}
}
