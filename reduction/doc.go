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
package reduction
