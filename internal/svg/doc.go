// Package svg writes small SVG drawings to put inside an HTML page: an
// element writer that escapes every text and attribute and refuses a
// number that is not finite (an undefined statistic must never become a
// coordinate), colour-blind-safe palettes, and a text alternative on every
// drawing (role="img" with <title> and <desc>).
//
// It writes SVG 1.1 elements that every browser and printer driver draws:
// rect, line, circle, path, text, g and image. It does not lay anything
// out; the charts that use it (internal/chart) compute the coordinates.
package svg
