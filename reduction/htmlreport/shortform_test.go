package htmlreport

import (
	"html"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/reduction"
)

// shortInput is testInput with the short form of n items and the curve
// over lengths, A1 forced in.
func shortInput(t *testing.T, n int, lengths []int) (Input, *reduction.ShortForm) {
	t.Helper()
	in := testInput(t)
	sh, err := reduction.NewShortener(in.Bank, in.Current, reduction.ShortenOptions{Keep: []string{"A1"}})
	if err != nil {
		t.Fatal(err)
	}
	s := &Shorten{Shortener: sh, Curve: sh.Curve(lengths)}
	if n > 0 {
		if s.Form, err = sh.Form(n, false); err != nil {
			t.Fatal(err)
		}
	}
	in.Short = s
	return in, s.Form
}

// section returns the page's short form section, "" without one.
func section(page string) string {
	i := strings.Index(page, `<section id="short-form">`)
	if i < 0 {
		return ""
	}
	return page[i : i+strings.Index(page[i:], "</section>")]
}

// dataV reads the full-precision value of the figure called key.
func dataV(t *testing.T, sec, key string) float64 {
	t.Helper()
	m := regexp.MustCompile(`<tr data-key="` + key + `"><th>[^<]*</th><td class="num" data-v="([^"]*)">`).FindStringSubmatch(sec)
	if m == nil {
		t.Fatalf("no figure %s", key)
	}
	x, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return x
}

// The section shows the form's own figures at full precision, every kept
// item once under its theme with why it is kept, and the themes before
// and after; the table of contents links to it.
func TestShortFormSection(t *testing.T) {
	in, form := shortInput(t, 3, []int{2, 3, 4})
	page := render(t, in)
	sec := section(page)
	if sec == "" {
		t.Fatal("no short form section")
	}
	if !strings.Contains(page, `<li><a href="#short-form">`+English.Short.Section+`</a></li>`) {
		t.Error("the contents do not link to the section")
	}
	for key, want := range map[string]float64{"information": form.Information, "bound": form.Bound, "gap": form.Gap()} {
		if got := dataV(t, sec, key); got != want {
			t.Errorf("%s %v, want %v", key, got, want)
		}
	}
	if got := dataV(t, sec, "length"); got != 3 {
		t.Errorf("length %v", got)
	}
	var want, got []string
	for _, it := range form.Items {
		want = append(want, it.ID)
	}
	for _, m := range regexp.MustCompile(`<tr data-item="([^"]+)">`).FindAllStringSubmatch(sec, -1) {
		got = append(got, m[1])
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") || len(got) != 3 {
		t.Errorf("kept items %v, want %v", got, want)
	}
	if !regexp.MustCompile(`<tr data-item="A1">.*<td>--keep</td></tr>`).MatchString(sec) {
		t.Error("A1 does not say it was kept by --keep")
	}
	// One row per theme and composite of the form, alpha after at full
	// precision (undefined: empty).
	for _, c := range form.Themes {
		row := regexp.MustCompile(`<tr data-kind="` + string(c.Kind) + `" data-name="` + regexp.QuoteMeta(c.Name) + `">.*</tr>`).FindString(sec)
		if row == "" {
			t.Errorf("no row for %s %s", c.Kind, c.Name)
			continue
		}
		if v := full(c.AlphaAfter); !strings.Contains(row, `data-v="`+v+`"`) {
			t.Errorf("%s: alpha after %s not in %s", c.Name, v, row)
		}
	}
	if !strings.Contains(sec, `id="short-reliability-chart"`) {
		t.Error("no reliability chart of the form")
	}
	if bad := regexp.MustCompile(`\b(NaN|[-+]?Inf)\b`).FindString(sec); bad != "" {
		t.Errorf("%s in the section", bad)
	}
	if section(render(t, testInput(t))) != "" {
		t.Error("a short form section without one asked for")
	}
	bad := testInput(t)
	bad.Short = &Shorten{Shortener: in.Short.Shortener}
	if err := Write(io.Discard, bad); err == nil {
		t.Error("a section without a form or a curve: no error")
	}
}

// The curve is a line chart with a point per length and series, the
// form's length marked and its row of the table marked too.
func TestShortFormCurve(t *testing.T) {
	in, form := shortInput(t, 3, []int{3, 4, 5})
	drawings, _ := svgs(t, render(t, in))
	c, ok := drawings["short-curve"]
	if !ok {
		t.Fatal("no curve")
	}
	var info []node
	for _, s := range c.All(hasClass("series")) {
		if s.Attr("data-name") == English.Short.SeriesI {
			info = s.All(hasClass("point"))
		}
	}
	if len(info) != 3 {
		t.Fatalf("%d points of I, want 3", len(info))
	}
	for k, pt := range in.Short.Curve {
		y, _ := strconv.ParseFloat(info[k].Attr("data-y"), 64)
		if info[k].Attr("data-x") != strconv.Itoa(pt.Length) || y != pt.Information {
			t.Errorf("point %d: %s, %v; want %d, %v", k, info[k].Attr("data-x"), y, pt.Length, pt.Information)
		}
	}
	marks := c.All(hasClass("mark"))
	if len(marks) != 1 || marks[0].Attr("data-x") != "3" {
		t.Errorf("marks %+v, want one at 3", marks)
	}
	sec := section(render(t, in))
	if !strings.Contains(sec, `<tr data-length="3" class="marked">`) || strings.Count(sec, `class="marked"`) != 1 {
		t.Error("the form's row of the curve is not the one marked")
	}
	if got := form.Information; math.Abs(got-in.Short.Curve[0].Information) > 1e-12 {
		t.Errorf("the curve at 3 (%v) is not the form (%v)", in.Short.Curve[0].Information, got)
	}
}

// A curve alone: no figures of a form, no mark; a length the constraints
// cannot meet says so in the table and has no point.
func TestShortFormCurveOnly(t *testing.T) {
	in, _ := shortInput(t, 0, []int{1, 2, 3})
	page := render(t, in)
	sec := section(page)
	if strings.Contains(sec, `id="short-facts"`) || strings.Contains(sec, `id="short-items"`) {
		t.Error("figures of a form without one")
	}
	drawings, _ := svgs(t, page)
	if len(drawings["short-curve"].All(hasClass("mark"))) != 0 {
		t.Error("a mark without a form")
	}
	// A1 is forced in, and its composite (A1, A2, B1) is kept whole or
	// not at all: 1 and 2 items cannot hold it.
	if in.Short.Curve[0].Err == nil {
		t.Fatalf("length 1 is feasible; the test needs an infeasible length")
	}
	if !strings.Contains(sec, "<td>"+html.EscapeString(in.Short.Curve[0].Err.Error())+"</td>") {
		t.Error("the infeasible length does not say why")
	}
	var points int
	for _, s := range drawings["short-curve"].All(hasClass("series")) {
		if s.Attr("data-name") == English.Short.SeriesI {
			points = len(s.All(hasClass("point")))
		}
	}
	want := 0
	for _, pt := range in.Short.Curve {
		if pt.Err == nil {
			want++
		}
	}
	if points != want {
		t.Errorf("%d points of I, want %d (none where infeasible)", points, want)
	}
}

// With the short form, the page still loads nothing from elsewhere.
func TestShortFormSelfContained(t *testing.T) {
	in, _ := shortInput(t, 3, []int{3, 4})
	selfContained(t, render(t, in))
}

// The wave test line names the test in words, and a paired one says so
// with the people linked; the caveat names it in words too.
func TestWaveTestInWords(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		wt        reduction.WaveTest
		want, not []string
	}{
		{reduction.WaveTest{Test: reduction.MannWhitneyTest, P: 0.01, PHolm: 0.2, Effect: reduction.Effect{Name: reduction.RankBiserial, Value: 0.3}, NPrevious: 40, NCurrent: 50},
			[]string{"wave test: Mann-Whitney U, p 0.010", "effect rank-biserial r 0.30"}, []string{"mann_whitney", "paired", "linked"}},
		{reduction.WaveTest{Test: reduction.WelchTest, P: 0.5, PHolm: 1, Effect: reduction.Effect{Name: reduction.CohensD, Value: -0.1}},
			[]string{"wave test: Welch's t, p 0.500", "Cohen's d -0.10"}, []string{"welch_t", "paired"}},
		{reduction.WaveTest{Test: reduction.SignedRankTest, P: 0.0001, PHolm: 0.002, Effect: reduction.Effect{Name: reduction.MatchedRankBiserial, Value: 0.4}, NLinked: 42},
			[]string{"wave test: Wilcoxon signed-rank, paired, 42 linked, p < 0.001", "matched-pairs rank-biserial r 0.40"}, []string{"wilcoxon_signed_rank", "matched_rank"}},
		{reduction.WaveTest{Test: reduction.PairedTTest, P: nan, PHolm: nan, Effect: reduction.Effect{Name: reduction.CohensDz, Value: nan}, NLinked: 1,
			Warning: "paired_t undefined: fewer than 2 linked respondents answered it in both waves"},
			[]string{"Student's t, paired, 1 linked, p n/a", "Cohen's d_z n/a", "(Student's t undefined: fewer than 2"}, []string{"paired_t", "cohens_dz"}},
	} {
		got := testText(&c.wt, &English)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q lacks %q", got, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%q says %q", got, w)
			}
		}
	}
	if got := English.Tests.inWords("item A1: welch_t undefined; item B2: mann_whitney on 3 answers"); got != "item A1: Welch's t undefined; item B2: Mann-Whitney U on 3 answers" {
		t.Errorf("warnings in words: %q", got)
	}
}
