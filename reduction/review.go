package reduction

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
	"github.com/itemreduce/itemreduce/itembank"
)

// A Verdict is keep or drop; the empty Verdict means "not given".
type Verdict string

const (
	Keep Verdict = "keep"
	Drop Verdict = "drop"
)

// A Review is the researchers' review file: per item the computed ticks,
// evidence and suggestion, and the researchers' own decision and reason;
// plus new items to add and items to merge into one.
//
// The file is meant to be edited by hand and refreshed by the program
// (see RefreshReview): computed fields are rewritten, the rest is kept.
type Review struct {
	File      string
	Screening Screening
	Items     []ReviewItem
	Add       []NewItem
	Merge     []Merge
	// Warnings are caveats found while reading, each with its line: a
	// reason or note that a " #" cut short.
	Warnings []error
}

// A ReviewItem is one item of a review file.
type ReviewItem struct {
	ID     string
	InBank bool // false: the item has left the bank since it was reviewed
	Text   string
	// Computed by the screening.
	Flags    []Rule
	Evidence Evidence
	// Group and Representative: the item's group of redundant items and
	// the item that stands for it; 0 and empty when not in a group.
	Group          int
	Representative string
	Suggestion     Verdict
	Digest         string // of the computed fields, see Review.CheckComputed
	// Written by the researchers.
	Decision Verdict // empty: follow the suggestion
	Reason   string
	Note     string
	// Lines in the file, for messages.
	Line, DecisionLine int
}

// Vote returns what the researchers decided: their decision where given,
// else the suggestion.
func (it *ReviewItem) Vote() Verdict {
	if it.Decision != "" {
		return it.Decision
	}
	return it.Suggestion
}

// Overrides reports whether the researchers' decision differs from the
// suggestion of the statistics.
func (it *ReviewItem) Overrides() bool {
	return it.Decision != "" && it.Decision != it.Suggestion
}

// A NewItem is an item the review adds to next year's questionnaire.
type NewItem struct {
	ID, Text, Scale, Theme string
	Reverse                bool
	After                  string // place it after this item; empty: after its theme, else at the end
	Reason                 string
	Line                   int
}

// A Merge replaces two or more items with one new item (for example a
// question on light and one on heavy problems by one on problems). The new
// item is not comparable with earlier waves of the items it replaces.
type Merge struct {
	NewItem
	From []string
}

// Item returns the review item with the given id, or nil.
func (rv *Review) Item(id string) *ReviewItem {
	for i := range rv.Items {
		if rv.Items[i].ID == id {
			return &rv.Items[i]
		}
	}
	return nil
}

// reviewFile is the top level of a review file; items, add and merge are
// read node by node for their line numbers.
type reviewFile struct {
	Screening Screening `yaml:"screening"`
	Items     yaml.Node `yaml:"items"`
	Add       yaml.Node `yaml:"add"`
	Merge     yaml.Node `yaml:"merge"`
}

// LoadReviewFile reads a review file.
func LoadReviewFile(path string) (*Review, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return LoadReview(bytes.NewReader(data), path)
}

// LoadReview reads a review file; name is used in messages. Unknown keys,
// a decision other than keep, drop (or Dutch behouden, schrappen) or empty, an unknown rule name, an item
// listed twice and malformed YAML are errors giving the file and line. It
// does not check the items against a bank: see Decide. A file saved as
// UTF-16 or windows-1252 is read as well as UTF-8.
func LoadReview(r io.Reader, name string) (*Review, error) {
	return loadReview(r, name, false)
}

// loadReview is LoadReview; refreshing, an item may lack its suggestion,
// which the refresh fills in.
func loadReview(r io.Reader, name string, refreshing bool) (*Review, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &itembank.ParseError{File: name, Err: err}
	}
	if data, _, err = decodeReview(data, name); err != nil {
		return nil, err
	}
	var rf reviewFile
	if err := yamlfile.Decode(bytes.NewReader(data), name, &rf); err != nil {
		return nil, err
	}
	rd := nodeReader{yamlfile.Reader{File: name}}
	rv := &Review{File: name, Screening: rf.Screening}
	if _, err := ParseLang(rf.Screening.Language); err != nil {
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: screening: language: %v", ErrBadValue, err)}
	}
	if yamlfile.IsNull(&rf.Items) {
		return nil, &itembank.ParseError{File: name, Err: fmt.Errorf("%w: the review file has no items: list", ErrEmptyList)}
	}
	items, err := rd.List(&rf.Items, "", "items")
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	lines := yamlfile.SplitLines(string(data))
	for _, n := range items {
		it, err := rd.reviewItem(n, refreshing)
		if err != nil {
			return nil, err
		}
		if first, dup := seen[it.ID]; dup {
			return nil, rd.Errorf(n, it.ID, ErrDuplicateID, "also on line %d", first)
		}
		seen[it.ID] = it.Line
		rv.Items = append(rv.Items, it)
		rv.Warnings = append(rv.Warnings, cutShort(lines, name, it.ID, n)...)
	}
	adds, err := rd.List(&rf.Add, "", "add")
	if err != nil {
		return nil, err
	}
	for _, n := range adds {
		ni, _, err := rd.newItem(n, "add", false)
		if err != nil {
			return nil, err
		}
		rv.Add = append(rv.Add, ni)
	}
	merges, err := rd.List(&rf.Merge, "", "merge")
	if err != nil {
		return nil, err
	}
	for _, n := range merges {
		ni, from, err := rd.newItem(n, "merge", true)
		if err != nil {
			return nil, err
		}
		rv.Merge = append(rv.Merge, Merge{NewItem: ni, From: from})
	}
	return rv, nil
}

var reviewItemKeys = []string{"id", "in_bank", "text", "flags", "evidence", "group", "representative", "suggestion", "digest", "decision", "reason", "note"}

// reviewItem reads one entry of items:.
func (rd nodeReader) reviewItem(n *yaml.Node, refreshing bool) (ReviewItem, error) {
	it := ReviewItem{InBank: true, Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return it, rd.Errorf(n, "", ErrBadValue, "each entry of items: must be a mapping with id:, decision:, reason: …")
	}
	if idNode := yamlfile.MapValue(n, "id"); idNode != nil && idNode.Kind == yaml.ScalarNode {
		it.ID = idNode.Value
	}
	if it.ID == "" {
		return it, rd.Errorf(n, "", ErrBadValue, "item without id")
	}
	var sugKey *yaml.Node
	err := rd.Pairs(n, it.ID, "an item", reviewItemKeys, func(key string, k, v *yaml.Node) (err error) {
		switch key {
		case "in_bank":
			it.InBank, err = rd.Boolean(v, it.ID, key, true)
		case "text":
			it.Text, err = rd.Text(v, it.ID, key)
		case "flags":
			it.Flags, err = rd.flags(v, it.ID)
		case "evidence":
			it.Evidence, err = rd.evidence(v, it.ID)
		case "group":
			var g int64
			g, err = rd.Integer(v, it.ID, key)
			it.Group = int(g)
		case "representative":
			it.Representative, err = rd.Text(v, it.ID, key)
		case "suggestion":
			sugKey = k
			it.Suggestion, err = rd.verdict(v, it.ID, key)
		case "digest":
			it.Digest, err = rd.Text(v, it.ID, key)
		case "decision":
			it.DecisionLine = k.Line
			it.Decision, err = rd.verdict(v, it.ID, key)
		case "reason":
			it.Reason, err = rd.Text(v, it.ID, key)
		case "note":
			it.Note, err = rd.Text(v, it.ID, key)
		}
		return err
	})
	if err != nil {
		return it, err
	}
	// An item that left the bank plays no part in a decision, and a
	// refresh leaves its fields as they were: it needs no suggestion.
	switch {
	case refreshing || !it.InBank:
	case sugKey == nil:
		return it, rd.Errorf(n, it.ID, ErrBadValue, "no suggestion: run itemreduce review again to fill it in")
	case it.Suggestion == "":
		return it, rd.Errorf(sugKey, it.ID, ErrBadValue, "suggestion is empty: run itemreduce review again to fill it in")
	}
	return it, nil
}

// verdict reads a decision word of either language or nothing, without
// regard to case or spaces around the word (Keep, DROP, "drop ",
// Behouden, schrappen): see verdictWord.
func (rd nodeReader) verdict(n *yaml.Node, item, key string) (Verdict, error) {
	s, err := rd.Text(n, item, key)
	if err != nil {
		return "", err
	}
	if v, ok := verdictWord(s); ok {
		return v, nil
	}
	return "", rd.Errorf(n, item, ErrBadValue, "%s: %q is not a decision: write %s, or leave it empty to follow the suggestion", key, s, verdictWords())
}

func (rd nodeReader) flags(n *yaml.Node, item string) ([]Rule, error) {
	entries, err := rd.List(n, item, "flags")
	if err != nil {
		return nil, err
	}
	var out []Rule
	for _, e := range entries {
		s, err := rd.Text(e, item, "flags")
		if err != nil {
			return nil, err
		}
		r, perr := ParseRule(s)
		if perr != nil {
			return nil, rd.Errorf(e, item, ErrBadValue, "flags: %v", perr)
		}
		out = append(out, r)
	}
	return out, nil
}

var evidenceKeys = []string{"stable", "ceiling", "floor", "low_spread", "redundant", "max_r", "wave_test", "undecided", "close_call"}

func (rd nodeReader) evidence(n *yaml.Node, item string) (Evidence, error) {
	var e Evidence
	err := rd.Pairs(n, item, "evidence", evidenceKeys, func(key string, k, v *yaml.Node) error {
		switch key {
		case "redundant":
			entries, err := rd.List(v, item, "evidence: redundant")
			if err != nil {
				return err
			}
			for _, pn := range entries {
				var p PartnerEvidence
				err := rd.Pairs(pn, item, "evidence: redundant", []string{"id", "r", "n", "keep"}, func(key string, _, v *yaml.Node) (err error) {
					switch key {
					case "id":
						p.ID, err = rd.Text(v, item, key)
					case "keep":
						p.Keep, err = rd.Text(v, item, key)
					case "r":
						p.R, err = rd.Text(v, item, key)
					case "n":
						p.N, err = rd.Integer(v, item, key)
					}
					return err
				})
				if err != nil {
					return err
				}
				e.Redundant = append(e.Redundant, p)
			}
		case "max_r":
			var err error
			e.MaxR, err = rd.maxR(v, item)
			return err
		case "wave_test":
			var err error
			e.WaveTest, err = rd.waveEvidence(v, item)
			return err
		case "close_call":
			var err error
			e.CloseCall, err = rd.Text(v, item, key)
			return err
		case "undecided":
			entries, err := rd.List(v, item, "evidence: undecided")
			if err != nil {
				return err
			}
			for _, u := range entries {
				s, err := rd.Text(u, item, key)
				if err != nil {
					return err
				}
				e.Undecided = append(e.Undecided, s)
			}
		default:
			rule, _ := ParseRule(key)
			st, err := rd.statEvidence(v, item, rule)
			if err != nil {
				return err
			}
			e.setStat(rule, st)
		}
		return nil
	})
	return e, err
}

func (rd nodeReader) statEvidence(n *yaml.Node, item string, rule Rule) (*StatEvidence, error) {
	st := &StatEvidence{}
	known := []string{statName[rule], "threshold", "n"}
	switch rule {
	case Stable:
		known = append(known, "previous_n")
	case Ceiling, Floor:
		known = append(known, "reflected")
	}
	err := rd.Pairs(n, item, "evidence: "+rule.String(), known, func(key string, _, v *yaml.Node) (err error) {
		switch key {
		case "threshold":
			st.Threshold, err = rd.Text(v, item, key)
		case "n":
			st.N, err = rd.Integer(v, item, key)
		case "previous_n":
			st.PreviousN, err = rd.Integer(v, item, key)
		case "reflected":
			st.Reflected, err = rd.Boolean(v, item, key, false)
		default:
			st.Value, err = rd.Text(v, item, key)
		}
		return err
	})
	return st, err
}

var newItemKeys = []string{"id", "text", "scale", "theme", "reverse", "after", "reason"}

// newItem reads an entry of add: or (with from) of merge:.
func (rd nodeReader) newItem(n *yaml.Node, section string, merge bool) (NewItem, []string, error) {
	ni := NewItem{Line: n.Line}
	var from []string
	if n.Kind != yaml.MappingNode {
		return ni, nil, rd.Errorf(n, "", ErrBadValue, "each entry of %s: must be a mapping with id:, text:, scale: …", section)
	}
	known := newItemKeys
	if merge {
		known = append(append([]string{}, newItemKeys...), "from")
	}
	err := rd.Pairs(n, "", "an entry of "+section+":", known, func(key string, _, v *yaml.Node) (err error) {
		switch key {
		case "id":
			ni.ID, err = rd.Text(v, "", key)
		case "text":
			ni.Text, err = rd.Text(v, ni.ID, key)
		case "scale":
			ni.Scale, err = rd.Text(v, ni.ID, key)
		case "theme":
			ni.Theme, err = rd.Text(v, ni.ID, key)
		case "reverse":
			ni.Reverse, err = rd.Boolean(v, ni.ID, key, false)
		case "after":
			ni.After, err = rd.Text(v, ni.ID, key)
		case "reason":
			ni.Reason, err = rd.Text(v, ni.ID, key)
		case "from":
			entries, lerr := rd.List(v, ni.ID, key)
			if lerr != nil {
				return lerr
			}
			for _, e := range entries {
				s, terr := rd.Text(e, ni.ID, key)
				if terr != nil {
					return terr
				}
				from = append(from, s)
			}
		}
		return err
	})
	if err != nil {
		return ni, nil, err
	}
	switch {
	case ni.ID == "":
		return ni, nil, rd.Errorf(n, "", ErrBadValue, "an entry of %s: needs an id", section)
	case ni.Text == "":
		return ni, nil, rd.Errorf(n, ni.ID, ErrBadValue, "needs a text")
	case ni.Scale == "":
		return ni, nil, rd.Errorf(n, ni.ID, ErrBadValue, "needs a scale")
	case merge && len(from) < 2:
		return ni, nil, rd.Errorf(n, ni.ID, ErrBadValue, "a merge needs at least two items under from:")
	}
	return ni, from, nil
}

// cutShort warns of each reason or note of item n written as a plain
// scalar with " #" in it: YAML reads the rest of the line as a comment.
func cutShort(lines []yamlfile.TextLine, name, item string, n *yaml.Node) []error {
	var out []error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if (k.Value != "reason" && k.Value != "note") || v.Kind != yaml.ScalarNode || v.Style != 0 || v.Line != k.Line || k.Line > len(lines) {
			continue
		}
		line := lines[k.Line-1].Text
		rest := line[min(len(line), k.Column-1+len(k.Value)):]
		if at := strings.Index(rest, " #"); at >= 0 {
			out = append(out, &itembank.ParseError{File: name, Line: k.Line, Item: item, Err: fmt.Errorf(
				"%s: YAML reads the text from \" #\" on as a comment, so the %s is %q, without %q; put the %s in double quotes",
				k.Value, k.Value, v.Value, strings.TrimSpace(rest[at:]), k.Value)})
		}
	}
	return out
}
