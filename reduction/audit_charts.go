package reduction

import (
	"fmt"
	"html/template"

	"github.com/itemreduce/itemreduce/internal/chart"
)

// htmlAudit is the data of the HTML audit: the audit's view and its
// chart of what the decision costs.
type htmlAudit struct {
	auditView
	// CostChart draws, per theme and composite, the items and alpha and
	// omega before and after the decision; empty without answers.
	CostChart template.HTML
}

// costChartWords are the words of the cost chart.
var costChartWords = struct {
	chart.ReliabilityWords
	Title, Desc, Hover string
}{
	ReliabilityWords: chart.ReliabilityWords{Items: "items", Alpha: "alpha", Omega: "omega total",
		Before: "before", After: "after", NA: "n/a"},
	Title: "What the decision costs per theme and composite",
	Desc: "For each theme and composite: the number of items before (grey) and after (blue), " +
		"and alpha and omega total before (ring) and after (dot), on this year's answers.",
	Hover: "%s %s: %d items before, %d after",
}

// costChart draws the reliability cost of the decision (the audit's
// Reliability); empty when there is none.
func costChart(costs []ReliabilityCost) (template.HTML, error) {
	if len(costs) == 0 {
		return "", nil
	}
	w := costChartWords
	rows := make([]chart.ScaleRow, len(costs))
	for i, c := range costs {
		rows[i] = chart.ScaleRow{Label: c.Name, ItemsBefore: c.ItemsBefore, ItemsAfter: c.ItemsAfter,
			AlphaBefore: c.AlphaBefore, AlphaAfter: c.AlphaAfter, OmegaBefore: c.OmegaBefore, OmegaAfter: c.OmegaAfter,
			Hover: fmt.Sprintf(w.Hover, c.Kind, c.Name, c.ItemsBefore, c.ItemsAfter)}
	}
	b, err := chart.Reliability("cost-chart", rows, true, w.ReliabilityWords, w.Title, w.Desc)
	if err != nil {
		return "", err
	}
	return template.HTML(costChartStyle + string(b)), nil
}

// costChartStyle sizes the chart's text for the audit's page.
const costChartStyle = `<style>
#cost-chart { max-width: 100%; height: auto; font-family: inherit; }
#cost-chart text { font-size: 14px; } #cost-chart text.small { font-size: 12px; } #cost-chart text.head { font-weight: bold; }
</style>
`
