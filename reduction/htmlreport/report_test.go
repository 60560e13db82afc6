package htmlreport

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/xmlnode"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
	"github.com/itemreduce/itemreduce/reduction"
)

const testBank = `title: Test
scales:
  likert5: {min: 1, max: 5, missing: [9], labels: {1: "disagree", 5: "agree"}}
  grade10: {min: 1, max: 10}
items:
  - {id: B1, scale: likert5, theme: Second, text: "Second theme & first item <b>"}
  - {id: A1, scale: likert5, theme: First, text: "Item A1"}
  - {id: A2, scale: likert5, theme: First, reverse: true, text: "Item A2"}
  - {id: A3, scale: likert5, theme: First, text: "New this year"}
  - {id: G1, scale: grade10, theme: Second, text: "A grade"}
  - {id: N1, scale: likert5, text: "No theme"}
composites:
  both: [A1, A2, B1]
`

// The older wave did not ask A3.
const testPrevious = `B1,A1,A2,G1,N1
1,2,3,7,3
2,2,4,8,3
3,3,4,6,2
4,4,5,9,1
5,5,5,7.5,9
4,1,2,5,4
`

const testCurrent = `B1,A1,A2,A3,G1,N1
1,1,2,3,7,3
2,1,3,3,8,3
3,2,3,4,6,2
4,5,5,4,9,1
5,5,5,5,10,9
4,5,4,1,5,4
3,4,4,2,6,
`

func summary(t *testing.T, bank *itembank.Bank, csv string, d itembank.Detail) *itembank.Summary {
	t.Helper()
	r, err := files.LoadCSV(strings.NewReader(csv), "wave.csv", bank, files.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := itembank.Summarize(r, d)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testInput(t *testing.T) Input {
	t.Helper()
	bank, err := itembank.LoadBank(strings.NewReader(testBank), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	prev := summary(t, bank, testPrevious, itembank.ItemsOnly)
	cur := summary(t, bank, testCurrent, itembank.WithPairs)
	rep, err := reduction.NewReport(bank, prev, cur, reduction.DefaultConfig().Thresholds)
	if err != nil {
		t.Fatal(err)
	}
	reduction.ApplyGroups(rep.Result, reduction.ThemeRestR(rep.Reliability))
	return Input{Bank: bank, Report: rep, Previous: prev, Current: cur, PreviousLabel: "2016", CurrentLabel: "2017"}
}

func render(t *testing.T, in Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

type node = xmlnode.Node

var hasClass = xmlnode.HasClass

// svgs parses every SVG drawing of the page, by id.
func svgs(t *testing.T, page string) (map[string]node, []string) {
	t.Helper()
	out := map[string]node{}
	var order []string
	for rest := page; ; {
		i := strings.Index(rest, "<svg ")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i:], "</svg>")
		n, err := xmlnode.Parse([]byte(rest[i : i+j+6]))
		if err != nil {
			t.Fatalf("an SVG is not well-formed XML: %v", err)
		}
		out[n.Attr("id")] = n
		order = append(order, n.Attr("id"))
		rest = rest[i+j+6:]
	}
	return out, order
}

// The page loads nothing: every src, href and url( points inside it.
func TestPageSelfContained(t *testing.T) {
	selfContained(t, render(t, testInput(t)))
}

// selfContained fails when the page links to or loads anything outside
// itself.
func selfContained(t *testing.T, page string) {
	t.Helper()
	refs := regexp.MustCompile(`(?i)\b(src|href|xlink:href|action|poster|srcset)\s*=\s*["']?([^"'\s>]*)`).FindAllStringSubmatch(page, -1)
	if len(refs) == 0 {
		t.Fatal("no links at all: the table of contents is missing")
	}
	for _, m := range refs {
		if v := m[2]; !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:") {
			t.Errorf("%s=%q loads from elsewhere", m[1], v)
		}
	}
	for _, m := range regexp.MustCompile(`(?i)url\(\s*["']?([^"')]*)`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "#") && !strings.HasPrefix(m[1], "data:") {
			t.Errorf("url(%s) loads from elsewhere", m[1])
		}
	}
	for _, bad := range []string{"<link", "@import", "<iframe", "<object", "<embed"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("the page has %s", bad)
		}
	}
}

// One chart per item, in theme order (themes as they first appear, items
// without a theme last), each with its text alternative.
func TestOneChartPerItem(t *testing.T) {
	page := render(t, testInput(t))
	drawings, order := svgs(t, page)
	var charts []string
	for _, id := range order {
		if strings.HasPrefix(id, "chart-") {
			charts = append(charts, strings.TrimPrefix(id, "chart-"))
		}
	}
	if got, want := strings.Join(charts, " "), "B1 G1 A1 A2 A3 N1"; got != want {
		t.Errorf("charts %q, want %q", got, want)
	}
	for id, n := range drawings {
		if n.Attr("role") != "img" || len(n.Nodes) < 2 || n.Nodes[0].XMLName.Local != "title" || n.Nodes[1].XMLName.Local != "desc" || n.Nodes[0].Text == "" {
			t.Errorf("%s: no text alternative", id)
		}
	}
	if title := drawings["chart-B1"].Nodes[0].Text; title != "B1: Second theme & first item <b>" {
		t.Errorf("title %q", title)
	}
	if strings.Contains(page, "<b>") {
		t.Error("an item text is not escaped")
	}
}

// The bars are the counts of the summary: A1 in 2017 has 2, 1, 0, 1, 3
// answers at 1…5.
func TestBarsAreTheCounts(t *testing.T) {
	drawings, _ := svgs(t, render(t, testInput(t)))
	waves := drawings["chart-A1"].All(hasClass("wave"))
	if len(waves) != 2 || waves[1].Attr("data-wave") != "2017" {
		t.Fatalf("waves %+v", waves)
	}
	var counts []string
	var perAnswer []float64
	for _, s := range waves[1].All(hasClass("seg")) {
		counts = append(counts, s.Attr("data-point")+":"+s.Attr("data-count"))
		c, _ := strconv.ParseFloat(s.Attr("data-count"), 64)
		w, _ := strconv.ParseFloat(s.Attr("width"), 64)
		if c > 0 {
			perAnswer = append(perAnswer, w/c)
		}
	}
	if got := strings.Join(counts, " "); got != "2:0 1:1 0:2 3:1 4:3" {
		t.Errorf("segments %s", got)
	}
	for _, x := range perAnswer[1:] {
		if d := x - perAnswer[0]; d > 0.01 || d < -0.01 {
			t.Errorf("widths not proportional to counts: %v", perAnswer)
		}
	}
	// G1 is a grade: a histogram of 10 columns, 7.5 counted at 8.
	g := drawings["chart-G1"].All(hasClass("wave"))[0].All(hasClass("seg"))
	if len(g) != 10 || g[7].Attr("data-count") != "2" {
		t.Errorf("grade histogram: %d columns, at 8: %s", len(g), g[7].Attr("data-count"))
	}
}

// An item not asked in a wave shows "not asked", no bar and no mean; no
// undefined number reaches the page.
func TestNotAskedIsNoBar(t *testing.T) {
	page := render(t, testInput(t))
	drawings, _ := svgs(t, page)
	prev := drawings["chart-A3"].All(hasClass("wave"))[0]
	if segs := prev.All(hasClass("seg")); len(segs) != 0 {
		t.Errorf("not asked: %d segments", len(segs))
	}
	if notes := prev.All(hasClass("note")); len(notes) != 1 || notes[0].Text != English.NotAsked {
		t.Errorf("not asked: %+v", notes)
	}
	if means := prev.All(hasClass("mean")); len(means) != 0 {
		t.Error("not asked: a mean is drawn")
	}
	for _, bad := range []string{"NaN", "Inf"} {
		if strings.Contains(page, bad) {
			i := strings.Index(page, bad)
			t.Errorf("%s in the page: …%s…", bad, page[max(0, i-80):i+20])
		}
	}
}

// The heatmap has p × p cells in theme order, redundant pairs outlined.
func TestHeatmapCellsInThemeOrder(t *testing.T) {
	in := testInput(t)
	drawings, _ := svgs(t, render(t, in))
	h := drawings["heatmap"]
	rows := h.All(hasClass("row"))
	p := len(in.Bank.Items)
	if len(rows) != p {
		t.Fatalf("%d rows, want %d", len(rows), p)
	}
	for _, r := range rows {
		if len(r.Nodes) != p {
			t.Errorf("a row of %d cells, want %d", len(r.Nodes), p)
		}
	}
	pairs := 0
	for _, it := range in.Report.Items {
		pairs += len(it.Correlated)
	}
	if got := len(h.All(hasClass("pair"))); got != pairs || pairs == 0 {
		t.Errorf("%d outlined cells, want %d (each redundant pair twice)", got, pairs)
	}
	labels := h.All(hasClass("labels"))[0].Nodes
	if first := strings.TrimPrefix(labels[0].Text, "▲ "); first != "B1" {
		t.Errorf("first row %q, want B1 (theme order)", first)
	}
}

// With the review's decisions, the reliability after shows in the table.
func TestReliabilityAfter(t *testing.T) {
	in := testInput(t)
	in.After = []reduction.ReliabilityCost{{Kind: reduction.ThemeScale, Name: "First", ItemsBefore: 3, ItemsAfter: 2,
		AlphaBefore: 0.5, AlphaAfter: 0.61, OmegaBefore: 0.5, OmegaAfter: 0.62}}
	in.Final = map[string]reduction.Verdict{"A1": reduction.Keep, "A2": reduction.Drop}
	page := render(t, in)
	for _, want := range []string{English.AlphaAfter, ">0.61<", ">0.62<", `<td class="drop">drop</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	without := render(t, testInput(t))
	if strings.Contains(without, English.AlphaAfter) {
		t.Error("after columns without a review")
	}
}

// TestHeatmapNamesItsMethod checks that the heatmap's words name the
// correlation it shows, the redundancy rule's, in both languages.
func TestHeatmapNamesItsMethod(t *testing.T) {
	for _, c := range []struct {
		w      *Words
		method string
		want   string
	}{
		{&English, "", "Pearson's r of every pair"},
		{&English, reduction.MethodPearson, "Pearson's r of every pair"},
		{&English, reduction.MethodSpearman, "Spearman's rank correlation of every pair"},
		{&English, reduction.MethodPolychoric, "The polychoric correlation of every pair"},
		{&Dutch, reduction.MethodSpearman, "De rangcorrelatie van Spearman van elk paar"},
		{&Dutch, reduction.MethodPolychoric, "De polychorische correlatie van elk paar"},
	} {
		if got := heatmapIntro(c.w, c.method); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s, method %q: %q, want it to start with %q", c.w.Lang, c.method, got, c.want)
		}
	}
	if page := render(t, testInput(t)); !strings.Contains(page, "Pearson&#39;s r of every pair") && !strings.Contains(page, "Pearson's r of every pair") {
		t.Error("the page does not name Pearson's r above its heatmap")
	}
}
