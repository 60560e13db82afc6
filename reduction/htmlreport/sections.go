package htmlreport

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/itemreduce/itemreduce/internal/chart"
	"github.com/itemreduce/itemreduce/internal/svg"
	"github.com/itemreduce/itemreduce/reduction"
)

// heatmap draws the current wave's correlations in theme order (order
// holds bank indices).
func heatmap(in Input, order []int) (template.HTML, error) {
	res := in.Report.Result
	p := len(order)
	h := chart.Heatmap{IDs: make([]string, p), Themes: make([]string, p), Representative: make([]bool, p),
		Title: in.Words.Heatmap, Desc: heatmapIntro(in.Words, res.Thresholds.Method)}
	redundant := map[[2]int]bool{}
	pos := make(map[string]int, p)
	for k, i := range order {
		pos[in.Bank.Items[i].ID] = k
	}
	for k, i := range order {
		it := &res.Items[i]
		h.IDs[k], h.Themes[k] = it.Item.ID, it.Item.Theme
		h.Representative[k] = it.Group != 0 && it.Representative == it.Item.ID
		for _, q := range it.Correlated {
			if j, ok := pos[q.ID]; ok {
				redundant[[2]int{k, j}], redundant[[2]int{j, k}] = true, true
			}
		}
	}
	pair := func(a, b int) (r float64, n int64) {
		// The r of the redundancy rule's method (Pearson, Spearman or polychoric).
		return reduction.Correlation(in.Current, order[a], order[b], res.Thresholds)
	}
	h.R = func(a, b int) float64 { r, _ := pair(a, b); return r }
	h.Redundant = func(a, b int) bool { return redundant[[2]int{a, b}] }
	// The outlined pairs say their group on hover.
	h.Hover = func(a, b int) string {
		r, n := pair(a, b)
		text := fmt.Sprintf("%s × %s: r %s, n %d", h.IDs[a], h.IDs[b], stat(r, 2, in.Words), n)
		if g := res.Items[order[a]].Group; g != 0 {
			text += fmt.Sprintf(" (%s %d)", in.Words.Group, g)
		}
		return text
	}
	out, err := chart.DrawHeatmap("heatmap", h)
	return template.HTML(out), err
}

// correlationLegend draws the colour ramp of r, and the undefined grey
// with its words (the legend as wide as they need, in any language).
func correlationLegend(w *Words) (template.HTML, error) {
	width := math.Max(420, 332+7.5*float64(len([]rune(w.Undefined)))+8)
	d := svg.New("heatmap-legend", width, 40, w.CorrelationLegend, w.CorrelationLegend, svg.A("class", "legend"))
	for k := 0; k <= 20; k++ {
		r := -1 + float64(k)/10
		d.Rect(float64(k)*14, 4, 14, 16, svg.Hex(svg.Correlation(r)), fmt.Sprintf("r %.1f", r))
	}
	for _, r := range []float64{-1, 0, 1} {
		d.Text((r+1)*10*14+7, 36, strconv.FormatFloat(r, 'f', -1, 64), svg.A("text-anchor", "middle"), svg.A("class", "small"))
	}
	d.Rect(310, 4, 16, 16, chart.Undefined, "")
	d.Text(332, 17, w.Undefined, svg.A("class", "small"))
	b, err := d.Bytes()
	return template.HTML(b), err
}

// A relRow is one theme or composite in the reliability table.
type relRow struct {
	Kind, Name                         string
	Items                              int
	Alpha, AlphaStd, AverageR, Omega   string
	NMin                               int64
	ItemsAfter, AlphaAfter, OmegaAfter string
}

// reliability builds the table and chart of alpha and omega, with the
// figures after the review when there are any.
func reliability(in Input) ([]relRow, template.HTML, error) {
	w := in.Words
	after := map[[2]string]reduction.ReliabilityCost{}
	for _, c := range in.After {
		after[[2]string{string(c.Kind), c.Name}] = c
	}
	var rows []relRow
	var bars []chart.ScaleRow
	for _, s := range in.Report.Reliability {
		r := relRow{Kind: w.kind(s.Kind), Name: s.Name, Items: len(s.Items), Alpha: stat(s.Alpha, 2, w),
			AlphaStd: stat(s.AlphaStd, 2, w), AverageR: stat(s.AverageR, 2, w), Omega: stat(s.OmegaTotal, 2, w), NMin: s.NMin}
		b := chart.ScaleRow{Label: s.Name, ItemsBefore: len(s.Items), AlphaBefore: s.Alpha, OmegaBefore: s.OmegaTotal,
			AlphaAfter: math.NaN(), OmegaAfter: math.NaN()}
		b.Hover = fmt.Sprintf("%s %s: %d %s, %s %s, %s %s", r.Kind, s.Name, len(s.Items), w.Items, w.Alpha, r.Alpha, w.Omega, r.Omega)
		if c, ok := after[[2]string{string(s.Kind), s.Name}]; ok {
			r.ItemsAfter = strconv.Itoa(c.ItemsAfter)
			r.AlphaAfter, r.OmegaAfter = stat(c.AlphaAfter, 2, w), stat(c.OmegaAfter, 2, w)
			if c.Lost {
				r.AlphaAfter, r.OmegaAfter = w.Lost, w.Lost
			}
			b.ItemsAfter, b.AlphaAfter, b.OmegaAfter = c.ItemsAfter, c.AlphaAfter, c.OmegaAfter
			b.Hover += fmt.Sprintf("; %s: %d %s, %s %s, %s %s", w.After, c.ItemsAfter, w.Items, w.Alpha, r.AlphaAfter, w.Omega, r.OmegaAfter)
		}
		rows = append(rows, r)
		bars = append(bars, b)
	}
	if len(rows) == 0 {
		return nil, "", nil
	}
	out, err := chart.Reliability("reliability-chart", bars, in.After != nil,
		chart.ReliabilityWords{Items: w.Items, Alpha: w.Alpha, Omega: w.Omega, Before: w.Before, After: w.After, NA: w.NA},
		w.Reliability, w.ReliabilityIntro)
	return rows, template.HTML(out), err
}

// A rowView is one row of the item table; each cell has the text shown
// and, for numbers, the value sorted on (empty when undefined).
type rowView struct {
	ID, Theme, Text, Scale string
	Cells                  []cell
	// Final is the decision after the review in the page's language;
	// FinalClass the same as keep or drop, for the cell's colour.
	Final, FinalClass string
}

type cell struct{ Text, Sort string }

func numCell(x float64, decimals int, w *Words) cell {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return cell{Text: w.NA}
	}
	return cell{Text: fmt.Sprintf("%.*f", decimals, x), Sort: strconv.FormatFloat(x, 'g', -1, 64)}
}

func intCell(n int64) cell { s := strconv.FormatInt(n, 10); return cell{s, s} }

// newRow is item i's row: n, mean, sd, previous mean, shift, ticks,
// rules, group, representative, Holm p and item-rest r.
func newRow(in Input, i int, restR map[string]float64) rowView {
	w := in.Words
	it := &in.Report.Result.Items[i]
	row := rowView{ID: it.Item.ID, Theme: it.Item.Theme, Text: it.Item.Text, Scale: it.Item.Scale.Name}
	var rules []string
	for _, f := range it.Flags {
		rules = append(rules, w.rule(f))
	}
	group, rep := cell{}, cell{}
	if it.Group != 0 {
		group = intCell(int64(it.Group))
		rep = cell{Text: it.Representative, Sort: it.Representative}
	}
	holm := math.NaN()
	if it.WaveTest != nil {
		holm = it.WaveTest.PHolm
	}
	rest, ok := restR[it.Item.ID]
	if !ok {
		rest = math.NaN()
	}
	row.Cells = []cell{intCell(it.N), numCell(it.Mean, 2, w), numCell(it.SD, 2, w), numCell(it.PreviousMean, 2, w),
		numCell(it.Shift, 2, w), intCell(int64(it.Ticks())), {Text: strings.Join(rules, ", "), Sort: strings.Join(rules, ", ")},
		group, rep, numCell(holm, 3, w), numCell(rest, 2, w)}
	if in.Final != nil {
		row.FinalClass = string(in.Final[it.Item.ID])
		row.Final = w.final(in.Final[it.Item.ID])
	}
	return row
}
