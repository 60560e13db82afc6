package chart

import (
	"fmt"
	"math"

	"github.com/itemreduce/itemreduce/internal/svg"
)

// An Item is what the distribution chart of one item shows.
type Item struct {
	ID       string
	Min, Max int64 // the scale's whole points
	// Labels name the points Min…Max (may be shorter, or empty).
	Labels []string
	// Diverging draws each wave as a diverging stacked bar around the
	// middle of the scale (agreement statements); otherwise as a small
	// histogram (grades).
	Diverging bool
	Waves     []Wave // the older wave first
	Marks     []Mark // the ticks, in rule order
	// Title and Desc are the chart's text alternative.
	Title, Desc string
	// MeanLabel heads the panel of the means ("mean, 95% interval").
	MeanLabel string
}

// A Wave is one wave's answers to the item.
type Wave struct {
	Label string // "2016"
	// Counts are the answers at each whole point Min…Max.
	Counts []int64
	// Note, when not empty, is shown instead of the bars: the item was
	// not asked in this wave, its answers were withheld, or nobody
	// answered.
	Note string
	// Mean and its 95% interval Lo…Hi; NaN when undefined.
	Mean, Lo, Hi float64
	// Texts shown on hover.
	Hover     []string // per point, for its segment
	MeanHover string
	NLabel    string // "n 116"
}

// A Mark is a tick of the item, drawn as a badge with its evidence on hover.
type Mark struct {
	// Name is the rule as the reader's language names it ("plafond"),
	// shown on the badge; Rule its name in files ("ceiling"), kept in the
	// badge's data-rule (Name when empty).
	Name, Rule, Evidence string
	Colour               string
}

// Layout of an item chart, in pixels.
const (
	itemWidth  = 760
	labelRight = 96  // wave labels end here
	barLeft    = 104 // bars from here…
	barWidth   = 360 // …this wide
	meanLeft   = 515 // the mean panel from here…
	meanWidth  = 230 // …this wide
	markRow    = 22  // height of the row of badges
	waveRow    = 30  // height of one wave's bar
	waveGap    = 6
	axisRow    = 18
)

// Distribution draws an item's answers: per wave a bar (or histogram)
// whose parts are proportional to the counts, and the mean with its
// interval on the scale; the ticks as badges above. id must be unique in
// the page.
func Distribution(id string, it Item, colours []string) ([]byte, error) {
	k := int(it.Max - it.Min + 1)
	if k < 2 || len(colours) != k {
		return nil, fmt.Errorf("chart: item %s: %d colours for %d points", it.ID, len(colours), k)
	}
	height := float64(markRow + len(it.Waves)*(waveRow+waveGap) + axisRow)
	d := svg.New(id, itemWidth, height, it.Title, it.Desc, svg.A("class", "item-chart"))
	drawMarks(d, it.Marks)
	d.Text(meanLeft, 15, it.MeanLabel, svg.A("class", "small"))
	maxShare := 0.0
	for _, w := range it.Waves {
		for _, c := range w.Counts {
			if n := total(w.Counts); n > 0 {
				maxShare = math.Max(maxShare, float64(c)/float64(n))
			}
		}
	}
	for i, w := range it.Waves {
		y := float64(markRow + i*(waveRow+waveGap))
		d.Open("g", svg.A("class", "wave"), svg.A("data-wave", w.Label))
		d.Text(labelRight, y+13, w.Label, svg.A("text-anchor", "end"), svg.A("class", "wave-label"))
		d.Text(labelRight, y+26, w.NLabel, svg.A("text-anchor", "end"), svg.A("class", "small"))
		switch {
		case w.Note != "" || total(w.Counts) == 0:
			d.Rect(barLeft, y+2, barWidth, waveRow-4, "none", "", svg.A("class", "no-data"), svg.A("stroke", svg.Grey), svg.A("stroke-dasharray", "4 3"))
			d.Text(barLeft+barWidth/2, y+waveRow/2+5, w.Note, svg.A("text-anchor", "middle"), svg.A("class", "note"))
		case it.Diverging:
			divergingBar(d, w, y, colours)
		default:
			histogram(d, w, y, colours, maxShare)
		}
		meanMark(d, it, w, y)
		d.Close()
	}
	axes(d, it, float64(markRow+len(it.Waves)*(waveRow+waveGap)))
	return d.Bytes()
}

func total(counts []int64) int64 {
	var n int64
	for _, c := range counts {
		n += c
	}
	return n
}

// drawMarks writes the ticks as badges from the left of the bars.
func drawMarks(d *svg.Doc, marks []Mark) {
	x := float64(barLeft)
	for _, m := range marks {
		w := 12 + 8.2*float64(len([]rune(m.Name)))
		rule := m.Rule
		if rule == "" {
			rule = m.Name
		}
		d.Open("g", svg.A("class", "mark"), svg.A("data-rule", rule))
		d.Title(m.Evidence)
		d.Rect(x, 2, w, 17, m.Colour, "", svg.A("rx", "3"))
		d.Text(x+w/2, 15, m.Name, svg.A("text-anchor", "middle"), svg.A("fill", svg.TextOn(m.Colour)), svg.A("class", "mark-text"))
		d.Close()
		x += w + 6
	}
}

// divergingBar draws the wave's shares around the centre of the bar
// area: the points below the middle of the scale to the left, those above
// to the right, the middle point (odd scales) centred on the line. 100%
// on one side is half the bar area, so that every item has the same
// scale.
func divergingBar(d *svg.Doc, w Wave, y float64, colours []string) {
	k := len(w.Counts)
	n := float64(total(w.Counts))
	unit := barWidth / 2 / n // pixels per answer
	centre := float64(barLeft + barWidth/2)
	seg := func(i int, x, width float64) {
		d.Rect(x, y+2, width, waveRow-4, colours[i], hover(w, i),
			svg.A("class", "seg"), svg.A("data-point", fmt.Sprint(i)), svg.A("data-count", fmt.Sprint(w.Counts[i])))
	}
	left, right := centre, centre
	if k%2 == 1 {
		m := k / 2
		width := float64(w.Counts[m]) * unit
		seg(m, centre-width/2, width)
		left, right = centre-width/2, centre+width/2
	}
	for i := (k - 1) / 2; i >= 0; i-- {
		if k%2 == 1 && i == k/2 {
			continue
		}
		width := float64(w.Counts[i]) * unit
		left -= width
		seg(i, left, width)
	}
	for i := k / 2; i < k; i++ {
		if k%2 == 1 && i == k/2 {
			continue
		}
		width := float64(w.Counts[i]) * unit
		seg(i, right, width)
		right += width
	}
}

// histogram draws one column per point, its height proportional to its
// share of the wave's answers (the tallest share of both waves fills the
// row), so that the two waves compare.
func histogram(d *svg.Doc, w Wave, y float64, colours []string, maxShare float64) {
	k := len(w.Counts)
	n := float64(total(w.Counts))
	step := float64(barWidth) / float64(k)
	d.Line(barLeft, y+waveRow-2, barLeft+barWidth, y+waveRow-2, "#555555", 1, "")
	for i, c := range w.Counts {
		h := float64(c) / n / maxShare * (waveRow - 4)
		d.Rect(float64(barLeft)+float64(i)*step+1, y+waveRow-2-h, step-2, h, colours[i], hover(w, i),
			svg.A("class", "seg"), svg.A("data-point", fmt.Sprint(i)), svg.A("data-count", fmt.Sprint(c)))
	}
}

func hover(w Wave, i int) string {
	if i < len(w.Hover) {
		return w.Hover[i]
	}
	return ""
}

// meanMark draws the wave's mean as a dot on the scale with its 95%
// interval as a line; nothing when the mean is undefined.
func meanMark(d *svg.Doc, it Item, w Wave, y float64) {
	if math.IsNaN(w.Mean) {
		return
	}
	cy := y + waveRow/2
	d.Open("g", svg.A("class", "estimate"))
	d.Title(w.MeanHover)
	if !math.IsNaN(w.Lo) && !math.IsNaN(w.Hi) {
		d.Line(scaleX(it, w.Lo), cy, scaleX(it, w.Hi), cy, svg.Black, 2.5, "", svg.A("class", "interval"))
	}
	d.Circle(scaleX(it, w.Mean), cy, 5.5, svg.Black, "", svg.A("class", "mean"))
	d.Close()
}

// scaleX places a value of the scale on the mean panel, clamped to it
// (an interval may reach beyond the scale's ends).
func scaleX(it Item, v float64) float64 {
	f := (v - float64(it.Min)) / float64(it.Max-it.Min)
	f = math.Max(0, math.Min(1, f))
	return meanLeft + f*meanWidth
}

// axes writes the mean panel's scale under the waves and, for diverging
// bars, the centre line and the shares; for histograms, the points.
func axes(d *svg.Doc, it Item, y float64) {
	d.Open("g", svg.A("class", "axis"))
	grid := new(svg.PathData)
	for v := it.Min; v <= it.Max; v++ {
		grid.M(scaleX(it, float64(v)), markRow).V(y + 3 - markRow)
	}
	d.Path(grid, svg.A("stroke", "#dddddd"), svg.A("fill", "none"))
	d.Line(meanLeft, y, meanLeft+meanWidth, y, "#555555", 1, "")
	for v := it.Min; v <= it.Max; v++ {
		d.Text(scaleX(it, float64(v)), y+15, fmt.Sprint(v), svg.A("text-anchor", "middle"), svg.A("class", "small"))
	}
	if !it.Diverging {
		// The histogram's points under its columns.
		k := it.Max - it.Min + 1
		step := float64(barWidth) / float64(k)
		for v := it.Min; v <= it.Max; v++ {
			d.Text(float64(barLeft)+(float64(v-it.Min)+0.5)*step, y+15, fmt.Sprint(v), svg.A("text-anchor", "middle"), svg.A("class", "small"))
		}
	}
	if it.Diverging {
		c := float64(barLeft + barWidth/2)
		d.Line(c, markRow, c, y, "#333333", 1.5, "")
		for _, f := range []float64{-1, -0.5, 0.5, 1} {
			x := c + f*barWidth/2
			d.Line(x, y-2, x, y+3, "#555555", 1, "")
			d.Text(x, y+15, fmt.Sprintf("%.0f%%", math.Abs(f)*100), svg.A("text-anchor", "middle"), svg.A("class", "small"))
		}
	}
	d.Close()
}

// Legend draws the colours of a scale's points with their labels, in
// one row.
func Legend(id, title string, labels, colours []string) ([]byte, error) {
	const box, gap = 16, 10
	widths := make([]float64, len(labels))
	total := 0.0
	for i, l := range labels {
		widths[i] = box + 6 + 7.5*float64(len([]rune(l)))
		total += widths[i] + gap
	}
	d := svg.New(id, math.Max(total, 10), 24, title, title, svg.A("class", "legend"))
	x := 0.0
	for i, l := range labels {
		d.Rect(x, 4, box, box, colours[i], "", svg.A("stroke", "#555555"))
		d.Text(x+box+5, 17, l)
		x += widths[i] + gap
	}
	return d.Bytes()
}
