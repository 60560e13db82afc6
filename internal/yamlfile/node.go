package yamlfile

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/parseerr"
)

// Sentinel errors of the node reader, wrapped by its *ParseError values.
var (
	ErrUnknownKey = errors.New("unknown key")
	ErrBadValue   = errors.New("invalid value")
)

// A Reader reads hand-edited YAML node by node, so that every problem is
// reported at its line and column in the named file.
type Reader struct {
	File string
}

// Errorf returns a *ParseError at node n (nil: no position) for item,
// wrapping sentinel; an empty format gives the sentinel alone.
func (r Reader) Errorf(n *yaml.Node, item string, sentinel error, format string, args ...any) error {
	pe := &ParseError{File: r.File, Item: item}
	if n != nil {
		pe.Line, pe.Column = n.Line, n.Column
	}
	pe.Err = fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
	if format == "" {
		pe.Err = sentinel
	}
	return pe
}

// IsNull reports whether n is absent or an explicit null (an empty value).
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// Text reads a scalar as text; null reads as "".
func (r Reader) Text(n *yaml.Node, item, key string) (string, error) {
	if IsNull(n) {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", r.Errorf(n, item, ErrBadValue, "%s must be text, not a %s", key, KindName(n))
	}
	return n.Value, nil
}

// Integer reads a whole number; null reads as 0.
func (r Reader) Integer(n *yaml.Node, item, key string) (int64, error) {
	if IsNull(n) {
		return 0, nil
	}
	if n.Kind != yaml.ScalarNode {
		return 0, r.Errorf(n, item, ErrBadValue, "%s must be a whole number, not a %s", key, KindName(n))
	}
	v, err := strconv.ParseInt(n.Value, 10, 64)
	if err != nil {
		return 0, r.Errorf(n, item, ErrBadValue, "%s must be a whole number, not %q", key, n.Value)
	}
	return v, nil
}

// Boolean reads true or false; null reads as def.
func (r Reader) Boolean(n *yaml.Node, item, key string, def bool) (bool, error) {
	if IsNull(n) {
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
	return false, r.Errorf(n, item, ErrBadValue, "%s must be true or false", key)
}

// List returns the entries of a sequence; null is an empty list.
func (r Reader) List(n *yaml.Node, item, key string) ([]*yaml.Node, error) {
	if IsNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, r.Errorf(n, item, ErrBadValue, "%s must be a list", key)
	}
	for _, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			return nil, r.Errorf(c, item, ErrBadValue, "%s: aliases (*name) are not supported here", key)
		}
	}
	return n.Content, nil
}

// Pairs calls f for each key and value of a mapping, rejecting keys that
// are not in known. Null is an empty mapping.
func (r Reader) Pairs(n *yaml.Node, item, what string, known []string, f func(key string, k, v *yaml.Node) error) error {
	if IsNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return r.Errorf(n, item, ErrBadValue, "%s must be a mapping of keys and values", what)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind == yaml.AliasNode || k.Kind != yaml.ScalarNode {
			return r.Errorf(k, item, ErrBadValue, "%s: aliases and complex keys are not supported here", what)
		}
		if !slices.Contains(known, k.Value) {
			return r.Errorf(k, item, ErrUnknownKey, "%q in %s (misspelled? allowed: %s)", k.Value, what, strings.Join(known, ", "))
		}
		if seen[k.Value] {
			return r.Errorf(k, item, ErrBadValue, "%s given twice in %s", k.Value, what)
		}
		seen[k.Value] = true
		if err := f(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

// KindName names the kind of node n for messages.
func KindName(n *yaml.Node) string {
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

// Document parses data and returns the top node of its document, of any
// kind. Errors are *ParseError values in plain words at the line of the
// mistake; an empty document wraps parseerr.ErrEmpty.
func Document(data []byte, name string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(name, data, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &ParseError{File: name, Err: parseerr.ErrEmpty}
	}
	return doc.Content[0], nil
}

// DocumentRoot parses data and returns the top mapping of its document.
func DocumentRoot(data []byte, name string) (*yaml.Node, error) {
	root, err := Document(data, name)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, &ParseError{File: name, Line: root.Line, Column: root.Column, Err: fmt.Errorf("%w: expected keys such as items:", parseerr.ErrSyntax)}
	}
	return root, nil
}

// MapValue returns the value node of key in mapping n, or nil.
func MapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// MapKeys returns the key nodes of mapping n in file order.
func MapKeys(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	keys := make([]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i])
	}
	return keys
}

// Line returns n's line, 0 for nil.
func Line(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Line
}
