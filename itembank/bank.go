package itembank

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
)

// A Bank is a questionnaire's item bank: the answer scales, the items in
// questionnaire order, and optional composite indicators built from items.
type Bank struct {
	Title string
	// Language is the language of the files people read ("nl" or "en";
	// "" when the bank does not say). It is not part of Hash: the answers'
	// meaning does not depend on it.
	Language   string
	Scales     []*Scale // in file order
	Items      []*Item  // in questionnaire order
	Composites []Composite

	index map[string]int
}

// An Item is one question of the bank.
type Item struct {
	ID      string
	Text    string
	Scale   *Scale
	Reverse bool   // negatively worded: a high answer is unfavourable
	Theme   string // optional grouping, e.g. "Samenwerking"
	Line    int    // line of the item in the bank file, 0 if unknown
}

// A Composite is an indicator computed from several items; it can no longer
// be computed once one of its items is dropped.
type Composite struct {
	Name  string
	Items []string
	Line  int
}

// bankFile is the YAML shape of a bank file.
type bankFile struct {
	Title      string               `yaml:"title"`
	Language   string               `yaml:"language"`
	Scales     map[string]scaleFile `yaml:"scales"`
	Items      []itemFile           `yaml:"items"`
	Composites map[string][]string  `yaml:"composites"`
}

type scaleFile struct {
	Min     *int64           `yaml:"min"`
	Max     *int64           `yaml:"max"`
	Missing []string         `yaml:"missing"`
	Labels  map[int64]string `yaml:"labels"`
}

type itemFile struct {
	ID      string `yaml:"id"`
	Text    string `yaml:"text"`
	Scale   string `yaml:"scale"`
	Reverse bool   `yaml:"reverse"`
	Theme   string `yaml:"theme"`
}

var validID = regexp.MustCompile(`^[\p{L}\p{N}_.@#$-]+$`)

// ValidID reports whether id can be an item id: letters, digits and
// _ . @ # $ - only, so that it is also a valid column or SPSS variable name.
func ValidID(id string) bool { return validID.MatchString(id) }

// LoadBankFile reads a bank from a YAML file.
func LoadBankFile(path string) (*Bank, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadBank(f, path)
}

// LoadBank reads a bank from YAML; name is used in error messages.
// Unknown keys, duplicate item ids, items on an undeclared scale, scales
// with min >= max and composites naming unknown items are errors that give
// the file and line.
func LoadBank(r io.Reader, name string) (*Bank, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	var bf bankFile
	if err := yamlfile.Decode(bytes.NewReader(data), name, &bf); err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlfile.Error(name, err)
	}
	b, err := buildBank(&bf, &doc)
	if err != nil {
		if pe, ok := err.(*ParseError); ok {
			pe.File = name
			return nil, pe
		}
		return nil, &ParseError{File: name, Err: err}
	}
	return b, nil
}

// buildBank turns the decoded file into a Bank, using the node tree for
// the order of mappings and for line numbers.
func buildBank(bf *bankFile, doc *yaml.Node) (*Bank, error) {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	b := &Bank{Title: bf.Title}
	lang, err := bankLanguage(bf.Language)
	if err != nil {
		return nil, yamlfile.NodeError(yamlfile.MapValue(root, "language"), "", err)
	}
	b.Language = lang
	byScale := map[string]*Scale{}
	scalesNode := yamlfile.MapValue(root, "scales")
	for _, key := range yamlfile.MapKeys(scalesNode) {
		sf := bf.Scales[key.Value]
		s, err := newScale(key.Value, sf)
		if err != nil {
			return nil, yamlfile.NodeError(key, "", err)
		}
		s.Line = key.Line
		byScale[s.Name] = s
		b.Scales = append(b.Scales, s)
	}
	itemsNode := yamlfile.MapValue(root, "items")
	if len(bf.Items) == 0 {
		return nil, &ParseError{Line: yamlfile.Line(root), Err: fmt.Errorf("%w: the bank lists no items", ErrNoItems)}
	}
	b.index = make(map[string]int, len(bf.Items))
	for i, f := range bf.Items {
		n := root
		if itemsNode != nil && i < len(itemsNode.Content) {
			n = itemsNode.Content[i]
		}
		switch {
		case f.ID == "":
			return nil, yamlfile.NodeError(n, "", fmt.Errorf("%w: item without id", ErrBadItem))
		case !validID.MatchString(f.ID):
			return nil, yamlfile.NodeError(n, f.ID, fmt.Errorf("%w: id may hold only letters, digits and _ . @ # $ -", ErrBadItem))
		case f.Scale == "":
			return nil, yamlfile.NodeError(n, f.ID, fmt.Errorf("%w: no scale given", ErrUnknownScale))
		}
		if _, dup := b.index[f.ID]; dup {
			return nil, yamlfile.NodeError(n, f.ID, fmt.Errorf("%w (first on line %d)", ErrDuplicateItem, b.Items[b.index[f.ID]].Line))
		}
		s := byScale[f.Scale]
		if s == nil {
			return nil, yamlfile.NodeError(n, f.ID, fmt.Errorf("%w %q (declared: %s)", ErrUnknownScale, f.Scale, scaleNames(b.Scales)))
		}
		b.index[f.ID] = len(b.Items)
		b.Items = append(b.Items, &Item{ID: f.ID, Text: f.Text, Scale: s, Reverse: f.Reverse, Theme: f.Theme, Line: n.Line})
	}
	for _, key := range yamlfile.MapKeys(yamlfile.MapValue(root, "composites")) {
		c := Composite{Name: key.Value, Items: bf.Composites[key.Value], Line: key.Line}
		for _, id := range c.Items {
			if _, ok := b.index[id]; !ok {
				return nil, yamlfile.NodeError(key, id, fmt.Errorf("%w: composite %q names an item that is not in the bank", ErrBadItem, c.Name))
			}
		}
		b.Composites = append(b.Composites, c)
	}
	return b, nil
}

// Languages are the values of a bank's language key.
var Languages = []string{"nl", "en"}

// bankLanguage checks the language key: nl or en in any case, or absent.
func bankLanguage(s string) (string, error) {
	lang := strings.ToLower(strings.TrimSpace(s))
	if lang == "" {
		return "", nil
	}
	for _, l := range Languages {
		if lang == l {
			return l, nil
		}
	}
	return "", fmt.Errorf("%w: language %q: write nl (Nederlands) or en (English)", ErrBadLanguage, s)
}

func newScale(name string, sf scaleFile) (*Scale, error) {
	if sf.Min == nil || sf.Max == nil {
		return nil, fmt.Errorf("%w: scale %s needs both min and max", ErrBadScale, name)
	}
	s := &Scale{Name: name, Min: *sf.Min, Max: *sf.Max, Labels: sf.Labels}
	for _, m := range sf.Missing {
		v, err := ParseValue(m)
		if err != nil {
			return nil, fmt.Errorf("%w: scale %s: missing code %q is not a number", ErrBadScale, name, m)
		}
		s.Missing = append(s.Missing, v)
	}
	return s, s.Validate()
}

func scaleNames(scales []*Scale) string {
	if len(scales) == 0 {
		return "none"
	}
	names := make([]string, len(scales))
	for i, sc := range scales {
		names[i] = sc.Name
	}
	return strings.Join(names, ", ")
}

// Index returns the position of the item with the given id in Items.
func (b *Bank) Index(id string) (int, bool) {
	i, ok := b.index[id]
	return i, ok
}

// Item returns the item with the given id, or nil.
func (b *Bank) Item(id string) *Item {
	if i, ok := b.index[id]; ok {
		return b.Items[i]
	}
	return nil
}

// Scale returns the scale with the given name, or nil.
func (b *Bank) Scale(name string) *Scale {
	for _, s := range b.Scales {
		if s.Name == name {
			return s
		}
	}
	return nil
}
