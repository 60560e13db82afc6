package svg

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// An Attr is one attribute of an element.
type Attr struct{ Name, Value string }

// A is an attribute with a text value.
func A(name, value string) Attr { return Attr{name, value} }

// A Doc is one SVG drawing being written. Its methods append elements;
// Bytes ends the drawing. The first non-finite number given to any method
// is kept as the drawing's error, and Bytes returns it: a chart never
// draws a NaN.
type Doc struct {
	buf  bytes.Buffer
	open []string // elements opened and not yet closed
	err  error
}

// New starts a drawing of width × height user units (pixels at 100%),
// with a title and a description for readers who do not see it: the
// svg element gets role="img" and aria-labelledby on both. id must be
// unique in the page (the title's and description's ids derive from it).
// attrs are added to the svg element (a class, say).
func New(id string, width, height float64, title, desc string, attrs ...Attr) *Doc {
	d := &Doc{}
	d.buf.WriteString(`<svg xmlns="http://www.w3.org/2000/svg"`)
	d.attr("id", id)
	d.attr("viewBox", "0 0 "+d.num(width)+" "+d.num(height))
	d.attr("width", d.num(width))
	d.attr("height", d.num(height))
	d.attr("role", "img")
	d.attr("aria-labelledby", id+"-t "+id+"-d")
	d.attrs(attrs)
	d.buf.WriteString(">")
	d.open = append(d.open, "svg")
	d.buf.WriteString(`<title id="` + Escape(id) + `-t">` + Escape(title) + `</title>`)
	d.buf.WriteString(`<desc id="` + Escape(id) + `-d">` + Escape(desc) + `</desc>`)
	return d
}

// Err returns the first error met, nil when none.
func (d *Doc) Err() error { return d.err }

// Bytes closes every open element and returns the drawing, or the first
// error met while it was written.
func (d *Doc) Bytes() ([]byte, error) {
	for len(d.open) > 0 {
		d.Close()
	}
	if d.err != nil {
		return nil, d.err
	}
	return d.buf.Bytes(), nil
}

// Open opens a group or other container element; Close closes it.
func (d *Doc) Open(name string, attrs ...Attr) {
	d.buf.WriteString("<" + name)
	d.attrs(attrs)
	d.buf.WriteString(">")
	d.open = append(d.open, name)
}

// Close closes the element opened last.
func (d *Doc) Close() {
	if len(d.open) == 0 {
		panic("svg: Close without Open")
	}
	name := d.open[len(d.open)-1]
	d.open = d.open[:len(d.open)-1]
	d.buf.WriteString("</" + name + ">")
}

// Title writes a <title> into the element open last: what a browser shows
// on hover, and a screen reader reads.
func (d *Doc) Title(text string) {
	d.buf.WriteString("<title>" + Escape(text) + "</title>")
}

// Rect draws a rectangle; title, when not empty, is shown on hover.
func (d *Doc) Rect(x, y, w, h float64, fill, title string, attrs ...Attr) {
	d.element("rect", title, append([]Attr{
		{"x", d.num(x)}, {"y", d.num(y)}, {"width", d.num(w)}, {"height", d.num(h)}, {"fill", fill}}, attrs...))
}

// Line draws a line from (x1, y1) to (x2, y2).
func (d *Doc) Line(x1, y1, x2, y2 float64, stroke string, width float64, title string, attrs ...Attr) {
	d.element("line", title, append([]Attr{
		{"x1", d.num(x1)}, {"y1", d.num(y1)}, {"x2", d.num(x2)}, {"y2", d.num(y2)},
		{"stroke", stroke}, {"stroke-width", d.num(width)}}, attrs...))
}

// Circle draws a circle of radius r around (cx, cy).
func (d *Doc) Circle(cx, cy, r float64, fill, title string, attrs ...Attr) {
	d.element("circle", title, append([]Attr{{"cx", d.num(cx)}, {"cy", d.num(cy)}, {"r", d.num(r)}, {"fill", fill}}, attrs...))
}

// Path draws a path; build its data with PathData.
func (d *Doc) Path(data *PathData, attrs ...Attr) {
	if data.err != nil && d.err == nil {
		d.err = data.err
	}
	d.element("path", "", append([]Attr{{"d", data.String()}}, attrs...))
}

// Text writes text with its baseline at (x, y).
func (d *Doc) Text(x, y float64, text string, attrs ...Attr) {
	d.buf.WriteString("<text")
	d.attr("x", d.num(x))
	d.attr("y", d.num(y))
	d.attrs(attrs)
	d.buf.WriteString(">" + Escape(text) + "</text>")
}

// Image draws an embedded picture; href must be a data: URL, so that the
// page loads nothing from elsewhere (it panics otherwise: a caller bug).
func (d *Doc) Image(x, y, w, h float64, href, title string, attrs ...Attr) {
	if !strings.HasPrefix(href, "data:") {
		panic("svg: Image needs a data: URL")
	}
	d.element("image", title, append([]Attr{
		{"x", d.num(x)}, {"y", d.num(y)}, {"width", d.num(w)}, {"height", d.num(h)}, {"href", href}}, attrs...))
}

// element writes an element without content but an optional title.
func (d *Doc) element(name, title string, attrs []Attr) {
	d.buf.WriteString("<" + name)
	d.attrs(attrs)
	if title == "" {
		d.buf.WriteString("/>")
		return
	}
	d.buf.WriteString("><title>" + Escape(title) + "</title></" + name + ">")
}

func (d *Doc) attrs(attrs []Attr) {
	for _, a := range attrs {
		d.attr(a.Name, a.Value)
	}
}

func (d *Doc) attr(name, value string) {
	d.buf.WriteString(" " + name + `="` + Escape(value) + `"`)
}

// num formats a coordinate with at most two decimals; a number that is
// not finite is recorded as the drawing's error and written as 0.
func (d *Doc) num(x float64) string {
	s, err := Num(x)
	if err != nil && d.err == nil {
		d.err = err
	}
	return s
}

// Num formats x with at most two decimals and no trailing zeros, "0" and
// an error when x is NaN or infinite.
func Num(x float64) (string, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "0", fmt.Errorf("svg: a coordinate is %v", x)
	}
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s, nil
}

// Escape escapes text for an XML attribute or element content.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			// Characters XML 1.0 does not allow are left out.
			if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF && !(r >= 0xD800 && r < 0xE000)) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// PathData builds the d attribute of a path from absolute moves and
// relative lines, with the same number rules as Doc.
type PathData struct {
	b   strings.Builder
	err error
}

func (p *PathData) num(x float64) string {
	s, err := Num(x)
	if err != nil && p.err == nil {
		p.err = err
	}
	return s
}

// M moves to (x, y).
func (p *PathData) M(x, y float64) *PathData {
	p.b.WriteString("M" + p.num(x) + " " + p.num(y))
	return p
}

// L draws a line to (x, y).
func (p *PathData) L(x, y float64) *PathData {
	p.b.WriteString("L" + p.num(x) + " " + p.num(y))
	return p
}

// H draws a horizontal line by dx; V a vertical one by dy.
func (p *PathData) H(dx float64) *PathData { p.b.WriteString("h" + p.num(dx)); return p }

// V draws a vertical line by dy.
func (p *PathData) V(dy float64) *PathData { p.b.WriteString("v" + p.num(dy)); return p }

// Z closes the current subpath.
func (p *PathData) Z() *PathData { p.b.WriteString("z"); return p }

// String returns the path data.
func (p *PathData) String() string { return p.b.String() }
