package svg

import (
	"math"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/xmlnode"
)

// node is a parsed element, for checking structure.
type node = xmlnode.Node

func parse(t *testing.T, b []byte) node {
	t.Helper()
	n, err := xmlnode.Parse(b)
	if err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, b)
	}
	return n
}

func TestDocStructure(t *testing.T) {
	d := New("c1", 200, 100, `Answers to "Q1" <5>`, "A bar & a line", A("class", "chart"))
	d.Open("g", A("class", "row"))
	d.Rect(1, 2, 30.456, 4, Blue, "30 of 100 & more")
	d.Close()
	d.Line(0, 0, 10, 10, Black, 1, "")
	d.Circle(5, 5, 2, Orange, "mean")
	d.Text(3, 4, "a < b")
	d.Path(new(PathData).M(0, 0).H(3).V(4).Z(), A("fill", "none"))
	d.Image(0, 0, 2, 2, "data:image/png;base64,AAAA", "")
	out, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	svg := parse(t, out)
	if svg.XMLName.Local != "svg" || svg.Attr("role") != "img" || svg.Attr("viewBox") != "0 0 200 100" || svg.Attr("class") != "chart" {
		t.Errorf("svg element: %+v", svg.Attrs)
	}
	if svg.Attr("aria-labelledby") != "c1-t c1-d" {
		t.Errorf("aria-labelledby = %q", svg.Attr("aria-labelledby"))
	}
	if len(svg.Nodes) < 2 || svg.Nodes[0].XMLName.Local != "title" || svg.Nodes[0].Text != `Answers to "Q1" <5>` ||
		svg.Nodes[1].XMLName.Local != "desc" || svg.Nodes[1].Text != "A bar & a line" {
		t.Fatalf("title and desc first, escaped: %s", out)
	}
	var names []string
	for _, n := range svg.Nodes[2:] {
		names = append(names, n.XMLName.Local)
	}
	if got := strings.Join(names, " "); got != "g line circle text path image" {
		t.Errorf("elements %q", got)
	}
	rect := svg.Nodes[2].Nodes[0]
	if rect.Attr("width") != "30.46" || rect.Nodes[0].Text != "30 of 100 & more" {
		t.Errorf("rect %+v", rect)
	}
	if p := svg.Nodes[6].Attr("d"); p != "M0 0h3v4z" {
		t.Errorf("path d = %q", p)
	}
}

// An undefined number never reaches an attribute: the drawing fails.
func TestDocRefusesNaN(t *testing.T) {
	for name, draw := range map[string]func(*Doc){
		"rect":   func(d *Doc) { d.Rect(0, 0, math.NaN(), 1, Blue, "") },
		"circle": func(d *Doc) { d.Circle(math.Inf(1), 0, 1, Blue, "") },
		"text":   func(d *Doc) { d.Text(0, math.NaN(), "x") },
		"path":   func(d *Doc) { d.Path(new(PathData).M(0, math.NaN())) },
		"size":   func(d *Doc) {},
	} {
		w := 10.0
		if name == "size" {
			w = math.NaN()
		}
		d := New("x", w, 10, "t", "d")
		draw(d)
		if out, err := d.Bytes(); err == nil {
			t.Errorf("%s: no error, drew %s", name, out)
		}
	}
}

func TestEscape(t *testing.T) {
	got := Escape("a&b<c>\"d'\x00e\x1f\u00e9")
	if want := "a&amp;b&lt;c&gt;&#34;d&#39;e\u00e9"; got != want {
		t.Errorf("Escape = %q, want %q", got, want)
	}
}

func TestNum(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{{1, "1"}, {1.005, "1"}, {2.456, "2.46"}, {-0.001, "0"}, {-3.5, "-3.5"}, {1e6, "1000000"}} {
		if got, err := Num(c.x); err != nil || got != c.want {
			t.Errorf("Num(%v) = %q, %v; want %q", c.x, got, err, c.want)
		}
	}
}

func TestDiverging(t *testing.T) {
	for k := 2; k <= 11; k++ {
		cs := Diverging(k)
		seen := map[string]bool{}
		for i, c := range cs {
			if c == "" || seen[c] {
				t.Errorf("Diverging(%d)[%d] = %q: empty or repeated in %v", k, i, c, cs)
			}
			seen[c] = true
		}
		if k%2 == 1 && cs[k/2] != "#f7f7f7" {
			t.Errorf("Diverging(%d): middle %s, want the neutral", k, cs[k/2])
		}
		// Low end orange (red above blue), high end purple (blue above red).
		lo, hi := hexRGBA(cs[0]), hexRGBA(cs[k-1])
		if lo.R <= lo.B || hi.B <= hi.R {
			t.Errorf("Diverging(%d): ends %s %s", k, cs[0], cs[k-1])
		}
	}
}

func TestCorrelationColour(t *testing.T) {
	if got := Hex(Correlation(0)); got != "#f7f7f7" {
		t.Errorf("r 0: %s", got)
	}
	if got := Hex(Correlation(1)); got != "#2d004b" {
		t.Errorf("r 1: %s", got)
	}
	if got := Hex(Correlation(-1)); got != "#7f3b08" {
		t.Errorf("r -1: %s", got)
	}
	if got := Hex(Correlation(2)); got != "#2d004b" {
		t.Errorf("r 2 clamps: %s", got)
	}
	// Halfway between two classes.
	if got := Hex(Correlation(0.1)); got != "#e8e9f1" {
		t.Errorf("r 0.1: %s", got)
	}
}

func TestTextOn(t *testing.T) {
	if TextOn("#f7f7f7") != Black || TextOn("#2d004b") != "#FFFFFF" || TextOn(Yellow) != Black {
		t.Error("text colour on light and dark backgrounds")
	}
}
