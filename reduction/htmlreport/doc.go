// Package htmlreport writes the screening report as one self-contained
// HTML page: per theme, each item's answers in both waves with the mean
// and its 95% interval and the ticks; the correlation heatmap of the
// items in theme order with the redundant groups; alpha and omega of each
// theme and composite, now and after the review's decisions; and a table
// of every item that sorts and filters with a small inline script; and,
// when asked (Input.Short), the short form that reduction.Shortener finds
// with the curve of what each length keeps. The
// page loads nothing from elsewhere: styles and script are inline, the
// charts are SVG inside it (internal/chart), and a heatmap too large for
// SVG cells is a PNG data URL.
//
// Every word of the page is in one list per language, English in
// words.go and Dutch in words_nl.go (Words; WordsFor picks one); the
// rules' names and the ticks' evidence are the audit's own words in the
// same language. Numbers keep their decimal point in both languages, as
// in the review file and the audit, so that they read the same in all
// three.
package htmlreport
