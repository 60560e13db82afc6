package draft

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/yamlfile"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// scaleName names a scale after its range: likert5 for 1-5, likert7 for
// 1-7, grade10 for 1-10, scale0_10 for 0-10, with a suffix when several
// scales share a range.
func scaleName(ds *draftScale, taken []*itembank.Scale) string {
	base := fmt.Sprintf("scale%d_%d", ds.Min, ds.Max)
	switch {
	case ds.Min == 1 && (ds.Max == 5 || ds.Max == 7):
		base = fmt.Sprintf("likert%d", ds.Max)
	case ds.Min == 1 && ds.Max == 10:
		base = "grade10"
	}
	name := base
	for k := 2; ; k++ {
		free := true
		for _, s := range taken {
			if s.Name == name {
				free = false
			}
		}
		if free {
			return name
		}
		name = fmt.Sprintf("%s_%d", base, k)
	}
}

// Node returns the draft as a bank file with comments for the reader: what
// it was made from, which columns were left out and why, and how each
// scale was found.
func (d *Draft) Node() *yaml.Node {
	doc := d.Bank.Node()
	root := doc.Content[0]
	root.HeadComment = d.headComment()
	scales := yamlfile.MapValue(root, "scales")
	for i := 0; scales != nil && i+1 < len(scales.Content); i += 2 {
		key := scales.Content[i]
		key.HeadComment = d.scaleComment(d.Bank.Scale(key.Value))
	}
	return doc
}

// headComment says what the draft was made from, what to check, and which
// columns were left out and why.
func (d *Draft) headComment() string {
	head := []string{
		fmt.Sprintf("Draft item bank made from %s (%d respondents).", filepath.Base(d.Source), d.Rows),
		"Check it before use: item texts, scales, missing codes, and the columns left out below.",
	}
	if d.Format != files.FormatSAV {
		head = append(head, "This file type holds no question texts: fill in each item's text.")
	}
	if len(d.Left) > 0 {
		head = append(head, "", "Columns left out, not taken as rating items (add any that is one by hand):")
		head = append(head, leftOutLines(d.Left)...)
	}
	return strings.Join(head, "\n")
}

// leftOutLines lists the columns left out, one a line: the name, padded
// to the longest, the reason, and the label if any.
func leftOutLines(left []LeftOut) []string {
	w := 0
	for _, l := range left {
		w = max(w, len(l.Name))
	}
	lines := make([]string, 0, len(left))
	for _, l := range left {
		line := fmt.Sprintf("  %-*s  %s", w, l.Name, l.Reason)
		if l.Label != "" {
			line += fmt.Sprintf(" [%s]", l.Label)
		}
		lines = append(lines, line)
	}
	return lines
}

// scaleComment says how s was found, and any other remarks on it.
func (d *Draft) scaleComment(s *itembank.Scale) string {
	var parts []string
	if how := d.Inferred[s]; how != "" {
		parts = append(parts, how)
	} else {
		parts = append(parts, "from the value labels in the file")
	}
	if note := d.Notes[s]; note != "" {
		parts = append(parts, note)
	}
	return strings.Join(parts, "\n")
}

// WriteYAML writes the draft as a commented bank file that LoadBank reads.
func (d *Draft) WriteYAML(w io.Writer) error { return yamlfile.Write(w, d.Node()) }
