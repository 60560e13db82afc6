package itembank

import (
	"fmt"
	"io"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
)

// NewBank builds a bank from parts, checking it as LoadBank would: unique
// valid ids, items on scales of the bank, composites of known items.
func NewBank(title string, scales []*Scale, items []*Item, composites []Composite) (*Bank, error) {
	b := &Bank{Title: title, Scales: scales, Items: items, Composites: composites, index: make(map[string]int, len(items))}
	known := map[*Scale]bool{}
	for _, s := range scales {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		known[s] = true
	}
	for i, it := range items {
		switch {
		case !validID.MatchString(it.ID):
			return nil, fmt.Errorf("%w: id %q may hold only letters, digits and _ . @ # $ -", ErrBadItem, it.ID)
		case it.Scale == nil || !known[it.Scale]:
			return nil, fmt.Errorf("%w: item %s: its scale is not in the bank", ErrUnknownScale, it.ID)
		}
		if _, dup := b.index[it.ID]; dup {
			return nil, fmt.Errorf("%w: %s", ErrDuplicateItem, it.ID)
		}
		b.index[it.ID] = i
	}
	for _, c := range composites {
		for _, id := range c.Items {
			if _, ok := b.index[id]; !ok {
				return nil, fmt.Errorf("%w: composite %q names %s, which is not in the bank", ErrBadItem, c.Name, id)
			}
		}
	}
	return b, nil
}

// WriteYAML writes the bank in the format LoadBank reads, so that a bank
// made by a program (next year's questionnaire, a draft from data) loads
// as it is written.
func (b *Bank) WriteYAML(w io.Writer) error { return yamlfile.Write(w, b.Node()) }

// Node returns the bank as a YAML node tree, for callers that add comments.
func (b *Bank) Node() *yaml.Node {
	root := mapping()
	if b.Title != "" {
		addPair(root, "title", str(b.Title))
	}
	scales := mapping()
	for _, s := range b.Scales {
		sn := mapping()
		addPair(sn, "min", intNode(s.Min))
		addPair(sn, "max", intNode(s.Max))
		if len(s.Missing) > 0 {
			seq := flowSeq()
			for _, m := range s.Missing {
				tag := "!!int"
				if m.Places > 0 {
					tag = "!!float"
				}
				seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: m.String()})
			}
			addPair(sn, "missing", seq)
		}
		if len(s.Labels) > 0 {
			labels := mapping()
			labels.Style = yaml.FlowStyle
			for _, v := range s.LabelValues() {
				addPair(labels, strconv.FormatInt(v, 10), str(s.Labels[v]))
				labels.Content[len(labels.Content)-2].Tag = "!!int"
			}
			addPair(sn, "labels", labels)
		}
		addPair(scales, s.Name, sn)
	}
	addPair(root, "scales", scales)
	items := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range b.Items {
		in := mapping()
		addPair(in, "id", str(it.ID))
		addPair(in, "text", str(it.Text))
		addPair(in, "scale", str(it.Scale.Name))
		if it.Theme != "" {
			addPair(in, "theme", str(it.Theme))
		}
		if it.Reverse {
			addPair(in, "reverse", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		items.Content = append(items.Content, in)
	}
	addPair(root, "items", items)
	if len(b.Composites) > 0 {
		comps := mapping()
		for _, c := range b.Composites {
			seq := flowSeq()
			for _, id := range c.Items {
				seq.Content = append(seq.Content, str(id))
			}
			addPair(comps, c.Name, seq)
		}
		addPair(root, "composites", comps)
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
func flowSeq() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle} }
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}
func intNode(v int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10)}
}
func addPair(m *yaml.Node, key string, value *yaml.Node) {
	m.Content = append(m.Content, str(key), value)
}
