package reduction

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
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

// ProposalFromChecklist is the proposal of a checklist that answered, for
// every item of the bank, whether to keep it: a workbook written by
// itemreduce proposal and read by package proposalbook. The caller has
// checked the answers against the bank, reporting their cells; ids in
// keep that are not items of the bank are ignored. target is 0 when none
// was given.
func ProposalFromChecklist(file, by string, target int, keep []string, bank *itembank.Bank) *Proposal {
	p := &Proposal{File: file, By: by, TargetLength: target, Listed: "keep", keep: map[string]bool{}}
	for _, id := range keep {
		if bank.Item(id) != nil {
			p.keep[id] = true
		}
	}
	return p
}

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
// drop:, a proposal that lists no items and a list without its keep: line
// are errors giving the file and line. Keys are read without regard to
// case (Keep: is keep:).
func LoadProposal(r io.Reader, name string, bank *itembank.Bank) (*Proposal, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &itembank.ParseError{File: name, Err: err}
	}
	root, err := proposalRoot(data, name)
	if err != nil {
		return nil, err
	}
	rd := nodeReader{yamlfile.Reader{File: name}}
	p := &Proposal{File: name}
	lists, err := p.readKeys(rd, root)
	if err != nil {
		return nil, err
	}
	entries, err := p.chooseList(rd, root, lists)
	if err != nil {
		return nil, err
	}
	listed, err := listedIDs(rd, entries, p.Listed, bank)
	if err != nil {
		return nil, indentedItem(err, data, bank)
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

// proposalRoot returns the top mapping of a proposal file, its keys in
// lower case; an empty file is ErrEmpty. A list of items without the
// keep: line above it (deleted by hand) is reported as such, whatever YAML
// makes of it: broken YAML, a list as the whole file, a list under by: or
// target_length:, or the rest of their text.
func proposalRoot(data []byte, name string) (*yaml.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &itembank.ParseError{File: name, Err: itembank.ErrEmpty}
	}
	root, err := yamlfile.Document(data, name)
	missing := missingKeep(data, name)
	var pe *itembank.ParseError
	switch {
	case errors.As(err, &pe) && !errors.Is(err, itembank.ErrEmpty):
		if missing != nil && (pe.Line == 0 || pe.Line >= missing.Line) {
			return nil, missing
		}
		return nil, err
	case err != nil:
		return nil, err
	case root.Kind != yaml.MappingNode && missing != nil:
		return nil, missing
	case root.Kind != yaml.MappingNode:
		return nil, &itembank.ParseError{File: name, Line: root.Line, Column: root.Column,
			Err: fmt.Errorf("%w: a proposal starts with by:, target_length: and keep: (see the template)", itembank.ErrSyntax)}
	}
	for _, k := range yamlfile.MapKeys(root) {
		for _, key := range proposalKeys {
			if strings.EqualFold(strings.TrimSpace(k.Value), key) {
				k.Value = key // Keep:, DROP:
			}
		}
	}
	if missing != nil && yamlfile.IsNull(yamlfile.MapValue(root, "keep")) && yamlfile.IsNull(yamlfile.MapValue(root, "drop")) {
		return nil, missing
	}
	return root, nil
}

// proposalKeys are the keys of a proposal, read without regard to case.
var proposalKeys = []string{"by", "target_length", "keep", "drop"}

// listKey matches the line that starts the list of a proposal.
var listKey = regexp.MustCompile(`(?i)^["']?(keep|drop)["']?[ \t]*:[ \t]*(#.*)?$`)

// missingKeep finds the first list item (- ITEM) of a proposal and
// reports it if the line above it, not counting comments and blank lines,
// is not keep: or drop:, as when a team leader deletes the keep: line of
// the template. It returns nil otherwise.
func missingKeep(data []byte, name string) *itembank.ParseError {
	prev := ""
	for i, l := range yamlfile.SplitLines(string(data)) {
		t := strings.Trim(l.Text, " \t")
		if t == "" || t[0] == '#' {
			continue
		}
		item, ok := strings.CutPrefix(t, "-")
		if !ok || item != "" && item[0] != ' ' && item[0] != '\t' {
			prev = t
			continue
		}
		if listKey.MatchString(prev) {
			return nil
		}
		item, _, _ = strings.Cut(strings.TrimSpace(item), " #")
		return &itembank.ParseError{File: name, Line: i + 1, Column: strings.Index(l.Text, "-") + 1,
			Err: fmt.Errorf("%w: the list of items has no keep: line above it; add a line keep: before the first item (- %s)", itembank.ErrSyntax, strings.TrimSpace(item))}
	}
	return nil
}

// indentedItem explains an id such as "SA01 - SA02" that is not an item
// of the bank: the line of SA02 is indented further than that of SA01,
// and so YAML reads it as the rest of SA01's line. Other errors are
// returned as they are.
func indentedItem(err error, data []byte, bank *itembank.Bank) error {
	var pe *itembank.ParseError
	if !errors.Is(err, ErrUnknownItem) || !errors.As(err, &pe) || pe.Line < 1 {
		return err
	}
	first, rest, ok := strings.Cut(pe.Item, " - ")
	lines := yamlfile.SplitLines(string(data))
	if !ok || bank.Item(first) == nil || pe.Line >= len(lines) {
		return err
	}
	this, next := lines[pe.Line-1].Text, lines[pe.Line].Text
	if item, ok := strings.CutPrefix(strings.TrimLeft(next, " "), "- "); !ok || !strings.HasPrefix(rest, strings.TrimSpace(item)) {
		return err // written on one line
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	return yamlfile.IndentError(pe.File, pe.Line+1, indent(next), indent(this))
}

// proposalLists are the keep: and drop: keys of a proposal as written,
// before it is known which of the two the proposal gives.
type proposalLists struct {
	values map[string]*yaml.Node // by key, "keep" or "drop"
	keys   []*yaml.Node          // the key nodes in file order, for positions
}

// readKeys reads the top-level keys of a proposal: by: and target_length:
// into p, and keep: and drop: into the returned lists.
func (p *Proposal) readKeys(rd nodeReader, root *yaml.Node) (proposalLists, error) {
	lists := proposalLists{values: map[string]*yaml.Node{}}
	err := rd.Pairs(root, "", "a proposal", proposalKeys, func(key string, k, v *yaml.Node) (err error) {
		switch key {
		case "by":
			p.By, err = rd.Text(v, "", key)
		case "target_length":
			var n int64
			n, err = rd.Integer(v, "", key)
			if err == nil && (n < 0 || (n == 0 && !yamlfile.IsNull(v)) || n > 1<<20) {
				err = rd.Errorf(v, "", ErrBadValue, "target_length must be a positive number of items")
			}
			p.TargetLength = int(n)
		default:
			lists.values[key] = v
			lists.keys = append(lists.keys, k)
		}
		return err
	})
	return lists, err
}

// chooseList sets p.Listed to the list the proposal gives (keep unless it
// gives drop:) and returns its entries. Both lists, or no entries, is an
// error.
func (p *Proposal) chooseList(rd nodeReader, root *yaml.Node, lists proposalLists) ([]*yaml.Node, error) {
	if len(lists.keys) == 2 && !yamlfile.IsNull(lists.values["keep"]) && !yamlfile.IsNull(lists.values["drop"]) {
		return nil, rd.Errorf(lists.keys[1], "", ErrBothLists, "give the items to keep or the items to drop, not both")
	}
	p.Listed = "keep"
	if !yamlfile.IsNull(lists.values["drop"]) {
		p.Listed = "drop"
	}
	entries, err := rd.List(lists.values[p.Listed], "", p.Listed)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		n := root
		if len(lists.keys) > 0 {
			n = lists.keys[0]
		}
		return nil, rd.Errorf(n, "", ErrEmptyList, "the proposal lists no items: list the items to keep under keep:")
	}
	return entries, nil
}

// listedIDs checks the entries of the list key (keep or drop) against the
// bank and returns the line of each id: an empty entry, an id that is not
// an item of the bank and an id listed twice are errors.
func listedIDs(rd nodeReader, entries []*yaml.Node, key string, bank *itembank.Bank) (map[string]int, error) {
	listed := map[string]int{}
	for _, e := range entries {
		id, err := rd.Text(e, "", key)
		if err != nil {
			return nil, err
		}
		switch {
		case id == "":
			return nil, rd.Errorf(e, "", ErrBadValue, "empty entry in %s:", key)
		case bank.Item(id) == nil:
			return nil, rd.Errorf(e, id, ErrUnknownItem, "")
		}
		if first, dup := listed[id]; dup {
			return nil, rd.Errorf(e, id, ErrDuplicateID, "also on line %d", first)
		}
		listed[id] = e.Line
	}
	return listed, nil
}

// WriteProposalTemplate writes a checklist for a team leader: every item
// of the bank under keep:, one per line with its text as a comment,
// grouped by theme. Deleting the lines of the items to leave out gives a
// valid proposal. The comments are in the bank's language (English when
// it names none); see WriteProposalTemplateIn.
func WriteProposalTemplate(w io.Writer, bank *itembank.Bank, by string, target int) error {
	lang, err := ParseLang(bank.Language)
	if err != nil {
		return err
	}
	return WriteProposalTemplateIn(w, bank, by, target, lang)
}

// WriteProposalTemplateIn is WriteProposalTemplate with the comments in
// lang; the keys (by:, target_length:, keep:) are the same in every
// language.
func WriteProposalTemplateIn(w io.Writer, bank *itembank.Bank, by string, target int, lang Lang) error {
	words := &lang.Words().Proposal
	var b strings.Builder
	title := bank.Title
	if title == "" {
		title = words.NoTitle
	}
	fmt.Fprintf(&b, words.Title, oneLine(title))
	b.WriteString(words.Instructions)
	if by != "" {
		fmt.Fprintf(&b, "by: %s\n", quote(by))
	} else {
		b.WriteString("by:\n")
	}
	if target > 0 {
		fmt.Fprintf(&b, "target_length: %d\n", target)
	} else {
		b.WriteString("target_length:        " + words.TargetComment + "\n")
	}
	b.WriteString("keep:\n")
	for i, it := range bank.Items {
		writeKeepLine(&b, it.ID, it.Theme, it.Text, i == 0 || it.Theme != bank.Items[i-1].Theme)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeKeepLine writes one item of a proposal's keep: list with comment
// after its id, preceded by a "# --- theme" line when newTheme and the
// item has a theme.
func writeKeepLine(b *strings.Builder, id, theme, comment string, newTheme bool) {
	if newTheme && theme != "" {
		fmt.Fprintf(b, "  # --- %s\n", oneLine(theme))
	}
	fmt.Fprintf(b, "  - %s  # %s\n", plain(id), oneLine(comment))
}

// oneLine keeps a text on one line, for a comment.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
