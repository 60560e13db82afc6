// Package reduction screens the items of a bank for removal and records
// the decision.
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
// value exactly at a threshold never fires. Per-scale absolute thresholds
// (ScaleThreshold) reproduce a report's literal numbers. A rule whose
// statistic is undefined does not fire; the result says why
// (ItemResult.Undefined, Result.Warnings).
package reduction
