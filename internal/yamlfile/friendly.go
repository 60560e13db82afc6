package yamlfile

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/parseerr"
)

// syntaxError turns yaml.v3's error on data into a *ParseError that names
// the line of the mistake in plain words.
//
// yaml.v3 gives the line where it noticed a problem: for its parser that
// is the start of the block it could not finish, for an unclosed quote
// often the end of the file, for a wrong byte no line at all. So the text
// is read again, line by line (scanText), for the mistakes people make by
// hand; yaml.v3's own message, rewritten by friendlyYAML, is the fallback.
func syntaxError(name string, data []byte, err error) error {
	pe := Error(name, err).(*ParseError)
	var te *yaml.TypeError
	msg, ok := strings.CutPrefix(err.Error(), "yaml: ")
	if errors.As(err, &te) || !ok || errors.Is(pe.Err, parseerr.ErrEmpty) {
		return pe
	}
	bare := msg
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		bare = m[2]
	}
	reader := readerError(bare)
	if f := explain(data, reader); f != nil {
		return &ParseError{File: name, Line: f.line, Column: f.col, Err: fmt.Errorf("%w: %s", parseerr.ErrSyntax, f.msg)}
	}
	if pe.Line == 0 && !reader {
		pe.Line = noLine(data, bare)
	}
	pe.Line = min(pe.Line, lineCount(data)) // not after the file's last newline
	return pe
}

// readerError reports whether msg is an error of yaml.v3's reader, which
// decodes the bytes into characters and gives no line (readerc.go).
func readerError(msg string) bool {
	switch msg {
	case "invalid leading UTF-8 octet", "incomplete UTF-8 octet sequence", "invalid trailing UTF-8 octet",
		"invalid length of a UTF-8 sequence", "invalid Unicode character", "control characters are not allowed",
		"incomplete UTF-16 character", "unexpected low surrogate area", "incomplete UTF-16 surrogate pair",
		"expected low surrogate area":
		return true
	}
	return strings.HasPrefix(msg, "input error: ")
}

// explain finds the mistake yaml.v3 found in data: a character it cannot
// read (reader), or a mistake of editing by hand.
func explain(data []byte, reader bool) *finding {
	if reader {
		return badCharacter(textOf(data))
	}
	return scanText(textOf(data))
}

// textOf is data as the text yaml.v3 reads: UTF-16 after a UTF-16 byte
// order mark (as Excel's "Unicode text" saves), else UTF-8.
func textOf(data []byte) string {
	if len(data) < 2 || !(data[0] == 0xfe && data[1] == 0xff || data[0] == 0xff && data[1] == 0xfe) {
		return string(data)
	}
	u := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		if data[0] == 0xfe {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u))
}

// badCharacter finds the first byte that is not UTF-8 text or that YAML
// does not allow (control characters other than tab and line breaks).
func badCharacter(text string) *finding {
	for n, l := range SplitLines(text) {
		for i := 0; i < len(l.Text); {
			r, size := utf8.DecodeRuneInString(l.Text[i:])
			switch {
			case r == utf8.RuneError && size <= 1:
				return &finding{n + 1, i + 1, "this line holds a character that is not UTF-8 text (for instance an é or ë " +
					"saved by Excel or Notepad as ANSI); save the file as UTF-8"}
			case r < 0x20 && r != '\t' || r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff:
				return &finding{n + 1, i + 1, fmt.Sprintf("this line holds an invisible control character (%U), "+
					"perhaps copied from another program; delete it", r)}
			}
			i += size
		}
	}
	return nil
}

var anchorName = regexp.MustCompile(`^(unknown anchor|anchor) '(.*)' (referenced|value contains itself)$`)

// noLine gives a line to a yaml.v3 error that has none: line 1 for its
// scanner and parser, which leave out line 1; the alias or anchor for an
// alias error; 0 (unknown) else.
func noLine(data []byte, msg string) int {
	m := anchorName.FindStringSubmatch(msg)
	if m == nil {
		if strings.HasPrefix(msg, "invalid map key") || strings.Contains(msg, "alias") || strings.HasPrefix(msg, "map merge") {
			return 0
		}
		return 1
	}
	mark := "*" + m[2]
	if m[1] == "anchor" {
		mark = "&" + m[2]
	}
	for n, l := range SplitLines(textOf(data)) {
		if strings.Contains(l.Text, mark) {
			return n + 1
		}
	}
	return 0
}

// lineCount is the number of lines of data as yaml.v3 counts them; a
// last line break ends a line rather than starting one.
func lineCount(data []byte) int {
	lines := SplitLines(textOf(data))
	n := len(lines)
	if n > 1 && lines[n-1].Text == "" {
		n--
	}
	return n
}

// Messages of the line scanner, in words for people who do not program.

const msgTab = "a tab is used for indentation; YAML needs spaces: replace the tab by spaces"

const msgNoKey = "this list has no name above it: a line such as items: is missing; add it above the list"

// msgIndent says that a line is indented by have spaces where the lines
// around it are indented by want.
func msgIndent(have, want int) string {
	first := "this line is not indented"
	if have > 0 {
		first = "this line is indented by " + spaces(have)
	}
	if want == 0 {
		return first + ", the lines around it not at all; remove the spaces at its start"
	}
	return fmt.Sprintf("%s, the lines around it by %d; indent it by %s as well", first, want, spaces(want))
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return strconv.Itoa(n) + " spaces"
}

// msgColon explains that a text without quotes holds ": ".
func msgColon(key, text string) string {
	what := "contains ': ', which YAML reads as the start of a new key"
	if !strings.Contains(text, ": ") && !strings.Contains(text, ":\t") {
		what = "ends with ':', which YAML reads as a new key"
	}
	q, kind := quoteText(text)
	if key == "" {
		return fmt.Sprintf("the text %s %s; put the whole text in %s: %s", text, what, kind, q)
	}
	return fmt.Sprintf("the text after %s: %s; put the whole text in %s: %s: %s", key, what, kind, key, q)
}

// msgQuoteStart explains that a text starting with a quote ends at the
// next quote of that kind.
func msgQuoteStart(key string, q byte, text string) string {
	pre := "the text"
	if key != "" {
		pre = "the text after " + key + ":"
	}
	quoted, kind := quoteText(text)
	if key != "" {
		quoted = key + ": " + quoted
	}
	return fmt.Sprintf("%s starts with a quote (%c), so YAML ends it at the next %c; if the quote is part of the text, put the whole text in %s: %s",
		pre, q, q, kind, quoted)
}

// elision matches a Dutch text that starts with an apostrophe.
var elision = regexp.MustCompile(`^'[nstk]\b`)

// msgUnclosed explains that the quote opened at the start of text is not
// closed. A Dutch text that starts with an apostrophe ('s avonds) is
// explained as such.
func msgUnclosed(key string, q byte, text string) string {
	text = strings.TrimRight(text, " \t")
	if q == '\'' && elision.MatchString(text) {
		return msgQuoteStart(key, q, text)
	}
	fix := text + string(q)
	if key != "" {
		fix = key + ": " + fix
	}
	return fmt.Sprintf("the quote (%c) opened on this line is not closed; end the text with %c as well: %s", q, q, fix)
}

// msgReserved explains that a text cannot start with c.
func msgReserved(key string, c byte, text string) string {
	body, _ := cutComment(text)
	q, kind := quoteText(strings.TrimSpace(body))
	if key == "" {
		return fmt.Sprintf("a text cannot start with %c in YAML; put the whole text in %s: %s", c, kind, q)
	}
	return fmt.Sprintf("the text after %s: starts with %c, which YAML does not allow; put the whole text in %s: %s: %s", key, c, kind, key, q)
}

// quoteText quotes s for a YAML file as a person would: in double quotes,
// in single quotes if s holds a double quote, and with \" if it holds
// both kinds.
func quoteText(s string) (quoted, kind string) {
	switch {
	case !strings.ContainsAny(s, `"\`):
		return `"` + s + `"`, "double quotes"
	case !strings.Contains(s, "'"):
		return "'" + s + "'", "single quotes"
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`, "double quotes"
}

// IndentError reports that line is indented by have spaces where the
// lines around it are indented by want.
func IndentError(name string, line, have, want int) *ParseError {
	return &ParseError{File: name, Line: line, Column: have + 1, Err: fmt.Errorf("%w: %s", parseerr.ErrSyntax, msgIndent(have, want))}
}
