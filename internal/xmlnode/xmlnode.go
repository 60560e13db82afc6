// Package xmlnode parses an XML document (an SVG drawing, an XHTML page)
// into a plain tree of elements, so that tests can check the structure of
// what the project draws: which elements, with which attributes, in which
// order.
package xmlnode

import (
	"encoding/xml"
	"strings"
)

// A Node is one element: its name, attributes, child elements and the
// character data directly inside it.
type Node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []Node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// Parse reads one element and everything inside it; an error says the
// document is not well-formed.
func Parse(b []byte) (Node, error) {
	var n Node
	err := xml.Unmarshal(b, &n)
	return n, err
}

// Attr returns the value of the attribute with the local name, "" when
// the element has none.
func (n Node) Attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// All returns every element below n (n included) that keep accepts, in
// document order.
func (n Node) All(keep func(Node) bool) []Node {
	var out []Node
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.All(keep)...)
	}
	return out
}

// HasClass accepts the elements whose class attribute lists c.
func HasClass(c string) func(Node) bool {
	return func(n Node) bool { return strings.Contains(" "+n.Attr("class")+" ", " "+c+" ") }
}
