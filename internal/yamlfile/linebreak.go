package yamlfile

import (
	"strings"
	"unicode/utf8"
)

// yaml.v3 (like libyaml, after YAML 1.1) ends a line at CR LF, CR, LF, NEL
// (U+0085), LS (U+2028) and PS (U+2029), and numbers its nodes' lines
// (yaml.Node.Line) by all of them. The splicer splits a text the same way,
// so that its line n is the parser's line n whatever a file holds: a
// Mac's CR-only line ends, or a line separator pasted into a reason.

// A TextLine is one line of a text and the line break that ends it.
type TextLine struct {
	Text  string
	Break string // "" for the last line of the text
}

// SplitLines splits text at every line break yaml.v3 counts. The last
// line is the text after the last break: empty when text ends with one.
func SplitLines(text string) []TextLine {
	var lines []TextLine
	start := 0
	for i := 0; i < len(text); {
		n := breakAt(text, i)
		if n == 0 {
			i++
			continue
		}
		lines = append(lines, TextLine{Text: text[start:i], Break: text[i : i+n]})
		i += n
		start = i
	}
	return append(lines, TextLine{Text: text[start:]})
}

// breakAt returns the length of the line break at text[i:], 0 for none.
func breakAt(text string, i int) int {
	switch text[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(text) && text[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2: // NEL is C2 85 in UTF-8
		if i+1 < len(text) && text[i+1] == 0x85 {
			return 2
		}
	case 0xE2: // LS and PS are E2 80 A8 and E2 80 A9
		if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xA8 || text[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// commonBreak returns the line break most lines of a text end with, the
// first one found on a tie, and "\n" for a text of one line.
func commonBreak(lines []TextLine) string {
	count := map[string]int{}
	var order []string
	for _, l := range lines {
		if l.Break == "" {
			continue
		}
		if count[l.Break] == 0 {
			order = append(order, l.Break)
		}
		count[l.Break]++
	}
	best := "\n"
	for i, b := range order {
		if i == 0 || count[b] > count[best] {
			best = b
		}
	}
	return best
}

// byteIndex converts yaml.v3's 1-based column, counted in characters, to
// a byte offset in text (len(text) past its end).
func byteIndex(text string, column int) int {
	i := 0
	for n := 1; n < column && i < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}

// indentation counts the spaces a line starts with.
func indentation(text string) int {
	return len(text) - len(strings.TrimLeft(text, " "))
}
