package yamlfile

import (
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// A Span is a key-value pair of a block mapping and the lines it covers:
// from its key to the last line of its value's text. The blank and comment
// lines after the value are not part of it; the lines of a block scalar
// are, even those starting with "#", and so are the trailing blank lines
// that a block scalar with keep chomping (|+) holds.
type Span struct {
	Key, Value *yaml.Node
	Start, End int // 1-based, inclusive
}

// A Splicer edits the first YAML document of a text line by line; edits
// refer to the original lines and are applied together by Bytes. Lines
// are split as yaml.v3 counts them (see SplitLines), and the extent of
// every node is measured as the parser reads it: the lines of block and
// quoted scalars, where comments start. Everything after the first
// document is left as it is.
type Splicer struct {
	Name string
	Root *yaml.Node // the top mapping of the first document

	lines    []TextLine
	eol      string             // line break for new lines: the text's most common one
	docEnd   int                // last line of the first document
	ends     map[*yaml.Node]int // last line of each node's text
	inScalar []bool             // [l]: line l starts inside a quoted or block scalar
	inBlock  []bool             // [l]: line l is a block scalar's header or text
	masks    map[int][][2]int   // byte ranges of scalar text on a line, where "#" is text
	edits    []edit
}

type edit struct {
	start, end int // replace lines start..end; end = start-1 inserts before start
	lines      []string
	seq        int
}

// NewSplicer parses text, UTF-8 without a byte-order mark, whose first
// document must be a mapping; name is used in messages.
func NewSplicer(text []byte, name string) (*Splicer, error) {
	root, err := DocumentRoot(text, name)
	if err != nil {
		return nil, err
	}
	sp := &Splicer{Name: name, Root: root, lines: SplitLines(string(text)),
		ends: map[*yaml.Node]int{}, masks: map[int][][2]int{}}
	sp.inScalar = make([]bool, len(sp.lines)+2)
	sp.inBlock = make([]bool, len(sp.lines)+2)
	sp.eol = commonBreak(sp.lines)
	sp.docEnd = sp.findDocEnd(root.Line)
	sp.measure(root, -1, sp.docEnd, false)
	return sp, nil
}

// Lines is the number of lines of the text.
func (sp *Splicer) Lines() int { return len(sp.lines) }

// DocEnd is the last line of the first document.
func (sp *Splicer) DocEnd() int { return sp.docEnd }

// LineText returns line l without its line break.
func (sp *Splicer) LineText(l int) string {
	if l < 1 || l > len(sp.lines) {
		return ""
	}
	return sp.lines[l-1].Text
}

// Text returns lines from..to with the breaks between them.
func (sp *Splicer) Text(from, to int) string {
	var b strings.Builder
	for l := max(from, 1); l <= min(to, len(sp.lines)); l++ {
		b.WriteString(sp.lines[l-1].Text)
		if l < to {
			b.WriteString(sp.lines[l-1].Break)
		}
	}
	return b.String()
}

// End returns the last line of node n's text (0 for a node not measured).
func (sp *Splicer) End(n *yaml.Node) int { return sp.ends[n] }

// PairSpans locates the pairs of block mapping m.
func (sp *Splicer) PairSpans(m *yaml.Node) map[string]Span {
	spans := map[string]Span{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		spans[k.Value] = Span{Key: k, Value: v, Start: k.Line, End: max(k.Line, sp.ends[k], sp.ends[v])}
	}
	return spans
}

// ItemIndent returns the text before the dash of a list entry and the
// indentation of the entry's keys.
func (sp *Splicer) ItemIndent(n *yaml.Node) (string, string) {
	line := sp.LineText(n.Line)
	col := byteIndex(line, n.Column)
	i := strings.IndexByte(line, '-')
	if i < 0 || i >= col {
		return "  ", "    "
	}
	return line[:i], strings.Repeat(" ", n.Column-1)
}

// StartsWithDash reports whether the entry's first key shares its line
// with the list's dash, as in "  - id: SA01".
func (sp *Splicer) StartsWithDash(n *yaml.Node) bool {
	line := sp.LineText(n.Line)
	if n.Column < 2 || len(line) < byteIndex(line, n.Column) {
		return false
	}
	return strings.TrimSpace(line[:byteIndex(line, n.Column)]) == "-"
}

// Replace puts lines in place of Span s, keeping the comments a person
// wrote inside it: a comment at the end of the span's first line stays at
// the end of the first new line; comment lines inside the span, and
// comments at the end of its other lines, go above it, in their order.
// indent is used for the comments that become lines of their own, and for
// comment lines moved right below a block scalar, which would otherwise
// read them as text. Blank lines inside the span are part of it.
func (sp *Splicer) Replace(s Span, lines []string, indent string) {
	var above []string
	block := sp.followsBlock(s.Start)
	trailing := ""
	for l := s.Start; l <= s.End; l++ {
		c := sp.CommentAt(l)
		if c < 0 {
			continue
		}
		t := sp.lines[l-1].Text
		switch {
		case strings.Trim(t[:c], " \t") == "":
			if block && c > len(indent) {
				t = indent + t[c:]
			}
			above = append(above, t)
		case l == s.Start:
			j := c
			for j > 0 && (t[j-1] == ' ' || t[j-1] == '\t') {
				j--
			}
			trailing = t[j:]
		default:
			above = append(above, indent+t[c:])
		}
	}
	out := append([]string{}, above...)
	if len(lines) > 0 {
		lines = append([]string{}, lines...)
		lines[0] += trailing
	} else if trailing != "" {
		out = append(out, indent+strings.TrimLeft(trailing, " \t"))
	}
	sp.add(edit{start: s.Start, end: s.End, lines: append(out, lines...)})
}

// Insert adds lines after line after (0: at the top).
func (sp *Splicer) Insert(after int, lines []string) {
	sp.add(edit{start: after + 1, end: after, lines: lines})
}

func (sp *Splicer) add(e edit) {
	n := len(sp.lines)
	e.start, e.end = min(max(e.start, 1), n+1), min(e.end, n)
	e.end = max(e.end, e.start-1)
	e.seq = len(sp.edits)
	sp.edits = append(sp.edits, e)
}

// Bytes applies the edits, last lines first, and joins the lines. A line
// of the text keeps its line break (the last one gets one when lines are
// added after it); new lines end with the text's most common break, but a
// replaced block ends with the break its last line had, and new lines at
// the end of a text without a final line break leave it without one.
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
	type outLine struct {
		TextLine
		added bool
	}
	lines := make([]outLine, len(sp.lines))
	for i, l := range sp.lines {
		lines[i] = outLine{TextLine: l}
	}
	for _, e := range edits {
		repl := make([]outLine, len(e.lines))
		for i, l := range e.lines {
			repl[i] = outLine{TextLine{Text: l, Break: sp.eol}, true}
		}
		if e.end >= e.start && len(repl) > 0 {
			repl[len(repl)-1].Break = lines[e.end-1].Break
		}
		lines = slices.Concat(lines[:e.start-1], repl, lines[e.end:])
	}
	noFinal := sp.lines[len(sp.lines)-1].Text != ""
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l.Text)
		switch {
		case i == len(lines)-1 && l.added && noFinal:
		case l.Break == "" && i < len(lines)-1:
			b.WriteString(sp.eol)
		default:
			b.WriteString(l.Break)
		}
	}
	return []byte(b.String())
}
