package yamlfile

import "strings"

// The line scanner's reading of flow collections ([…] and {…}), which may
// span lines and hold quoted and plain texts, keys and values.

// scanFlow reads a flow collection ([…] or {…}) from byte i of text,
// possibly over several lines.
func (s *lineScanner) scanFlow(text string, i int) {
	if s.flowPlain { // the text goes on, whatever it starts with
		s.flowPlain = false
		j := i + len(text[i:]) - len(strings.TrimLeft(text[i:], " \t"))
		if j < len(text) && strings.IndexByte(",[]{}#", text[j]) < 0 && !isFlowIndicator(text[j:]) {
			i = s.flowPlainText(text, j)
		}
	}
	for i < len(text) && !s.done {
		c := text[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			return
		case c == '[' || c == '{':
			s.flow++
			s.afterKey = false
			i++
		case c == ']' || c == '}':
			s.flow--
			i++
			if s.flow < 0 {
				s.bail()
			} else if s.flow == 0 {
				s.endFlow(text[i:])
				return
			}
		case c == ',':
			s.afterKey = false
			i++
		case c == ':' && isFlowIndicator(text[i:]):
			s.afterKey = true
			i++
		case c == '"' || c == '\'':
			i = s.flowQuoted(text, i)
		case strings.IndexByte("&*!|>@`%?", c) >= 0:
			s.bail()
		default:
			i = s.flowPlainText(text, i)
		}
	}
}

// flowQuoted reads a quoted text in a flow collection and returns the
// byte after it.
func (s *lineScanner) flowQuoted(text string, i int) int {
	q := text[i]
	end := closingQuote(text, i+1, q)
	if end < 0 {
		s.quote, s.quoteLine, s.quoteCol, s.quoteKey = q, s.i+1, i+1, s.flowKey
		s.quoteText = strings.TrimRight(text[i:], " \t,]}")
		return len(text)
	}
	after := strings.TrimLeft(text[end+1:], " \t")
	if after != "" && strings.IndexByte(",]}:#", after[0]) < 0 {
		s.bail() // text after the closing quote: yaml.v3's message will do
	}
	s.afterKey = false
	return end + 1
}

// flowPlainText reads a plain text or key in a flow collection and returns
// the byte after it. A text after "key:" that holds ": " is an error.
func (s *lineScanner) flowPlainText(text string, i int) int {
	j := i
	for j < len(text) && strings.IndexByte(",[]{}", text[j]) < 0 &&
		!(text[j] == ':' && isFlowIndicator(text[j:])) &&
		!(text[j] == '#' && j > i && (text[j-1] == ' ' || text[j-1] == '\t')) {
		j++
	}
	word := strings.TrimSpace(text[i:j])
	if j < len(text) && text[j] == ':' {
		if s.afterKey && isIndicator(text[j:]) {
			end := j
			for end < len(text) && strings.IndexByte(",]}", text[end]) < 0 {
				end++
			}
			s.find(s.i+1, j+1, msgColon(s.flowKey, strings.TrimSpace(text[i:end])))
			return len(text)
		}
		s.flowKey = word
		return j
	}
	s.afterKey = false
	s.flowPlain = j == len(text)
	return j
}

// endFlow checks what follows a flow collection on its last line.
func (s *lineScanner) endFlow(rest string) {
	t := strings.TrimLeft(rest, " \t")
	if t != "" && (t[0] != '#' || len(t) == len(rest)) {
		s.bail()
	}
}
