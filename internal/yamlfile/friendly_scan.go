package yamlfile

import "strings"

// This file reads a YAML text line by line, the way a person sees it, to
// find the mistakes people make when they edit it by hand: a tab used for
// indentation, a line indented differently from the lines around it, a
// list whose key line was deleted, ": " inside a text without quotes, and
// a quote that is never closed. yaml.v3 reports these late (at the end of
// the block or of the file) or in words only a programmer understands.
//
// The scanner follows the block structure of YAML as far as the project's
// files use it: block mappings and lists, flow collections ([…], {…}) on
// one or more lines, quoted, plain and block (| >) scalars, comments. It
// stops without a finding at anything else (anchors, tags, complex keys,
// several documents), so that an unusual but valid file is never blamed:
// yaml.v3's own message is used then. It is only consulted once yaml.v3
// has refused the text.

// A finding is a mistake at a line (1-based) and byte column (1-based).
type finding struct {
	line, col int
	msg       string
}

// A level is an open block collection: a mapping or a list, by the
// 0-based column of its keys or dashes.
type level struct {
	indent  int
	seq     bool
	compact bool // a list at the column of its own key (key:\n- a)
	inline  bool // a mapping that starts after a dash (- key: value)
	line    int  // its first line
	lines   int  // lines that start at its column
}

// opener says what the previous content line left open.
type opener int

const (
	openNone opener = iota
	openKey         // a key without a value: a block may follow
	openDash        // a dash without a value: a block may follow
)

type lineScanner struct {
	lines []string
	i     int // index of the current line
	stack []level

	// What the previous content line left behind.
	open      opener
	openCol   int
	openName  string // the key left without a value
	fresh     bool   // this line opened a block under that key
	plain     bool   // it ended in a plain text, which the next lines may continue
	plainCol  int    // a continuation line is indented more than this
	plainKey  string // the key of that text, "" in a list
	plainText string // the text so far
	keyValue  bool   // it was a key with a value on the same line
	keyIndent int    // the column of its key, or of its first dash

	// Constructs that span lines.
	quote     byte // inside a quoted text opened at quoteLine, quoteCol
	quoteLine int
	quoteCol  int
	quoteKey  string
	quoteText string // the opening line's text from the quote on
	flow      int    // depth of open [ and {
	flowKey   string // key of the flow value being read, for messages
	afterKey  bool   // in a flow mapping, just after "key:"
	flowPlain bool   // a plain text in a flow collection ran to the end of the line
	block     int    // inside a block scalar: lines indented more than block; -1 none

	started bool // a "---" began the document
	comment bool // the last line with content may hold a comment
	found   *finding
	done    bool // found, or met something the scanner does not follow
}

// scanText returns the first hand-editing mistake in text, or nil.
func scanText(text string) *finding {
	s := &lineScanner{block: -1}
	for _, l := range SplitLines(strings.TrimPrefix(text, "\ufeff")) {
		s.lines = append(s.lines, l.Text)
	}
	for s.i = 0; s.i < len(s.lines) && !s.done; s.i++ {
		s.scanLine(s.lines[s.i])
	}
	if !s.done && s.quote != 0 {
		s.unclosedQuote()
	}
	return s.found
}

func (s *lineScanner) find(line, col int, msg string) {
	s.found = &finding{line: line, col: col, msg: msg}
	s.done = true
}

// bail stops the scan without a finding.
func (s *lineScanner) bail() { s.done = true }

func (s *lineScanner) top() *level { return &s.stack[len(s.stack)-1] }

func (s *lineScanner) push(l level) { s.stack = append(s.stack, l) }

// scanLine reads one line, continuing a construct of the lines before it.
func (s *lineScanner) scanLine(text string) {
	defer func() {
		if strings.Trim(text, " \t") != "" {
			s.comment = strings.Contains(text, "#")
		}
	}()
	switch {
	case s.quote != 0:
		s.continueQuote(text)
		return
	case s.block >= 0:
		if strings.TrimLeft(text, " ") == "" || countSpaces(text) > s.block {
			return
		}
		s.block = -1
	case s.flow > 0:
		s.scanFlow(text, 0)
		return
	}
	s.scanBlockLine(text)
}

// scanBlockLine reads a line in block context: its indentation, then its
// content.
func (s *lineScanner) scanBlockLine(text string) {
	d := countSpaces(text)
	rest := text[d:]
	switch {
	case rest == "":
		return
	case rest[0] == '\t':
		if t := strings.TrimLeft(rest, " \t"); (t == "" || t[0] == '#') && s.comment || s.plain && d > s.plainCol {
			return // yaml.v3 allows these tabs: on lines without content after a comment, and in a continued text
		}
		s.find(s.i+1, d+1, msgTab)
		return
	case rest[0] == '#':
		s.plain = false
		return
	case d == 0 && (rest == "---" || rest == "..." || strings.HasPrefix(rest, "--- ") || rest[0] == '%'):
		if rest == "---" && len(s.stack) == 0 && !s.started {
			s.started = true
			return
		}
		s.bail() // yaml.v3 reads the first document only
		return
	case s.plain && d > s.plainCol:
		s.continuePlain(d, rest)
		return
	}
	s.plain = false
	dash := isDash(rest)
	if s.place(d, dash) {
		s.scanContent(d, rest)
	}
	s.fresh = false
}

// continuePlain reads a line that continues a plain text: a line that is
// more indented than the key of the text. Such a line with ": " in it is
// a key indented too far, or a text with ": " in it.
func (s *lineScanner) continuePlain(d int, rest string) {
	body, _ := cutComment(rest)
	if !strings.Contains(body+" ", ": ") && !strings.Contains(body, ":\t") {
		if len(s.plainText) < 500 { // enough for a message, and linear time
			s.plainText += " " + strings.TrimSpace(body)
		}
		if len(body) < len(rest) {
			s.plain = false
		}
		return
	}
	if s.plainKey == "" || d <= s.keyIndent+2 {
		s.find(s.i+1, d+1, msgIndent(d, s.keyIndent))
		return
	}
	s.find(s.i+1, d+1, msgColon(s.plainKey, s.plainText+" "+strings.TrimSpace(body)))
}

// place checks the indentation d of a line (a list item if dash) against
// the open collections, opening or closing them. It reports whether the
// line fits.
func (s *lineScanner) place(d int, dash bool) bool {
	open, openCol, keyValue := s.open, s.openCol, s.keyValue
	s.open = openNone
	if open != openNone && (d > openCol || open == openKey && dash && d == openCol) {
		s.push(level{indent: d, seq: dash, compact: d == openCol, line: s.i + 1, lines: 1})
		s.fresh = open == openKey
		return true
	}
	if len(s.stack) == 0 {
		s.push(level{indent: d, seq: dash, line: s.i + 1, lines: 1})
		return true
	}
	if top := s.top(); d > top.indent {
		if dash && keyValue {
			s.find(s.i+1, d+1, msgNoKey)
		} else {
			s.find(s.i+1, d+1, msgIndent(d, top.indent))
		}
		return false
	}
	var popped []level
	for len(s.stack) > 0 && s.top().indent > d {
		popped = append(popped, *s.top())
		s.stack = s.stack[:len(s.stack)-1]
	}
	if len(s.stack) == 0 {
		s.bail() // left of the first line: yaml.v3 is lenient there
		return false
	}
	if s.top().indent != d {
		s.misplaced(d, dash, popped)
		return false
	}
	return s.sibling(d, dash)
}

// sibling checks a line at the column of the open collection.
func (s *lineScanner) sibling(d int, dash bool) bool {
	top := s.top()
	switch {
	case top.seq && !dash && top.compact:
		s.stack = s.stack[:len(s.stack)-1]
		if len(s.stack) == 0 || s.top().seq || s.top().indent != d {
			s.bail()
			return false
		}
	case top.seq && !dash:
		s.bail() // a key among list items: yaml.v3's message will do
		return false
	case !top.seq && dash:
		s.find(s.i+1, d+1, msgNoKey)
		return false
	}
	s.top().lines++
	return true
}

// misplaced reports a line indented less than the line before it but not
// as far back as any open collection: it lines up with nothing. When the
// line before was alone at its column and the line after lines up with
// this one, the line before is the odd one out (as the first item of a
// list indented by 3 spaces, the others by 2).
func (s *lineScanner) misplaced(d int, dash bool, popped []level) {
	if n := len(popped); n > 0 && popped[n-1].lines == 1 && !popped[n-1].inline && popped[n-1].seq == dash && s.nextIndent() == d {
		p := popped[n-1]
		s.find(p.line, p.indent+1, msgIndent(p.indent, d))
		return
	}
	want, best := -1, -1
	for _, l := range append(popped, s.stack...) {
		dist := abs(l.indent - d)
		if l.seq == dash && (best < 0 || dist < best || dist == best && l.indent > want) {
			want, best = l.indent, dist
		}
	}
	if want < 0 {
		want = popped[0].indent
	}
	s.find(s.i+1, d+1, msgIndent(d, want))
}

// nextIndent is the indentation of the next content line, -1 if none.
func (s *lineScanner) nextIndent() int {
	for _, t := range s.lines[s.i+1:] {
		if r := strings.TrimLeft(t, " "); r != "" && r[0] != '#' {
			return len(t) - len(r)
		}
	}
	return -1
}

// scanContent reads a line's dashes, key and value; col is the column
// of rest.
func (s *lineScanner) scanContent(col int, rest string) {
	s.keyValue, s.keyIndent = false, col
	dashCol := -1
	for isDash(rest) {
		after := strings.TrimLeft(rest[1:], " ")
		if after == "" || after[0] == '#' {
			s.open, s.openCol = openDash, col
			return
		}
		if after[0] == '\t' {
			s.bail()
			return
		}
		dashCol = col
		col += len(rest) - len(after)
		rest = after
		if isDash(rest) {
			s.push(level{indent: col, seq: true, inline: true, line: s.i + 1, lines: 1})
		}
	}
	key, vpos, ok := s.splitKey(rest)
	switch {
	case ok:
		if dashCol >= 0 {
			s.push(level{indent: col, inline: true, line: s.i + 1, lines: 1})
		}
		s.scanValue(key, col, rest[vpos:], col+vpos)
	case dashCol >= 0:
		s.scanValue("", dashCol, rest, col)
	case s.fresh && !s.top().seq:
		// the value of the key on the line before, a text
		s.stack = s.stack[:len(s.stack)-1]
		s.scanValue(s.openName, s.openCol, rest, col)
	default:
		s.bail() // text without a key among keys
	}
}

// splitKey finds the key of a mapping line: plain or quoted, followed by
// ":" and a space or the end of the line. vpos is where its value starts.
func (s *lineScanner) splitKey(rest string) (key string, vpos int, ok bool) {
	switch c := rest[0]; {
	case c == '"' || c == '\'':
		end := closingQuote(rest, 1, c)
		if end < 0 {
			return "", 0, false
		}
		after := strings.TrimLeft(rest[end+1:], " ")
		if isIndicator(after) {
			return rest[1:end], len(rest) - len(after) + 1, true
		}
		return "", 0, false
	case strings.IndexByte("&*!?|>%@`[]{},", c) >= 0:
		return "", 0, false
	}
	body, _ := cutComment(rest)
	for i := 0; i < len(body); i++ {
		if body[i] == ':' && isIndicator(body[i:]) {
			return strings.TrimRight(body[:i], " \t"), i + 1, true
		}
	}
	return "", 0, false
}

// scanValue reads the value of key (empty: a list item) that starts at
// column col of the line; parent is the column of the key or dash.
func (s *lineScanner) scanValue(key string, parent int, v string, col int) {
	t := strings.TrimLeft(v, " \t")
	col += len(v) - len(t)
	if key != "" {
		s.keyValue = t != "" && t[0] != '#'
		s.keyIndent = parent
	}
	if t == "" || t[0] == '#' {
		if key != "" {
			s.open, s.openCol, s.openName = openKey, parent, key
		}
		return
	}
	switch c := t[0]; {
	case c == '"' || c == '\'':
		s.scanQuoted(key, t, col)
	case c == '[' || c == '{':
		s.flowKey, s.afterKey = key, false
		s.scanFlow(s.lines[s.i], col)
	case c == '|' || c == '>':
		s.block = parent
	case c == '@' || c == '`':
		s.find(s.i+1, col+1, msgReserved(key, c, t))
	case strings.IndexByte("&*!?%,]}:", c) >= 0 || isDash(t):
		s.bail()
	default:
		s.scanPlain(key, parent, t, col)
	}
}

// scanQuoted reads a quoted value t at column col.
func (s *lineScanner) scanQuoted(key, t string, col int) {
	q := t[0]
	end := closingQuote(t, 1, q)
	if end < 0 {
		s.quote, s.quoteLine, s.quoteCol, s.quoteKey, s.quoteText = q, s.i+1, col+1, key, t
		return
	}
	after := strings.TrimLeft(t[end+1:], " \t")
	if after != "" && after[0] != '#' {
		body, _ := cutComment(t)
		s.find(s.i+1, col+1, msgQuoteStart(key, q, strings.TrimSpace(body)))
	}
}

// scanPlain reads a plain value t at column col: ": " in it is an error.
func (s *lineScanner) scanPlain(key string, parent int, t string, col int) {
	body, comment := cutComment(t)
	body = strings.TrimRight(body, " \t")
	if key != "" {
		if i := strings.Index(body+" ", ": "); i >= 0 || strings.Contains(body, ":\t") {
			if i < 0 {
				i = strings.Index(body, ":\t")
			}
			s.find(s.i+1, col+i+1, msgColon(key, body))
			return
		}
	}
	s.plain, s.plainCol, s.plainKey, s.plainText = comment == "", parent, key, body
}

// continueQuote reads a line inside a quoted text. The text may go on
// over several lines; but if what follows its closing quote does not fit,
// that quote opened another text and the first quote was never closed.
func (s *lineScanner) continueQuote(text string) {
	end := closingQuote(text, 0, s.quote)
	if end < 0 {
		return
	}
	if len(s.stack) > 0 && countSpaces(text) < s.stack[0].indent {
		s.bail() // left of the first line: yaml.v3 may stop reading there
		return
	}
	if s.flow > 0 {
		after := strings.TrimLeft(text[end+1:], " \t")
		if after != "" && strings.IndexByte(",]}:#", after[0]) < 0 {
			s.unclosedQuote()
			return
		}
		s.quote = 0
		s.scanFlow(text, end+1)
		return
	}
	after := strings.TrimLeft(text[end+1:], " \t")
	if after != "" && after[0] != '#' {
		s.unclosedQuote()
		return
	}
	s.quote = 0
}

func (s *lineScanner) unclosedQuote() {
	s.find(s.quoteLine, s.quoteCol, msgUnclosed(s.quoteKey, s.quote, s.quoteText))
}

// closingQuote returns the index in s of the quote q that closes a text
// whose content starts at from, or -1. In "…" a backslash escapes the
// next character; in '…' a quote is written twice.
func closingQuote(s string, from int, q byte) int {
	for i := from; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// cutComment splits a plain text from a comment after it (" #…").
func cutComment(s string) (body, comment string) {
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// isIndicator reports whether s starts with the ":" after a key in block
// context: followed by a space, a tab or the end of the line.
func isIndicator(s string) bool {
	return len(s) > 0 && s[0] == ':' && (len(s) == 1 || s[1] == ' ' || s[1] == '\t')
}

// isFlowIndicator is isIndicator in a flow collection, where , ] } also
// end a key.
func isFlowIndicator(s string) bool {
	return isIndicator(s) || len(s) > 1 && s[0] == ':' && strings.IndexByte(",]}", s[1]) >= 0
}

// isDash reports whether s starts with a list item's dash.
func isDash(s string) bool {
	return len(s) > 0 && s[0] == '-' && (len(s) == 1 || s[1] == ' ' || s[1] == '\t')
}

func countSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
