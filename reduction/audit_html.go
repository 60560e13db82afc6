package reduction

import (
	"html/template"
	"io"
	"strconv"
	"strings"
)

// WriteHTML writes the audit as one self-contained HTML page (styles
// inline, no scripts, no links to other files), to open in a browser.
func (a *Audit) WriteHTML(w io.Writer) error {
	chart, err := costChart(a.Reliability)
	if err != nil {
		return err
	}
	return auditTemplate.Execute(w, htmlAudit{auditView: a.view(), CostChart: chart})
}

var auditTemplate = template.Must(template.New("audit").Funcs(template.FuncMap{
	"final":           finalText,
	"votes":           votesText,
	"join":            strings.Join,
	"figure":          figure,
	"reliabilityHint": func() string { return strings.NewReplacer("**", "", "`", "").Replace(reliabilityHint) },
	"title": func(s string) string {
		if s == "" {
			return "the questionnaire"
		}
		return s
	},
	"target": func(n int) string {
		if n == 0 {
			return "—"
		}
		return strconv.Itoa(n)
	},
	"finalClass": func(it viewItem) string { return it.Final },
	"themeName":  themeName,
	"fired": func(it viewItem, rule string) bool {
		r, _ := ParseRule(rule)
		return it.fired(r)
	},
	"command":         viewReproduction.commandText,
	"checked":         checkedText,
	"statisticsIntro": func() string { return statisticsIntro },
}).Parse(auditHTML))

const auditHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Audit of the item reduction: {{title .Title}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #d0d0d0; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; position: sticky; top: 0; }
td.num, th.num { text-align: right; }
tr.keep td.final { background: #e3f4e3; } tr.drop td.final { background: #f8e1e1; } tr.merged td.final { background: #e4ecfa; }
.override { font-weight: bold; color: #8a4b00; }
.summary { font-size: 1.15em; font-weight: bold; }
code { font-size: 0.95em; }
ul.ticks { margin: 0; padding-left: 1.1em; }
.muted { color: #666; }
td.votes { white-space: nowrap; }
</style>
</head>
<body>
<h1>Audit of the item reduction: {{title .Title}}</h1>
<p class="summary">{{.Summary}}.</p>

<h2>Sources</h2>
<p>Combine rule <code>{{.Combine}}</code>: {{.CombineRule}}.</p>
<table>
<thead><tr><th>source</th><th>file</th><th class="num">items kept</th><th class="num">target length</th></tr></thead>
<tbody>
{{range .Sources}}<tr><td>{{.Name}}</td><td>{{.File}} ({{.Kind}})</td><td class="num">{{.Kept}}</td><td class="num">{{target .Target}}</td></tr>
{{end}}</tbody>
</table>

<h2>Items per theme</h2>
<table>
<thead><tr><th>theme</th><th class="num">this year</th><th class="num">next year</th></tr></thead>
<tbody>
{{range .Themes}}<tr><td>{{themeName .Theme}}</td><td class="num">{{.ThisYear}}</td><td class="num">{{.NextYear}}</td></tr>
{{end}}<tr><td><strong>all themes</strong></td><td class="num"><strong>{{.Totals.Bank}}</strong></td><td class="num"><strong>{{.Totals.Next}}</strong></td></tr>
</tbody>
</table>

<h2>Where judgement overrode the statistics</h2>
<p>Items whose researchers' decision or final decision differs from the suggestion of the statistics. Votes: K = keep, D = drop, in the order of the sources above, with the number of keeps.</p>
<table>
<thead><tr><th>item</th><th class="num">ticks</th><th>suggestion</th><th>researchers</th><th>reason</th><th>votes</th><th>final</th></tr></thead>
<tbody>
{{range .Items}}{{if or .Overridden .Against}}<tr class="{{finalClass .}}"><td>{{.ID}}</td><td class="num">{{len .Flags}}</td><td>{{.Suggestion}}</td><td>{{if .Decision}}{{.Decision}}{{else}}<span class="muted">follows the suggestion</span>{{end}}</td><td>{{.Reason}}</td><td class="votes">{{votes .}}</td><td class="final">{{final .}}</td></tr>
{{end}}{{end}}</tbody>
</table>

<h2>What the decision costs</h2>
<p><strong>Time series that end</strong> ({{len .Costs.SeriesEnd}} items dropped, no comparison with earlier waves): {{if .Costs.SeriesEnd}}{{join .Costs.SeriesEnd ", "}}{{else}}none{{end}}.</p>
{{if .Costs.Composites}}<p><strong>Composite indicators that can no longer be computed:</strong></p>
<ul>
{{range .Costs.Composites}}<li>{{.Name}}: lacks {{join .Missing ", "}}</li>
{{end}}</ul>
{{else}}<p><strong>Composite indicators:</strong> every composite of the bank can still be computed.</p>
{{end}}{{if .Merged}}<p><strong>Merged items, not comparable one-to-one with the items they replace:</strong></p>
<ul>
{{range .Merged}}<li>{{.ID}} “{{.Text}}” replaces {{join .From ", "}}. {{.Reason}}</li>
{{end}}</ul>
{{else}}<p><strong>Merged items:</strong> none.</p>
{{end}}{{if .Costs.Reliability}}<p><strong>Reliability on this year's answers</strong>, before (every item) and after (the items kept; merged and new items have no answers yet):</p>
{{.CostChart}}
<table>
<thead><tr><th>scale</th><th>name</th><th>items before</th><th>items after</th><th>alpha before</th><th>alpha after</th><th>omega before</th><th>omega after</th></tr></thead>
<tbody>
{{range .Costs.Reliability}}<tr><td>{{.Kind}}</td><td>{{.Name}}</td><td class="num">{{.ItemsBefore}}</td><td class="num">{{.ItemsAfter}}</td><td class="num">{{figure .AlphaBefore}}</td><td class="num">{{if .Lost}}can no longer be computed{{else}}{{figure .AlphaAfter}}{{end}}</td><td class="num">{{figure .OmegaBefore}}</td><td class="num">{{figure .OmegaAfter}}</td></tr>
{{end}}</tbody>
</table>
{{else}}<p>{{reliabilityHint}}</p>
{{end}}
{{if .Added}}<h2>New items</h2>
<table>
<thead><tr><th>item</th><th>text</th><th>scale</th><th>theme</th><th>reason</th></tr></thead>
<tbody>
{{range .Added}}<tr><td>{{.ID}}</td><td>{{.Text}}</td><td>{{.Scale}}</td><td>{{.Theme}}</td><td>{{.Reason}}</td></tr>
{{end}}</tbody>
</table>
{{end}}
<h2>Every item</h2>
<p>Ticks show the statistic, the threshold it crossed and the number of answers (n). Votes: K = keep, D = drop, in the order of the sources above.</p>
<table>
<thead><tr><th>item</th><th>text</th><th>ticks with evidence</th><th>suggestion</th><th>researchers</th><th>reason</th><th>votes</th><th>final</th></tr></thead>
<tbody>
{{range .Items}}<tr class="{{finalClass .}}" id="item-{{.ID}}"><td>{{.ID}}</td><td>{{.Text}}</td><td>{{if or .Ticks .Undecided .WaveTest}}<ul class="ticks">{{range .Ticks}}<li>{{.}}</li>{{end}}{{range .Undecided}}<li class="muted">undecided: {{.}}</li>{{end}}{{with .WaveTest}}<li class="muted">{{.}}</li>{{end}}</ul>{{end}}</td><td>{{.Suggestion}}{{with .GroupNote}}<br><span class="muted">{{.}}</span>{{end}}</td><td>{{if .Decision}}<span{{if .Overridden}} class="override"{{end}}>{{.Decision}}{{if .Overridden}} (override){{end}}</span>{{else}}<span class="muted">—</span>{{end}}</td><td>{{.Reason}}</td><td class="votes">{{votes .}}</td><td class="final">{{final .}}</td></tr>
{{end}}</tbody>
</table>
{{if .Left}}<p>In the review file but no longer in the bank (not decided): {{join .Left ", "}}</p>
{{end}}
<h2>The four statistics of every item</h2>
<p>{{statisticsIntro}} A number in <strong>bold</strong> gave the item its tick; the thresholds per scale are under How to reproduce.</p>
<table>
<thead><tr><th>item</th><th>scale</th><th class="num">n</th><th class="num">previous n</th><th class="num">shift</th><th class="num">mean</th><th class="num">sd</th><th class="num">r (largest |r|)</th><th>with</th><th class="num">n both</th></tr></thead>
<tbody>
{{range $it := .Items}}<tr><td>{{.ID}}</td><td>{{.Scale}}</td><td class="num">{{.N}}</td><td class="num">{{.PreviousN}}</td><td class="num">{{if fired . "stable"}}<strong>{{.Shift}}</strong>{{else}}{{.Shift}}{{end}}</td><td class="num">{{if fired . "ceiling"}}<strong>{{.Mean}}</strong>{{else}}{{.Mean}}{{end}}</td><td class="num">{{if fired . "low_spread"}}<strong>{{.SD}}</strong>{{else}}{{.SD}}{{end}}</td>{{with .MaxR}}<td class="num">{{if fired $it "redundant"}}<strong>{{.R}}</strong>{{else}}{{.R}}{{end}}</td><td>{{.ID}}</td><td class="num">{{.N}}</td>{{else}}<td class="num">—</td><td>—</td><td class="num">—</td>{{end}}</tr>
{{end}}</tbody>
</table>

<h2>How to reproduce</h2>
{{with .Reproducibility}}{{if .Command}}<p>The command, with each file named without its folder:</p>
<pre><code>{{command .}}</code></pre>
{{end}}<ul>
<li>decided with: {{.Tool}}, combine rule <code>{{.Combine}}</code></li>
<li>screened with: {{.Screening}}; {{.Respondents.Previous}} respondents in the older wave, {{.Respondents.Current}} in the newer{{if .Respondents.Linked}}, {{.Respondents.Linked}} linked by the ids in column {{.IDColumn}} (wave tests paired){{end}}{{if .Where}} (rows where {{join .Where " and "}}){{else}} (all rows){{end}}{{if .Sheet}} from the worksheet {{.Sheet}}{{end}}</li>
<li>suggestion: drop from {{.DropFromTicks}} tick(s)</li>
<li>review file: {{checked .}}</li>
<li>thresholds ({{.Basis}}); redundant: |r| &gt; {{.Redundant}}</li>
</ul>
<table>
<thead><tr><th>scale</th><th>range</th><th>stable: |shift| &lt;</th><th>ceiling: mean &gt;</th><th>low spread: sd &lt;</th></tr></thead>
<tbody>
{{range .Scales}}<tr><td>{{.Scale}}</td><td>{{.Min}}-{{.Max}}</td><td>{{.Stable}} ({{.StableFrom}})</td><td>{{.Ceiling}} ({{.CeilingFrom}})</td><td>{{.LowSpread}} ({{.LowSpreadFrom}})</td></tr>
{{end}}</tbody>
</table>
<table>
<thead><tr><th>input</th><th>file</th><th>SHA-256</th></tr></thead>
<tbody>
{{range .Inputs}}<tr><td>{{.Role}}</td><td>{{.File}}</td><td><code>{{.SHA256}}</code></td></tr>
{{end}}</tbody>
</table>
{{if .Outputs}}<table>
<thead><tr><th>output</th><th>file</th><th>SHA-256</th></tr></thead>
<tbody>
{{range .Outputs}}<tr><td>{{.Role}}</td><td>{{.File}}</td><td><code>{{.SHA256}}</code></td></tr>
{{end}}</tbody>
</table>
{{end}}<p>The SHA-256 of this audit is {{.OwnSHA256}}.</p>
{{end}}{{if .Warnings}}<h2>Warnings</h2>
<ul>
{{range .Warnings}}<li>{{.}}</li>
{{end}}</ul>
{{end}}</body>
</html>
`
