package reduction

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Proposal is one team leader's ideal questionnaire: the items of the
// bank to keep, composed without seeing the statistics. The file lists
// either the items to keep or the items to drop:
//
//	by: Teamleider Zwolle
//	target_length: 80        # optional
//	keep:
//	  - SA01
//	  - SA02
type Proposal struct {
	File         string
	By           string
	TargetLength int // 0: none given
	// Listed is "keep" or "drop": the list the file gives.
	Listed string
	keep   map[string]bool
}

// Name is who made the proposal: by:, else the file name without folder.
func (p *Proposal) Name() string {
	if p.By != "" {
		return p.By
	}
	return strings.TrimSuffix(filepath.Base(p.File), filepath.Ext(p.File))
}

// Keeps reports whether the proposal keeps the bank item id: listed under
// keep:, or not listed under drop:.
func (p *Proposal) Keeps(id string) bool { return p.keep[id] }

// Kept returns how many items of the bank the proposal keeps.
func (p *Proposal) Kept() int { return len(p.keep) }

// LoadProposalFile reads a proposal and checks it against the bank.
func LoadProposalFile(path string, bank *itembank.Bank) (*Proposal, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return LoadProposal(bytes.NewReader(data), path, bank)
}

// LoadProposal reads a proposal; name is used in messages. Unknown keys,
// ids that are not items of the bank, an id listed twice, both keep: and
// drop:, and a proposal that lists no items are errors giving the file
// and line.
func LoadProposal(r io.Reader, name string, bank *itembank.Bank) (*Proposal, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &itembank.ParseError{File: name, Err: err}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &itembank.ParseError{File: name, Err: itembank.ErrEmpty}
	}
	root, err := documentRoot(data, name)
	if err != nil {
		return nil, err
	}
	rd := nodeReader{file: name}
	p := &Proposal{File: name}
	var lists = map[string]*yaml.Node{}
	var listKeys []*yaml.Node
	err = rd.pairs(root, "", "a proposal", []string{"by", "target_length", "keep", "drop"}, func(key string, k, v *yaml.Node) (err error) {
		switch key {
		case "by":
			p.By, err = rd.text(v, "", key)
		case "target_length":
			var n int64
			n, err = rd.integer(v, "", key)
			if err == nil && (n < 0 || (n == 0 && !isNull(v)) || n > 1<<20) {
				err = rd.errorf(v, "", ErrBadValue, "target_length must be a positive number of items")
			}
			p.TargetLength = int(n)
		default:
			lists[key] = v
			listKeys = append(listKeys, k)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(listKeys) == 2 && !isNull(lists["keep"]) && !isNull(lists["drop"]) {
		return nil, rd.errorf(listKeys[1], "", ErrBothLists, "give the items to keep or the items to drop, not both")
	}
	p.Listed = "keep"
	if !isNull(lists["drop"]) {
		p.Listed = "drop"
	}
	entries, err := rd.list(lists[p.Listed], "", p.Listed)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		n := root
		if len(listKeys) > 0 {
			n = listKeys[0]
		}
		return nil, rd.errorf(n, "", ErrEmptyList, "the proposal lists no items: list the items to keep under keep:")
	}
	listed := map[string]int{}
	for _, e := range entries {
		id, err := rd.text(e, "", p.Listed)
		if err != nil {
			return nil, err
		}
		switch {
		case id == "":
			return nil, rd.errorf(e, "", ErrBadValue, "empty entry in %s:", p.Listed)
		case bank.Item(id) == nil:
			return nil, rd.errorf(e, id, ErrUnknownItem, "")
		}
		if first, dup := listed[id]; dup {
			return nil, rd.errorf(e, id, ErrDuplicateID, "also on line %d", first)
		}
		listed[id] = e.Line
	}
	p.keep = map[string]bool{}
	for _, it := range bank.Items {
		_, in := listed[it.ID]
		if in == (p.Listed == "keep") {
			p.keep[it.ID] = true
		}
	}
	return p, nil
}

// WriteProposalTemplate writes a checklist for a team leader: every item
// of the bank under keep:, one per line with its text as a comment,
// grouped by theme. Deleting the lines of the items to leave out gives a
// valid proposal.
func WriteProposalTemplate(w io.Writer, bank *itembank.Bank, by string, target int) error {
	var b strings.Builder
	title := bank.Title
	if title == "" {
		title = "the questionnaire"
	}
	fmt.Fprintf(&b, "# Proposal for next year's version of %s.\n", oneLine(title))
	b.WriteString(`#
# Below, every item of this year's questionnaire is listed under keep:, one
# per line, with its text after the #. Delete the line of every item you
# would leave out; keep the lines of the items you want to keep. Lines
# starting with # are comments and may stay.
#
# Fill in your name after by: and, if you aim for a length, the number of
# items after target_length:. Then return the file to the researchers.

`)
	if by != "" {
		fmt.Fprintf(&b, "by: %s\n", quote(by))
	} else {
		b.WriteString("by:\n")
	}
	if target > 0 {
		fmt.Fprintf(&b, "target_length: %d\n", target)
	} else {
		b.WriteString("target_length:        # optional: the number of items you aim for\n")
	}
	b.WriteString("keep:\n")
	theme := ""
	for i, it := range bank.Items {
		if it.Theme != theme || i == 0 {
			theme = it.Theme
			if theme != "" {
				fmt.Fprintf(&b, "  # --- %s\n", oneLine(theme))
			}
		}
		fmt.Fprintf(&b, "  - %s  # %s\n", plain(it.ID), oneLine(it.Text))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps a text on one line, for a comment.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
