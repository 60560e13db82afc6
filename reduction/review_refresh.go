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

// splicer adds the review file's own edits to the line splicer.
type splicer struct{ *yamlfile.Splicer }

// A RefreshReport says what a refresh changed.
type RefreshReport struct {
	Items      int      // bank items with an entry in the refreshed file
	Changed    []string // items whose ticks or suggestion changed
	Added      []string // items new in the bank, inserted
	Missing    []string // items screened before whose entry was deleted from the file, not put back
	Restored   []string // such items put back with an empty decision (RefreshOptions.Restore)
	Left       []string // items newly marked as no longer in the bank
	Returned   []string // items back in the bank
	Unreasoned []string // decisions that differ from the suggestion without a reason
	// Lang is the language of the refreshed file: the one it was written
	// in, whatever the screening asked for (see Refresh).
	Lang Lang
}

// RefreshOptions change what a refresh does; the zero value is what
// RefreshReview does.
type RefreshOptions struct {
	// Restore puts back the entries of items that were deleted from the
	// file by hand, with an empty decision. Without it they are reported
	// in RefreshReport.Missing and left out.
	Restore bool
}

// RefreshReview recomputes the program's fields of an existing review file
// and keeps everything else byte for byte; see RefreshOptions.Refresh.
func RefreshReview(old []byte, name string, res *Result, cfg Config, s Screening) ([]byte, *RefreshReport, error) {
	return RefreshOptions{}.Refresh(old, name, res, cfg, s)
}

// Refresh recomputes the program's fields of review file old and keeps
// everything else byte for byte.
//
// The file is changed by splicing lines, not by re-encoding it: for each
// item the lines of its computed fields (computedKeys) are replaced by
// their new rendering, and so is the screening: section; a computed field
// that is missing is filled in. Every other line (decisions, reasons,
// notes, add:, merge:, blank lines and comments) is left as it is. A
// comment a person wrote inside a computed field is kept: a comment at the
// end of the field's first line stays at the end of that line, other
// comments move above the field. Lines are read as YAML reads them: a
// block scalar's lines belong to it even when they start with "#", and
// anything after the first document (after a "---" line) is kept as it
// is. The file's encoding, byte-order mark and line breaks are kept.
//
// The file keeps its language (screening: language:, English when
// absent), whatever s.Language asks for: the header and comments are
// kept as they are, and new suggestions are written in the same words.
//
// Items that left the bank get in_bank: false and keep their computed
// fields as they were. Items new in the bank are inserted after the item
// that precedes them in the bank; an item whose entry was deleted by hand
// is not new (see planBank): it is reported as missing, and put back only
// with Restore.
//
// Before the result is returned it is read back and compared with the
// file as it was: every field that is not computed, in every item and at
// the top, must hold the same bytes and values, and every comment must
// still be there. Any difference is an error naming the item and line,
// and nothing is returned.
//
// A file that does not load (see LoadReview; only a missing or empty
// suggestion is allowed) is an error and nothing is returned. So is an
// item whose layout cannot be refreshed line by line: written on one line
// ({id: …, …}) or not starting with "- id:".
func (o RefreshOptions) Refresh(old []byte, name string, res *Result, cfg Config, s Screening) ([]byte, *RefreshReport, error) {
	text, enc, err := decodeReview(old, name)
	if err != nil {
		return nil, nil, err
	}
	prev, err := loadReview(bytes.NewReader(text), name, true)
	if err != nil {
		return nil, nil, err
	}
	ysp, err := yamlfile.NewSplicer(text, name)
	if err != nil {
		return nil, nil, err
	}
	sp := &splicer{ysp}
	if len(s.ScreenedItems) == 0 {
		s.ScreenedItems = screenedIDs(res)
	}
	// The file keeps the language it was written in: its header and
	// comments are the reviewers' lines, kept as they are, and the
	// suggestions stay in the same words.
	lang, _ := ParseLang(prev.Screening.Language) // checked by loadReview
	s.Language = lang.recorded()
	fresh := computedIn(res, cfg, lang)
	plan, err := planBank(prev, fresh, s, o.Restore)
	if err != nil {
		return nil, nil, err
	}
	rep := &RefreshReport{Items: len(fresh) - len(plan.missing), Added: plan.added, Missing: plan.missing, Restored: plan.restored, Lang: lang}
	if err := sp.refresh(prev, fresh, plan, s, rep); err != nil {
		return nil, nil, err
	}

	out := sp.Bytes()
	check, err := proveRefresh(ysp, out, fresh, plan)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range check.Items {
		if it.InBank && it.Overrides() && strings.TrimSpace(it.Reason) == "" {
			rep.Unreasoned = append(rep.Unreasoned, it.ID)
		}
	}
	encoded, err := enc.encode(out)
	if err != nil {
		return nil, nil, unencodableError(err, check, name)
	}
	return encoded, rep, nil
}

// refresh records the edits of a refresh in sp.
func (sp *splicer) refresh(prev *Review, fresh []computed, plan *bankPlan, s Screening, rep *RefreshReport) error {
	top := sp.PairSpans(sp.Root)
	sl, err := screeningLines(s)
	if err != nil {
		return err
	}
	itemsSpan, ok := top["items"]
	if !ok {
		return &itembank.ParseError{File: sp.Name, Err: fmt.Errorf("%w: no items: list", ErrEmptyList)}
	}
	seq := itemsSpan.Value
	if seq.Kind != yaml.SequenceNode || seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		return sp.layoutError(seq, "", "write items: as a list with one \"- id:\" entry per item")
	}
	if scr, ok := top["screening"]; ok {
		sp.Replace(scr, sl, "")
	} else {
		sp.Insert(itemsSpan.Key.Line-1, sl)
	}

	byID := make(map[string]*computed, len(fresh))
	for i := range fresh {
		byID[fresh[i].ID] = &fresh[i]
	}
	ends := map[string]int{} // last line of each item in the file
	dash, indent := sp.ItemIndent(seq.Content[0])
	for i, n := range seq.Content {
		it := &prev.Items[i]
		if err := sp.refreshItem(n, it, byID[it.ID], rep); err != nil {
			return err
		}
		ends[it.ID] = sp.EndWithComments(n, n.Column-1)
	}
	anchor := seq.Content[0].Line - 1
	for i := range fresh {
		c := &fresh[i]
		if end, ok := ends[c.ID]; ok {
			anchor = end
		} else if plan.insert[c.ID] {
			sp.Insert(anchor, c.itemLines(dash, indent))
		}
	}
	return nil
}

// refreshItem splices the computed fields of one item. c is nil when the
// item is no longer in the bank.
func (sp *splicer) refreshItem(n *yaml.Node, it *ReviewItem, c *computed, rep *RefreshReport) error {
	if n.Style&yaml.FlowStyle != 0 {
		return sp.layoutError(n, it.ID, "write the item over several lines, one key per line, to let it be refreshed")
	}
	if len(n.Content) == 0 || n.Content[0].Value != "id" || !sp.StartsWithDash(n) {
		return sp.layoutError(n, it.ID, "start the item with \"- id:\" on one line to let it be refreshed")
	}
	spans := sp.PairSpans(n)
	indent := strings.Repeat(" ", n.Column-1)
	if c == nil {
		// Left the bank: mark it, keep the rest as it was.
		if it.InBank {
			rep.Left = append(rep.Left, it.ID)
		}
		gone := &computed{InBank: false}
		sp.setField(spans, "in_bank", gone.field("in_bank", indent), []string{"id"})
		return nil
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
	return nil
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
			after = max(after, s.End, sp.EndWithComments(s.Value, s.Key.Column))
		}
	}
	sp.Insert(after, lines)
}

func (sp *splicer) layoutError(n *yaml.Node, item, msg string) error {
	return &itembank.ParseError{File: sp.Name, Line: n.Line, Column: n.Column, Item: item, Err: fmt.Errorf("%w: %s", ErrBadValue, msg)}
}

// unencodableError explains a refreshed file that its encoding cannot
// hold, naming the item whose fields need the character.
func unencodableError(err error, rv *Review, name string) error {
	var u *unencodable
	if !errors.As(err, &u) {
		return err
	}
	item := ""
	for _, it := range rv.Items {
		if it.Line <= u.line {
			item = it.ID
		}
	}
	where := "the screening: section"
	if item != "" {
		where = "the item's computed fields"
	}
	return &itembank.ParseError{File: name, Item: item, Err: fmt.Errorf(
		"%w: %s would need the character %q, which a file in windows-1252 cannot hold; save %s as UTF-8 and run itemreduce review again; nothing was written",
		ErrEncoding, where, u.r, name)}
}
