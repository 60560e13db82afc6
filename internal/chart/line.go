package chart

import (
	"fmt"
	"math"
	"strconv"

	"github.com/itemreduce/itemreduce/internal/svg"
)

// A LineChart is one or more lines over the same increasing x values:
// the information a short form keeps and its bound, per length, say.
type LineChart struct {
	// X are the x values, increasing.
	X      []float64
	Series []LineSeries
	// XLabel and YLabel name the axes.
	XLabel, YLabel string
	// Mark, when not NaN, is an x marked by a vertical line with
	// MarkLabel beside it (the length chosen); it need not be one of X.
	Mark      float64
	MarkLabel string
	// Decimals is the number of decimals of the values on hover.
	Decimals    int
	Title, Desc string
}

// A LineSeries is one line: a value per X, NaN where undefined (the line
// breaks there and the point is left out). Dashed draws it dashed, so
// that the lines differ without colour too.
type LineSeries struct {
	Name   string
	Colour string
	Dashed bool
	Y      []float64
}

// Line layout.
const (
	lineLeft   = 70  // the plot starts here
	lineWidth  = 560 // the plot's width
	lineTop    = 20
	lineHeight = 280
	lineLegend = 250 // room for the legend, right of the plot, at least
	lineBottom = 56  // room for the x axis and its label
)

// DrawLine draws the chart: the y axis from a round number below the
// smallest value to one above the largest, both axes with ticks at round
// steps and their labels, each series as a line with a dot per defined
// value (its x and value on hover, and as data-x and data-y), a legend,
// and the mark. id must be unique in the page. X must be increasing and
// every series as long as X.
func DrawLine(id string, c LineChart) ([]byte, error) {
	if len(c.X) == 0 {
		return nil, fmt.Errorf("chart: a line chart without points")
	}
	for k := 1; k < len(c.X); k++ {
		if !(c.X[k] > c.X[k-1]) {
			return nil, fmt.Errorf("chart: the x values of a line chart must increase (%v after %v)", c.X[k], c.X[k-1])
		}
	}
	for _, s := range c.Series {
		if len(s.Y) != len(c.X) {
			return nil, fmt.Errorf("chart: series %q has %d values for %d x values", s.Name, len(s.Y), len(c.X))
		}
	}
	xlo, xhi := c.X[0], c.X[len(c.X)-1]
	if !math.IsNaN(c.Mark) {
		xlo, xhi = math.Min(xlo, c.Mark), math.Max(xhi, c.Mark)
	}
	if xlo == xhi {
		xlo, xhi = xlo-1, xhi+1
	}
	ylo, yhi, ystep := yRange(c.Series)
	px := func(x float64) float64 { return lineLeft + (x-xlo)/(xhi-xlo)*lineWidth }
	py := func(y float64) float64 { return lineTop + (yhi-y)/(yhi-ylo)*lineHeight }
	// The legend as wide as its longest name needs (8 pixels a letter, in
	// any language).
	legendWidth := float64(lineLegend)
	for _, s := range c.Series {
		legendWidth = math.Max(legendWidth, 20+36+8*float64(len([]rune(s.Name)))+8)
	}
	d := svg.New(id, lineLeft+lineWidth+legendWidth, lineTop+lineHeight+lineBottom, c.Title, c.Desc, svg.A("class", "line-chart"))
	bottom := float64(lineTop + lineHeight)

	d.Open("g", svg.A("class", "y-axis"))
	for k := 0; ; k++ {
		y := ylo + float64(k)*ystep
		if y > yhi+ystep/1e6 {
			break
		}
		d.Line(lineLeft, py(y), lineLeft+lineWidth, py(y), "#dddddd", 1, "")
		d.Text(lineLeft-6, py(y)+5, strconv.FormatFloat(roundTo(y, ystep), 'f', -1, 64), svg.A("text-anchor", "end"), svg.A("class", "tick small"), svg.A("data-v", fmt.Sprint(roundTo(y, ystep))))
	}
	d.Text(16, lineTop+lineHeight/2, c.YLabel, svg.A("class", "axis-label"), svg.A("text-anchor", "middle"),
		svg.A("transform", fmt.Sprintf("rotate(-90 16 %d)", lineTop+lineHeight/2)))
	d.Close()

	d.Open("g", svg.A("class", "x-axis"))
	d.Line(lineLeft, bottom, lineLeft+lineWidth, bottom, svg.Black, 1, "")
	d.Line(lineLeft, lineTop, lineLeft, bottom, svg.Black, 1, "")
	for _, x := range xTicks(c.X, xlo, xhi) {
		d.Line(px(x), bottom, px(x), bottom+5, svg.Black, 1, "")
		d.Text(px(x), bottom+20, strconv.FormatFloat(x, 'f', -1, 64), svg.A("text-anchor", "middle"), svg.A("class", "tick small"), svg.A("data-v", fmt.Sprint(x)))
	}
	d.Text(lineLeft+lineWidth/2, bottom+46, c.XLabel, svg.A("class", "axis-label"), svg.A("text-anchor", "middle"))
	d.Close()

	for k, s := range c.Series {
		d.Open("g", svg.A("class", "series"), svg.A("data-name", s.Name))
		attrs := []svg.Attr{svg.A("fill", "none"), svg.A("stroke", s.Colour), svg.A("stroke-width", "2.5"), svg.A("class", "line")}
		if s.Dashed {
			attrs = append(attrs, svg.A("stroke-dasharray", "7 4"))
		}
		var path svg.PathData
		drawn, pen := 0, false
		for i, y := range s.Y {
			if math.IsNaN(y) || math.IsInf(y, 0) {
				pen = false
				continue
			}
			if pen {
				path.L(px(c.X[i]), py(y))
			} else {
				path.M(px(c.X[i]), py(y))
			}
			pen = true
			drawn++
		}
		if drawn > 0 {
			d.Path(&path, attrs...)
		}
		for i, y := range s.Y {
			if math.IsNaN(y) || math.IsInf(y, 0) {
				continue
			}
			d.Circle(px(c.X[i]), py(y), 3.5, s.Colour, fmt.Sprintf("%s %v: %s %.*f", c.XLabel, c.X[i], s.Name, c.Decimals, y),
				svg.A("class", "point"), svg.A("data-x", fmt.Sprint(c.X[i])), svg.A("data-y", strconv.FormatFloat(y, 'g', -1, 64)))
		}
		// The legend.
		ly := float64(lineTop + 10 + k*24)
		lx := float64(lineLeft + lineWidth + 20)
		legend := []svg.Attr{svg.A("class", "legend-line")}
		if s.Dashed {
			legend = append(legend, svg.A("stroke-dasharray", "7 4"))
		}
		d.Line(lx, ly, lx+28, ly, s.Colour, 2.5, "", legend...)
		d.Text(lx+36, ly+5, s.Name, svg.A("class", "legend-text"))
		d.Close()
	}
	// The mark last, over the lines, so that its label stays readable.
	if !math.IsNaN(c.Mark) {
		d.Open("g", svg.A("class", "mark"), svg.A("data-x", fmt.Sprint(c.Mark)))
		d.Line(px(c.Mark), lineTop, px(c.Mark), bottom, svg.Black, 1.5, c.MarkLabel, svg.A("stroke-dasharray", "2 3"))
		anchor, dx := "start", 5.0
		if px(c.Mark) > lineLeft+lineWidth*0.75 {
			anchor, dx = "end", -5
		}
		// A white outline keeps the label readable over the lines.
		d.Text(px(c.Mark)+dx, lineTop+14, c.MarkLabel, svg.A("class", "mark-text"), svg.A("text-anchor", anchor),
			svg.A("stroke", "#ffffff"), svg.A("stroke-width", "4"), svg.A("paint-order", "stroke"))
		d.Close()
	}

	return d.Bytes()
}

// yRange returns the y axis: from a multiple of the step at or below the
// smallest defined value to one at or above the largest, the step a
// round number (1, 2 or 5 times a power of ten) giving about 5 ticks.
// Without a defined value it is 0 to 1.
func yRange(series []LineSeries) (lo, hi, step float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, y := range s.Y {
			if !math.IsNaN(y) && !math.IsInf(y, 0) {
				lo, hi = math.Min(lo, y), math.Max(hi, y)
			}
		}
	}
	if lo > hi {
		return 0, 1, 0.2
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(math.Abs(hi), 1) / 10
	}
	step = niceStep(span / 5)
	lo = math.Floor(lo/step+1e-9) * step
	hi = math.Ceil(hi/step-1e-9) * step
	if hi <= lo {
		hi = lo + step
	}
	return lo, hi, step
}

// niceStep returns the smallest of 1, 2 and 5 times a power of ten that
// is at least x (x > 0).
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// xTicks returns the x values labelled: every x when there are at most
// 12, else round steps across lo…hi.
func xTicks(xs []float64, lo, hi float64) []float64 {
	if len(xs) <= 12 {
		return xs
	}
	step := niceStep((hi - lo) / 10)
	var out []float64
	for x := math.Ceil(lo/step) * step; x <= hi+step/1e6; x += step {
		out = append(out, roundTo(x, step))
	}
	return out
}

// roundTo removes the float noise of a multiple of step (0.30000000000000004).
func roundTo(x, step float64) float64 {
	places := max(0, int(math.Ceil(-math.Log10(step)))+1)
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', places, 64), 64)
	return r
}
