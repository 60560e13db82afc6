package reduction

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
	"github.com/itemreduce/itemreduce/itembank"
)

// splicer adds the review file's own edits to the line splicer.
type splicer struct{ *yamlfile.Splicer }

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
	root, err := yamlfile.DocumentRoot(old, name)
	if err != nil {
		return nil, nil, err
	}
	sp := &splicer{yamlfile.NewSplicer(old, name)}
	rep := &RefreshReport{Items: len(res.Items)}

	top := sp.PairSpans(root, sp.LastLine())
	sl, err := screeningLines(s)
	if err != nil {
		return nil, nil, err
	}
	itemsSpan, ok := top["items"]
	if !ok {
		return nil, nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: no items: list", ErrEmptyList)}
	}
	if scr, ok := top["screening"]; ok {
		sp.Replace(scr, sl, "")
	} else {
		sp.Insert(itemsSpan.Key.Line-1, sl)
	}

	seq := itemsSpan.Value
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
		end := itemsSpan.End
		if i+1 < len(seq.Content) {
			end = seq.Content[i+1].Line - 1
		}
		it := &prev.Items[i]
		if i == 0 {
			dash, indent = sp.ItemIndent(n)
		}
		last, err := sp.refreshItem(n, it, byID[it.ID], end, rep)
		if err != nil {
			return nil, nil, err
		}
		ends[it.ID] = last
	}
	sp.insertNew(fresh, ends, seq.Content[0].Line-1, dash, indent, rep)

	out := sp.Bytes()
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
	if len(n.Content) == 0 || n.Content[0].Value != "id" || !sp.StartsWithDash(n) {
		return 0, sp.layoutError(n, it.ID, "start the item with \"- id:\" on one line to let it be refreshed")
	}
	spans := sp.PairSpans(n, end)
	indent := strings.Repeat(" ", n.Column-1)
	last := spans["id"].End
	for _, s := range spans {
		last = max(last, s.End)
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
func (sp *splicer) setField(spans map[string]yamlfile.Span, key string, lines []string, before []string) {
	if s, ok := spans[key]; ok {
		sp.Replace(s, lines, strings.Repeat(" ", s.Key.Column-1))
		return
	}
	if lines == nil {
		return
	}
	after := 0
	for _, b := range before {
		if s, ok := spans[b]; ok {
			after = max(after, s.End)
		}
	}
	sp.Insert(after, lines)
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
		sp.Insert(anchor, c.itemLines(dash, indent))
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

func (sp *splicer) layoutError(n *yaml.Node, item, msg string) error {
	return &itembank.ParseError{File: sp.Name, Line: n.Line, Column: n.Column, Item: item, Err: fmt.Errorf("%w: %s", ErrBadValue, msg)}
}
