package htmlreport

// Words are the texts of the page, in one place for translation.
type Words struct {
	Lang            string
	Title, Contents string
	Untitled        string
	// Roles name the input files by Role; Where and And the row selection.
	Roles                                   []string
	Where, And                              string
	Intro                                   string
	Themes, NoTheme                         string
	Heatmap, HeatmapIntro                   string
	Reliability, ReliabilityIntro           string
	ReliabilityAfterIntro                   string
	ItemTable, ItemTableIntro, Filter       string
	Shown                                   string
	NotAsked, Withheld, NoAnswers           string
	Previous, Current                       string
	Respondents                             string
	Reversed                                string
	Mean, Interval, IntervalUndefined, Of   string
	MeanPanel                               string
	WaveTest, HolmP, Effect                 string
	Representative, Group, RepresentativeOf string
	Legend, CorrelationLegend, Undefined    string
	Kind, Name, Items, ItemsAfter           string
	Alpha, AlphaStd, AverageR, Omega, NMin  string
	AlphaAfter, OmegaAfter, NA, Lost        string
	Before, After                           string
	Col                                     Columns
	Warnings                                string
	ChartDesc                               string // a format with the item id
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
	HeatmapIntro: "Pearson's r of every pair of items in the current wave, over the people who answered both, in theme order (lines between themes). Outlined cells are pairs above the redundancy threshold; ▲ and a yellow ring mark the item chosen to stand for its group of redundant items.",
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
	Representative:        "stands for its group",
	Group:                 "group",
	RepresentativeOf:      "represented by",
	Legend:                "Answers",
	CorrelationLegend:     "r from −1 to 1",
	Undefined:             "r undefined",
	Kind:                  "kind",
	Name:                  "name",
	Items:                 "items",
	ItemsAfter:            "items after",
	Alpha:                 "alpha",
	AlphaStd:              "standardized alpha",
	AverageR:              "average r",
	Omega:                 "omega total",
	NMin:                  "smallest n",
	AlphaAfter:            "alpha after",
	OmegaAfter:            "omega after",
	NA:                    "n/a",
	Lost:                  "can no longer be computed",
	Before:                "now",
	After:                 "after",
	Warnings:              "Warnings",
	ChartDesc:             "Answers to item %s per wave",
	Col: Columns{ID: "item", Theme: "theme", Text: "text", Scale: "scale", N: "n", Mean: "mean", SD: "sd",
		PreviousMean: "previous mean", Shift: "shift", Ticks: "ticks", Rules: "rules", Group: "group",
		Representative: "representative", HolmP: "Holm p", RestR: "item-rest r", Final: "after review"},
}
