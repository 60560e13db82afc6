package yamlfile

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// The splicer measures each node of a document as yaml.v3 reads it: the
// last line of its text, the lines of block and quoted scalars (where a
// "#" is text, not a comment) and where each comment starts. yaml.v3
// gives only where a node starts.

// EndWithComments returns the last line of node n, taking in the comment
// lines right after it that are indented by at least indent spaces: they
// go with n ("    # about this item" under an entry whose keys are
// indented by four), while a blank line or a comment further left starts
// what follows.
func (sp *Splicer) EndWithComments(n *yaml.Node, indent int) int {
	end := sp.ends[n]
	for l := end + 1; l <= sp.docEnd && !sp.IsBlank(l) && sp.IsGap(l) && indentation(sp.lines[l-1].Text) >= indent; l++ {
		end = l
	}
	return end
}

// findDocEnd returns the line before the first "---" or "..." line after
// line from, or the last line: the empty text after a final line break
// is no line.
func (sp *Splicer) findDocEnd(from int) int {
	for l := from + 1; l <= len(sp.lines); l++ {
		t := sp.lines[l-1].Text
		if (strings.HasPrefix(t, "---") || strings.HasPrefix(t, "...")) && (len(t) == 3 || t[3] == ' ' || t[3] == '\t') {
			return l - 1
		}
	}
	if n := len(sp.lines); n > 1 && sp.lines[n-1].Text == "" {
		return n - 1
	}
	return len(sp.lines)
}

// measure records the last line of n and of every node in it, and masks
// the text of its quoted and block scalars. indent is the indentation of
// the block collection holding n, limit the last line n may reach.
func (sp *Splicer) measure(n *yaml.Node, indent, limit int, inFlow bool) int {
	end := n.Line
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		flow := inFlow || n.Style&yaml.FlowStyle != 0
		for i, c := range n.Content {
			lim := limit
			switch {
			case flow:
			case n.Kind == yaml.MappingNode && i%2 == 0:
				lim = c.Line // a key
			case n.Kind == yaml.MappingNode && i+1 < len(n.Content):
				lim = n.Content[i+1].Line - 1
			case n.Kind == yaml.SequenceNode && i+1 < len(n.Content):
				lim = sp.dashLine(n, n.Content[i+1]) - 1
			}
			end = max(end, sp.measure(c, n.Column-1, lim, flow))
		}
		if n.Style&yaml.FlowStyle != 0 {
			end = max(end, sp.flowEnd(n, limit))
		}
	case yaml.ScalarNode:
		switch {
		case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			end = sp.blockEnd(n, indent, limit)
		case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
			end = sp.quotedEnd(n)
		case n.Value == "" && !inFlow:
			// An empty value has no text; yaml.v3 may place it at the
			// next key ("? a" without ":").
			end = max(min(n.Line, limit), 1)
			sp.ends[n] = end
			return end
		case !inFlow:
			// A plain scalar's lines are never blank or comments.
			for end = limit; end > n.Line && sp.IsGap(end); end-- {
			}
		}
	}
	// An empty node may be placed after the document (a lone "?").
	end = min(max(end, n.Line), max(sp.docEnd, 1))
	sp.ends[n] = end
	return end
}

// valueStart returns the line and byte offset where the text of block,
// quoted or flow node n begins: yaml.v3 places a node at its tag or
// anchor, which may stand on a line of their own, even with a comment.
func (sp *Splicer) valueStart(n *yaml.Node, limit int) (int, int) {
	l, k := n.Line, byteIndex(sp.LineText(n.Line), n.Column)
	for l <= limit {
		t := sp.LineText(l)
		for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
			k++
		}
		switch {
		case k >= len(t) || t[k] == '#':
			l, k = l+1, 0
		case t[k] == '!' || t[k] == '&': // block, quoted and flow values start otherwise
			for k < len(t) && t[k] != ' ' && t[k] != '\t' {
				k++
			}
		default:
			return l, k
		}
	}
	return n.Line, byteIndex(sp.LineText(n.Line), n.Column)
}

// dashLine returns the line of the dash that starts entry e of block
// sequence seq: e's own line, or the line above where "-" stands alone.
func (sp *Splicer) dashLine(seq, e *yaml.Node) int {
	for l := e.Line; l >= seq.Line && l >= 1; l-- {
		t := sp.LineText(l)
		i := byteIndex(t, seq.Column)
		if i < len(t) && t[i] == '-' && (i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\t') {
			return l
		}
	}
	return e.Line
}

// blockEnd measures a literal or folded scalar: its content lines are the
// lines indented at least as much as its first non-blank line (or as its
// indentation indicator says), whatever they hold.
func (sp *Splicer) blockEnd(n *yaml.Node, indent, limit int) int {
	h, i := sp.valueStart(n, limit)
	head := sp.LineText(h)
	if i >= len(head) || (head[i] != '|' && head[i] != '>') {
		return n.Line
	}
	step, keep := 0, false
indicators:
	for _, c := range head[i+1:] {
		switch {
		case c >= '1' && c <= '9':
			step = int(c - '0')
		case c == '+':
			keep = true
		case c != '-':
			break indicators
		}
	}
	content := -1 // indentation of the content
	if step > 0 {
		content = max(indent, 0) + step
	}
	last, lastBlank := h, h
	for l := h + 1; l <= limit; l++ {
		t := sp.lines[l-1].Text
		spaces := indentation(t)
		if spaces == len(t) {
			if content >= 0 && len(t) > content {
				last = l // spaces beyond the indentation are text
			}
			lastBlank = l
			continue
		}
		if content < 0 {
			if spaces <= indent {
				break
			}
			content = spaces
		}
		if spaces < content {
			break
		}
		last, lastBlank = l, l
	}
	if keep {
		last = lastBlank
	}
	for l := h; l <= last; l++ {
		sp.inBlock[l] = true
	}
	for l := h + 1; l <= last; l++ {
		sp.inScalar[l] = true
		sp.mask(l, 0, len(sp.lines[l-1].Text))
	}
	return last
}

// quotedEnd measures a single- or double-quoted scalar: from its opening
// quote to the closing one, over as many lines as it takes.
func (sp *Splicer) quotedEnd(n *yaml.Node) int {
	q := byte('"')
	if n.Style&yaml.SingleQuotedStyle != 0 {
		q = '\''
	}
	h, open := sp.valueStart(n, sp.docEnd)
	if t := sp.LineText(h); open >= len(t) || t[open] != q {
		return n.Line
	}
	for l := h; l <= len(sp.lines); l++ {
		t := sp.lines[l-1].Text
		from := 0
		if l == h {
			from = open + 1
		} else {
			sp.inScalar[l] = true
		}
		for k := from; k < len(t); k++ {
			switch {
			case q == '"' && t[k] == '\\':
				k++ // an escape; at the end of a line, an escaped break
			case t[k] == q && q == '\'' && k+1 < len(t) && t[k+1] == '\'':
				k++
			case t[k] == q:
				if l == h {
					sp.mask(l, open, k+1)
				} else {
					sp.mask(l, 0, k+1)
				}
				return l
			}
		}
		if l == h {
			sp.mask(l, open, len(t))
		} else {
			sp.mask(l, 0, len(t))
		}
	}
	return n.Line
}

// flowEnd finds the line of the bracket that closes flow collection n.
func (sp *Splicer) flowEnd(n *yaml.Node, limit int) int {
	depth := 0
	h, start := sp.valueStart(n, limit)
	for l := h; l <= limit; l++ {
		t := sp.lines[l-1].Text
		k := 0
		if l == h {
			k = start
		}
		for ; k < len(t); k++ {
			if e := sp.maskEnd(l, k); e > k {
				k = e - 1
				continue
			}
			switch t[k] {
			case '#':
				if k == 0 || t[k-1] == ' ' || t[k-1] == '\t' {
					k = len(t)
				}
			case '[', '{':
				depth++
			case ']', '}':
				if depth--; depth == 0 {
					return l
				}
			}
		}
	}
	return n.Line
}

func (sp *Splicer) mask(l, from, to int) {
	sp.masks[l] = append(sp.masks[l], [2]int{from, to})
}

// maskEnd returns the end of the scalar text covering byte k of line l,
// or k when there is none.
func (sp *Splicer) maskEnd(l, k int) int {
	for _, m := range sp.masks[l] {
		if k >= m[0] && k < m[1] {
			return m[1]
		}
	}
	return k
}

// CommentAt returns the byte offset of the comment on line l, -1 if the
// line has none. A "#" inside a quoted or block scalar is text.
func (sp *Splicer) CommentAt(l int) int {
	t := sp.LineText(l)
	for k := 0; k < len(t); k++ {
		if e := sp.maskEnd(l, k); e > k {
			k = e - 1
			continue
		}
		if t[k] == '#' && (k == 0 || t[k-1] == ' ' || t[k-1] == '\t') {
			return k
		}
	}
	return -1
}

// followsBlock reports whether the nearest line above line l that is not
// blank belongs to a block scalar, which would take in a line inserted
// at l that is indented as deep as its text.
func (sp *Splicer) followsBlock(l int) bool {
	for l--; l >= 1 && sp.IsBlank(l); l-- {
	}
	return l >= 1 && sp.inBlock[l]
}

// IsBlank reports whether line l is empty or spaces, outside any scalar.
func (sp *Splicer) IsBlank(l int) bool {
	if l < 1 || l > len(sp.lines) {
		return false
	}
	return !sp.inScalar[l] && strings.Trim(sp.LineText(l), " \t") == ""
}

// IsGap reports whether line l is blank or nothing but a comment.
func (sp *Splicer) IsGap(l int) bool {
	if sp.IsBlank(l) {
		return true
	}
	t := sp.LineText(l)
	c := sp.CommentAt(l)
	return c >= 0 && strings.Trim(t[:c], " \t") == ""
}
