package yamlfile

import (
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// A Span is a key-value pair of a block mapping and the lines it covers:
// from its key to its value's last line, without the blank and comment
// lines that follow it.
type Span struct {
	Key, Value *yaml.Node
	Start, End int // 1-based, inclusive
}

// A Splicer edits a file line by line; edits refer to the original lines
// and are applied together by bytes.
type Splicer struct {
	Name  string
	Lines []string // without "\n"; a CRLF file keeps "\r" at the ends
	eol   string   // "\r" for CRLF files, else ""
	edits []edit
}

type edit struct {
	start, end int // replace lines start..end; end = start-1 inserts before start
	lines      []string
	seq        int
}

func NewSplicer(data []byte, name string) *Splicer {
	text := string(data)
	sp := &Splicer{Name: name}
	if strings.Contains(text, "\r\n") {
		sp.eol = "\r"
	}
	sp.Lines = strings.Split(text, "\n")
	return sp
}

// LastLine is the number of the file's last line with content.
func (sp *Splicer) LastLine() int {
	n := len(sp.Lines)
	if n > 0 && sp.Lines[n-1] == "" {
		n--
	}
	return n
}

// PairSpans locates the pairs of block mapping m, whose last pair may
// extend to line end.
func (sp *Splicer) PairSpans(m *yaml.Node, end int) map[string]Span {
	spans := map[string]Span{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		e := end
		if i+2 < len(m.Content) {
			e = m.Content[i+2].Line - 1
		}
		spans[k.Value] = Span{Key: k, Value: m.Content[i+1], Start: k.Line, End: sp.trimEnd(k.Line, e)}
	}
	return spans
}

// trimEnd moves end back over blank and comment lines, not past start.
func (sp *Splicer) trimEnd(start, end int) int {
	for end > start && end <= len(sp.Lines) && IsBlankOrComment(sp.Lines[end-1]) {
		end--
	}
	return end
}

// IsBlankOrComment reports whether a line holds nothing but a comment.
func IsBlankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// ItemIndent returns the text before the dash of a list entry and the
// indentation of the entry's keys.
func (sp *Splicer) ItemIndent(n *yaml.Node) (string, string) {
	line := sp.Lines[n.Line-1]
	i := strings.IndexByte(line, '-')
	if i < 0 || i >= n.Column-1 {
		return "  ", "    "
	}
	return line[:i], strings.Repeat(" ", n.Column-1)
}

// StartsWithDash reports whether the entry's first key shares its line
// with the list's dash, as in "  - id: SA01".
func (sp *Splicer) StartsWithDash(n *yaml.Node) bool {
	if n.Line < 1 || n.Line > len(sp.Lines) || n.Column < 2 {
		return false
	}
	line := sp.Lines[n.Line-1]
	if len(line) < n.Column-1 {
		return false
	}
	return strings.TrimSpace(line[:n.Column-1]) == "-"
}

// Replace puts lines in place of Span s, keeping the comments a person
// wrote inside it (see Replace). indent is used for moved comments.
func (sp *Splicer) Replace(s Span, lines []string, indent string) {
	var above []string
	for l := s.Start + 1; l <= s.End; l++ {
		if IsBlankOrComment(sp.Lines[l-1]) && strings.TrimSpace(sp.Lines[l-1]) != "" {
			above = append(above, strings.TrimSuffix(sp.Lines[l-1], "\r"))
		}
	}
	trailing := ""
	seen := map[string]bool{}
	walk(s.Key, func(n *yaml.Node) { sp.rescue(n, s, indent, &trailing, &above, seen) })
	walk(s.Value, func(n *yaml.Node) { sp.rescue(n, s, indent, &trailing, &above, seen) })
	out := append([]string{}, above...)
	if len(lines) > 0 {
		lines = append([]string{}, lines...)
		lines[0] += trailing
	} else if trailing != "" {
		out = append(out, indent+strings.TrimSpace(trailing))
	}
	sp.add(edit{start: s.Start, end: s.End, lines: append(out, lines...)})
}

// rescue keeps the line comment of node n: at the end of the first line
// when it was on the key's line, else as a comment line above.
func (sp *Splicer) rescue(n *yaml.Node, s Span, indent string, trailing *string, above *[]string, seen map[string]bool) {
	c := n.LineComment
	if c == "" || seen[c] {
		return
	}
	seen[c] = true
	if n.Line == s.Start {
		line := strings.TrimSuffix(sp.Lines[s.Start-1], "\r")
		if i := strings.LastIndex(line, c); i > 0 {
			j := i
			for j > 0 && (line[j-1] == ' ' || line[j-1] == '\t') {
				j--
			}
			*trailing += line[j:]
			return
		}
		*trailing += "  " + c
		return
	}
	// A comment on a later line of the value is already a line of its own
	// only when the whole line is a comment; otherwise keep its text.
	if n.Line >= 1 && n.Line <= len(sp.Lines) && !IsBlankOrComment(sp.Lines[n.Line-1]) {
		*above = append(*above, indent+c)
	}
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	if n == nil {
		return
	}
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// Insert adds lines after line after (0: at the top).
func (sp *Splicer) Insert(after int, lines []string) {
	sp.add(edit{start: after + 1, end: after, lines: lines})
}

func (sp *Splicer) add(e edit) {
	e.seq = len(sp.edits)
	sp.edits = append(sp.edits, e)
}

// Bytes applies the edits, last lines first, and joins the lines.
func (sp *Splicer) Bytes() []byte {
	edits := append([]edit{}, sp.edits...)
	sort.SliceStable(edits, func(i, j int) bool {
		a, b := edits[i], edits[j]
		if a.start != b.start {
			return a.start > b.start
		}
		ai, bi := a.end < a.start, b.end < b.start
		if ai != bi {
			return !ai // replacements first, so that insertions land above them
		}
		return a.seq > b.seq
	})
	lines := sp.Lines
	for _, e := range edits {
		repl := make([]string, len(e.lines))
		for i, l := range e.lines {
			repl[i] = l + sp.eol
		}
		lines = slices.Concat(lines[:e.start-1], repl, lines[e.end:])
	}
	return []byte(strings.Join(lines, "\n"))
}
