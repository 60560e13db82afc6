package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// shortenJSON is what the tests read of shorten --format json.
type shortenJSON struct {
	Length           int     `json:"length"`
	Information      float64 `json:"information"`
	Bound            float64 `json:"bound"`
	ConstrainedBound float64 `json:"constrained_bound"`
	Gap              float64 `json:"gap"`
	Items            []struct {
		ID     string `json:"id"`
		Forced string `json:"forced"`
	} `json:"items"`
	Themes []struct {
		Kind       string   `json:"kind"`
		Name       string   `json:"name"`
		ItemsAfter int      `json:"items_after"`
		AlphaAfter *float64 `json:"alpha_after"`
		OmegaAfter *float64 `json:"omega_after"`
	} `json:"themes"`
	Binding []struct {
		Constraint string `json:"constraint"`
	} `json:"binding"`
	Curve []struct {
		Length      int      `json:"length"`
		Information *float64 `json:"information"`
	} `json:"curve"`
}

// reportPage runs report on the example with extra options and returns
// the page, in English (--lang en) so that it says what shorten says.
func reportPage(t *testing.T, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.html")
	args := append(append([]string{"report", "--bank", exampleBank, "--previous", example2016, "--current", example2017, "--lang", "en"}, extra...), "-o", out)
	if r := runRoot(t, args...); r.code != 0 {
		t.Fatalf("itemreduce %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

func shortenReport(t *testing.T, extra ...string) shortenJSON {
	t.Helper()
	args := append([]string{"shorten", "--bank", exampleBank, "--previous", example2016, "--current", example2017, "--format", "json"}, extra...)
	r := runRoot(t, args...)
	if r.code != 0 {
		t.Fatalf("itemreduce %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	var j shortenJSON
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
		t.Fatal(err)
	}
	return j
}

// pageFigure reads a figure of the page's short form at full precision;
// ok is false when the page does not show it.
func pageFigure(t *testing.T, page, key string) (float64, bool) {
	t.Helper()
	m := regexp.MustCompile(`<tr data-key="` + key + `"><th>[^<]*</th><td class="num" data-v="([^"]*)">`).FindStringSubmatch(page)
	if m == nil {
		return 0, false
	}
	x, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return x, true
}

// TestReportShortFormIsShorten: the page's short form is the form that
// shorten --format json reports for the same data and constraints: the
// same I, bounds and gap to the last digit, the same items and the same
// themes after; the constraints apply the same way in both.
func TestReportShortFormIsShorten(t *testing.T) {
	for name, constraints := range map[string][]string{
		"none":        nil,
		"constrained": {"--review", "examples/wijkteams/review.yaml", "--min-per-theme", "10", "--drop", "SA01,SA02", "--exclude-ticks", "3"},
	} {
		t.Run(name, func(t *testing.T) {
			want := shortenReport(t, append([]string{"--length", "73"}, constraints...)...)
			page := reportPage(t, append([]string{"--length", "73"}, constraints...)...)
			for key, v := range map[string]float64{"length": float64(want.Length), "information": want.Information, "bound": want.Bound, "gap": want.Gap} {
				if got, ok := pageFigure(t, page, key); !ok || got != v {
					t.Errorf("%s: page %v (shown %v), shorten %v", key, got, ok, v)
				}
			}
			got, shown := pageFigure(t, page, "constrained_bound")
			if differs := want.ConstrainedBound < want.Bound-5e-5; differs != shown || shown && got != want.ConstrainedBound {
				t.Errorf("constrained bound: page %v (shown %v), shorten %v (bound %v)", got, shown, want.ConstrainedBound, want.Bound)
			}
			var wantIDs, gotIDs []string
			for _, it := range want.Items {
				wantIDs = append(wantIDs, it.ID)
				why := it.Forced
				if why == "" {
					why = "chosen"
				}
				if !regexp.MustCompile(`<tr data-item="` + it.ID + `">.*<td>` + regexp.QuoteMeta(why) + `</td></tr>`).MatchString(page) {
					t.Errorf("%s: not kept because %q", it.ID, why)
				}
			}
			for _, m := range regexp.MustCompile(`<tr data-item="([^"]+)">`).FindAllStringSubmatch(page, -1) {
				gotIDs = append(gotIDs, m[1])
			}
			if name == "constrained" && (strings.Contains(page, `<tr data-item="SA01">`) || !strings.Contains(page, "the review decides keep")) {
				t.Error("the constraints did not apply: SA01 kept, or no item kept by the review")
			}
			sort.Strings(wantIDs)
			sort.Strings(gotIDs)
			if strings.Join(gotIDs, " ") != strings.Join(wantIDs, " ") {
				t.Errorf("kept items differ:\npage    %v\nshorten %v", gotIDs, wantIDs)
			}
			for _, th := range want.Themes {
				row := regexp.MustCompile(`<tr data-kind="` + th.Kind + `" data-name="` + regexp.QuoteMeta(th.Name) + `">.*</tr>`).FindString(page)
				cells := regexp.MustCompile(`<td class="num"(?: data-v="([^"]*)")?>([^<]*)</td>`).FindAllStringSubmatch(row, -1)
				if len(cells) != 6 {
					t.Errorf("%s %s: row %q", th.Kind, th.Name, row)
					continue
				}
				if cells[1][2] != strconv.Itoa(th.ItemsAfter) {
					t.Errorf("%s: %s items after, shorten %d", th.Name, cells[1][2], th.ItemsAfter)
				}
				// shorten's JSON gives the coefficients to 3 decimals.
				for k, v := range map[int]*float64{3: th.AlphaAfter, 5: th.OmegaAfter} {
					x, err := strconv.ParseFloat(cells[k][1], 64)
					if v == nil && cells[k][1] != "" || v != nil && (err != nil || math.Round(x*1000)/1000 != *v) {
						t.Errorf("%s: page %q, shorten %s", th.Name, cells[k][1], fmtPtr(v))
					}
				}
			}
			if n := strings.Count(page[strings.Index(page, `id="short-binding"`):], "<tr><td>"); len(want.Binding) > 0 && n < len(want.Binding) {
				t.Errorf("%d binding constraints on the page, shorten has %d", n, len(want.Binding))
			}
		})
	}
}

// TestReportCurveIsShorten: the curve's points are shorten's curve, the
// form's length added and marked.
func TestReportCurveIsShorten(t *testing.T) {
	want := shortenReport(t, "--length", "40:100:30")
	page := reportPage(t, "--length", "73", "--length", "40:100:30")
	i := strings.Index(page, `<svg xmlns="http://www.w3.org/2000/svg" id="short-curve"`)
	if i < 0 {
		t.Fatal("no curve")
	}
	curve := page[i : i+strings.Index(page[i:], "</svg>")]
	series := curve[strings.Index(curve, `data-name="I of the form found"`):]
	series = series[:strings.Index(series, "</g>")]
	points := regexp.MustCompile(`data-x="(\d+)" data-y="([^"]+)"`).FindAllStringSubmatch(series, -1)
	got := map[string]string{}
	var order []string
	for _, p := range points {
		got[p[1]] = p[2]
		order = append(order, p[1])
	}
	if strings.Join(order, " ") != "40 70 73 100" {
		t.Errorf("points at %v, want 40 70 73 100", order)
	}
	for _, pt := range want.Curve {
		if g := got[strconv.Itoa(pt.Length)]; pt.Information == nil || g != strconv.FormatFloat(*pt.Information, 'g', -1, 64) {
			t.Errorf("length %d: page %s, shorten %v", pt.Length, g, pt.Information)
		}
	}
	form, _ := pageFigure(t, page, "information")
	if y, _ := strconv.ParseFloat(got["73"], 64); math.Abs(y-form) > 1e-12 {
		t.Errorf("the curve at 73 is %v, the form %v", y, form)
	}
	if !strings.Contains(curve, `class="mark" data-x="73"`) || !strings.Contains(page, `<tr data-length="73" class="marked">`) {
		t.Error("the form's length is not marked")
	}
	// The page still loads nothing from elsewhere.
	for _, m := range regexp.MustCompile(`(?i)\b(src|href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[2], "#") && !strings.HasPrefix(m[2], "data:") {
			t.Errorf("%s=%q loads from elsewhere", m[1], m[2])
		}
	}
}

// Options of the short form without --length, or lengths given twice,
// are usage errors that say what to do.
func TestReportShortenErrors(t *testing.T) {
	base := []string{"report", "--bank", exampleBank, "--previous", example2016, "--current", example2017, "-o", filepath.Join(t.TempDir(), "r.html")}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--keep", "SA01"}, "--keep is a constraint on the short form: give --length"},
		{[]string{"--exact"}, "--exact is a constraint on the short form"},
		{[]string{"--length", "73", "--length", "60"}, "at most one number of items"},
		{[]string{"--length", "40:60:5,50:70:5"}, "at most one FROM:TO:STEP"},
		{[]string{"--length", "zero"}, "give a number of items"},
		{[]string{"--length", "73", "--min-per-theme", "-1"}, "0 or more"},
		{[]string{"--length", "73", "--keep", "NOPE"}, "NOPE"},
	} {
		r := runRoot(t, append(append([]string{}, base...), c.args...)...)
		if r.code == 0 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestReportPairedWaveTests: with --id-column the page's wave test lines
// name the paired test in words with the people linked, as flag's JSON
// reports them (sai, linked by participant).
func TestReportPairedWaveTests(t *testing.T) {
	dir := t.TempDir()
	data := saiLinked(t, dir)
	tests, _ := linkedFlag(t, data)
	out := filepath.Join(dir, "report.html")
	r := runRoot(t, "report", "--bank", filepath.Join(repoRoot, "reduction/testdata/wavetest/sai-bank.yaml"), "--data", data,
		"--wave-column", "time", "--previous-wave", "1", "--current-wave", "2", "--id-column", "participant", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, _ := os.ReadFile(out)
	page := string(b)
	lines := regexp.MustCompile(`(?s)<figure class="item" id="item-([^"]+)">.*?<p class="test">([^<]*)</p>`).FindAllStringSubmatch(page, -1)
	if len(lines) != len(tests) || len(lines) == 0 {
		t.Fatalf("%d wave test lines, flag tested %d items", len(lines), len(tests))
	}
	for _, l := range lines {
		wt := tests[l[1]]
		if wt.Test != "wilcoxon_signed_rank" || wt.NLinked == nil {
			t.Fatalf("%s: flag ran %s", l[1], wt.Test)
		}
		if want := "wave test: Wilcoxon signed-rank, paired, " + strconv.FormatInt(*wt.NLinked, 10) + " linked, p "; !strings.HasPrefix(l[2], want) {
			t.Errorf("%s: %q, want it to start %q", l[1], l[2], want)
		}
		if strings.Contains(l[2], "wilcoxon_signed_rank") || strings.Contains(l[2], "matched_rank_biserial") {
			t.Errorf("%s: a code in %q", l[1], l[2])
		}
	}
	if strings.Contains(page[strings.Index(page, "<main>"):], "wilcoxon_signed_rank") {
		t.Error("a test's code on the page")
	}
}

func fmtPtr(v *float64) string {
	if v == nil {
		return "null"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}
