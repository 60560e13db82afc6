// Package files reads response files into itembank.Responses and pools
// the files of one wave into an itembank.Summary.
//
// Response files hold one respondent per row under a header row; a column
// named like a bank item holds that item's answers, other columns are
// ignored (and listed). Supported, chosen by content and extension
// (DetectFormat):
//
//   - delimited text (.csv, .tsv, .txt): comma, semicolon or tab, detected
//     from the header; UTF-8, UTF-16 with a byte-order mark, or
//     windows-1252; decimal point or comma (LoadCSV);
//   - Excel workbooks (.xlsx): the first sheet or a named one, values as
//     stored (LoadXLSX);
//   - SPSS system files (.sav, .zsav): user- and system-missing values are
//     no answer; a condition may name a value by its label (LoadSAV).
//
// An empty cell or a code the scale declares missing is no answer; any
// other cell must be a number within the scale, or loading stops with an
// *itembank.ParseError naming the file, the position (line and column,
// sheet and row, or case and variable) and the item. LoadOptions select
// rows (Where, e.g. gemeente=Zwolle) and the worksheet, and with OneWave
// refuse a file that holds several waves (a *WavesError). An item whose
// column is empty in every kept row counts as not asked. A column named
// like an item id in other capitals is that item's, as SPSS variable
// names ignore case (noted; two such twins are refused). Nothing succeeds
// on nothing: a file in which no bank item is a column fails with
// ErrNoItems (with a hint when the names differ by a prefix or suffix),
// one whose item columns are all empty with
// ErrNoAnswers, one without rows with ErrNoRespondents.
//
// SummarizeFiles loads the files of one wave one at a time, summarises
// each and drops its answers before the next is read, and pools the
// summaries; a file ending in itembank.SummaryExt is read as a summary.
// SummarizeRelease summarises the answers a site is about to release, with
// the salted key of every respondent in it, for the site's release record.
// LinkWaves links the respondents of two waves by an id column and counts,
// per item, the differences of their answers, for the paired wave tests.
package files
