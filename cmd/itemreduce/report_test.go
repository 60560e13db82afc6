package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var reportArgs = []string{"report", "--bank", "examples/wijkteams/bank.yaml",
	"--previous", "examples/wijkteams/responses-2016.csv", "--current", "examples/wijkteams/responses-2017.csv"}

// runHere runs itemreduce as runCLI does, from the repository root that
// the test has moved to with t.Chdir("../..") once.
func runHere(args ...string) result {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"itemreduce"}, args...), strings.NewReader(""), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// writeReport runs report on the example into dir and returns the page;
// the test must be at the repository root (t.Chdir("../..")).
func writeReport(t *testing.T, dir string, extra ...string) (string, string) {
	t.Helper()
	out := filepath.Join(dir, "report.html")
	r := runHere(append(append(append([]string{}, reportArgs...), extra...), "-o", out)...)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return out, string(page)
}

func TestReportExample(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	// The example's bank says language: nl; --lang en asks for English.
	out, page := writeReport(t, dir, "--review", "examples/wijkteams/review.yaml")
	if n := strings.Count(page, `<svg xmlns="http://www.w3.org/2000/svg" id="chart-`); n != 149 {
		t.Errorf("%d item charts, want 149", n)
	}
	for _, want := range []string{`<html lang="nl">`, "<title>Screeningsrapport: ", `id="heatmap"`, `id="reliability-chart"`, "alfa na",
		`<td class="drop">geschrapt</td>`, `id="contents"`, ">plafond<"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// Written again over itself in the other language: recognised as a
	// page of report.
	_, english := writeReport(t, dir, "--review", "examples/wijkteams/review.yaml", "--lang", "EN")
	for _, want := range []string{`<html lang="en">`, "<title>Screening report: ", "alpha after", `<td class="drop">drop</td>`, ">ceiling<"} {
		if !strings.Contains(english, want) {
			t.Errorf("the page with --lang en lacks %s", want)
		}
	}
	if _, again := writeReport(t, dir, "--lang", "nl"); strings.Contains(again, "alfa na") || !strings.Contains(again, `<html lang="nl">`) {
		t.Error("the third run, in Dutch without --review, is not Dutch or still shows the figures after")
	}
	if r := runHere(append(reportArgs, "--lang", "fries", "-o", out)...); r.code != 2 || !strings.Contains(r.stderr, "--lang fries: write nl (Nederlands) or en (English)") {
		t.Errorf("--lang fries: exit %d, %s", r.code, r.stderr)
	}
	// A file report did not write is not replaced.
	if err := os.WriteFile(out, []byte("<!DOCTYPE html><title>my notes</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runHere(append(reportArgs, "-o", out)...); r.code == 0 {
		t.Error("replaced a page it did not write")
	}
	if r := runHere(append(reportArgs, "-o", filepath.Join(dir, "report.csv"))...); r.code != 2 || !strings.Contains(r.stderr, ".html") {
		t.Errorf("-o report.csv: exit %d, %s", r.code, r.stderr)
	}
}

// chromium returns the path of Chromium, or skips the test without it
// (fails with REQUIRE_CHROMIUM=1).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("REQUIRE_CHROMIUM") == "1" {
		t.Fatal("REQUIRE_CHROMIUM=1 but Chromium is not installed")
	}
	t.Skip("Chromium is not installed: the page is not checked in a browser")
	return ""
}

// headless runs Chromium without a window on the page with the options
// given and returns its standard output.
func headless(t *testing.T, browser, page string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=10000"}, args...)
	cmd := exec.CommandContext(ctx, browser, append(args, "file://"+page)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	return stdout.String()
}

// TestReportInChromium opens the example's page, with the short form
// and its curve, in Chromium in both languages: the screenshot is not
// blank, the script ran, and every chart is there.
func TestReportInChromium(t *testing.T) {
	browser := chromium(t)
	t.Chdir("../..")
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) { reportInChromium(t, browser, lang) })
	}
}

func reportInChromium(t *testing.T, browser, lang string) {
	out, _ := writeReport(t, t.TempDir(), "--review", "examples/wijkteams/review.yaml", "--length", "73", "--length", "40:100:5", "--lang", lang)
	shot := filepath.Join(t.TempDir(), "shot.png")
	headless(t, browser, out, "--screenshot="+shot, "--window-size=1280,2000")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	ink, colour := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
			if max(r, g, bl)-min(r, g, bl) > 0x3000 {
				colour++
			}
		}
	}
	total := b.Dx() * b.Dy()
	// Text and bars cover a few percent of the first screen; coloured
	// bars some of it.
	if ink < total/50 || colour < total/500 {
		t.Errorf("screenshot nearly blank: %d of %d pixels not white, %d coloured", ink, total, colour)
	}
	dom := headless(t, browser, out, "--dump-dom")
	if !strings.Contains(dom, `data-script="ready"`) {
		t.Error("the page's script did not run")
	}
	if n := len(regexp.MustCompile(`<svg[^>]* id="chart-`).FindAllString(dom, -1)); n != 149 {
		t.Errorf("%d item charts in the browser, want 149", n)
	}
	for _, want := range []string{`id="heatmap"`, `id="item-table"`, `id="contents"`, `id="reliability-chart"`, `<html lang="` + lang + `"`,
		`id="short-form"`, `id="short-facts"`, `id="short-reliability-chart"`, `id="short-items"`, `id="short-curve"`, `class="mark" data-x="73"`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the browser's page lacks %s", want)
		}
	}
	// The curve's 13 lengths and the form's own 73, for I and the bound.
	if n := strings.Count(dom[strings.Index(dom, `id="short-curve"`):], `class="point"`); n < 2*14 {
		t.Errorf("%d points on the curve in the browser, want at least 28", n)
	}
}

// TestReportTableScript sorts the item table by n and filters it, in
// Chromium, through the page's own script: a copy of the page clicks the
// heading and types into the filter.
func TestReportTableScript(t *testing.T) {
	browser := chromium(t)
	t.Chdir("../..")
	out, page := writeReport(t, t.TempDir())
	const act = `<script>
var th = document.querySelectorAll("#item-table th")[4]; th.click(); th.click();
var f = document.getElementById("filter"); f.value = "TB0"; f.dispatchEvent(new Event("input"));
</script></body>`
	acted := filepath.Join(filepath.Dir(out), "acted.html")
	if err := os.WriteFile(acted, []byte(strings.Replace(page, "</body>", act, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := headless(t, browser, acted, "--dump-dom")
	body := dom[strings.Index(dom, `<table id="item-table">`):]
	body = body[:strings.Index(body, "</table>")]
	rows := regexp.MustCompile(`<tr( hidden="")?><td><a href="#item-([A-Z0-9]+)">[^<]*</a></td><td>[^<]*</td><td class="text">[^<]*</td><td>[^<]*</td><td class="num" data-v="(\d*)".*?</tr>`).FindAllStringSubmatch(body, -1)
	tags := regexp.MustCompile(`<[^>]*>`)
	if len(rows) != 149 {
		t.Fatalf("%d rows read back", len(rows))
	}
	shown := 0
	last := 1 << 30
	for _, r := range rows {
		n := 0
		for _, c := range r[3] {
			n = n*10 + int(c-'0')
		}
		if n > last {
			t.Errorf("not sorted by n descending: %s (%d) after %d", r[2], n, last)
		}
		last = n
		visible := r[1] == ""
		// The filter matches any cell: TW items name a TB item as their
		// representative.
		if want := strings.Contains(strings.ToLower(tags.ReplaceAllString(r[0], "")), "tb0"); visible != want {
			t.Errorf("%s: shown %v with the filter TB0, want %v", r[2], visible, want)
		}
		if visible {
			shown++
		}
	}
	if !strings.Contains(dom, `<span id="shown">`+strconv.Itoa(shown)+`</span>`) || shown == 0 {
		t.Errorf("the count of rows shown is not %d", shown)
	}
	if !strings.Contains(body, `aria-sort="descending"`) {
		t.Error("the sorted heading does not say so")
	}
}

// TestAuditCostChart: with --current the HTML audit draws what the
// decision costs, one row per theme and composite, and stays
// self-contained; without it, no chart.
func TestAuditCostChart(t *testing.T) {
	dir := t.TempDir()
	audit := filepath.Join(dir, "audit.html")
	args := append(append([]string{}, decideArgs...), "--combine", "at-least:3",
		"--current", "examples/wijkteams/responses-2017.csv", "--out", filepath.Join(dir, "next.yaml"), "--audit", audit)
	if r := runRoot(t, args...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(audit)
	page := string(data)
	i := strings.Index(page, `<svg xmlns="http://www.w3.org/2000/svg" id="cost-chart"`)
	if i < 0 {
		t.Fatal("no cost chart in the audit")
	}
	chart := page[i : i+strings.Index(page[i:], "</svg>")]
	// Six themes and two composites in the example's bank.
	if n := strings.Count(chart, `class="scale-row"`); n != 8 {
		t.Errorf("%d rows, want 8", n)
	}
	if strings.Contains(chart, "NaN") {
		t.Error("NaN in the chart")
	}
	for _, m := range regexp.MustCompile(`(?i)\b(src|href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[2], "#") && !strings.HasPrefix(m[2], "data:") {
			t.Errorf("%s=%q loads from elsewhere", m[1], m[2])
		}
	}
	example, _ := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/audit-2018.html"))
	if strings.Contains(string(example), "cost-chart") {
		t.Error("a chart in the audit made without --current")
	}
}

// TestReportShortFormInDutch: on the example's Dutch page, the short
// form's constraints, exchanges and reasons, which the shortener writes in
// English, are said in Dutch; --lang en keeps the shortener's words.
func TestReportShortFormInDutch(t *testing.T) {
	t.Chdir("../..")
	args := []string{"--review", "examples/wijkteams/review.yaml", "--length", "73", "--min-per-theme", "12", "--exclude-ticks", "4", "--drop", "SA05"}
	_, page := writeReport(t, t.TempDir(), args...)
	_, english := writeReport(t, t.TempDir(), append(args, "--lang", "en")...)
	short := func(page string) string {
		i := strings.Index(page, `<section id="short-form">`)
		if i < 0 {
			t.Fatal("no short form section")
		}
		return page[i : i+strings.Index(page[i:], "</section>")]
	}
	nl, en := short(page), short(english)
	for _, want := range []string{"SA05 weglaten (--drop)", "(het beoordelingsbestand zegt behouden, regel ", "weglaten (het beoordelingsbestand zegt schrappen, regel ",
		" vinkjes, --exclude-ticks 4)", "minstens 12 items van het thema ", " eruit, ", " erin<"} {
		if !strings.Contains(nl, want) {
			t.Errorf("the Dutch short form lacks %q", want)
		}
	}
	for _, english := range []string{"the review decides", " out, ", " in<", ">keep ", ">leave out ", "at least ", " ticks, "} {
		if strings.Contains(nl, english) {
			t.Errorf("the Dutch short form says %q", english)
		}
		if english != " ticks, " && !strings.Contains(en, english) {
			t.Errorf("the English short form lacks %q", english)
		}
	}
}
