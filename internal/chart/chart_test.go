package chart

import (
	"bytes"
	"encoding/base64"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/svg"
	"github.com/itemreduce/itemreduce/internal/xmlnode"
)

type node = xmlnode.Node

func parse(t *testing.T, b []byte) node {
	t.Helper()
	n, err := xmlnode.Parse(b)
	if err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
	return n
}

var class = xmlnode.HasClass

func num(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("attribute %q: %v", s, err)
	}
	return x
}

// noNaN fails when any attribute of the drawing says NaN or Inf.
func noNaN(t *testing.T, n node) {
	t.Helper()
	for _, e := range n.All(func(node) bool { return true }) {
		for _, a := range e.Attrs {
			if strings.Contains(a.Value, "NaN") || strings.Contains(a.Value, "Inf") {
				t.Errorf("<%s %s=%q>", e.XMLName.Local, a.Name.Local, a.Value)
			}
		}
	}
}

func likert(waves ...Wave) Item {
	return Item{ID: "Q1", Min: 1, Max: 5, Diverging: true, Waves: waves, Title: "Q1", Desc: "answers",
		Marks: []Mark{{Name: "ceiling", Evidence: "mean 4.3 > 4.2 (n 20)", Colour: svg.Orange}}}
}

// Each segment's width is its count times one width per answer, the same
// within a wave: the bar is the wave's answers, part by part.
func TestDistributionWidthsProportional(t *testing.T) {
	waves := []Wave{
		{Label: "2016", Counts: []int64{1, 2, 3, 4, 10}, Mean: 4, Lo: 3.5, Hi: 4.5},
		{Label: "2017", Counts: []int64{0, 5, 7, 2, 1}, Mean: 2.9, Lo: 2.5, Hi: 3.3},
	}
	out, err := Distribution("c", likert(waves...), svg.Diverging(5))
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	noNaN(t, root)
	rows := root.All(class("wave"))
	if len(rows) != 2 {
		t.Fatalf("%d wave rows, want 2", len(rows))
	}
	for wi, row := range rows {
		segs := row.All(class("seg"))
		if len(segs) != 5 {
			t.Fatalf("wave %d: %d segments, want 5", wi, len(segs))
		}
		n := float64(total(waves[wi].Counts))
		var left, right float64 = math.Inf(1), math.Inf(-1)
		for _, s := range segs {
			c := num(t, s.Attr("data-count"))
			w := num(t, s.Attr("width"))
			if want := c / n * barWidth / 2; math.Abs(w-want) > 0.011 {
				t.Errorf("wave %d point %s: width %v for %v of %v answers, want %v", wi, s.Attr("data-point"), w, c, n, want)
			}
			x := num(t, s.Attr("x"))
			left, right = math.Min(left, x), math.Max(right, x+w)
		}
		// The segments tile the bar without gaps: its length is all answers.
		if got, want := right-left, float64(barWidth)/2; math.Abs(got-want) > 0.05 {
			t.Errorf("wave %d: bar %v long, want %v", wi, got, want)
		}
	}
	// Low points left of the centre line, high points right of it.
	centre := float64(barLeft + barWidth/2)
	segs := rows[0].All(class("seg"))
	for _, s := range segs {
		p, x, w := s.Attr("data-point"), num(t, s.Attr("x")), num(t, s.Attr("width"))
		switch {
		case p < "2" && x+w > centre+0.01, p > "2" && x < centre-0.01:
			t.Errorf("point %s at %v…%v, centre %v", p, x, x+w, centre)
		case p == "2" && math.Abs(x+w/2-centre) > 0.01:
			t.Errorf("middle point not centred: %v…%v", x, x+w)
		}
	}
	if marks := root.All(class("mark")); len(marks) != 1 || marks[0].Nodes[0].Text != "mean 4.3 > 4.2 (n 20)" {
		t.Errorf("marks with evidence on hover: %+v", marks)
	}
}

// A wave without answers shows its note, never a zero bar, and an
// undefined mean draws no dot.
func TestDistributionNotAsked(t *testing.T) {
	nan := math.NaN()
	out, err := Distribution("c", likert(
		Wave{Label: "2016", Note: "not asked", Mean: nan, Lo: nan, Hi: nan},
		Wave{Label: "2017", Counts: []int64{0, 0, 1, 0, 0}, Mean: 3, Lo: nan, Hi: nan}), svg.Diverging(5))
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	noNaN(t, root)
	rows := root.All(class("wave"))
	if segs := rows[0].All(class("seg")); len(segs) != 0 {
		t.Errorf("not asked: %d segments", len(segs))
	}
	if notes := rows[0].All(class("note")); len(notes) != 1 || notes[0].Text != "not asked" {
		t.Errorf("not asked: notes %+v", notes)
	}
	if m := rows[0].All(class("mean")); len(m) != 0 {
		t.Error("not asked: a mean is drawn")
	}
	// One answer: a mean, no interval.
	if m, iv := rows[1].All(class("mean")), rows[1].All(class("interval")); len(m) != 1 || len(iv) != 0 {
		t.Errorf("one answer: %d means, %d intervals", len(m), len(iv))
	}
}

func TestHistogramHeights(t *testing.T) {
	counts := []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 10}
	it := Item{ID: "G", Min: 1, Max: 10, Waves: []Wave{{Label: "a", Counts: counts, Mean: 7, Lo: 6, Hi: 8},
		{Label: "b", Counts: []int64{0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, Mean: 9.5, Lo: 3, Hi: 16}}}
	colours := make([]string, 10)
	for i := range colours {
		colours[i] = svg.Blue
	}
	out, err := Distribution("g", it, colours)
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	rows := root.All(class("wave"))
	// The tallest share of both waves (1/2 in b) fills the row.
	full := float64(waveRow - 4)
	for wi, row := range rows {
		n := float64(total(it.Waves[wi].Counts))
		for _, s := range row.All(class("seg")) {
			c, h := num(t, s.Attr("data-count")), num(t, s.Attr("height"))
			if want := c / n / 0.5 * full; math.Abs(h-want) > 0.011 {
				t.Errorf("wave %d: height %v for %v of %v, want %v", wi, h, c, n, want)
			}
		}
	}
	// The interval beyond the scale is clamped to the panel.
	for _, iv := range root.All(class("interval")) {
		if x := num(t, iv.Attr("x2")); x > meanLeft+meanWidth {
			t.Errorf("interval drawn past the scale: %v", x)
		}
	}
}

func TestDistributionRefusesWrongColours(t *testing.T) {
	if _, err := Distribution("c", likert(), svg.Diverging(4)); err == nil {
		t.Error("4 colours for 5 points accepted")
	}
}

func heatmap(p int) Heatmap {
	ids := make([]string, p)
	themes := make([]string, p)
	for i := range ids {
		ids[i] = "Q" + strconv.Itoa(i)
		themes[i] = strconv.Itoa(i / 3)
	}
	rep := make([]bool, p)
	rep[1] = true
	return Heatmap{IDs: ids, Themes: themes,
		R: func(i, j int) float64 {
			if i+j == 3 {
				return math.NaN()
			}
			return 1 / float64(1+i+j)
		},
		Redundant:      func(i, j int) bool { return i+j == 1 },
		Representative: rep,
		Hover:          func(i, j int) string { return ids[i] + " " + ids[j] },
	}
}

func TestHeatmapCells(t *testing.T) {
	const p = 7
	out, err := DrawHeatmap("h", heatmap(p))
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	noNaN(t, root)
	var cells []node
	for _, row := range root.All(class("row")) {
		cells = append(cells, row.Nodes...)
	}
	if len(cells) != p*p {
		t.Fatalf("%d cells, want %d", len(cells), p*p)
	}
	if rows := root.All(class("row")); len(rows) != p {
		t.Errorf("%d rows", len(rows))
	}
	// Cell (0, 3) is undefined: grey; (0, 1) coloured by r = 1/2.
	if f := cells[3].Attr("fill"); f != Undefined {
		t.Errorf("undefined r drawn %s", f)
	}
	if f := cells[1].Attr("fill"); f != svg.Hex(svg.Correlation(0.5)) {
		t.Errorf("r 0.5 drawn %s", f)
	}
	if pairs := root.All(class("pair")); len(pairs) != 2 || pairs[0].Nodes[0].Text != "Q0 Q1" {
		t.Errorf("redundant cells outlined with the pair on hover: %+v, want both halves of the pair", pairs)
	}
	if reps := root.All(class("representative")); len(reps) != 1 {
		t.Errorf("%d representatives marked", len(reps))
	}
	// Themes of three items: boundaries after items 3 and 6, each a
	// vertical and a horizontal line.
	if lines := root.All(class("themes"))[0].Nodes; len(lines) != 4 {
		t.Errorf("%d theme lines, want 4", len(lines))
	}
}

// Above MaxCells the matrix is one PNG with a pixel per pair.
func TestHeatmapLargeIsOnePicture(t *testing.T) {
	p := MaxCells + 1
	out, err := DrawHeatmap("h", heatmap(p))
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	if cells := root.All(class("row")); len(cells) != 0 {
		t.Errorf("%d cells drawn one by one", len(cells))
	}
	imgs := root.All(func(n node) bool { return n.XMLName.Local == "image" })
	if len(imgs) != 1 {
		t.Fatalf("%d images", len(imgs))
	}
	data, ok := strings.CutPrefix(imgs[0].Attr("href"), "data:image/png;base64,")
	if !ok {
		t.Fatalf("image is not a PNG data URL")
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != p || b.Dy() != p {
		t.Errorf("PNG %v, want %d×%d", b, p, p)
	}
	r, g, b, _ := img.At(3, 0).RGBA()
	if r>>8 != 0xBB || g>>8 != 0xBB || b>>8 != 0xBB {
		t.Errorf("undefined pair (0, 3) not grey")
	}
	// r 1/3 is drawn as 0.35, the nearest 0.05.
	if hex := svg.Hex(svg.Correlation(0.35)); !sameColour(img.At(2, 0), hex) || !sameColour(img.At(0, 2), hex) {
		t.Errorf("pair (0, 2) not drawn symmetric with r 1/3 as 0.35")
	}
	if !sameColour(img.At(5, 5), "#444444") {
		t.Error("the diagonal is not dark grey")
	}
}

func sameColour(c interface{ RGBA() (r, g, b, a uint32) }, hex string) bool {
	r, g, b, _ := c.RGBA()
	return svg.Hex(svgRGBA(r, g, b)) == hex
}

func TestReliabilityUndefined(t *testing.T) {
	nan := math.NaN()
	rows := []ScaleRow{
		{Label: "A", ItemsBefore: 4, ItemsAfter: 3, AlphaBefore: 0.8, AlphaAfter: 0.75, OmegaBefore: 0.82, OmegaAfter: nan},
		{Label: "B", ItemsBefore: 1, ItemsAfter: 0, AlphaBefore: nan, AlphaAfter: nan, OmegaBefore: nan, OmegaAfter: nan},
		{Label: "C", ItemsBefore: 3, ItemsAfter: 3, AlphaBefore: -0.4, AlphaAfter: -0.4, OmegaBefore: 0.1, OmegaAfter: 0.1},
	}
	w := ReliabilityWords{Items: "items", Alpha: "alpha", Omega: "omega", Before: "before", After: "after", NA: "n/a"}
	out, err := Reliability("r", rows, true, w, "t", "d")
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	noNaN(t, root)
	got := root.All(class("scale-row"))
	if len(got) != 3 {
		t.Fatalf("%d rows", len(got))
	}
	count := func(n node, c string) int { return len(n.All(class(c))) }
	if count(got[0], "before") != 2 || count(got[0], "after") != 1 {
		t.Errorf("row A: %d before, %d after", count(got[0], "before"), count(got[0], "after"))
	}
	if count(got[1], "before")+count(got[1], "after") != 0 {
		t.Error("row B: an undefined figure is drawn")
	}
	// A negative alpha sits at the panel's left end, not beyond it.
	for _, c := range got[2].All(class("before")) {
		if x := num(t, c.Attr("cx")); x < relLabel {
			t.Errorf("negative alpha drawn at %v", x)
		}
	}
}

// svgRGBA is the 8-bit colour of 16-bit components.
func svgRGBA(r, g, b uint32) color.RGBA {
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
}

// Between MaxCells and MaxLabels the matrix is a picture with the ids
// along its sides.
func TestHeatmapLabelsOverPicture(t *testing.T) {
	out, err := DrawHeatmap("h", heatmap(MaxCells+1))
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	labels := root.All(class("labels"))
	if len(labels) != 1 || len(labels[0].Nodes) != 2*(MaxCells+1) {
		t.Errorf("ids along the sides: %d groups", len(labels))
	}
	out, err = DrawHeatmap("h", heatmap(MaxLabels+1))
	if err != nil {
		t.Fatal(err)
	}
	if labels := parse(t, out).All(class("labels")); len(labels) != 0 {
		t.Error("ids written above MaxLabels")
	}
}

// A badge shows the rule in the reader's language and keeps its name in
// files in data-rule; without a Rule, data-rule is the name shown.
func TestMarkRuleAndName(t *testing.T) {
	it := likert(Wave{Label: "2017", Counts: []int64{1, 1, 1, 1, 1}, Mean: 3, Lo: 2, Hi: 4})
	it.Marks = append(it.Marks, Mark{Name: "weinig spreiding", Rule: "low_spread", Evidence: "sd 0.70 < 0.8 (n 5)", Colour: svg.BluishGreen})
	out, err := Distribution("c", it, svg.Diverging(5))
	if err != nil {
		t.Fatal(err)
	}
	marks := parse(t, out).All(class("mark"))
	if len(marks) != 2 {
		t.Fatalf("%d badges, want 2", len(marks))
	}
	for i, want := range [][2]string{{"ceiling", "ceiling"}, {"low_spread", "weinig spreiding"}} {
		text := marks[i].All(class("mark-text"))
		if marks[i].Attr("data-rule") != want[0] || len(text) != 1 || text[0].Text != want[1] {
			t.Errorf("badge %d: data-rule %q, text %+v; want %q, %q", i, marks[i].Attr("data-rule"), text, want[0], want[1])
		}
	}
	// The longer Dutch name gets a wider badge.
	if w0, w1 := num(t, marks[0].All(func(n node) bool { return n.XMLName.Local == "rect" })[0].Attr("width")),
		num(t, marks[1].All(func(n node) bool { return n.XMLName.Local == "rect" })[0].Attr("width")); w1 <= w0 {
		t.Errorf("badge widths %v and %v: the longer name is not wider", w0, w1)
	}
}
