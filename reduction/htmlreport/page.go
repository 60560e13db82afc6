package htmlreport

import "html/template"

var page = template.Must(template.New("report").Parse(pageHTML))

// The page: a table of contents, the themes with their items' charts,
// the heatmap, the reliability and the item table.
const pageHTML = `<!DOCTYPE html>
<html lang="{{.W.Lang}}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{.W.Title}}: {{.Title}}</title>
<style>{{.Style}}</style>
</head>
<body>
<header>
<h1>{{.W.Title}}: {{.Title}}</h1>
<p>{{.W.Intro}}</p>
<p class="muted">{{.Sources}} ({{.Respondents}})</p>
</header>
<nav id="contents" aria-label="{{.W.Contents}}">
<h2>{{.W.Contents}}</h2>
<ol>
<li><a href="#themes">{{.W.Themes}}</a>
<ol>{{range .Themes}}<li><a href="#{{.Anchor}}">{{.Name}}</a> ({{len .Items}})</li>{{end}}</ol></li>
<li><a href="#heatmap-section">{{.W.Heatmap}}</a></li>
{{if .Reliability}}<li><a href="#reliability">{{.W.Reliability}}</a></li>{{end}}
{{if .Short}}<li><a href="#short-form">{{.Short.W.Section}}</a></li>{{end}}
<li><a href="#items">{{.W.ItemTable}}</a></li>
{{if .Warnings}}<li><a href="#warnings">{{.W.Warnings}} ({{len .Warnings}})</a></li>{{end}}
</ol>
</nav>
<main>
<section id="themes">
<h2>{{.W.Themes}}</h2>
{{range .Themes}}<section class="theme" id="{{.Anchor}}">
<h3>{{.Name}}</h3>
<div class="legends">{{range .Legends}}{{.}}{{end}}</div>
{{range .Items}}<figure class="item" id="item-{{.ID}}">
<figcaption><strong>{{.ID}}</strong> {{.Text}}{{if .Note}} <span class="muted">({{.Note}})</span>{{end}}</figcaption>
{{.Chart}}
{{if .Test}}<p class="test">{{.Test}}</p>{{end}}
</figure>
{{end}}</section>
{{end}}</section>
<section id="heatmap-section">
<h2>{{.W.Heatmap}}</h2>
<p>{{.HeatmapIntro}}</p>
<div class="legends">{{.HeatLegend}}</div>
<div class="scroll">{{.Heatmap}}</div>
</section>
{{if .Reliability}}<section id="reliability">
<h2>{{.W.Reliability}}</h2>
<p>{{.W.ReliabilityIntro}}{{if .After}} {{.W.ReliabilityAfterIntro}}{{end}}</p>
{{.RelChart}}
<table class="reliability">
<thead><tr><th>{{.W.Kind}}</th><th>{{.W.Name}}</th><th class="num">{{.W.Items}}</th><th class="num">{{.W.Alpha}}</th><th class="num">{{.W.AlphaStd}}</th><th class="num">{{.W.AverageR}}</th><th class="num">{{.W.Omega}}</th><th class="num">{{.W.NMin}}</th>{{if .After}}<th class="num">{{.W.ItemsAfter}}</th><th class="num">{{.W.AlphaAfter}}</th><th class="num">{{.W.OmegaAfter}}</th>{{end}}</tr></thead>
<tbody>
{{range .Reliability}}<tr><td>{{.Kind}}</td><td>{{.Name}}</td><td class="num">{{.Items}}</td><td class="num">{{.Alpha}}</td><td class="num">{{.AlphaStd}}</td><td class="num">{{.AverageR}}</td><td class="num">{{.Omega}}</td><td class="num">{{.NMin}}</td>{{if $.After}}<td class="num">{{.ItemsAfter}}</td><td class="num">{{.AlphaAfter}}</td><td class="num">{{.OmegaAfter}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</section>
{{end}}{{if .Short}}{{template "short" .Short}}
{{end}}<section id="items">
<h2>{{.W.ItemTable}}</h2>
<p>{{.W.ItemTableIntro}}</p>
<p class="filter"><label>{{.W.Filter}} <input type="search" id="filter" autocomplete="off"></label> <span id="shown">{{len .Rows}}</span> {{.W.Shown}}</p>
<div class="scroll"><table id="item-table">
<thead><tr><th>{{.W.Col.ID}}</th><th>{{.W.Col.Theme}}</th><th>{{.W.Col.Text}}</th><th>{{.W.Col.Scale}}</th><th class="num" data-type="num">{{.W.Col.N}}</th><th class="num" data-type="num">{{.W.Col.Mean}}</th><th class="num" data-type="num">{{.W.Col.SD}}</th><th class="num" data-type="num">{{.W.Col.PreviousMean}}</th><th class="num" data-type="num">{{.W.Col.Shift}}</th><th class="num" data-type="num">{{.W.Col.Ticks}}</th><th>{{.W.Col.Rules}}</th><th class="num" data-type="num">{{.W.Col.Group}}</th><th>{{.W.Col.Representative}}</th><th class="num" data-type="num">{{.W.Col.HolmP}}</th><th class="num" data-type="num">{{.W.Col.RestR}}</th>{{if .After}}<th>{{.W.Col.Final}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td><a href="#item-{{.ID}}">{{.ID}}</a></td><td>{{.Theme}}</td><td class="text">{{.Text}}</td><td>{{.Scale}}</td>{{range .Cells}}<td class="num" data-v="{{.Sort}}">{{.Text}}</td>{{end}}{{if $.After}}<td class="{{.FinalClass}}">{{.Final}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>
</section>
{{if .Warnings}}<section id="warnings">
<h2>{{.W.Warnings}}</h2>
<p>{{.W.WarningsIntro}}</p>
<ul>{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>
</section>
{{end}}</main>
<script>{{.Script}}</script>
</body>
</html>
`

// style is readable on a projector (large type, strong contrast) and in
// print (no filter, charts kept whole on a page). A browser lays out an
// item's chart only when it scrolls into view (content-visibility), so
// that a page of 1,000 items opens quickly.
const style = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 18px; line-height: 1.45; color: #000; background: #fff; margin: 1.5em auto; max-width: 1240px; padding: 0 1em; }
h1 { font-size: 1.8em; } h2 { font-size: 1.45em; margin-top: 1.8em; border-bottom: 2px solid #000; } h3 { font-size: 1.2em; margin-top: 1.4em; }
a { color: #0050a0; }
.muted { color: #444; }
nav ol ol { columns: 2; }
figure.item { margin: 0.8em 0 1.2em; content-visibility: auto; contain-intrinsic-size: auto 190px; }
figcaption { margin-bottom: 0.2em; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg text { font-size: 14px; fill: #000; }
svg .seg { stroke: #555; stroke-width: 0.5px; }
svg text.small { font-size: 12px; }
svg text.note { font-size: 14px; font-style: italic; fill: #333; }
svg text.mark-text { font-size: 13px; font-weight: bold; }
svg text.wave-label { font-weight: bold; }
svg text.head { font-weight: bold; }
svg.heatmap text { font-size: inherit; }
.legends svg { margin-right: 1.5em; }
.scroll { overflow: auto; }
p.test { margin: 0; font-size: 0.85em; color: #333; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.85em; }
th, td { border: 1px solid #999; padding: 0.25em 0.45em; vertical-align: top; text-align: left; }
th { background: #eee; position: sticky; top: 0; }
th[data-sort] { cursor: pointer; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
td.num, th.num { text-align: right; }
td.text { min-width: 18em; }
td.keep { background: #e3f4e3; } td.drop { background: #f8e1e1; }
input[type=search] { font-size: 1em; padding: 0.2em 0.4em; }
@media print {
  body { font-size: 11pt; max-width: none; margin: 0; }
  nav ol ol { columns: 3; }
  .filter { display: none; }
  figure.item, tr, .legends { break-inside: avoid; }
  figure.item { content-visibility: visible; }
  h2, h3 { break-after: avoid; }
  th { position: static; }
  a { color: #000; text-decoration: none; }
  .scroll { overflow: visible; }
}
`

// script sorts the item table by a clicked heading (numbers by value,
// undefined last) and shows only the rows containing the filter's text.
const script = `(function () {
  var table = document.getElementById("item-table");
  if (!table) return;
  var body = table.tBodies[0], filter = document.getElementById("filter"), shown = document.getElementById("shown");
  var heads = table.tHead.rows[0].cells;
  function key(row, col, num) {
    var c = row.cells[col];
    if (!num) return c.textContent.toLowerCase();
    var v = c.getAttribute("data-v");
    return v === "" || v === null ? null : parseFloat(v);
  }
  function sortBy(col) {
    var th = heads[col], num = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col, num), y = key(b, col, num);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -dir : dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    th.setAttribute("data-sort", "");
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(col); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(col); });
  });
  filter.addEventListener("input", function () {
    var q = filter.value.toLowerCase(), n = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var hide = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      r.hidden = hide;
      if (!hide) n++;
    });
    shown.textContent = n;
  });
  document.documentElement.setAttribute("data-script", "ready");
})();
`
