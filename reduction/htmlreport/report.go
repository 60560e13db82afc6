package htmlreport

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/itemreduce/itemreduce/internal/chart"
	"github.com/itemreduce/itemreduce/internal/svg"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

// Input is what the page shows.
type Input struct {
	Bank   *itembank.Bank
	Report *reduction.Report
	// Previous and Current are the waves' summaries; Current must hold
	// pair sums (the heatmap). Previous may be nil.
	Previous, Current *itembank.Summary
	// PreviousLabel and CurrentLabel name the waves on the charts
	// ("2016"); empty: the words for previous and current.
	PreviousLabel, CurrentLabel string
	// Sources are the files the page was made from, and Where the row
	// selection ("gemeente=Zwolle"), shown under the title.
	Sources []Source
	Where   []string
	// After is the reliability after the review's decisions and Final
	// each item's decision (by item id); both nil without a review.
	After []reduction.ReliabilityCost
	Final map[string]reduction.Verdict
	// Short adds the section on the short form; nil: none.
	Short *Shorten
	Words *Words // nil: English
}

// A Source is the files given for one role.
type Source struct {
	Role  Role
	Files []string // names without their folders
}

// A Role is what a file was given as.
type Role int

// The roles of the input files.
const (
	BankFile Role = iota
	PreviousFiles
	CurrentFiles
	DataFiles
	RulesFile
	ReviewFile
)

// Write writes the page.
func Write(w io.Writer, in Input) error {
	if in.Words == nil {
		in.Words = &English
	}
	if in.Current == nil || !in.Current.HasPairs() {
		return fmt.Errorf("htmlreport: the current wave needs its pair sums")
	}
	v, err := newView(in)
	if err != nil {
		return err
	}
	return page.Execute(w, v)
}

// view is the data of the page template.
type view struct {
	W            *Words
	Title        string
	Sources      string
	Respondents  string
	Themes       []themeView
	Heatmap      template.HTML
	HeatmapIntro string // the heatmap's words, naming the method's r
	HeatLegend   template.HTML
	Reliability  []relRow
	RelChart     template.HTML
	Short        *shortView
	After        bool
	Rows         []rowView
	Warnings     []string
	Style        template.CSS
	Script       template.JS
}

type themeView struct {
	Anchor, Name string
	Legends      []template.HTML
	Items        []itemView
}

type itemView struct {
	ID, Text, Note string
	Chart          template.HTML
	Test           string
}

// ruleColour gives each rule its badge colour (Okabe-Ito).
var ruleColour = map[reduction.Rule]string{
	reduction.Stable: svg.SkyBlue, reduction.Ceiling: svg.Orange, reduction.LowSpread: svg.BluishGreen,
	reduction.Redundant: svg.ReddishPurple, reduction.Floor: svg.Vermillion,
}

// newView builds the page: the items in theme order, their charts, the
// heatmap, the reliability and the table.
func newView(in Input) (*view, error) {
	res := in.Report.Result
	w := in.Words
	v := &view{W: w, Title: orDefault(in.Bank.Title, w.Untitled), Sources: sourcesText(in, w), After: in.After != nil,
		Style: template.CSS(style + shortStyle), Script: template.JS(script)}
	v.HeatmapIntro = heatmapIntro(w, res.Thresholds.Method)
	v.Respondents = fmt.Sprintf("%s: %s %d, %s %d", w.Respondents, w.Previous, res.PreviousRespondents, w.Current, res.Respondents)
	order := themeOrder(in.Bank)
	labels := [2]string{orDefault(in.PreviousLabel, w.Previous), orDefault(in.CurrentLabel, w.Current)}
	restR := reduction.ThemeRestR(in.Report.Reliability)
	var theme *themeView
	legends := map[string]bool{}
	for _, i := range order {
		item := in.Bank.Items[i]
		if theme == nil || theme.Name != themeLabel(item.Theme, w) {
			v.Themes = append(v.Themes, themeView{Anchor: fmt.Sprintf("theme-%d", len(v.Themes)+1), Name: themeLabel(item.Theme, w)})
			theme = &v.Themes[len(v.Themes)-1]
			legends = map[string]bool{}
		}
		if !legends[item.Scale.Name] {
			legends[item.Scale.Name] = true
			l, err := scaleLegend(fmt.Sprintf("%s-legend-%s", theme.Anchor, item.Scale.Name), item.Scale, w)
			if err != nil {
				return nil, err
			}
			theme.Legends = append(theme.Legends, l)
		}
		iv, err := newItemView(in, i, labels)
		if err != nil {
			return nil, err
		}
		theme.Items = append(theme.Items, iv)
		v.Rows = append(v.Rows, newRow(in, i, restR))
	}
	var err error
	if v.Heatmap, err = heatmap(in, order); err != nil {
		return nil, err
	}
	if v.HeatLegend, err = correlationLegend(w); err != nil {
		return nil, err
	}
	if v.Reliability, v.RelChart, err = reliability(in); err != nil {
		return nil, err
	}
	if in.Short != nil {
		if v.Short, err = newShortView(in); err != nil {
			return nil, err
		}
	}
	for _, warning := range res.Warnings {
		v.Warnings = append(v.Warnings, w.Tests.inWords(warning))
	}
	v.Warnings = append(v.Warnings, in.Report.ReliabilityWarnings()...)
	return v, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func themeLabel(theme string, w *Words) string {
	if theme == "" {
		return w.NoTheme
	}
	return theme
}

// themeOrder lists the bank's item indices theme by theme, the themes in
// the order they first appear and items without a theme last, each in
// bank order.
func themeOrder(bank *itembank.Bank) []int {
	var themes []string
	byTheme := map[string][]int{}
	for i, it := range bank.Items {
		if _, ok := byTheme[it.Theme]; !ok && it.Theme != "" {
			themes = append(themes, it.Theme)
		}
		byTheme[it.Theme] = append(byTheme[it.Theme], i)
	}
	var out []int
	for _, t := range themes {
		out = append(out, byTheme[t]...)
	}
	return append(out, byTheme[""]...)
}

// scaleColours are the colours of a scale's points: diverging for scales
// of up to 7 points (statements), one colour for longer ones (grades,
// drawn as histograms).
func scaleColours(s *itembank.Scale) (colours []string, diverging bool) {
	k := int(s.Max - s.Min + 1)
	if k >= 2 && k <= 7 {
		return svg.Diverging(k), true
	}
	colours = make([]string, k)
	for i := range colours {
		colours[i] = svg.Blue
	}
	return colours, false
}

// pointLabels names each point of the scale: "1 oneens", or the number.
func pointLabels(s *itembank.Scale) []string {
	var out []string
	for p := s.Min; p <= s.Max; p++ {
		l := fmt.Sprint(p)
		if t := s.Labels[p]; t != "" {
			l += " " + t
		}
		out = append(out, l)
	}
	return out
}

func scaleLegend(id string, s *itembank.Scale, w *Words) (template.HTML, error) {
	colours, diverging := scaleColours(s)
	if !diverging {
		return "", nil
	}
	b, err := chart.Legend(id, w.Legend+": "+s.Name, pointLabels(s), colours)
	return template.HTML(b), err
}

// newItemView draws item i's chart.
func newItemView(in Input, i int, labels [2]string) (itemView, error) {
	res := in.Report.Result
	it := &res.Items[i]
	item := in.Bank.Items[i]
	w := in.Words
	colours, diverging := scaleColours(item.Scale)
	names := pointLabels(item.Scale)
	c := chart.Item{ID: item.ID, Min: item.Scale.Min, Max: item.Scale.Max, Labels: names, Diverging: diverging,
		Title: item.ID + ": " + item.Text, Desc: fmt.Sprintf(w.ChartDesc, item.ID), MeanLabel: w.MeanPanel}
	for k, s := range []*itembank.Summary{in.Previous, in.Current} {
		ws := itemWave(s, i, item.Scale)
		wave := chart.Wave{Label: labels[k], Counts: ws.counts, Mean: ws.mean, Lo: ws.lo, Hi: ws.hi}
		switch ws.state {
		case notAsked:
			wave.Note = w.NotAsked
		case withheld:
			wave.Note = w.Withheld
		case noAnswers:
			wave.Note = w.NoAnswers
		default:
			wave.NLabel = fmt.Sprintf("n %d", ws.n)
			for p, n := range ws.counts {
				wave.Hover = append(wave.Hover, fmt.Sprintf("%s, %s: %d %s %d (%.0f%%)", labels[k], names[p], n, w.Of, ws.n, 100*float64(n)/float64(ws.n)))
			}
			wave.MeanHover = meanText(ws, w, labels[k])
			c.Desc += "; " + wave.MeanHover
		}
		c.Waves = append(c.Waves, wave)
	}
	ev := res.Evidence(i)
	for k, s := range w.catalogue().Ticks(&ev, it.Flags, res.Thresholds.Redundant.String()) {
		f := it.Flags[k]
		c.Marks = append(c.Marks, chart.Mark{Name: w.rule(f), Rule: f.String(), Evidence: s, Colour: ruleColour[f]})
	}
	b, err := chart.Distribution("chart-"+item.ID, c, colours)
	if err != nil {
		return itemView{}, err
	}
	iv := itemView{ID: item.ID, Text: item.Text, Chart: template.HTML(b), Test: testText(it.WaveTest, w)}
	var notes []string
	if item.Reverse {
		notes = append(notes, w.Reversed)
	}
	if it.Group != 0 {
		if it.Representative == item.ID {
			notes = append(notes, fmt.Sprintf("%s %d, %s", w.Group, it.Group, w.Representative))
		} else {
			notes = append(notes, fmt.Sprintf("%s %d, %s %s", w.Group, it.Group, w.RepresentativeOf, it.Representative))
		}
	}
	iv.Note = strings.Join(notes, "; ")
	return iv, nil
}

// meanText says a wave's mean with its 95% interval: "2016: mean 3.08,
// 95% interval 2.84 to 3.31, n 106".
func meanText(ws waveStats, w *Words, label string) string {
	if math.IsNaN(ws.lo) {
		return fmt.Sprintf("%s: %s %.2f, %s, n %d", label, w.Mean, ws.mean, w.IntervalUndefined, ws.n)
	}
	return fmt.Sprintf("%s: %s %.2f, %s %.2f %s %.2f, n %d", label, w.Mean, ws.mean, w.Interval, ws.lo, w.To, ws.hi, ws.n)
}

// testText describes the item's wave test in one line; "" without one.
func testText(wt *reduction.WaveTest, w *Words) string {
	if wt == nil {
		return ""
	}
	s := w.WaveTest + ": " + w.Tests.test(wt.Test)
	if wt.Test == reduction.SignedRankTest || wt.Test == reduction.PairedTTest {
		s += ", " + fmt.Sprintf(w.Paired, wt.NLinked)
	}
	s += fmt.Sprintf(", p %s, %s %s", pText(wt.P, w), w.HolmP, pText(wt.PHolm, w))
	if wt.Effect.Name != "" {
		s += fmt.Sprintf(", %s %s %s", w.Effect, w.Tests.effect(wt.Effect.Name), stat(wt.Effect.Value, 2, w))
	}
	if wt.Warning != "" {
		// The caveat names the test by its code; here by its name. A
		// Dutch page points to the warnings (English) instead.
		s += " (" + orDefault(w.Caveat, w.Tests.inWords(wt.Warning)) + ")"
	}
	return s
}

// test names a wave test in words; an unknown kind as it is.
func (t TestWords) test(k reduction.TestKind) string {
	name := map[reduction.TestKind]string{reduction.MannWhitneyTest: t.MannWhitney, reduction.WelchTest: t.Welch,
		reduction.SignedRankTest: t.SignedRank, reduction.PairedTTest: t.PairedT}[k]
	return orDefault(name, string(k))
}

// inWords replaces the codes of the wave tests in a caveat ("welch_t
// undefined: …") by their names.
func (t TestWords) inWords(s string) string {
	var pairs []string
	for _, k := range []reduction.TestKind{reduction.MannWhitneyTest, reduction.WelchTest, reduction.SignedRankTest, reduction.PairedTTest} {
		pairs = append(pairs, string(k), t.test(k))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// effect names an effect size in words; an unknown name as it is.
func (t TestWords) effect(name string) string {
	words := map[string]string{reduction.RankBiserial: t.RankBiserial, reduction.CohensD: t.CohensD,
		reduction.MatchedRankBiserial: t.MatchedRankBiserial, reduction.CohensDz: t.CohensDz}[name]
	return orDefault(words, name)
}

// stat prints x with the decimals, or the words for n/a when undefined.
func stat(x float64, decimals int, w *Words) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return w.NA
	}
	return fmt.Sprintf("%.*f", decimals, x)
}

// pText prints a p value with three decimals, "< 0.001" below.
func pText(p float64, w *Words) string {
	if !math.IsNaN(p) && p < 0.001 {
		return "< 0.001"
	}
	return stat(p, 3, w)
}

// sourcesText names the input files by role, and the row selection.
func sourcesText(in Input, w *Words) string {
	var parts []string
	for _, s := range in.Sources {
		if len(s.Files) > 0 && int(s.Role) < len(w.Roles) {
			parts = append(parts, w.Roles[s.Role]+" "+strings.Join(s.Files, ", "))
		}
	}
	if len(in.Where) > 0 {
		parts = append(parts, w.Where+" "+strings.Join(in.Where, " "+w.And+" "))
	}
	return strings.Join(parts, "; ")
}

// heatmapIntro is the heatmap's explanation, naming the correlation of
// the redundancy rule's method (reduction.MethodPearson when unset).
func heatmapIntro(w *Words, method string) string {
	r := w.PearsonR
	switch method {
	case reduction.MethodSpearman:
		r = w.SpearmanR
	case reduction.MethodKendall:
		r = w.KendallTau
	case reduction.MethodPolychoric:
		r = w.PolychoricR
	}
	return fmt.Sprintf(w.HeatmapIntro, r)
}
