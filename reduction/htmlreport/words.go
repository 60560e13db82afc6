package htmlreport

import "github.com/itemreduce/itemreduce/reduction"

// Words are the texts of the page, in one place for translation: English
// here, Dutch in words_nl.go. Phrases with verbs (%d, %s) are format
// strings with the same verbs in both languages; TestWordsComplete checks
// that every phrase exists in both. The rules' names and the evidence on
// a tick's hover come from the audit's words (reduction.Lang.Words), so
// that the page and the audit name them alike. Numbers keep their decimal
// point in both languages, as in the review file and the audit.
type Words struct {
	// Lang is the page's lang attribute and the language of the rules'
	// names: en or nl (reduction.ParseLang).
	Lang            string
	Title, Contents string
	Untitled        string
	// Roles name the input files by Role; Where and And the row selection.
	Roles                 []string
	Where, And            string
	Intro                 string
	Themes, NoTheme       string
	Heatmap, HeatmapIntro string
	// The correlation the heatmap shows, by the redundancy rule's method.
	PearsonR, SpearmanR, KendallTau, PolychoricR string
	Reliability, ReliabilityIntro                string
	ReliabilityAfterIntro                        string
	ItemTable, ItemTableIntro, Filter            string
	Shown                                        string
	NotAsked, Withheld, NoAnswers                string
	Previous, Current                            string
	Respondents                                  string
	Reversed                                     string
	Mean, Interval, IntervalUndefined, Of        string
	MeanPanel                                    string
	WaveTest, HolmP, Effect                      string
	// Tests names the wave tests and their effect sizes in words; Paired
	// is a format with the number of respondents linked.
	Tests                                   TestWords
	Paired                                  string
	Representative, Group, RepresentativeOf string
	Legend, CorrelationLegend, Undefined    string
	Kind, Name, Items, ItemsAfter           string
	Alpha, AlphaStd, AverageR, Omega, NMin  string
	AlphaAfter, OmegaAfter, NA, Lost        string
	Before, After                           string
	Col                                     Columns
	Warnings                                string
	WarningsIntro                           string
	ChartDesc                               string // a format with the item id
	// To joins the ends of an interval ("3.10 to 3.52").
	To string
	// FinalKeep and FinalDrop are the decisions in the item table after
	// the review; ThemeKind and CompositeKind the kinds of scale in the
	// reliability table.
	FinalKeep, FinalDrop     string
	ThemeKind, CompositeKind string
	// Caveat replaces a wave test's warning on the item's line, where the
	// warning (a program message, English in every language) is not
	// shown; empty: the warning itself is shown (English).
	Caveat string
	Short  ShortWords
}

// TestWords name the wave tests and effect sizes (reduction.TestKind,
// reduction.Effect) as a reader knows them.
type TestWords struct {
	MannWhitney, Welch, SignedRank, PairedT              string
	RankBiserial, CohensD, MatchedRankBiserial, CohensDz string
}

// ShortWords are the texts of the section on the short form (itemreduce
// report --length). Formats say what they take.
type ShortWords struct {
	Section string
	Intro   string // format: p, the items with usable correlations
	// The figures of the form.
	Facts                                        string
	Length, Information, Bound, Constrained, Gap string
	LengthOf                                     string // format: N, p
	Percent                                      string // format: I as a percentage, p
	Exact                                        string // format: branches
	SwapOptimal                                  string // format: exchanges
	Smoothed                                     string
	// The themes and composites before and after.
	Themes, ThemesIntro, ChartTitle         string
	ItemsNow, ItemsKept, AlphaNow, OmegaNow string
	AlphaKept, OmegaKept                    string
	Composite                               string
	// The constraints that hold I back.
	Binding, BindingIntro, NoBinding string
	Constraint, Gain, Example        string
	// The kept items.
	Kept, KeptIntro           string
	KeptOf                    string // format: kept, of the theme's items
	Contribution, Why, Chosen string
	// The curve.
	Curve, CurveIntro, CurveDesc            string // CurveDesc: format with from, to
	XLabel, YLabel                          string
	SeriesI, SeriesBound, SeriesConstrained string
	Mark                                    string // format: N
	Infeasible                              string
	Unusable, UnusableIntro, Warning        string
	// Reasons are the shortener's sentences about its constraints.
	Reasons ShortReasons
}

// WordsFor returns the page's words in language l.
func WordsFor(l reduction.Lang) *Words {
	if l == reduction.Dutch {
		return &Dutch
	}
	return &English
}

// catalogue is the audit's words in the page's language: the rules'
// names and the ticks' evidence.
func (w *Words) catalogue() *reduction.Words {
	l, err := reduction.ParseLang(w.Lang)
	if err != nil {
		return reduction.English.Words()
	}
	return l.Words()
}

// rule names rule r in the page's language.
func (w *Words) rule(r reduction.Rule) string { return w.catalogue().Rule(r) }

// final names a decision in the page's language.
func (w *Words) final(v reduction.Verdict) string {
	switch v {
	case reduction.Keep:
		return w.FinalKeep
	case reduction.Drop:
		return w.FinalDrop
	}
	return string(v)
}

// kind names a theme or composite in the page's language.
func (w *Words) kind(k reduction.ScaleKind) string {
	switch k {
	case reduction.ThemeScale:
		return w.ThemeKind
	case reduction.CompositeScale:
		return w.CompositeKind
	}
	return string(k)
}

// Columns are the headings of the item table.
type Columns struct {
	ID, Theme, Text, Scale, N, Mean, SD, PreviousMean, Shift, Ticks, Rules, Group, Representative, HolmP, RestR, Final string
}

// English is the page in English.
var English = Words{
	Lang:     "en",
	Title:    "Screening report",
	Contents: "Contents",
	Untitled: "the questionnaire",
	Roles:    []string{"bank", "previous wave", "current wave", "data", "rules", "review"},
	Where:    "rows where",
	And:      "and",
	Intro: "Each item's answers in both waves, with the ticks the four rules gave it; " +
		"how the items correlate; and how reliable each theme and composite is.",
	Themes:       "Answers per theme",
	NoTheme:      "Items without a theme",
	Heatmap:      "How the items correlate",
	PearsonR:     "Pearson's r",
	SpearmanR:    "Spearman's rank correlation",
	KendallTau:   "Kendall's tau-b",
	PolychoricR:  "The polychoric correlation",
	HeatmapIntro: "%s of every pair of items in the current wave, over the people who answered both, in theme order (lines between themes). Outlined cells are pairs above the redundancy threshold; ▲ and a yellow ring mark the item chosen to stand for its group of redundant items.",
	Reliability:  "Reliability of the themes and composites",
	ReliabilityIntro: "Cronbach's alpha and McDonald's omega total of each theme and composite in the current wave, " +
		"reverse-keyed items reflected first.",
	ReliabilityAfterIntro: "After: the items the review keeps, on the same answers (a ring is now, a dot after).",
	ItemTable:             "Every item",
	ItemTableIntro:        "Click a heading to sort; type to show only the rows that contain the text.",
	Filter:                "Show rows containing",
	Shown:                 "rows shown",
	NotAsked:              "not asked",
	Withheld:              "withheld: too few answers to publish",
	NoAnswers:             "no answers",
	Previous:              "previous",
	Current:               "current",
	Respondents:           "respondents",
	Reversed:              "reverse-keyed",
	Mean:                  "mean",
	Interval:              "95% interval",
	IntervalUndefined:     "no interval (fewer than 2 answers)",
	Of:                    "of",
	MeanPanel:             "mean with its 95% interval",
	WaveTest:              "wave test",
	HolmP:                 "Holm p",
	Effect:                "effect",
	Tests: TestWords{MannWhitney: "Mann-Whitney U", Welch: "Welch's t", SignedRank: "Wilcoxon signed-rank", PairedT: "Student's t",
		RankBiserial: "rank-biserial r", CohensD: "Cohen's d", MatchedRankBiserial: "matched-pairs rank-biserial r", CohensDz: "Cohen's d_z"},
	Paired:            "paired, %d linked",
	Representative:    "stands for its group",
	Group:             "group",
	RepresentativeOf:  "represented by",
	Legend:            "Answers",
	CorrelationLegend: "r from −1 to 1",
	Undefined:         "r undefined",
	Kind:              "kind",
	Name:              "name",
	Items:             "items",
	ItemsAfter:        "items after",
	Alpha:             "alpha",
	AlphaStd:          "standardized alpha",
	AverageR:          "average r",
	Omega:             "omega total",
	NMin:              "smallest n",
	AlphaAfter:        "alpha after",
	OmegaAfter:        "omega after",
	NA:                "n/a",
	Lost:              "can no longer be computed",
	Before:            "now",
	After:             "after",
	Warnings:          "Warnings",
	ChartDesc:         "Answers to item %s per wave",
	WarningsIntro:     "Messages of the screening and of the reliability, as the program gives them:",
	To:                "to",
	FinalKeep:         "keep",
	FinalDrop:         "drop",
	ThemeKind:         "theme",
	CompositeKind:     "composite",
	Col: Columns{ID: "item", Theme: "theme", Text: "text", Scale: "scale", N: "n", Mean: "mean", SD: "sd",
		PreviousMean: "previous mean", Shift: "shift", Ticks: "ticks", Rules: "rules", Group: "group",
		Representative: "representative", HolmP: "Holm p", RestR: "item-rest r", Final: "after review"},
	Short: ShortWords{
		Section: "Short form",
		Intro: "The short form that keeps the most of what all %d items with usable correlations in the current wave measure. " +
			"I, the information retained, is the share of their standardized answer variance that a linear prediction from the kept items recovers " +
			"(1 for a kept item). The bound is the most any form of that length can keep: the largest eigenvalues of the correlation matrix, divided by the number of items.",
		Facts:       "The form",
		Length:      "items kept",
		Information: "information retained I",
		Bound:       "bound: no form of this length keeps more",
		Constrained: "bound with the forced and left-out items",
		Gap:         "gap (bound − I)",
		LengthOf:    "%d of %d",
		Percent:     "The kept items predict %.1f%% of the standardized answer variance of all %d items",
		Exact:       "This form is the best the constraints allow (proven by branch and bound, %d branches).",
		SwapOptimal: "No single exchange of a kept item for a left-out one that the constraints allow raises I (%d exchanges after the greedy start).",
		Smoothed:    "The correlation matrix was not positive definite (pairwise deletion can do that): it was smoothed as psych::cor.smooth does.",
		Themes:      "Themes and composites: all items and the short form",
		ThemesIntro: "Cronbach's alpha and McDonald's omega total on the current wave, with every item (a ring) and with the items of the short form (a dot).",
		ChartTitle:  "Reliability with all items and in the short form",
		ItemsNow:    "items now", ItemsKept: "in the short form",
		AlphaNow: "alpha now", OmegaNow: "omega now", AlphaKept: "alpha short form", OmegaKept: "omega short form",
		Composite:    "composite",
		Binding:      "Constraints that hold I back",
		BindingIntro: "Each constraint forbids an exchange of a kept item for a left-out one that would raise I by the amount shown.",
		NoBinding:    "None: no exchange the constraints forbid would raise I.",
		Constraint:   "constraint", Gain: "rise of I", Example: "the exchange",
		Kept:         "The kept items per theme",
		KeptIntro:    "Contribution: how much I falls when that item alone is left out.",
		KeptOf:       "%d of %d kept",
		Contribution: "contribution", Why: "kept because", Chosen: "chosen",
		Curve:             "Information retained per length",
		CurveIntro:        "To choose a length: what the form found keeps (I, solid line) and what no form of that length can exceed (the bound, dashed).",
		CurveDesc:         "Information retained I and its bound for short forms of %d to %d items; the numbers are in the table below.",
		XLabel:            "items kept",
		YLabel:            "information retained",
		SeriesI:           "I of the form found",
		SeriesBound:       "bound",
		SeriesConstrained: "bound with constraints",
		Mark:              "%d: the form above",
		Infeasible:        "why no form",
		Unusable:          "Items not considered",
		UnusableIntro:     "These items have no usable correlations in the current wave, so the search left them out:",
		Warning:           "Warning",
		// The shortener's own formats (reduction/shorten.go,
		// shorten_form.go); TestShortReasonsAreTheShortenersWords keeps
		// them so.
		Reasons: ShortReasons{
			ReviewDecides: "the review decides %s, line %d",
			Ticks:         "%d ticks, --exclude-ticks %d",
			KeepItem:      "keep %s (%s)",
			LeaveOut:      "leave out %s (%s)",
			Composite:     "composite %s kept whole or not at all",
			MinPerTheme:   "at least %d items of theme %q",
			Exchange:      "%s out, %s in",
			NotAnswered:   "not asked, not answered, answered by one respondent only or withheld in the current wave",
			NoVariance:    "without variance in the current wave",
			Undefined:     "its correlation with %d other items is undefined (too few respondents answered both, or withheld)",
		},
	},
}
