package reduction

import (
	"errors"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/itembank"
)

// Sentinel errors of the review and proposal files, wrapped by
// *itembank.ParseError for use with errors.Is.
var (
	ErrUnknownKey  = errors.New("unknown key")
	ErrBadValue    = errors.New("invalid value")
	ErrDuplicateID = errors.New("item listed twice")
	ErrUnknownItem = errors.New("not an item of the bank")
	ErrNoReason    = errors.New("decision differs from the suggestion but gives no reason")
	ErrEmptyList   = errors.New("lists no items")
	ErrBothLists   = errors.New("has both keep and drop")
)

// nodeReader reads hand-edited YAML node by node, so that every problem is
// reported at its line and column in the named file.
type nodeReader struct {
	file string
}

func (r nodeReader) errorf(n *yaml.Node, item string, sentinel error, format string, args ...any) error {
	pe := &itembank.ParseError{File: r.file, Item: item}
	if n != nil {
		pe.Line, pe.Column = n.Line, n.Column
	}
	pe.Err = fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
	if format == "" {
		pe.Err = sentinel
	}
	return pe
}

// isNull reports whether n is absent or an explicit null (an empty value).
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// text reads a scalar as text; null reads as "".
func (r nodeReader) text(n *yaml.Node, item, key string) (string, error) {
	if isNull(n) {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", r.errorf(n, item, ErrBadValue, "%s must be text, not a %s", key, kindName(n))
	}
	return n.Value, nil
}

// integer reads a whole number; null reads as 0.
func (r nodeReader) integer(n *yaml.Node, item, key string) (int64, error) {
	if isNull(n) {
		return 0, nil
	}
	if n.Kind != yaml.ScalarNode {
		return 0, r.errorf(n, item, ErrBadValue, "%s must be a whole number, not a %s", key, kindName(n))
	}
	v, err := strconv.ParseInt(n.Value, 10, 64)
	if err != nil {
		return 0, r.errorf(n, item, ErrBadValue, "%s must be a whole number, not %q", key, n.Value)
	}
	return v, nil
}

// boolean reads true or false; null reads as def.
func (r nodeReader) boolean(n *yaml.Node, item, key string, def bool) (bool, error) {
	if isNull(n) {
		return def, nil
	}
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "true", "True", "TRUE", "yes":
			return true, nil
		case "false", "False", "FALSE", "no":
			return false, nil
		}
	}
	return false, r.errorf(n, item, ErrBadValue, "%s must be true or false", key)
}

// list returns the entries of a sequence; null is an empty list.
func (r nodeReader) list(n *yaml.Node, item, key string) ([]*yaml.Node, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, r.errorf(n, item, ErrBadValue, "%s must be a list", key)
	}
	for _, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			return nil, r.errorf(c, item, ErrBadValue, "%s: aliases (*name) are not supported here", key)
		}
	}
	return n.Content, nil
}

// pairs calls f for each key and value of a mapping, rejecting keys that
// are not in known. Null is an empty mapping.
func (r nodeReader) pairs(n *yaml.Node, item, what string, known []string, f func(key string, k, v *yaml.Node) error) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return r.errorf(n, item, ErrBadValue, "%s must be a mapping of keys and values", what)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind == yaml.AliasNode || k.Kind != yaml.ScalarNode {
			return r.errorf(k, item, ErrBadValue, "%s: aliases and complex keys are not supported here", what)
		}
		if !contains(known, k.Value) {
			return r.errorf(k, item, ErrUnknownKey, "%q in %s (misspelled? allowed: %s)", k.Value, what, joinNames(known))
		}
		if seen[k.Value] {
			return r.errorf(k, item, ErrBadValue, "%s given twice in %s", k.Value, what)
		}
		seen[k.Value] = true
		if err := f(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func joinNames(list []string) string {
	s := ""
	for i, x := range list {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}

// documentRoot parses data and returns the top mapping of its document.
func documentRoot(data []byte, name string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, itembank.YAMLError(name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &itembank.ParseError{File: name, Err: itembank.ErrEmpty}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &itembank.ParseError{File: name, Line: root.Line, Column: root.Column, Err: fmt.Errorf("%w: expected keys such as items:", itembank.ErrSyntax)}
	}
	return root, nil
}
