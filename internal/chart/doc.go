// Package chart draws the pictures of the screening report and the audit
// as SVG (internal/svg): an item's answers in two waves, the correlation
// heatmap of the items, and the reliability of themes and composites
// before and after a decision. It takes plain numbers and words, so that
// both the report and the audit can use it and the words can be
// translated by whoever calls it; it computes no statistic itself.
//
// An undefined number (NaN) is never drawn: a wave without answers shows
// its note ("not asked"), a mean without an interval shows the mean
// alone, and a missing figure shows "n/a".
package chart
