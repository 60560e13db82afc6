// Package htmlreport writes the screening report as one self-contained
// HTML page: per theme, each item's answers in both waves with the mean
// and its 95% interval and the ticks; the correlation heatmap of the
// items in theme order with the redundant groups; alpha and omega of each
// theme and composite, now and after the review's decisions; and a table
// of every item that sorts and filters with a small inline script. The
// page loads nothing from elsewhere: styles and script are inline, the
// charts are SVG inside it (internal/chart), and a heatmap too large for
// SVG cells is a PNG data URL.
//
// Every word of the page is in words.go, so that it can be translated in
// one place.
package htmlreport
