package chart

import (
	"math"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/svg"
)

func curveChart() LineChart {
	nan := math.NaN()
	return LineChart{
		X: []float64{40, 45, 50, 55, 60},
		Series: []LineSeries{
			{Name: "I", Colour: svg.Blue, Y: []float64{0.61, 0.64, nan, 0.70, 0.72}},
			{Name: "bound", Colour: svg.Vermillion, Dashed: true, Y: []float64{0.66, 0.69, 0.72, 0.74, 0.76}},
		},
		XLabel: "items kept", YLabel: "information retained", Mark: 52, MarkLabel: "52 chosen", Decimals: 4,
		Title: "I per length", Desc: "the curve",
	}
}

// Points in the order of x, left to right; y proportional to the values
// (one scale for every series); a NaN breaks the line and has no point.
func TestLinePointsInOrderAndProportional(t *testing.T) {
	c := curveChart()
	out, err := DrawLine("curve", c)
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	noNaN(t, root)
	series := root.All(class("series"))
	if len(series) != 2 || series[0].Attr("data-name") != "I" || series[1].Attr("data-name") != "bound" {
		t.Fatalf("series %+v", series)
	}
	type pt struct{ v, cx, cy float64 }
	var all []pt
	for k, s := range series {
		points := s.All(class("point"))
		want := 0
		for _, y := range c.Series[k].Y {
			if !math.IsNaN(y) {
				want++
			}
		}
		if len(points) != want {
			t.Errorf("%s: %d points, want %d (one per defined value)", s.Attr("data-name"), len(points), want)
		}
		last := math.Inf(-1)
		for _, p := range points {
			cx := num(t, p.Attr("cx"))
			if cx <= last {
				t.Errorf("%s: points not left to right: %v after %v", s.Attr("data-name"), cx, last)
			}
			last = cx
			all = append(all, pt{num(t, p.Attr("data-y")), cx, num(t, p.Attr("cy"))})
		}
		// x proportional too: the steps of 5 are equally wide.
		if len(points) >= 2 {
			dx := (num(t, points[1].Attr("cx")) - num(t, points[0].Attr("cx"))) / (num(t, points[1].Attr("data-x")) - num(t, points[0].Attr("data-x")))
			for _, p := range points[1:] {
				if got := (num(t, p.Attr("cx")) - num(t, points[0].Attr("cx"))) / (num(t, p.Attr("data-x")) - num(t, points[0].Attr("data-x"))); math.Abs(got-dx) > 0.01 {
					t.Errorf("x not proportional: %v per unit, want %v", got, dx)
				}
			}
		}
	}
	// cy = a − b·value with one a and b for every point; larger values higher.
	b := (all[0].cy - all[1].cy) / (all[1].v - all[0].v)
	if b <= 0 {
		t.Fatalf("larger values are not higher: %+v", all[:2])
	}
	for _, p := range all {
		if pred := all[0].cy - b*(p.v-all[0].v); math.Abs(pred-p.cy) > 0.02 {
			t.Errorf("value %v at y %v, proportional would be %v", p.v, p.cy, pred)
		}
	}
	// The NaN at 50 breaks the line of I into two pieces.
	path := series[0].All(func(n node) bool { return n.XMLName.Local == "path" })[0]
	if moves := strings.Count(path.Attr("d"), "M"); moves != 2 {
		t.Errorf("line of I: %d pieces, want 2: %s", moves, path.Attr("d"))
	}
	if path := series[1].All(func(n node) bool { return n.XMLName.Local == "path" })[0]; path.Attr("stroke-dasharray") == "" {
		t.Error("the bound is not dashed: the lines differ by colour only")
	}
}

// Both axes are labelled, with round ticks that span the values; the
// text alternative comes first; the mark sits between 50 and 55.
func TestLineAxesMarkAndText(t *testing.T) {
	out, err := DrawLine("curve", curveChart())
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	if root.Attr("role") != "img" || root.Nodes[0].XMLName.Local != "title" || root.Nodes[0].Text != "I per length" ||
		root.Nodes[1].XMLName.Local != "desc" || root.Nodes[1].Text != "the curve" {
		t.Error("no text alternative first")
	}
	labels := map[string]bool{}
	for _, l := range root.All(class("axis-label")) {
		labels[l.Text] = true
	}
	if !labels["items kept"] || !labels["information retained"] {
		t.Errorf("axis labels %v", labels)
	}
	var yt []float64
	for _, tk := range root.All(class("y-axis"))[0].All(class("tick")) {
		yt = append(yt, num(t, tk.Attr("data-v")))
	}
	// Values 0.61 … 0.76, span 0.15: steps of 0.05 from 0.6 to 0.8.
	if len(yt) != 5 || math.Abs(yt[0]-0.6) > 1e-12 || math.Abs(yt[len(yt)-1]-0.8) > 1e-12 {
		t.Errorf("y ticks %v, want 0.6 … 0.8 by 0.05", yt)
	}
	var xt []string
	for _, tk := range root.All(class("x-axis"))[0].All(class("tick")) {
		xt = append(xt, tk.Text)
	}
	if got := strings.Join(xt, " "); got != "40 45 50 55 60" {
		t.Errorf("x ticks %q", got)
	}
	marks := root.All(class("mark"))
	if len(marks) != 1 || marks[0].All(class("mark-text"))[0].Text != "52 chosen" {
		t.Fatalf("mark %+v", marks)
	}
	mx := num(t, marks[0].Nodes[0].Attr("x1"))
	var at50, at55 float64
	for _, p := range root.All(class("point")) {
		switch p.Attr("data-x") {
		case "50":
			at50 = num(t, p.Attr("cx"))
		case "55":
			at55 = num(t, p.Attr("cx"))
		}
	}
	if want := at50 + 0.4*(at55-at50); math.Abs(mx-want) > 0.02 {
		t.Errorf("mark at x %v, want %v", mx, want)
	}
	// Without a mark, none is drawn.
	c := curveChart()
	c.Mark = math.NaN()
	out, err = DrawLine("curve", c)
	if err != nil {
		t.Fatal(err)
	}
	if len(parse(t, out).All(class("mark"))) != 0 {
		t.Error("a mark without one")
	}
}

// Input a caller got wrong is an error, not a drawing.
func TestLineRefusesBadInput(t *testing.T) {
	for name, c := range map[string]LineChart{
		"no points":    {Mark: math.NaN()},
		"not ordered":  {X: []float64{2, 1}, Mark: math.NaN()},
		"short series": {X: []float64{1, 2}, Series: []LineSeries{{Name: "I", Y: []float64{1}}}, Mark: math.NaN()},
	} {
		if _, err := DrawLine("x", c); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// Every value undefined: the axes alone, no NaN written.
	out, err := DrawLine("x", LineChart{X: []float64{1, 2}, Series: []LineSeries{{Name: "I", Y: []float64{math.NaN(), math.NaN()}}}, Mark: math.NaN()})
	if err != nil {
		t.Fatal(err)
	}
	noNaN(t, parse(t, out))
}

func TestNiceStep(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{{0.03, 0.05}, {0.05, 0.05}, {0.011, 0.02}, {0.2, 0.2}, {3, 5}, {7, 10}, {12, 20}} {
		if got := niceStep(c.in); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("niceStep(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// The legend is as wide as its longest name: a long name in another
// language widens the drawing instead of being cut off.
func TestLineLegendFitsNames(t *testing.T) {
	width := func(name string) float64 {
		out, err := DrawLine("l", LineChart{X: []float64{1, 2}, Mark: math.NaN(), Series: []LineSeries{{Name: name, Colour: "#000000", Y: []float64{0.5, 0.6}}}})
		if err != nil {
			t.Fatal(err)
		}
		return num(t, parse(t, out).Attr("width"))
	}
	short, long := width("bound"), width("I van de gevonden vragenlijst, met een lange naam")
	if short != lineLeft+lineWidth+lineLegend {
		t.Errorf("a short name: width %v, want %v", short, lineLeft+lineWidth+lineLegend)
	}
	if need := float64(lineLeft+lineWidth+20+36) + 8*49; long < need {
		t.Errorf("a long name: width %v, want at least %v", long, need)
	}
}
