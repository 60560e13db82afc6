package reduction

import (
	"fmt"
	"html/template"

	"github.com/itemreduce/itemreduce/internal/chart"
)

// costChart draws the reliability cost of the decision (the audit's
// Reliability) in the words of a; empty when there is none.
func costChart(costs []ReliabilityCost, a *auditWords) (template.HTML, error) {
	if len(costs) == 0 {
		return "", nil
	}
	w := a.Chart
	rows := make([]chart.ScaleRow, len(costs))
	for i, c := range costs {
		rows[i] = chart.ScaleRow{Label: c.Name, ItemsBefore: c.ItemsBefore, ItemsAfter: c.ItemsAfter,
			AlphaBefore: c.AlphaBefore, AlphaAfter: c.AlphaAfter, OmegaBefore: c.OmegaBefore, OmegaAfter: c.OmegaAfter,
			Hover: fmt.Sprintf(w.Hover, a.scaleKind(c.Kind), c.Name, c.ItemsBefore, c.ItemsAfter)}
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
