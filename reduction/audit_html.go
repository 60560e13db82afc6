package reduction

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
)

// WriteHTML writes the audit as one self-contained HTML page (styles
// inline, no scripts, no links to other files), to open in a browser, in
// the audit's language (Audit.Lang).
func (a *Audit) WriteHTML(w io.Writer) error {
	words := a.Lang.Words()
	chart, err := costChart(a.Reliability, &words.Audit)
	if err != nil {
		return err
	}
	return auditTemplate.Execute(w, htmlView{a.view(), words, &words.Audit, chart})
}

// htmlView is what the HTML template shows: the audit, its phrases and
// the chart of what the decision costs.
type htmlView struct {
	auditView
	W *Words
	A *auditWords
	// CostChart draws, per theme and composite, the items and alpha and
	// omega before and after the decision; empty without answers.
	CostChart template.HTML
}

// cell is one heading cell of an HTML table.
type cell struct {
	Text  string
	Right bool
}

// columns are the heading cells of a table; right lists the columns
// aligned to the right (numbers).
func columns(names []string, right ...int) []cell {
	out := make([]cell, len(names))
	for i, n := range names {
		out[i] = cell{n, slices.Contains(right, i)}
	}
	return out
}

// htmlf fills a phrase with arguments that are HTML already (escaped
// text in markup); the phrase itself is escaped.
func htmlf(phrase string, args ...template.HTML) template.HTML {
	parts := strings.Split(phrase, "%s")
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(template.HTMLEscapeString(p))
		if i < len(args) && i < len(parts)-1 {
			b.WriteString(string(args[i]))
		}
	}
	return template.HTML(b.String())
}

// code and strong put escaped text in <code> and <strong>.
func code(s string) template.HTML {
	return template.HTML("<code>" + template.HTMLEscapeString(s) + "</code>")
}

func strong(s string) template.HTML {
	return template.HTML("<strong>" + template.HTMLEscapeString(s) + "</strong>")
}

func text(s string) template.HTML { return template.HTML(template.HTMLEscapeString(s)) }

var auditTemplate = template.Must(template.New("audit").Funcs(template.FuncMap{
	"final":     func(w *Words, it viewItem) string { return w.finalText(it) },
	"votes":     func(w *Words, it viewItem) string { return w.votesText(it) },
	"verdict":   func(w *Words, v Verdict) string { return w.Verdict(v) },
	"undecided": (*Words).undecided,
	"waveTest":  (*Words).waveTest,
	"ticks":     func(w *Words, it viewItem) []string { return it.ticksIn(w) },
	"join":      strings.Join,
	"figure":    figure,
	"reliabilityHint": func(a *auditWords) template.HTML {
		return htmlf("%s: "+strings.ReplaceAll(a.ReliabilityHint, "`", ""), strong(a.ReliabilityHintTitle))
	},
	"title": func(a *auditWords, s string) string {
		if s == "" {
			s = a.NoTitle
		}
		return strings.ReplaceAll(a.Title, "%s", s)
	},
	"target": func(n int) string {
		if n == 0 {
			return "—"
		}
		return strconv.Itoa(n)
	},
	"finalClass": func(it viewItem) string { return it.Final },
	"fired": func(it viewItem, rule string) bool {
		r, _ := ParseRule(rule)
		return it.fired(r)
	},
	"command":    viewReproduction.commandText,
	"totals":     (*auditWords).totals,
	"sourceName": (*auditWords).sourceName,
	"sourceKind": (*auditWords).sourceKind,
	"themeName":  (*auditWords).themeName,
	"scaleKind":  (*auditWords).scaleKind,
	"groupNote":  (*auditWords).groupNote,
	"basis":      (*auditWords).basis,
	"from":       (*auditWords).from,
	"roleOf":     (*auditWords).roleOf,
	"ownSHA":     func(a *auditWords, r viewReproduction) string { return a.ownSHA(r.auditFile) },
	"columns":    columns,
	"sprintf":    fmt.Sprintf,
	"combineRule": func(a *auditWords, v htmlView) template.HTML {
		return htmlf(a.CombineRule, code(v.Combine), text(a.combine(v.combine, len(v.Sources))))
	},
	"seriesEnd": func(a *auditWords, n int) template.HTML {
		return strong(a.SeriesEnd) + " " + text(fmt.Sprintf(a.SeriesEndNote, n))
	},
	"statisticsBold": func(a *auditWords) template.HTML {
		return htmlf(a.StatisticsBold, strong(a.Bold), text(a.Reproduce))
	},
	"decidedWith": func(a *auditWords, r viewReproduction) template.HTML {
		return htmlf(a.DecidedWith, text(r.Tool), code(r.Combine))
	},
	"screenedWith": (*auditWords).screenedWith,
}).Parse(auditHTML))

const auditHTML = `<!DOCTYPE html>
<html lang="{{.A.HTMLLang}}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{title .A .Title}}</title>
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
{{- define "head"}}<thead><tr>{{range .}}<th{{if .Right}} class="num"{{end}}>{{.Text}}</th>{{end}}</tr></thead>{{end}}
<body>
{{$w := .W}}{{$a := .A}}<h1>{{title $a .Title}}</h1>
<p class="summary">{{totals $a .Totals}}.</p>

<h2>{{$a.Sources}}</h2>
<p>{{combineRule $a .}}</p>
<table>
{{template "head" columns $a.SourceColumns 2 3}}
<tbody>
{{range .Sources}}<tr><td>{{sourceName $a .}}</td><td>{{.File}} ({{sourceKind $a .Kind}})</td><td class="num">{{.Kept}}</td><td class="num">{{target .Target}}</td></tr>
{{end}}</tbody>
</table>

<h2>{{$a.Themes}}</h2>
<table>
{{template "head" columns $a.ThemeColumns 1 2}}
<tbody>
{{range .Themes}}<tr><td>{{themeName $a .Theme}}</td><td class="num">{{.ThisYear}}</td><td class="num">{{.NextYear}}</td></tr>
{{end}}<tr><td><strong>{{$a.AllThemes}}</strong></td><td class="num"><strong>{{.Totals.Bank}}</strong></td><td class="num"><strong>{{.Totals.Next}}</strong></td></tr>
</tbody>
</table>

<h2>{{$a.Overrides}}</h2>
<p>{{$a.OverridesIntro}} {{$a.VotesKey}}{{$a.VotesCount}}.</p>
<table>
{{template "head" columns $a.OverrideColumns 1}}
<tbody>
{{range .Items}}{{if or .Overridden .Against}}<tr class="{{finalClass .}}"><td>{{.ID}}</td><td class="num">{{len .Flags}}</td><td>{{verdict $w .Suggestion}}</td><td>{{if .Decision}}{{verdict $w .Decision}}{{else}}<span class="muted">{{$a.FollowsSuggestion}}</span>{{end}}</td><td>{{.Reason}}</td><td class="votes">{{votes $w .}}</td><td class="final">{{final $w .}}</td></tr>
{{end}}{{end}}</tbody>
</table>

<h2>{{$a.Costs}}</h2>
<p>{{seriesEnd $a (len .Costs.SeriesEnd)}}: {{if .Costs.SeriesEnd}}{{join .Costs.SeriesEnd ", "}}{{else}}{{$a.None}}{{end}}.</p>
{{if .Costs.Composites}}<p><strong>{{$a.CompositesLost}}</strong></p>
<ul>
{{range .Costs.Composites}}<li>{{sprintf $a.Lacks .Name (join .Missing ", ")}}</li>
{{end}}</ul>
{{else}}<p><strong>{{$a.Composites}}:</strong> {{$a.CompositesKept}}</p>
{{end}}{{if .Merged}}<p><strong>{{$a.MergedNotComparable}}</strong></p>
<ul>
{{range .Merged}}<li>{{.ID}} “{{.Text}}” {{$a.Replaces}} {{join .From ", "}}. {{.Reason}}</li>
{{end}}</ul>
{{else}}<p><strong>{{$a.Merged}}:</strong> {{$a.None}}.</p>
{{end}}{{if .Costs.Reliability}}<p><strong>{{$a.ReliabilityTitle}}</strong>{{$a.ReliabilityNote}}</p>
{{.CostChart}}
<table>
{{template "head" columns $a.ReliabilityColumns}}
<tbody>
{{range .Costs.Reliability}}<tr><td>{{scaleKind $a .Kind}}</td><td>{{.Name}}</td><td class="num">{{.ItemsBefore}}</td><td class="num">{{.ItemsAfter}}</td><td class="num">{{figure .AlphaBefore}}</td><td class="num">{{if .Lost}}{{$a.NoLongerComputed}}{{else}}{{figure .AlphaAfter}}{{end}}</td><td class="num">{{figure .OmegaBefore}}</td><td class="num">{{figure .OmegaAfter}}</td></tr>
{{end}}</tbody>
</table>
{{else}}<p>{{reliabilityHint $a}}</p>
{{end}}
{{if .Added}}<h2>{{$a.NewItems}}</h2>
<table>
{{template "head" columns $a.NewItemColumns}}
<tbody>
{{range .Added}}<tr><td>{{.ID}}</td><td>{{.Text}}</td><td>{{.Scale}}</td><td>{{.Theme}}</td><td>{{.Reason}}</td></tr>
{{end}}</tbody>
</table>
{{end}}
<h2>{{$a.EveryItem}}</h2>
<p>{{$a.TicksIntro}} {{$a.VotesKey}}.</p>
<table>
{{template "head" columns $a.ItemColumns}}
<tbody>
{{range .Items}}<tr class="{{finalClass .}}" id="item-{{.ID}}"><td>{{.ID}}</td><td>{{.Text}}</td><td>{{if or .Ticks .Undecided .WaveTest}}<ul class="ticks">{{range ticks $w .}}<li>{{.}}</li>{{end}}{{range .Undecided}}<li class="muted">{{$a.Undecided}}: {{undecided $w .}}</li>{{end}}{{with waveTest $w .}}<li class="muted">{{.}}</li>{{end}}</ul>{{end}}</td><td>{{verdict $w .Suggestion}}{{with groupNote $a .}}<br><span class="muted">{{.}}</span>{{end}}</td><td>{{if .Decision}}<span{{if .Overridden}} class="override"{{end}}>{{verdict $w .Decision}}{{if .Overridden}} ({{$a.Override}}){{end}}</span>{{else}}<span class="muted">—</span>{{end}}</td><td>{{.Reason}}</td><td class="votes">{{votes $w .}}</td><td class="final">{{final $w .}}</td></tr>
{{end}}</tbody>
</table>
{{if .Left}}<p>{{sprintf $a.Left (join .Left ", ")}}</p>
{{end}}
<h2>{{$a.Statistics}}</h2>
<p>{{$a.StatisticsIntro}} {{statisticsBold $a}}</p>
<table>
{{template "head" columns $a.StatisticsColumns 2 3 4 5 6 7 9}}
<tbody>
{{range $it := .Items}}<tr><td>{{.ID}}</td><td>{{.Scale}}</td><td class="num">{{.N}}</td><td class="num">{{.PreviousN}}</td><td class="num">{{if fired . "stable"}}<strong>{{.Shift}}</strong>{{else}}{{.Shift}}{{end}}</td><td class="num">{{if fired . "ceiling"}}<strong>{{.Mean}}</strong>{{else}}{{.Mean}}{{end}}</td><td class="num">{{if fired . "low_spread"}}<strong>{{.SD}}</strong>{{else}}{{.SD}}{{end}}</td>{{with .MaxR}}<td class="num">{{if fired $it "redundant"}}<strong>{{.R}}</strong>{{else}}{{.R}}{{end}}</td><td>{{.ID}}</td><td class="num">{{.N}}</td>{{else}}<td class="num">—</td><td>—</td><td class="num">—</td>{{end}}</tr>
{{end}}</tbody>
</table>

<h2>{{$a.Reproduce}}</h2>
{{with .Reproducibility}}{{if .Command}}<p>{{$a.CommandIntro}}</p>
<pre><code>{{command .}}</code></pre>
{{end}}<ul>
<li>{{decidedWith $a .}}</li>
<li>{{screenedWith $a .}}</li>
<li>{{sprintf $a.SuggestionRule .DropFromTicks}}</li>
<li>{{sprintf $a.ReviewChecked .Checked}}</li>
<li>{{sprintf $a.ThresholdLine (basis $a .Basis) .Redundant}}</li>
</ul>
<table>
{{template "head" columns $a.ThresholdColumns}}
<tbody>
{{range .Scales}}<tr><td>{{.Scale}}</td><td>{{.Min}}-{{.Max}}</td><td>{{.Stable}} ({{from $a .StableFrom}})</td><td>{{.Ceiling}} ({{from $a .CeilingFrom}})</td><td>{{.LowSpread}} ({{from $a .LowSpreadFrom}})</td></tr>
{{end}}</tbody>
</table>
<table>
{{template "head" columns $a.InputColumns}}
<tbody>
{{range .Inputs}}<tr><td>{{roleOf $a .}}</td><td>{{.File}}</td><td><code>{{.SHA256}}</code></td></tr>
{{end}}</tbody>
</table>
{{if .Outputs}}<table>
{{template "head" columns $a.OutputColumns}}
<tbody>
{{range .Outputs}}<tr><td>{{roleOf $a .}}</td><td>{{.File}}</td><td><code>{{.SHA256}}</code></td></tr>
{{end}}</tbody>
</table>
{{end}}<p>{{sprintf $a.OwnSHA (ownSHA $a .)}}</p>
{{end}}{{if .Warnings}}<h2>{{$a.Warnings}}</h2>
<ul>
{{range .Warnings}}<li>{{.}}</li>
{{end}}</ul>
{{end}}</body>
</html>
`
