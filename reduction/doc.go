// Package reduction screens the items of a bank for removal and records
// the decision: screening, the review file, proposals, combining them into
// a decision, and the audit. It reads only the bank and the summaries of
// package itembank; it never reads response files.
//
// # Screening (screen.go, rules.go, thresholds.go)
//
// Screen applies the four rules of the 2018 social neighbourhood teams
// report to the summaries of two waves. With R = max − min of the item's
// scale and default fractions (Thresholds):
//
//	stable      |mean(current) − mean(previous)| < 0.10·R
//	ceiling     mean(current) > min + 0.80·R
//	low_spread  sd(current) < 0.20·R
//	redundant   |r| > 0.50 with at least one other item (current wave)
//
// Two optional rules are off by default. floor (Thresholds.Floor, e.g.
// 0.20) fires when mean(current) < min + Floor·R; ceiling_reversed
// (Thresholds.CeilingReversed) tests the ceiling of a reverse-keyed item
// after reflection, mean < min + max − ceiling, and its floor likewise
// (Thresholds.RulesInForce lists the rules in force).
//
// Each rule that fires is a tick. Comparisons are strict and decided in
// exact rational arithmetic from the integer sums of the summaries, so a
// value exactly at a threshold never fires; all four checks are in
// rules.go. Per-scale absolute thresholds (ScaleThreshold) reproduce a
// report's literal numbers; a rules file (LoadConfig) may set either, and
// its errors give the line of the key. A rule whose statistic is undefined
// does not fire; the result says which and why (ItemResult.Undecided, with
// a Reason code, and Result.Warnings). Both items of a redundant pair get
// the tick; PreferToKeep suggests which of the two to keep.
//
// The r of the redundancy rule is Pearson's by default; Thresholds.Method
// (method: in a rules file) chooses Spearman's r (spearman.go) or Kendall's
// tau-b (kendall.go), both decided exactly from the tables of answers, or
// the two-step polychoric r with
// its standard error and close calls (polychoric.go, on the bivariate
// normal of polychoric_bvn.go); method.go dispatches.
//
// # Wave tests (wavetest*.go)
//
// Screen also tests each item answered in both waves, as the report's
// later analyses did: Mann-Whitney U (MannWhitneyU, ties corrected, no
// continuity correction) for scales of up to 7 points, Welch's t (WelchT)
// for longer ones, or as the rules file says per scale (wave_test); with
// the rank-biserial r or Cohen's d, Holm's adjustment over the items
// tested (Holm), and the 90% Welch interval of the shift. Reverse-keyed
// items are flipped, so + means more favourable. Both tests need only the
// frequency tables, so pooled summaries give what the raw files give. A
// test on fewer than min_wave_n answers (30) in a wave warns.
// stable_equivalence: true keeps the stable tick only for a shift whose
// interval lies inside ±the threshold (two one-sided tests). The paired
// tests (WilcoxonSignedRank, PairedT, and SignedRankCounts and
// PairedTCounts from tables of differences) take the differences of
// respondents linked across the waves by an id, which summaries cannot
// carry: ScreenLinked replaces each independent test by its paired one
// (Linked holds the counts of the differences, made by files.LinkWaves).
//
// # Reliability (reliability*.go)
//
// Reliability computes, from the summary of one wave, the internal
// consistency of every theme (the items sharing a theme:) and every
// composite: Cronbach's alpha (CronbachAlpha) from the pairwise
// covariances, the standardized alpha and the average inter-item r from
// those turned into correlations, McDonald's omega total (OmegaTotal) from
// a one-factor minres fit (MinresLoadings) to the pairwise Pearson r, and
// per item the item-rest r (ItemRestCorrelation) and alpha if deleted
// (AlphaIfDeleted), as psych::alpha(use = "pairwise") and
// psych::omega(nfactors = 1) compute them (checked against R in
// testdata/reliability). Reverse-keyed items are reflected (min + max − x)
// in the exact sums first, so pooled site summaries give exactly what the
// raw answers give. A figure a withheld, unasked or constant item or pair
// leaves undefined is NaN with a warning; flag prints the figures after the
// items (Report).
//
// # Review (review*.go, evidence.go, digest.go)
//
// WriteReview writes the editable review file: per item the ticks, the
// evidence (the four statistics with their thresholds, whether or not the
// rule fired), a suggestion (Config.Suggest), a digest of these fields, and
// empty decision and reason fields for people. RefreshReview recomputes
// the program's fields of an edited file by splicing lines, keeping every
// other byte as typed. LoadReview reads it back and warns of a reason or
// note that a " #" cut short; a decision that overrides the suggestion
// needs a reason, and Review.CheckComputed refuses computed fields edited
// by hand.
//
// # Proposals, decision and audit (proposal.go, combine.go, decide.go, audit*.go)
//
// A proposal is a team leader's list of items to keep (or to drop),
// written without the statistics (WriteProposalTemplate, LoadProposal).
// Package reduction/proposalbook writes and reads the same checklist as
// an Excel workbook, read with ProposalFromChecklist.
// Decide combines the researchers' decisions and the proposals by a
// Combine rule (majority, any, all, at-least:N) into next year's bank
// (Decision.Next), counting merged and new items; NewAudit records every
// removal with its evidence, the four statistics of every item, the items
// per theme, who overrode what and why, the command and the SHA-256 of
// every input and output, as Markdown, HTML or JSON.// Package reduction screens the items of a bank for removal and records
// the decision: screening, the review file, proposals, combining them into
// a decision, and the audit. It reads only the bank and the summaries of
// package itembank; it never reads response files.
//
// # Screening (screen.go, rules.go, thresholds.go)
//
// Screen applies the four rules of the 2018 social neighbourhood teams
// report to the summaries of two waves. With R = max − min of the item's
// scale and default fractions (Thresholds):
//
//	stable      |mean(current) − mean(previous)| < 0.10·R
//	ceiling     mean(current) > min + 0.80·R
//	low_spread  sd(current) < 0.20·R
//	redundant   |r| > 0.50 with at least one other item (current wave)
//
// Two optional rules are off by default. floor (Thresholds.Floor, e.g.
// 0.20) fires when mean(current) < min + Floor·R; ceiling_reversed
// (Thresholds.CeilingReversed) tests the ceiling of a reverse-keyed item
// after reflection, mean < min + max − ceiling, and its floor likewise
// (Thresholds.RulesInForce lists the rules in force).
//
// Each rule that fires is a tick. Comparisons are strict and decided in
// exact rational arithmetic from the integer sums of the summaries, so a
// value exactly at a threshold never fires; all four checks are in
// rules.go. Per-scale absolute thresholds (ScaleThreshold) reproduce a
// report's literal numbers; a rules file (LoadConfig) may set either, and
// its errors give the line of the key. A rule whose statistic is undefined
// does not fire; the result says which and why (ItemResult.Undecided, with
// a Reason code, and Result.Warnings). Both items of a redundant pair get
// the tick; PreferToKeep suggests which of the two to keep.
//
// # Wave tests (wavetest*.go)
//
// Screen also tests each item answered in both waves, as the report's
// later analyses did: Mann-Whitney U (MannWhitneyU, ties corrected, no
// continuity correction) for scales of up to 7 points, Welch's t (WelchT)
// for longer ones, or as the rules file says per scale (wave_test); with
// the rank-biserial r or Cohen's d, Holm's adjustment over the items
// tested (Holm), and the 90% Welch interval of the shift. Reverse-keyed
// items are flipped, so + means more favourable. Both tests need only the
// frequency tables, so pooled summaries give what the raw files give. A
// test on fewer than min_wave_n answers (30) in a wave warns.
// stable_equivalence: true keeps the stable tick only for a shift whose
// interval lies inside ±the threshold (two one-sided tests). The paired
// tests (WilcoxonSignedRank, PairedT) take differences of respondents
// linked across the waves, which summaries cannot carry: flag does not
// use them yet.
//
// # Reliability (reliability*.go)
//
// Reliability computes, from the summary of one wave, the internal
// consistency of every theme (the items sharing a theme:) and every
// composite: Cronbach's alpha (CronbachAlpha) from the pairwise
// covariances, the standardized alpha and the average inter-item r from
// those turned into correlations, McDonald's omega total (OmegaTotal) from
// a one-factor minres fit (MinresLoadings) to the pairwise Pearson r, and
// per item the item-rest r (ItemRestCorrelation) and alpha if deleted
// (AlphaIfDeleted), as psych::alpha(use = "pairwise") and
// psych::omega(nfactors = 1) compute them (checked against R in
// testdata/reliability). Reverse-keyed items are reflected (min + max − x)
// in the exact sums first, so pooled site summaries give exactly what the
// raw answers give. A figure a withheld, unasked or constant item or pair
// leaves undefined is NaN with a warning; flag prints the figures after the
// items (Report).
//
// # Review (review*.go, evidence.go, digest.go)
//
// WriteReview writes the editable review file: per item the ticks, the
// evidence (the four statistics with their thresholds, whether or not the
// rule fired), a suggestion (Config.Suggest), a digest of these fields, and
// empty decision and reason fields for people. RefreshReview recomputes
// the program's fields of an edited file by splicing lines, keeping every
// other byte as typed. LoadReview reads it back and warns of a reason or
// note that a " #" cut short; a decision that overrides the suggestion
// needs a reason, and Review.CheckComputed refuses computed fields edited
// by hand.
//
// # Proposals, decision and audit (proposal.go, combine.go, decide.go, audit*.go)
//
// A proposal is a team leader's list of items to keep (or to drop),
// written without the statistics (WriteProposalTemplate, LoadProposal).
// Decide combines the researchers' decisions and the proposals by a
// Combine rule (majority, any, all, at-least:N) into next year's bank
// (Decision.Next), counting merged and new items; NewAudit records every
// removal with its evidence, the four statistics of every item, the items
// per theme, who overrode what and why, the command and the SHA-256 of
// every input and output, as Markdown, HTML or JSON.
//
// # Short forms (shorten*.go)
//
// NewShortener and Shortener.Form find the N items that keep the most
// information, I(K) = (1/p)·Σⱼ R²(j | K), from the current wave's pairwise
// correlations (smoothed as psych::cor.smooth when not positive definite,
// CorSmooth), under the constraints of ShortenOptions: forced and excluded
// items, composites whole or not at all, a minimum per theme, items with
// many ticks left out. The search (greedy start, then exchanges scored by
// rank-one updates) returns a swap-optimal form; with exact, branch and
// bound proves the optimum for up to MaxExactItems free items. EigenBound
// and a bound that respects the forced items say how far any form can go.
// Infeasible constraints are an ErrInfeasible naming the clash. The form
// is written as a proposal decide reads (ShortForm.WriteProposal), with a
// report for the screen or JSON. Checked against R in testdata/shorten.
package reduction
