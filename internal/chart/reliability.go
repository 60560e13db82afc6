package chart

import (
	"fmt"
	"math"

	"github.com/itemreduce/itemreduce/internal/svg"
)

// A ScaleRow is one theme or composite in the reliability chart.
type ScaleRow struct {
	Label                   string
	ItemsBefore, ItemsAfter int
	// Alpha and omega total before and after; NaN when undefined (or,
	// after, when there is no after).
	AlphaBefore, AlphaAfter float64
	OmegaBefore, OmegaAfter float64
	Hover                   string
}

// ReliabilityWords are the chart's words.
type ReliabilityWords struct {
	Items, Alpha, Omega, Before, After, NA string
}

// Reliability layout.
const (
	relLabel = 300 // labels end here
	relItems = 150 // width of the items panel
	relPanel = 260 // width of one coefficient panel
	relRow   = 26
	relHead  = 42
)

// Reliability draws per theme or composite the number of items and
// alpha and omega total as dots on 0…1 (below 0 clamped to the left end,
// said on hover): before as a hollow ring, after as a filled dot joined
// to it, when after is given. id must be unique in the page.
func Reliability(id string, rows []ScaleRow, after bool, w ReliabilityWords, title, desc string) ([]byte, error) {
	width := float64(relLabel + relItems + 2*relPanel + 80)
	height := float64(relHead + len(rows)*relRow + 10)
	d := svg.New(id, width, height, title, desc, svg.A("class", "reliability-chart"))
	maxItems := 1
	for _, r := range rows {
		maxItems = max(maxItems, r.ItemsBefore, r.ItemsAfter)
	}
	itemsX := float64(relLabel + 10)
	alphaX := itemsX + relItems + 20
	omegaX := alphaX + relPanel + 40
	d.Text(itemsX, 16, w.Items, svg.A("class", "head"))
	d.Text(alphaX, 16, w.Alpha, svg.A("class", "head"))
	d.Text(omegaX, 16, w.Omega, svg.A("class", "head"))
	for _, x := range []float64{alphaX, omegaX} {
		for _, v := range []float64{0, 0.5, 0.7, 0.8, 0.9, 1} {
			xv := x + v*relPanel
			d.Line(xv, relHead-6, xv, height-8, "#dddddd", 1, "")
			d.Text(xv, relHead-8, fmt.Sprint(v), svg.A("text-anchor", "middle"), svg.A("class", "small"))
		}
	}
	for i, r := range rows {
		y := float64(relHead + i*relRow)
		cy := y + relRow/2
		d.Open("g", svg.A("class", "scale-row"))
		d.Title(r.Hover)
		d.Text(relLabel, cy+5, shorten(r.Label, 34), svg.A("text-anchor", "end"))
		bw := func(n int) float64 { return float64(n) / float64(maxItems) * relItems }
		d.Rect(itemsX, y+4, bw(r.ItemsBefore), relRow-8, "#cccccc", "", svg.A("class", "items-before"))
		if after {
			d.Rect(itemsX, y+8, bw(r.ItemsAfter), relRow-16, svg.Blue, "", svg.A("class", "items-after"))
			d.Text(itemsX+bw(r.ItemsBefore)+4, cy+5, fmt.Sprintf("%d → %d", r.ItemsBefore, r.ItemsAfter), svg.A("class", "small"))
		} else {
			d.Text(itemsX+bw(r.ItemsBefore)+4, cy+5, fmt.Sprint(r.ItemsBefore), svg.A("class", "small"))
		}
		dumbbell(d, alphaX, cy, r.AlphaBefore, r.AlphaAfter, after, w)
		dumbbell(d, omegaX, cy, r.OmegaBefore, r.OmegaAfter, after, w)
		d.Close()
	}
	return d.Bytes()
}

// dumbbell draws one coefficient before (ring) and after (dot).
func dumbbell(d *svg.Doc, x0, cy, before, afterV float64, after bool, w ReliabilityWords) {
	pos := func(v float64) float64 { return x0 + math.Max(0, math.Min(1, v))*relPanel }
	if math.IsNaN(before) && (!after || math.IsNaN(afterV)) {
		d.Text(x0+4, cy+5, w.NA, svg.A("class", "small"))
		return
	}
	if after && !math.IsNaN(before) && !math.IsNaN(afterV) {
		d.Line(pos(before), cy, pos(afterV), cy, svg.Blue, 2, "")
	}
	if !math.IsNaN(before) {
		d.Circle(pos(before), cy, 7.5, "#ffffff", fmt.Sprintf("%s %.2f", w.Before, before), svg.A("stroke", svg.Black), svg.A("stroke-width", "2"), svg.A("class", "before"))
	}
	if after {
		if math.IsNaN(afterV) {
			d.Text(pos(before)+10, cy+5, w.NA, svg.A("class", "small"))
		} else {
			d.Circle(pos(afterV), cy, 4.5, svg.Blue, fmt.Sprintf("%s %.2f", w.After, afterV), svg.A("class", "after"))
		}
	}
}

// shorten cuts a label longer than n characters, ending it in "…"; the
// whole label is on hover.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
