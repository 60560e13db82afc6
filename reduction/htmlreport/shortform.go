package htmlreport

import (
	"fmt"
	"html/template"
	"math"
	"strconv"

	"github.com/itemreduce/itemreduce/internal/chart"
	"github.com/itemreduce/itemreduce/internal/svg"
	"github.com/itemreduce/itemreduce/reduction"
)

// Shorten is what the section on the short form shows: the form of one
// length, the curve over several lengths, or both (the form's length
// marked on the curve). Both come from the same Shortener (its
// constraints, its correlation matrix), which computes every figure;
// the page only lays them out.
type Shorten struct {
	Shortener *reduction.Shortener
	Form      *reduction.ShortForm   // nil: the curve only
	Curve     []reduction.CurvePoint // nil: the form only
}

// shortView is the data of the section's template.
type shortView struct {
	W        *ShortWords
	P        *Words // the page's words
	Intro    string
	Form     bool
	Facts    []shortFact
	Percent  string
	Optimal  string
	Notes    []string
	RelChart template.HTML
	Themes   []shortTheme
	Binding  []shortBinding
	Kept     []keptTheme
	Curve    template.HTML
	Points   []curveRow
	Unusable []reduction.UnusableItem
}

// A shortFact is one figure of the form; Key is its name in the JSON of
// itemreduce shorten, Value its full precision.
type shortFact struct {
	Key, Label, Text, Value string
}

type shortTheme struct {
	Kind, KindText, Name                         string // KindText: Kind in the page's language
	Before, After                                int
	Lost                                         bool
	AlphaNow, AlphaKept, OmegaNow, OmegaKept     string
	AlphaNowV, AlphaKeptV, OmegaNowV, OmegaKeptV string
}

type shortBinding struct {
	Constraint, Gain, GainV, Example string
}

type keptTheme struct {
	Name, Count string
	Items       []keptItem
}

type keptItem struct {
	ID, Text, Contribution, ContributionV, Why string
}

type curveRow struct {
	Length                               int
	Information, Bound, Gap, Constrained string
	Error                                string
	Marked                               bool
}

// newShortView lays out the section.
func newShortView(in Input) (*shortView, error) {
	s := in.Short
	if s.Shortener == nil || s.Form == nil && len(s.Curve) == 0 {
		return nil, fmt.Errorf("htmlreport: a short form section needs the shortener and a form or a curve")
	}
	w := &in.Words.Short
	sh := s.Shortener
	v := &shortView{W: w, P: in.Words, Intro: fmt.Sprintf(w.Intro, sh.P()), Form: s.Form != nil}
	for _, u := range sh.Unusable {
		v.Unusable = append(v.Unusable, reduction.UnusableItem{ID: u.ID, Why: in.Words.reason(u.Why)})
	}
	if sh.Smoothed {
		v.Notes = append(v.Notes, w.Smoothed)
	}
	for _, warning := range sh.Warnings {
		v.Notes = append(v.Notes, w.Warning+": "+warning)
	}
	if f := s.Form; f != nil {
		if err := v.addForm(in, f); err != nil {
			return nil, err
		}
	}
	if len(s.Curve) > 0 {
		if err := v.addCurve(in, s); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// addForm lays out the figures, themes, binding constraints and kept
// items of the form.
func (v *shortView) addForm(in Input, f *reduction.ShortForm) error {
	w := v.W
	fig := func(key, label string, x float64) shortFact {
		return shortFact{Key: key, Label: label, Text: stat(x, 4, in.Words), Value: full(x)}
	}
	v.Facts = []shortFact{
		{Key: "length", Label: w.Length, Text: fmt.Sprintf(w.LengthOf, f.Length, f.P), Value: strconv.Itoa(f.Length)},
		fig("information", w.Information, f.Information),
		fig("bound", w.Bound, f.Bound),
		fig("gap", w.Gap, f.Gap()),
	}
	if f.ConstrainedBound < f.Bound-5e-5 { // differs as printed, as shorten's text says it
		v.Facts = append(v.Facts, fig("constrained_bound", w.Constrained, f.ConstrainedBound))
	}
	v.Percent = fmt.Sprintf(w.Percent, 100*f.Information, f.P)
	v.Optimal = fmt.Sprintf(w.SwapOptimal, f.Swaps)
	if f.Exact {
		v.Optimal = fmt.Sprintf(w.Exact, f.Nodes)
	}
	var rows []chart.ScaleRow
	for _, c := range f.Themes {
		t := shortTheme{Kind: string(c.Kind), KindText: in.Words.kind(c.Kind), Name: c.Name, Before: c.ItemsBefore, After: c.ItemsAfter, Lost: c.Lost,
			AlphaNow: stat(c.AlphaBefore, 2, in.Words), AlphaKept: stat(c.AlphaAfter, 2, in.Words),
			OmegaNow: stat(c.OmegaBefore, 2, in.Words), OmegaKept: stat(c.OmegaAfter, 2, in.Words),
			AlphaNowV: full(c.AlphaBefore), AlphaKeptV: full(c.AlphaAfter), OmegaNowV: full(c.OmegaBefore), OmegaKeptV: full(c.OmegaAfter)}
		if c.Lost {
			t.AlphaKept, t.OmegaKept = in.Words.Lost, in.Words.Lost
		}
		name := c.Name
		if c.Kind == reduction.CompositeScale {
			name = w.Composite + " " + name
		}
		rows = append(rows, chart.ScaleRow{Label: name, ItemsBefore: c.ItemsBefore, ItemsAfter: c.ItemsAfter,
			AlphaBefore: c.AlphaBefore, AlphaAfter: c.AlphaAfter, OmegaBefore: c.OmegaBefore, OmegaAfter: c.OmegaAfter,
			Hover: fmt.Sprintf("%s: %d → %d %s, %s %s → %s, %s %s → %s", name, c.ItemsBefore, c.ItemsAfter, in.Words.Items,
				in.Words.Alpha, t.AlphaNow, t.AlphaKept, in.Words.Omega, t.OmegaNow, t.OmegaKept)})
		v.Themes = append(v.Themes, t)
	}
	if len(rows) > 0 {
		b, err := chart.Reliability("short-reliability-chart", rows, true,
			chart.ReliabilityWords{Items: in.Words.Items, Alpha: in.Words.Alpha, Omega: in.Words.Omega, Before: in.Words.Before, After: w.ItemsKept, NA: in.Words.NA},
			w.ChartTitle, w.ThemesIntro)
		if err != nil {
			return err
		}
		v.RelChart = template.HTML(b)
	}
	for _, c := range f.Binding {
		v.Binding = append(v.Binding, shortBinding{Constraint: in.Words.reason(c.Constraint), Gain: "+" + stat(c.Gain, 4, in.Words), GainV: full(c.Gain),
			Example: in.Words.reason(c.Example)})
	}
	v.Kept = keptByTheme(in, f)
	return nil
}

// keptByTheme groups the kept items by theme, the themes in the order of
// the page (themeOrder), each saying how many of its items are kept.
func keptByTheme(in Input, f *reduction.ShortForm) []keptTheme {
	kept := map[string]reduction.ShortItem{}
	for _, it := range f.Items {
		kept[it.ID] = it
	}
	var out []keptTheme
	var t *keptTheme
	of := 0
	flush := func() {
		if t != nil && len(t.Items) > 0 {
			t.Count = fmt.Sprintf(in.Words.Short.KeptOf, len(t.Items), of)
			out = append(out, *t)
		}
	}
	for _, i := range themeOrder(in.Bank) {
		item := in.Bank.Items[i]
		name := themeLabel(item.Theme, in.Words)
		if t == nil || t.Name != name {
			flush()
			t, of = &keptTheme{Name: name}, 0
		}
		of++
		it, ok := kept[item.ID]
		if !ok {
			continue
		}
		why := in.Words.reason(it.Forced)
		if why == "" {
			why = in.Words.Short.Chosen
		}
		t.Items = append(t.Items, keptItem{ID: it.ID, Text: it.Text, Contribution: stat(it.Contribution, 4, in.Words),
			ContributionV: full(it.Contribution), Why: why})
	}
	flush()
	return out
}

// addCurve draws the curve of I and the bounds per length, the form's
// length marked, and its table (the chart's numbers for every reader).
func (v *shortView) addCurve(in Input, s *Shorten) error {
	w := v.W
	c := chart.LineChart{XLabel: w.XLabel, YLabel: w.YLabel, Mark: math.NaN(), Decimals: 4, Title: w.Curve,
		Desc: fmt.Sprintf(w.CurveDesc, s.Curve[0].Length, s.Curve[len(s.Curve)-1].Length)}
	info := chart.LineSeries{Name: w.SeriesI, Colour: svg.Blue}
	bound := chart.LineSeries{Name: w.SeriesBound, Colour: svg.Vermillion, Dashed: true}
	constrained := chart.LineSeries{Name: w.SeriesConstrained, Colour: svg.BluishGreen, Dashed: true}
	differs := false
	for _, pt := range s.Curve {
		b := s.Shortener.BoundAt(pt.Length)
		c.X = append(c.X, float64(pt.Length))
		info.Y = append(info.Y, pt.Information)
		bound.Y = append(bound.Y, b)
		constrained.Y = append(constrained.Y, pt.Constrained)
		row := curveRow{Length: pt.Length, Information: stat(pt.Information, 4, in.Words), Bound: stat(b, 4, in.Words),
			Gap: stat(b-pt.Information, 4, in.Words), Constrained: stat(pt.Constrained, 4, in.Words)}
		if pt.Err != nil {
			row.Error = pt.Err.Error()
		} else if pt.Constrained < b-5e-5 {
			differs = true
		}
		if s.Form != nil && pt.Length == s.Form.Length {
			row.Marked = true
		}
		v.Points = append(v.Points, row)
	}
	c.Series = []chart.LineSeries{info, bound}
	if differs {
		c.Series = append(c.Series, constrained)
	}
	if s.Form != nil {
		c.Mark, c.MarkLabel = float64(s.Form.Length), fmt.Sprintf(w.Mark, s.Form.Length)
	}
	b, err := chart.DrawLine("short-curve", c)
	v.Curve = template.HTML(b)
	return err
}

// full prints x at full precision for a data-v attribute, "" when
// undefined.
func full(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// shortHTML is the section, a template of the page (see page.go).
const shortHTML = `<section id="short-form">
<h2>{{.W.Section}}</h2>
<p>{{.Intro}}</p>
{{if .Form}}<h3>{{.W.Facts}}</h3>
<table id="short-facts">
<tbody>
{{range .Facts}}<tr data-key="{{.Key}}"><th>{{.Label}}</th><td class="num" data-v="{{.Value}}">{{.Text}}</td></tr>
{{end}}</tbody>
</table>
<p>{{.Percent}}. {{.Optimal}}</p>
{{end}}{{range .Notes}}<p class="note">{{.}}</p>
{{end}}{{if .Form}}{{if .Themes}}<h3>{{.W.Themes}}</h3>
<p>{{.W.ThemesIntro}}</p>
{{.RelChart}}
<table id="short-themes">
<thead><tr><th>{{$.P.Kind}}</th><th>{{$.P.Name}}</th><th class="num">{{.W.ItemsNow}}</th><th class="num">{{.W.ItemsKept}}</th><th class="num">{{.W.AlphaNow}}</th><th class="num">{{.W.AlphaKept}}</th><th class="num">{{.W.OmegaNow}}</th><th class="num">{{.W.OmegaKept}}</th></tr></thead>
<tbody>
{{range .Themes}}<tr data-kind="{{.Kind}}" data-name="{{.Name}}"><td>{{.KindText}}</td><td>{{.Name}}</td><td class="num">{{.Before}}</td><td class="num">{{.After}}</td><td class="num" data-v="{{.AlphaNowV}}">{{.AlphaNow}}</td><td class="num" data-v="{{.AlphaKeptV}}">{{.AlphaKept}}</td><td class="num" data-v="{{.OmegaNowV}}">{{.OmegaNow}}</td><td class="num" data-v="{{.OmegaKeptV}}">{{.OmegaKept}}</td></tr>
{{end}}</tbody>
</table>
{{end}}<h3>{{.W.Binding}}</h3>
{{if .Binding}}<p>{{.W.BindingIntro}}</p>
<table id="short-binding">
<thead><tr><th>{{.W.Constraint}}</th><th class="num">{{.W.Gain}}</th><th>{{.W.Example}}</th></tr></thead>
<tbody>
{{range .Binding}}<tr><td>{{.Constraint}}</td><td class="num" data-v="{{.GainV}}">{{.Gain}}</td><td>{{.Example}}</td></tr>
{{end}}</tbody>
</table>
{{else}}<p id="short-binding">{{.W.NoBinding}}</p>
{{end}}<h3>{{.W.Kept}}</h3>
<p>{{.W.KeptIntro}}</p>
<table id="short-items">
<thead><tr><th>{{$.P.Col.ID}}</th><th>{{$.P.Col.Text}}</th><th class="num">{{.W.Contribution}}</th><th>{{.W.Why}}</th></tr></thead>
{{range .Kept}}<tbody class="short-theme">
<tr><th colspan="4">{{.Name}} ({{.Count}})</th></tr>
{{range .Items}}<tr data-item="{{.ID}}"><td><a href="#item-{{.ID}}">{{.ID}}</a></td><td class="text">{{.Text}}</td><td class="num" data-v="{{.ContributionV}}">{{.Contribution}}</td><td>{{.Why}}</td></tr>
{{end}}</tbody>
{{end}}</table>
{{end}}{{if .Points}}<h3>{{.W.Curve}}</h3>
<p>{{.W.CurveIntro}}</p>
<div class="scroll">{{.Curve}}</div>
<table id="short-curve-table">
<thead><tr><th class="num">{{.W.XLabel}}</th><th class="num">I</th><th class="num">{{.W.SeriesBound}}</th><th class="num">{{$.W.Gap}}</th><th class="num">{{.W.SeriesConstrained}}</th><th>{{.W.Infeasible}}</th></tr></thead>
<tbody>
{{range .Points}}<tr data-length="{{.Length}}"{{if .Marked}} class="marked"{{end}}><td class="num">{{.Length}}</td><td class="num">{{.Information}}</td><td class="num">{{.Bound}}</td><td class="num">{{.Gap}}</td><td class="num">{{.Constrained}}</td><td>{{.Error}}</td></tr>
{{end}}</tbody>
</table>
{{end}}{{if .Unusable}}<h3>{{.W.Unusable}}</h3>
<p>{{.W.UnusableIntro}}</p>
<ul>{{range .Unusable}}<li>{{.ID}}: {{.Why}}</li>{{end}}</ul>
{{end}}</section>
`

var _ = template.Must(page.New("short").Parse(shortHTML))

// shortStyle marks the form's row of the curve's table.
const shortStyle = `
tr.marked td { background: #fff3c4; font-weight: bold; }
#short-facts th, #short-items tbody th { position: static; }
`
