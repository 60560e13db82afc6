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
// SummarizeFiles reads the files of one wave one at a time and summarises
// each as it streams by, a block of rows at a time (about 4 MB of
// answers, at least 8,192 rows; see itembank.Tally): the blocks are
// counted on all cores while the next block is read, and no more than
// three blocks are ever held, so memory grows with the items and their
// pairs, not with the respondents. The summaries of the files are pooled;
// a file ending in itembank.SummaryExt is read as a summary. LoadFile and
// the Load functions, by contrast, return every answer of a file.
//
// Limits that keep a hostile or broken file from filling the memory: at
// most MaxColumns (100,000) columns, and rows of at most 16 MB of text (a
// quote never closed would otherwise make the rest of a file one cell).
// Nothing is decided from the first rows that later rows could
// contradict: the delimiter comes from the header alone, and a block's
// answers keep their codes while later blocks bring new answers and more
// decimals (the summary is byte for byte that of all rows at once).
// An Excel workbook is read row by row, but the library unpacks its
// worksheet in memory (at most 256 MB); an SPSS file is read case by case.
// SummarizeRelease summarises the answers a site is about to release, with
// the salted key of every respondent in it, for the site's release record.
// LinkWaves links the respondents of two waves by an id column and counts,
// per item, the differences of their answers, for the paired wave tests;
// it holds at most about 256 MiB of ids and answers, reading the waves in
// more passes when they need more.
package files
