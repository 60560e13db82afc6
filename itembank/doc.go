// Package itembank reads a questionnaire's item bank and its response data,
// and reduces the answers to the additive statistics that item screening
// needs.
//
// # Item bank
//
// A bank is a YAML file with scales (whole-number min and max, optional
// missing codes and answer labels), items (id, text, scale, optional theme
// and reverse keying) and optional composite indicators; see LoadBank.
// Unknown keys are errors, so a misspelled key is caught with its line.
//
// # Response data
//
// Response files hold one respondent per row under a header row; a column
// named like a bank item holds that item's answers, other columns are
// ignored. Delimited text (comma, semicolon or tab, detected) is read by
// LoadCSV; LoadFile chooses the reader by file extension. An empty cell or
// a code the scale declares missing is no answer; any other cell must be a
// number within the scale, or loading stops with a *ParseError naming the
// file, line, column and item. Answers may be decimals (a grade of 7.5,
// written "7.5" or "7,5") with at most MaxPlaces places; they are kept as
// exact decimals, and an item may have at most MaxLevels distinct answers.
//
// # Summaries and statistics
//
// Summarize reduces loaded answers to a Summary: per item the count of each
// answer, per pair of items the count and the sums Σx, Σy, Σx², Σy², Σxy
// over the respondents who answered both. All are exact integers, and
// summaries of disjoint groups of respondents add up (Summary.Add), so a
// wave can be pooled from several files. Means, SDs and correlations are
// computed from these sums (Moments, PairSums): available-case means, the
// n − 1 sample SD and Pearson's r with pairwise deletion, as SPSS and R
// compute them. A statistic that is undefined (no answers, one answer for
// an SD, fewer than MinPairN common respondents or zero variance for r) is
// NaN, never 0.
package itembank
