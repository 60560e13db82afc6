package reduction

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/itembank"
)

// A RefreshReport says what a refresh changed.
type RefreshReport struct {
	Items      int      // items of the bank in the file
	Changed    []string // items whose ticks or suggestion changed
	Added      []string // bank items that were not in the file
	Left       []string // items newly marked as no longer in the bank
	Returned   []string // items back in the bank
	Unreasoned []string // decisions that differ from the suggestion without a reason
}

// RefreshReview recomputes the program's fields of an existing review file
// and keeps everything else byte for byte.
//
// The file is changed by splicing lines, not by re-encoding it: for each
// item the lines of text, flags, evidence, suggestion and in_bank are
// replaced by their new rendering, and so is the screening: section. Every
// other line (decisions, reasons, notes, add:, merge:, blank lines and
// comments) is left as it is. A comment a person wrote inside a computed
// field is kept: a comment at the end of the field's first line stays at
// the end of that line, other comments move above the field. Items that
// left the bank get in_bank: false and keep their computed fields as they
// were; bank items missing from the file are inserted after the item that
// precedes them in the bank.
//
// A file that does not load (see LoadReview) is an error and nothing is
// returned. So is an item whose layout cannot be refreshed line by line:
// written on one line ({id: …, …}) or not starting with "- id:".
func RefreshReview(old []byte, name string, res *Result, cfg Config, s Screening) ([]byte, *RefreshReport, error) {
	prev, err := LoadReview(bytes.NewReader(old), name)
	if err != nil {
		return nil, nil, err
	}
	root, err := documentRoot(old, name)
	if err != nil {
		return nil, nil, err
	}
	sp := newSplicer(old, name)
	rep := &RefreshReport{Items: len(res.Items)}

	top := sp.pairSpans(root, sp.lastLine())
	sl, err := screeningLines(s)
	if err != nil {
		return nil, nil, err
	}
	itemsSpan, ok := top["items"]
	if !ok {
		return nil, nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: no items: list", ErrEmptyList)}
	}
	if scr, ok := top["screening"]; ok {
		sp.replace(scr, sl, "")
	} else {
		sp.insert(itemsSpan.key.Line-1, sl)
	}

	seq := itemsSpan.value
	if seq.Kind != yaml.SequenceNode || seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		return nil, nil, sp.layoutError(seq, "", "write items: as a list with one \"- id:\" entry per item")
	}
	fresh := computedItems(res, cfg)
	byID := make(map[string]*computed, len(fresh))
	for i := range fresh {
		byID[fresh[i].ID] = &fresh[i]
	}
	ends := map[string]int{} // last line of each item in the file
	dash, indent := "  ", "    "
	for i, n := range seq.Content {
		end := itemsSpan.end
		if i+1 < len(seq.Content) {
			end = seq.Content[i+1].Line - 1
		}
		it := &prev.Items[i]
		if i == 0 {
			dash, indent = sp.itemIndent(n)
		}
		last, err := sp.refreshItem(n, it, byID[it.ID], end, rep)
		if err != nil {
			return nil, nil, err
		}
		ends[it.ID] = last
	}
	sp.insertNew(fresh, ends, seq.Content[0].Line-1, dash, indent, rep)

	out := sp.bytes()
	check, err := LoadReview(bytes.NewReader(out), name)
	if err != nil {
		return nil, nil, fmt.Errorf("refreshing %s went wrong, nothing was written: %w", name, err)
	}
	if err := checkRefreshed(check, fresh); err != nil {
		return nil, nil, fmt.Errorf("refreshing %s went wrong, nothing was written: %w", name, err)
	}
	for _, it := range check.Items {
		if it.InBank && it.Overrides() && strings.TrimSpace(it.Reason) == "" {
			rep.Unreasoned = append(rep.Unreasoned, it.ID)
		}
	}
	return out, rep, nil
}

// refreshItem splices the computed fields of one item and returns the
// item's last line. c is nil when the item is no longer in the bank.
func (sp *splicer) refreshItem(n *yaml.Node, it *ReviewItem, c *computed, end int, rep *RefreshReport) (int, error) {
	if n.Style&yaml.FlowStyle != 0 {
		return 0, sp.layoutError(n, it.ID, "write the item over several lines, one key per line, to let it be refreshed")
	}
	if len(n.Content) == 0 || n.Content[0].Value != "id" || !sp.startsWithDash(n) {
		return 0, sp.layoutError(n, it.ID, "start the item with \"- id:\" on one line to let it be refreshed")
	}
	spans := sp.pairSpans(n, end)
	indent := strings.Repeat(" ", n.Column-1)
	last := spans["id"].end
	for _, s := range spans {
		last = max(last, s.end)
	}
	if c == nil {
		// Left the bank: mark it, keep the rest as it was.
		if it.InBank {
			rep.Left = append(rep.Left, it.ID)
		}
		gone := &computed{InBank: false}
		sp.setField(spans, "in_bank", gone.field("in_bank", indent), []string{"id"})
		return last, nil
	}
	if !it.InBank {
		rep.Returned = append(rep.Returned, it.ID)
	} else if !slices.Equal(it.Flags, c.Flags) || it.Suggestion != c.Suggestion {
		rep.Changed = append(rep.Changed, it.ID)
	}
	before := []string{"id"}
	for _, key := range computedKeys {
		sp.setField(spans, key, c.field(key, indent), before)
		before = append(before, key)
	}
	return last, nil
}

// setField replaces the field key with lines, removes it when lines is
// nil, or inserts it after the last present field among before.
func (sp *splicer) setField(spans map[string]span, key string, lines []string, before []string) {
	if s, ok := spans[key]; ok {
		sp.replace(s, lines, strings.Repeat(" ", s.key.Column-1))
		return
	}
	if lines == nil {
		return
	}
	after := 0
	for _, b := range before {
		if s, ok := spans[b]; ok {
			after = max(after, s.end)
		}
	}
	sp.insert(after, lines)
}

// insertNew adds the bank items that the file lacks, each after the item
// that precedes it in the bank (or before the first item).
func (sp *splicer) insertNew(fresh []computed, ends map[string]int, top int, dash, indent string, rep *RefreshReport) {
	anchor := top
	for i := range fresh {
		c := &fresh[i]
		if end, ok := ends[c.ID]; ok {
			anchor = end
			continue
		}
		rep.Added = append(rep.Added, c.ID)
		sp.insert(anchor, c.itemLines(dash, indent))
	}
}

// checkRefreshed verifies that the refreshed file holds exactly the
// computed fields of the screening.
func checkRefreshed(rv *Review, fresh []computed) error {
	for i := range fresh {
		c := &fresh[i]
		it := rv.Item(c.ID)
		switch {
		case it == nil:
			return fmt.Errorf("item %s is missing", c.ID)
		case !it.InBank || it.Text != c.Text || !slices.Equal(it.Flags, c.Flags) || it.Suggestion != c.Suggestion:
			return fmt.Errorf("item %s was not updated", c.ID)
		}
	}
	return nil
}

// A span is a key-value pair of a block mapping and the lines it covers:
// from its key to its value's last line, without the blank and comment
// lines that follow it.
type span struct {
	key, value *yaml.Node
	start, end int // 1-based, inclusive
}

// splicer edits a file line by line; edits refer to the original lines
// and are applied together by bytes.
type splicer struct {
	name  string
	lines []string // without "\n"; a CRLF file keeps "\r" at the ends
	eol   string   // "\r" for CRLF files, else ""
	edits []edit
}

type edit struct {
	start, end int // replace lines start..end; end = start-1 inserts before start
	lines      []string
	seq        int
}

func newSplicer(data []byte, name string) *splicer {
	text := string(data)
	sp := &splicer{name: name}
	if strings.Contains(text, "\r\n") {
		sp.eol = "\r"
	}
	sp.lines = strings.Split(text, "\n")
	return sp
}

// lastLine is the number of the file's last line with content.
func (sp *splicer) lastLine() int {
	n := len(sp.lines)
	if n > 0 && sp.lines[n-1] == "" {
		n--
	}
	return n
}

// pairSpans locates the pairs of block mapping m, whose last pair may
// extend to line end.
func (sp *splicer) pairSpans(m *yaml.Node, end int) map[string]span {
	spans := map[string]span{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		e := end
		if i+2 < len(m.Content) {
			e = m.Content[i+2].Line - 1
		}
		spans[k.Value] = span{key: k, value: m.Content[i+1], start: k.Line, end: sp.trimEnd(k.Line, e)}
	}
	return spans
}

// trimEnd moves end back over blank and comment lines, not past start.
func (sp *splicer) trimEnd(start, end int) int {
	for end > start && end <= len(sp.lines) && isBlankOrComment(sp.lines[end-1]) {
		end--
	}
	return end
}

func isBlankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// itemIndent returns the text before the dash of a list entry and the
// indentation of the entry's keys.
func (sp *splicer) itemIndent(n *yaml.Node) (string, string) {
	line := sp.lines[n.Line-1]
	i := strings.IndexByte(line, '-')
	if i < 0 || i >= n.Column-1 {
		return "  ", "    "
	}
	return line[:i], strings.Repeat(" ", n.Column-1)
}

// startsWithDash reports whether the entry's first key shares its line
// with the list's dash, as in "  - id: SA01".
func (sp *splicer) startsWithDash(n *yaml.Node) bool {
	if n.Line < 1 || n.Line > len(sp.lines) || n.Column < 2 {
		return false
	}
	line := sp.lines[n.Line-1]
	if len(line) < n.Column-1 {
		return false
	}
	return strings.TrimSpace(line[:n.Column-1]) == "-"
}

func (sp *splicer) layoutError(n *yaml.Node, item, msg string) error {
	return &itembank.ParseError{File: sp.name, Line: n.Line, Column: n.Column, Item: item, Err: fmt.Errorf("%w: %s", ErrBadValue, msg)}
}

// replace puts lines in place of span s, keeping the comments a person
// wrote inside it (see RefreshReview). indent is used for moved comments.
func (sp *splicer) replace(s span, lines []string, indent string) {
	var above []string
	for l := s.start + 1; l <= s.end; l++ {
		if isBlankOrComment(sp.lines[l-1]) && strings.TrimSpace(sp.lines[l-1]) != "" {
			above = append(above, strings.TrimSuffix(sp.lines[l-1], "\r"))
		}
	}
	trailing := ""
	seen := map[string]bool{}
	walk(s.key, func(n *yaml.Node) { sp.rescue(n, s, indent, &trailing, &above, seen) })
	walk(s.value, func(n *yaml.Node) { sp.rescue(n, s, indent, &trailing, &above, seen) })
	out := append([]string{}, above...)
	if len(lines) > 0 {
		lines = append([]string{}, lines...)
		lines[0] += trailing
	} else if trailing != "" {
		out = append(out, indent+strings.TrimSpace(trailing))
	}
	sp.add(edit{start: s.start, end: s.end, lines: append(out, lines...)})
}

// rescue keeps the line comment of node n: at the end of the first line
// when it was on the key's line, else as a comment line above.
func (sp *splicer) rescue(n *yaml.Node, s span, indent string, trailing *string, above *[]string, seen map[string]bool) {
	c := n.LineComment
	if c == "" || seen[c] {
		return
	}
	seen[c] = true
	if n.Line == s.start {
		line := strings.TrimSuffix(sp.lines[s.start-1], "\r")
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
	if n.Line >= 1 && n.Line <= len(sp.lines) && !isBlankOrComment(sp.lines[n.Line-1]) {
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

// insert adds lines after line after (0: at the top).
func (sp *splicer) insert(after int, lines []string) {
	sp.add(edit{start: after + 1, end: after, lines: lines})
}

func (sp *splicer) add(e edit) {
	e.seq = len(sp.edits)
	sp.edits = append(sp.edits, e)
}

// bytes applies the edits, last lines first, and joins the lines.
func (sp *splicer) bytes() []byte {
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
	lines := sp.lines
	for _, e := range edits {
		repl := make([]string, len(e.lines))
		for i, l := range e.lines {
			repl[i] = l + sp.eol
		}
		lines = slices.Concat(lines[:e.start-1], repl, lines[e.end:])
	}
	return []byte(strings.Join(lines, "\n"))
}
