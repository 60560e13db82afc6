package reduction

import "github.com/itemreduce/itemreduce/internal/chart"

// englishWords are the English phrases of the files people read.
var englishWords = Words{
	LangName: "English",
	Keep:     "keep",
	Drop:     "drop",
	Rules:    ruleWords{Stable: "stable", Ceiling: "ceiling", LowSpread: "low_spread", Redundant: "redundant", Floor: "floor"},
	Undecided: undecidedWords{
		NotAskedCurrent:   "not asked in the current wave: no rule decided",
		NoAnswersCurrent:  "no answers in the current wave: no rule decided",
		NoPreviousWave:    "stable: no previous wave given",
		NotAskedPrevious:  "stable: not asked in the previous wave",
		NoAnswersPrevious: "stable: no answers in the previous wave",
		TooFewForSD:       "low_spread: SD needs at least 2 answers",
		RUndefined:        "redundant: r undefined with %d other item(s) (fewer than %d common respondents, or no variance)",
		WithheldCurrent:   "withheld by a summary of the current wave (fewer people answered it at a site than its minimum): no rule decided",
		WithheldPrevious:  "stable: withheld by a summary of the previous wave (fewer people answered it at a site than its minimum)",
		RWithheld:         "redundant: r withheld with %d other item(s) by a summary of the current wave (fewer people answered both at a site than its minimum)",
	},
	Review: reviewWords{
		Header: `# Review file: the researchers' judgement on the screening of the items.
#
# For each item the program wrote its ticks (flags); the numbers behind
# them (evidence: for each rule the statistic, its threshold and n, whether
# or not the rule fired; for redundant the items beyond the threshold, else
# max_r, the most correlated other item); for an item with redundant
# partners its group (items linked by redundant pairs) and representative
# (the group's item it is redundant with that is suggested for keeping;
# a representative's own redundant tick does not count); a suggestion:
# drop when the item has at least drop_from_ticks ticks (see screening:
# below), else keep; and a digest of these fields, by which itemreduce
# decide refuses fields that were edited by hand. Yours to fill in, per item:
#
#   decision:  keep or drop; leave it empty to follow the suggestion
#   reason:    why; required when your decision differs from the suggestion
#   note:      anything else you want to keep with the item (optional)
#
# Comments (lines starting with #) may go anywhere.
#
# Run itemreduce review again with the same --out to refresh this file after
# new data or other thresholds: screening:, text, flags, evidence,
# suggestion and digest are recomputed; your decisions, reasons, notes and
# comments stay exactly as you wrote them. An item that left the bank gets
# in_bank: false and keeps your decision; a new item of the bank is added
# with an empty one.
#
# At the end of the file, add: lists new items for next year's questionnaire
# and merge: lists items to be replaced by one new item. Then run
# itemreduce decide.
`,
		Footer: `
# New items for next year's questionnaire, for example:
#   - id: OR23
#     text: "Ik kan mijn werk registreren zonder dubbel werk."
#     scale: likert5
#     theme: "Organisatorische randvoorwaarden"
#     after: OR22        # optional: where it goes (default: after its theme)
#     reason: "proposed by the team leaders"
add:

# Items replaced by one new item, for example a light and a heavy variant:
#   - id: ER12M
#     text: "Inwoners met een hulpvraag kan ik snel verder helpen."
#     scale: likert5
#     from: [ER12, ER13]
#     reason: "one question instead of two"
merge:
`,
	},
	Proposal: proposalWords{
		Title:   "# Proposal for next year's version of %s.\n",
		NoTitle: "the questionnaire",
		Instructions: `#
# Below, every item of this year's questionnaire is listed under keep:, one
# per line, with its text after the #. Delete the line of every item you
# would leave out; keep the lines of the items you want to keep. Lines
# starting with # are comments and may stay.
#
# Fill in your name after by: and, if you aim for a length, the number of
# items after target_length:. Then return the file to the researchers.

`,
		TargetComment: "# optional: the number of items you aim for",
	},
	Audit: auditWords{
		HTMLLang: "en",
		Title:    "Audit of the item reduction: %s",
		NoTitle:  "the questionnaire",

		TotalsBase:   "%d items: %d kept, %d dropped",
		TotalsMerged: ", %d merged into %d",
		TotalsAdded:  "; %d new",
		TotalsNext:   " → %d items next year",

		Sources:         "Sources",
		CombineRule:     "Combine rule %s: %s.",
		CombineAny:      "kept when at least one of the %d sources keeps it",
		CombineAll:      "kept only when all %d sources keep it",
		CombineAtLeast:  "kept when at least %d of the %d sources keep it",
		CombineMajority: "kept when at least half of the %d sources keep it (%d or more)",
		SourceColumns:   []string{"source", "file", "items kept", "target length"},
		Researchers:     "researchers",
		ProposalKind:    "proposal",

		Themes:       "Items per theme",
		ThemeColumns: []string{"theme", "this year", "next year"},
		AllThemes:    "all themes",
		NoTheme:      "(no theme)",

		Overrides:         "Where judgement overrode the statistics",
		NoOverrides:       "Nowhere: every final decision follows the suggestion of the statistics.",
		OverridesIntro:    "Items whose researchers' decision or final decision differs from the suggestion of the statistics.",
		VotesKey:          "Votes: K = keep, D = drop, in the order of the sources above",
		VotesCount:        ", with the number of keeps",
		VoteKeep:          "K",
		VoteDrop:          "D",
		OverrideColumns:   []string{"item", "ticks", "suggestion", "researchers", "reason", "votes", "final"},
		FollowsSuggestion: "follows the suggestion",

		Costs:               "What the decision costs",
		SeriesEnd:           "Time series that end",
		SeriesEndNote:       "(%d items dropped, no comparison with earlier waves)",
		None:                "none",
		Composites:          "Composite indicators",
		CompositesKept:      "every composite of the bank can still be computed.",
		CompositesLost:      "Composite indicators that can no longer be computed:",
		Lacks:               "%s: lacks %s",
		Merged:              "Merged items",
		MergedNotComparable: "Merged items, not comparable one-to-one with the items they replace:",
		Replaces:            "replaces",

		ReliabilityTitle:     "Reliability on this year's answers",
		ReliabilityNote:      ", before (every item) and after (the items kept; merged and new items have no answers yet):",
		ReliabilityColumns:   []string{"scale", "name", "items before", "items after", "alpha before", "alpha after", "omega before", "omega after"},
		ThemeKind:            "theme",
		CompositeKind:        "composite",
		NoLongerComputed:     "can no longer be computed",
		ReliabilityHintTitle: "Reliability",
		ReliabilityHint:      "give `itemreduce decide` this year's answers with --current to see each theme's and composite's alpha and omega before and after.",

		NewItems:       "New items",
		NewItemColumns: []string{"item", "text", "scale", "theme", "reason"},

		EveryItem:           "Every item",
		TicksIntro:          "Ticks show the statistic, the threshold it crossed and the number of answers (n).",
		ItemColumns:         []string{"item", "text", "ticks with evidence", "suggestion", "researchers", "reason", "votes", "final"},
		Undecided:           "undecided",
		Override:            "override",
		FinalKeep:           "keep",
		FinalDrop:           "drop",
		MergedInto:          "merged into %s",
		Left:                "In the review file but no longer in the bank (not decided): %s",
		GroupRepresentative: "group %d, representative: this item (its redundant tick does not count)",
		GroupMember:         "group %d, representative: %s",

		Statistics: "The four statistics of every item",
		StatisticsIntro: "Every item's statistics as the review file's evidence gives them, whether or not the rule fired: " +
			"n, mean and sd of the newer wave, n of the older wave, the shift of the mean from the older wave to the newer, " +
			"and r with the most correlated other item (the largest |r|), with the number of respondents who answered both.",
		StatisticsBold:    "A number in %s gave the item its tick; the thresholds per scale are under %s.",
		Bold:              "bold",
		StatisticsColumns: []string{"item", "scale", "n", "previous n", "shift", "mean", "sd", "r (largest |r|)", "with", "n both"},

		Reproduce:        "How to reproduce",
		CommandIntro:     "The command, with each file named without its folder:",
		DecidedWith:      "decided with: %s, combine rule %s",
		ScreenedWith:     "screened with: %s; %d respondents in the older wave, %d in the newer",
		RowsWhere:        " (rows where %s)",
		AllRows:          " (all rows)",
		FromSheet:        " from the worksheet %s",
		And:              " and ",
		SuggestionRule:   "suggestion: drop from %d tick(s)",
		ReviewChecked:    "review file: the ticks, evidence and suggestions of all %d items match their digests and the rules in force",
		ThresholdLine:    "thresholds (%s); redundant: |r| > %s",
		BasisFraction:    "fractions of the scale range (max - min)",
		BasisAbsolute:    "absolute per scale where the rules file gives them, else fractions of the scale range",
		FromFraction:     "fraction",
		FromAbsolute:     "absolute",
		ThresholdColumns: []string{"scale", "range", "stable: |shift| <", "ceiling: mean >", "low spread: sd <"},
		InputColumns:     []string{"input", "file", "SHA-256"},
		OutputColumns:    []string{"output", "file", "SHA-256"},
		Roles: roleWords{
			Bank:            "item bank",
			Review:          "review file",
			Proposal:        "proposal",
			Current:         "this year's answers (for the reliability cost)",
			BankScreened:    "item bank screened (recorded in the review file)",
			Config:          "rules file (recorded in the review file)",
			Previous:        "older wave (recorded in the review file)",
			CurrentScreened: "newer wave (recorded in the review file)",
			Next:            "next year's item bank",
		},
		OwnSHA:            "The SHA-256 of this audit is %s.",
		OwnSHANotRecorded: "not recorded: a file cannot contain its own SHA-256; compute it from the audit's file with sha256sum",
		OwnSHAFile:        "not recorded: a file cannot contain its own SHA-256; compute it from the file: sha256sum %s",
		Warnings:          "Warnings",

		TickStable:            "|shift| %s < %s (n %d, previous n %d)",
		TickMean:              "mean %s %s %s (n %d%s)",
		ReflectedFavourable:   "; reverse-keyed, tested at the favourable end",
		ReflectedUnfavourable: "; reverse-keyed, tested at the unfavourable end",
		WaveTest:              "wave test: %s (%s): p %s, Holm %s, effect %s",
		WaveIndependent:       "n %d previous, %d current",
		WavePaired:            "paired, %d linked",
		Linked:                ", %d linked by the ids in column %s (wave tests paired)",
		TickLowSpread:         "sd %s < %s (n %d)",
		TickRedundant:         "|r| > %s with",
		TickPartner:           " %s (r %s, n %d%s)",
		TickKeep:              ", keep %s",

		Chart: chartWords{
			ReliabilityWords: chart.ReliabilityWords{Items: "items", Alpha: "alpha", Omega: "omega total",
				Before: "before", After: "after", NA: "n/a"},
			Title: "What the decision costs per theme and composite",
			Desc: "For each theme and composite: the number of items before (grey) and after (blue), " +
				"and alpha and omega total before (ring) and after (dot), on this year's answers.",
			Hover: "%s %s: %d items before, %d after",
		},
	},
}
