// Package itembank is the model of a questionnaire and its exact
// statistics: the item bank, answer scales and values, one wave's answers,
// and the summaries that the screening rules read. It depends on the
// standard library and YAML only; reading response files is package
// itembank/files, drafting a bank from data package itembank/draft.
//
// # Item bank
//
// A bank is a YAML file with scales (whole-number min and max, optional
// missing codes and answer labels), items (id, text, scale, optional theme
// and reverse keying) and optional composite indicators; see LoadBank.
// Unknown keys are errors, so a misspelled key is caught with its line.
// Every loader of the project returns a *ParseError naming the file and
// the position, wrapping the sentinel errors of this package.
//
// # Answers
//
// Responses hold one wave's answers, one byte per answer (Column): a code
// per distinct answer, 0 for no answer. Answers may be decimals (a grade
// of 7.5) with at most MaxPlaces places, kept as exact decimals (Value); an
// item may have at most MaxLevels distinct answers.
//
// # Summaries and statistics
//
// Summarize reduces loaded answers to a Summary: per item the count of each
// answer and, when asked for (WithPairs), per pair of items the count and
// the sums Σx, Σy, Σx², Σy², Σxy over the respondents who answered both.
// All are exact integers, and summaries of disjoint groups of respondents
// add up (Summary.Add), so a wave can be pooled from several files or
// sites; a summary keeps no answers. Means, SDs and correlations are
// computed from these sums (Moments, PairSums): available-case means, the
// n − 1 sample SD and Pearson's r with pairwise deletion, as SPSS and R
// compute them. A statistic that is undefined (no answers, one answer for
// an SD, fewer than MinPairN common respondents or zero variance for r) is
// NaN, never 0. With WithTables a summary also counts, for items on scales
// of up to MaxTablePoints points, the table of answer combinations of each
// pair (PairTable, tables.go), which adds up like the sums and is what
// Spearman's r, Kendall's tau-b and the polychoric r need. Summaries are written to and read
// from summary files (WriteJSON, LoadSummary), which hold no row of
// answers.
//
// # Disclosure control
//
// Before a summary leaves a site, Summary.Withhold withholds every item
// distribution and every pair whose statistics rest on fewer than the
// minimum number of people who answered (respondents are people who
// answered at least one item); withheld parts stay withheld when pooled,
// and the rules that need them are undecided. LoadSummary checks every
// file for internal consistency (counts, bounds, Σx² ≥ (Σx)²/n,
// Cauchy-Schwarz, exact keys) before it is used. Keyer makes the salted
// respondent keys of a site's release record (package internal/ledger),
// which hold no answers.
package itembank
