package reduction

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
	"github.com/itemreduce/itemreduce/itembank"
)

// ErrUnsafeRefresh reports a refresh that would have changed what a person
// wrote in a review file: it is refused and nothing is written.
var ErrUnsafeRefresh = errors.New("refresh refused")

// A layout is what the proof of a refresh reads from a review file: its
// top-level keys, its entries and, line by line, whose line it is.
type layout struct {
	sp      *yamlfile.Splicer
	top     []string // top-level keys, in order
	spans   map[string]yamlfile.Span
	entries []entry
	// owner[l] is who line l belongs to: "item X" for the lines of entry X
	// and the blank and comment lines above it, "items" above the first
	// entry, "K:" for the lines of top-level key K, and "" for the rest of
	// the file, the screening: section included.
	owner    []string
	computed []bool // [l]: line l is in a computed field or in screening:
}

// An entry is one entry of items:.
type entry struct {
	id    string
	node  *yaml.Node
	keys  []string // in file order
	spans map[string]yamlfile.Span
}

func readLayout(sp *yamlfile.Splicer) *layout {
	lo := &layout{sp: sp, spans: sp.PairSpans(sp.Root),
		owner: make([]string, sp.Lines()+1), computed: make([]bool, sp.Lines()+1)}
	mark := func(s yamlfile.Span, owner string, computed bool) {
		for l := s.Start; l <= s.End; l++ {
			if owner != "" {
				lo.owner[l] = owner
			}
			lo.computed[l] = lo.computed[l] || computed
		}
	}
	for _, k := range yamlfile.MapKeys(sp.Root) {
		lo.top = append(lo.top, k.Value)
		s := lo.spans[k.Value]
		if k.Value != "screening" {
			mark(s, k.Value+":", false)
		} else {
			mark(s, "", true)
		}
	}
	items, ok := lo.spans["items"]
	if !ok || items.Value.Kind != yaml.SequenceNode {
		return lo
	}
	from := items.Start
	for _, n := range items.Value.Content {
		e := entry{node: n, spans: sp.PairSpans(n)}
		if id := yamlfile.MapValue(n, "id"); id != nil {
			e.id = id.Value
		}
		for _, k := range yamlfile.MapKeys(n) {
			e.keys = append(e.keys, k.Value)
			if slices.Contains(computedKeys, k.Value) {
				mark(e.spans[k.Value], "", true)
			}
		}
		if from == items.Start {
			from = n.Line
		}
		end := sp.EndWithComments(n, n.Column-1)
		mark(yamlfile.Span{Start: from, End: end}, "item "+e.id, false)
		from = end + 1
		lo.entries = append(lo.entries, e)
	}
	return lo
}

// A prover compares a refreshed file (now) with the file as it was (old).
type prover struct {
	name     string
	old, now *layout
}

// proveRefresh reads the refreshed text out back and checks it against
// the file as it was, read by before: the text around the first document
// and every top-level key but screening: hold the same bytes; every entry
// is still there, in the same order, with the same bytes and values in
// every field that is not computed; the computed fields are those of
// fresh, or as they were for an item that left the bank; the only new
// entries are those the plan inserts; and every comment and blank line is
// still there, with the same item. It returns the refreshed file as read.
func proveRefresh(before *yamlfile.Splicer, out []byte, fresh []computed, plan *bankPlan) (*Review, error) {
	name := before.Name
	check, err := loadReview(bytes.NewReader(out), name, true)
	if err != nil {
		return nil, fmt.Errorf("refreshing %s went wrong, nothing was written: %w", name, err)
	}
	after, err := yamlfile.NewSplicer(out, name)
	if err != nil {
		return nil, fmt.Errorf("refreshing %s went wrong, nothing was written: %w", name, err)
	}
	p := &prover{name: name, old: readLayout(before), now: readLayout(after)}
	for _, step := range []func() error{p.document, func() error { return p.items(check, fresh, plan) }, p.lines} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return check, nil
}

func (p *prover) refuse(line int, item, format string, args ...any) error {
	return &itembank.ParseError{File: p.name, Line: line, Item: item, Err: fmt.Errorf(
		"%w: it would %s; nothing was written (this is a fault in itemreduce: please report it, with the file)", ErrUnsafeRefresh, fmt.Sprintf(format, args...))}
}

// document compares what lies outside items: and screening:.
func (p *prover) document() error {
	o, n := p.old.sp, p.now.sp
	if !slices.Equal(p.structure(p.old), p.structure(p.now)) {
		return p.refuse(1, "", "change the lines before the first key")
	}
	if o.Text(o.DocEnd()+1, o.Lines()) != n.Text(n.DocEnd()+1, n.Lines()) {
		l, m := o.DocEnd()+1, n.DocEnd()+1
		for l < o.Lines() && o.LineText(l) == n.LineText(m) {
			l, m = l+1, m+1
		}
		return p.refuse(l, "", "change what follows the first document")
	}
	without := func(keys []string) []string {
		return slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == "screening" })
	}
	if !slices.Equal(without(p.old.top), without(p.now.top)) {
		return p.refuse(o.Root.Line, "", "change the keys at the top of the file")
	}
	for _, k := range p.old.top {
		if k == "items" || k == "screening" {
			continue
		}
		if !sameField(p.old.sp, p.now.sp, p.old.spans[k], p.now.spans[k]) {
			return p.refuse(p.old.spans[k].Start, "", "change %s:", k)
		}
	}
	return nil
}

// structure lists the lines before the first key that are not blank or
// comments: directives and "---".
func (p *prover) structure(lo *layout) []string {
	var out []string
	for l := 1; l < lo.sp.Root.Line; l++ {
		if !lo.sp.IsGap(l) {
			out = append(out, lo.sp.LineText(l))
		}
	}
	return out
}

// items compares the entries of items:.
func (p *prover) items(check *Review, fresh []computed, plan *bankPlan) error {
	byID := make(map[string]*computed, len(fresh))
	for i := range fresh {
		byID[fresh[i].ID] = &fresh[i]
	}
	old := p.old.entries
	inserted := map[string]bool{}
	j := 0
	for _, e := range p.now.entries {
		it := check.Item(e.id)
		switch {
		case j < len(old) && old[j].id == e.id:
			if err := p.entry(&old[j], &e, it, byID[e.id]); err != nil {
				return err
			}
			j++
		case plan.insert[e.id] && !inserted[e.id]:
			inserted[e.id] = true
			if !slices.Equal(e.keys, append(append([]string{"id"}, fieldsOf(byID[e.id])...), "decision", "reason")) ||
				it.Decision != "" || it.Reason != "" || !sameComputed(it, byID[e.id]) {
				return p.refuse(0, e.id, "insert the item wrongly")
			}
		default:
			return p.refuse(0, e.id, "add or move the item")
		}
	}
	if j < len(old) {
		return p.refuse(old[j].node.Line, old[j].id, "lose the item")
	}
	if len(inserted) != len(plan.insert) {
		return p.refuse(0, "", "leave out an item new in the bank")
	}
	return nil
}

// fieldsOf lists the computed fields WriteReview writes for c.
func fieldsOf(c *computed) []string {
	var keys []string
	for _, k := range computedKeys {
		if c.field(k, "") != nil {
			keys = append(keys, k)
		}
	}
	return keys
}

// entry compares one entry as it was (o) and as refreshed (n, read as it);
// c is its new computed fields, nil for an item no longer in the bank.
func (p *prover) entry(o, n *entry, it *ReviewItem, c *computed) error {
	human := func(e *entry) []string {
		return slices.DeleteFunc(slices.Clone(e.keys), func(k string) bool { return slices.Contains(computedKeys, k) })
	}
	oh, nh := human(o), human(n)
	for _, k := range oh {
		if !slices.Contains(nh, k) {
			return p.refuse(o.spans[k].Start, o.id, "lose the %s", k)
		}
		if !sameField(p.old.sp, p.now.sp, o.spans[k], n.spans[k]) {
			return p.refuse(o.spans[k].Start, o.id, "change the %s", k)
		}
	}
	if !slices.Equal(oh, nh) {
		return p.refuse(o.node.Line, o.id, "change the order or the keys of the item's own fields")
	}
	if c != nil {
		if !it.InBank || !sameComputed(it, c) {
			return p.refuse(o.node.Line, o.id, "leave the computed fields out of date")
		}
		return nil
	}
	if it.InBank {
		return p.refuse(o.node.Line, o.id, "leave the item marked as in the bank")
	}
	for _, k := range computedKeys {
		os, ok := o.spans[k]
		if k == "in_bank" || !ok {
			continue
		}
		if !sameField(p.old.sp, p.now.sp, os, n.spans[k]) {
			return p.refuse(os.Start, o.id, "change the %s of an item no longer in the bank", k)
		}
	}
	return nil
}

// sameComputed reports whether the computed fields read from a refreshed
// file are those of c, as WriteReview renders them.
func sameComputed(it *ReviewItem, c *computed) bool {
	got, want := it.computed(), *c
	want.lang = English // values compared, not the words they are written in
	for _, k := range computedKeys {
		if !slices.Equal(got.field(k, ""), want.field(k, "")) {
			return false
		}
	}
	return true
}

// sameField reports whether two pairs hold the same bytes and values.
func sameField(a, b *yamlfile.Splicer, sa, sb yamlfile.Span) bool {
	return sb.Key != nil && a.Text(sa.Start, sa.End) == b.Text(sb.Start, sb.End) &&
		sameNode(sa.Key, sb.Key) && sameNode(sa.Value, sb.Value)
}

func sameNode(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// lines checks that every comment and every blank line outside the
// computed fields is still there, with the same owner.
func (p *prover) lines() error {
	type tally struct {
		comments map[string][]int // comment text: its lines
		blanks   []int
	}
	count := func(lo *layout) map[string]*tally {
		out := map[string]*tally{}
		for l := 1; l <= lo.sp.DocEnd(); l++ {
			t := out[lo.owner[l]]
			if t == nil {
				t = &tally{comments: map[string][]int{}}
				out[lo.owner[l]] = t
			}
			if c := lo.sp.CommentAt(l); c >= 0 {
				text := lo.sp.LineText(l)[c:]
				t.comments[text] = append(t.comments[text], l)
			} else if !lo.computed[l] && lo.sp.IsBlank(l) {
				t.blanks = append(t.blanks, l)
			}
		}
		return out
	}
	old, now := count(p.old), count(p.now)
	for owner, ot := range old {
		nt := now[owner]
		if nt == nil {
			nt = &tally{}
		}
		for text, lines := range ot.comments {
			if len(nt.comments[text]) < len(lines) {
				return p.refuse(lines[len(nt.comments[text])], ownerItem(owner), "lose the comment %q", text)
			}
		}
		if len(nt.blanks) != len(ot.blanks) {
			return p.refuse(firstOr(ot.blanks), ownerItem(owner), "change the blank lines")
		}
	}
	for owner, nt := range now {
		for text, lines := range nt.comments {
			if ot := old[owner]; ot == nil || len(ot.comments[text]) < len(lines) {
				return p.refuse(0, ownerItem(owner), "add the comment %q", text)
			}
		}
	}
	return nil
}

func ownerItem(owner string) string {
	id, _ := strings.CutPrefix(owner, "item ")
	if id == owner {
		return ""
	}
	return id
}

func firstOr(lines []int) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[0]
}
