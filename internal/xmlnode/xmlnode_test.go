package xmlnode

import "testing"

// TestParse finds elements by class in document order, with their
// attributes and text, and refuses a document that is not well-formed.
func TestParse(t *testing.T) {
	n, err := Parse([]byte(`<svg id="c"><g class="row a"><rect class="bar" width="3"/><text>x</text></g><rect class="bar" width="5"/></svg>`))
	if err != nil {
		t.Fatal(err)
	}
	bars := n.All(HasClass("bar"))
	if n.Attr("id") != "c" || len(bars) != 2 || bars[0].Attr("width") != "3" || bars[1].Attr("width") != "5" || bars[0].Attr("height") != "" {
		t.Errorf("parsed %+v", n)
	}
	if rows := n.All(HasClass("row")); len(rows) != 1 || rows[0].Nodes[1].Text != "x" || len(n.All(HasClass("ro"))) != 0 {
		t.Errorf("rows %+v", rows)
	}
	if _, err := Parse([]byte(`<svg><g></svg>`)); err == nil {
		t.Error("a document that is not well-formed was parsed")
	}
}
