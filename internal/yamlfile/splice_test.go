package yamlfile

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

func newSplicer(t *testing.T, text string) *Splicer {
	t.Helper()
	sp, err := NewSplicer([]byte(text), "test.yaml")
	if err != nil {
		t.Fatalf("%v\n%q", err, text)
	}
	return sp
}

// TestSplitLinesAgreesWithParser: for every line break yaml.v3 counts, the
// splicer's line n holds what the parser places on line n.
func TestSplitLinesAgreesWithParser(t *testing.T) {
	for _, brk := range []string{"\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029"} {
		text := strings.ReplaceAll("a: 1\nb: \"twee\"\nc:\n  - d\n  - é: f\ng: |\n  h\n", "\n", brk)
		sp := newSplicer(t, text)
		walk(sp.Root, func(n *yaml.Node) {
			if n.Kind != yaml.ScalarNode {
				return
			}
			line := sp.LineText(n.Line)
			if at := line[byteIndex(line, n.Column):]; !strings.HasPrefix(at, n.Value) && !strings.HasPrefix(at, `"`+n.Value) && !strings.HasPrefix(at, "|") {
				t.Errorf("break %q: %q is not at line %d column %d: %q", brk, n.Value, n.Line, n.Column, line)
			}
		})
		if got := string(sp.Bytes()); got != text {
			t.Errorf("break %q: unchanged text comes back as %q", brk, got)
		}
	}
	lines := SplitLines("a\r\r\nb\u2028c")
	want := []TextLine{{"a", "\r"}, {"", "\r\n"}, {"b", "\u2028"}, {"c", ""}}
	if len(lines) != len(want) {
		t.Fatalf("SplitLines = %q", lines)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], want[i])
		}
	}
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// TestSpanEnds: a pair ends where the parser's reading of its value ends,
// whatever the value's lines hold.
func TestSpanEnds(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		end        int // of the pair "a"
	}{
		{"plain", "a: x\n# c\nb: 1\n", 1},
		{"plain over lines", "a: x\n  y\n\n  z\n# c\nb: 1\n", 4},
		{"literal with # lines", "a: |\n  x\n  # y\n# c\nb: 1\n", 3},
		{"strip", "a: |-\n  x\n\n  # y\n\nb: 1\n", 4},
		{"keep holds its blank lines", "a: |+\n  x\n\n\nb: 1\n", 4},
		{"keep, then a comment", "a: |+\n  x\n\n# c\nb: 1\n", 3},
		{"folded", "a: >\n  x\n  # y\n  z\nb: 1\n", 4},
		{"indentation indicator", "a: |1\n  # x\n # y\nb: 1\n", 3},
		{"spaces beyond the indentation", "a: |\n  x\n    \n\nb: 1\n", 3},
		{"tagged block", "a: !!str |\n  # x\nb: 1\n", 2},
		{"double quoted", "a: \"x\n  # not a comment\n  y\" # c\n# c\nb: 1\n", 3},
		{"escaped line break", "a: \"x\\\n  # y\\\"\"\nb: 1\n", 2},
		{"single quoted", "a: 'it''s\n\n  # x'\nb: 1\n", 3},
		{"flow over lines", "a: [x,\n  # c\n  \"]\"\n  ]\n# c\nb: 1\n", 4},
		{"nested", "a:\n  - id: x\n    r: |\n      # y\n  # c\nb: 1\n", 4},
		{"empty", "a:\n# c\nb: 1\n", 1},
		{"last, before a document", "b: 1\na: |\n  x\n  # y\n---\nc: 2\n", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := newSplicer(t, tc.text)
			if got := sp.PairSpans(sp.Root)["a"].End; got != tc.end {
				t.Errorf("a ends on line %d, want %d", got, tc.end)
			}
		})
	}
}

// TestCommentAt: a "#" is a comment only outside scalars and after a space.
func TestCommentAt(t *testing.T) {
	sp := newSplicer(t, "a: \"x # y\" # z\nb: a#b\nc: |\n  # d\n  e # f\ng: 'h\n  # i' # j\nk: [l, \"#\"] # m\n# n\n")
	for l, want := range map[int]string{1: "# z", 2: "", 3: "", 4: "", 5: "", 6: "", 7: "# j", 8: "# m", 9: "# n"} {
		got := ""
		if c := sp.CommentAt(l); c >= 0 {
			got = sp.LineText(l)[c:]
		}
		if got != want {
			t.Errorf("line %d: comment %q, want %q", l, got, want)
		}
	}
}

// TestDocEnd: the first document ends before a "---" or "..." line.
func TestDocEnd(t *testing.T) {
	for text, want := range map[string]int{
		"a: 1\nb: 2\n":               2,
		"a: 1\n# c\n---\nb: 2\n":     2,
		"--- \na: 1\n...\n# c\n":     2,
		"%YAML 1.1\n---\na: 1\n":     3,
		"a: |\n  --- x\n---\nb: 1\n": 2,
	} {
		if got := newSplicer(t, text).DocEnd(); got != want {
			t.Errorf("%q: the document ends on line %d, want %d", text, got, want)
		}
	}
}

// TestReplaceKeepsComments: every comment inside a replaced pair is kept,
// the same text twice included, and the first line's stays on it.
func TestReplaceKeepsComments(t *testing.T) {
	sp := newSplicer(t, "a: [x,   # een\n  y]  # twee\n# drie\n  # twee\nb: 1  # vier\n")
	sp.Replace(sp.PairSpans(sp.Root)["a"], []string{"a: [z]"}, "")
	want := "# twee\na: [z]   # een\n# drie\n  # twee\nb: 1  # vier\n"
	if got := string(sp.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestBytesLineBreaks: new lines take the text's most common line break,
// a replaced pair keeps the break of its last line, and a text without a
// final line break keeps having none.
func TestBytesLineBreaks(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"a: 1\r\nb: 2\r\nc: 3\n", "a: 9\r\nn: 0\r\nb: 2\r\nc: 3\n"},
		{"a: 1\rb: 2", "a: 9\rn: 0\rb: 2"},
		{"b: 2\na: 1", "b: 2\na: 9\nn: 0"},
	} {
		sp := newSplicer(t, tc.text)
		s := sp.PairSpans(sp.Root)["a"]
		sp.Replace(s, []string{"a: 9"}, "")
		sp.Insert(s.End, []string{"n: 0"})
		if got := string(sp.Bytes()); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestReplaceBelowBlockScalar: a comment line moved above a replaced pair
// right below a block scalar is indented like the pair, so that it stays
// a comment and does not join the scalar's text.
func TestReplaceBelowBlockScalar(t *testing.T) {
	sp := newSplicer(t, "r: |\n  tekst\ne:\n  # opmerking\n  x: 1\n")
	sp.Replace(sp.PairSpans(sp.Root)["e"], []string{"e: 2"}, "")
	if got, want := string(sp.Bytes()), "r: |\n  tekst\n# opmerking\ne: 2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestEndWithComments: comment lines indented at least as far as asked go
// with the node before them, up to a blank line.
func TestEndWithComments(t *testing.T) {
	sp := newSplicer(t, "l:\n  - id: x\n    r: 1\n    # over x\n  # over y\n  - id: y\n    r: 2\n    # over y\n\n    # los\n")
	seq := sp.Root.Content[1]
	if got := sp.EndWithComments(seq.Content[0], 4); got != 4 {
		t.Errorf("x ends on line %d, want 4", got)
	}
	if got := sp.EndWithComments(seq.Content[1], 4); got != 8 {
		t.Errorf("y ends on line %d, want 8", got)
	}
}

// FuzzSplicer: for any YAML text, the lines the splicer gives a pair are
// exactly the pair's, and its comments are comments: a pair replaced by
// its own lines without its comment lines (which Replace moves above it)
// reads as it did, and so does every other value; a pair inserted after
// it is read as the next pair of the same mapping, changing no value.
// Without edits, Bytes gives the text back.
func FuzzSplicer(f *testing.F) {
	for _, s := range []string{
		"a: |\n  x\n  # y\nb: 1\n", "a: |+\n  x\n\n\nb: 1\n", "a: >-\n  x\n\n  # y\n# c\nb: 1\n",
		"a: \"x\n  # y\"\nb: 'c\n  # d'\nc: [1,\n  # e\n  2]\n", "a:\n  - id: x\n    r: |2\n       y\n  - id: z\n---\nb: 1\n",
		"a: 1\rb: |\r  # c\rd: 2\r", "a: \"x\u2028y\"\nb: 1\u0085c: 2\n", "a: x\n  y\n\n  z\nb:\nc: ~\n",
		"r: |\n  x\ne:\n  # c\n  f: 1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\uFEFF")) {
			return
		}
		sp, err := NewSplicer(data, "f.yaml")
		if err != nil || sp.Root.Style&yaml.FlowStyle != 0 || len(sp.Root.Content) == 0 || sp.Root.Content[0].Column != 1 {
			return // files the project reads start their keys at column 1
		}
		if got := sp.Bytes(); !bytes.Equal(got, data) {
			t.Fatalf("unchanged text comes back as %q", got)
		}
		aliases := false
		walk(sp.Root, func(n *yaml.Node) {
			aliases = aliases || n.Kind == yaml.AliasNode || n.Anchor != ""
			empty := n.Kind == yaml.ScalarNode && n.Value == "" && n.Style == 0
			if e := sp.End(n); n.Line < 1 || e > sp.DocEnd() || (e < n.Line && n.Line <= sp.DocEnd() && !empty) {
				t.Fatalf("node %q at line %d ends at %d (document ends at %d)", n.Value, n.Line, e, sp.DocEnd())
			}
		})
		keys := MapKeys(sp.Root)
		seen := map[string]bool{}
		for _, k := range keys {
			if k.Kind != yaml.ScalarNode || seen[k.Value] {
				return // spans are found by key
			}
			seen[k.Value] = true
		}
		if aliases || explicitKeys(sp) {
			return // "?" has no place the splicer knows
		}
		for i, k := range keys {
			span := sp.PairSpans(sp.Root)[k.Value]
			for _, replace := range []bool{true, false} {
				ed, _ := NewSplicer(data, "f.yaml")
				if replace {
					// New lines end with the file's common break, and
					// yaml.v3 reads a tab before text by its context.
					other := false
					for l := span.Start; l <= span.End; l++ {
						t := sp.LineText(l)
						other = other || (l < span.End && sp.lines[l-1].Break != sp.eol) || strings.Contains(t[:len(t)-len(strings.TrimLeft(t, " \t"))], "\t")
					}
					if other {
						continue
					}
					var own []string
					for l := span.Start; l <= span.End; l++ {
						if !ed.IsGap(l) || ed.IsBlank(l) {
							own = append(own, ed.LineText(l))
						}
					}
					ed.Replace(span, own, "")
				} else {
					if span.End == sp.Lines() && sp.LineText(span.End) != "" {
						// A line after the last one needs a line break
						// there, which a block scalar would take in.
						continue
					}
					ed.Insert(span.End, []string{"zz_inserted: 1"})
				}
				out := ed.Bytes()
				got, err := NewSplicer(out, "f.yaml")
				if err != nil {
					t.Fatalf("pair %q (lines %d-%d), replaced %v: %v\n%q\n%q", k.Value, span.Start, span.End, replace, err, data, out)
				}
				have := slices.Clone(got.Root.Content)
				if !replace {
					if len(have) != len(sp.Root.Content)+2 || have[2*i+2].Value != "zz_inserted" {
						t.Fatalf("pair %q: the inserted pair is not the next pair of the mapping:\n%q", k.Value, out)
					}
					have = slices.Delete(have, 2*i+2, 2*i+4)
				}
				if len(have) != len(sp.Root.Content) {
					t.Fatalf("pair %q, replaced %v: %d nodes, want %d:\n%q\n%q", k.Value, replace, len(have), len(sp.Root.Content), data, out)
				}
				for j, want := range sp.Root.Content {
					if !sameTree(have[j], want) {
						t.Fatalf("pair %q (lines %d-%d), replaced %v: %q changed:\n%q\n%q", k.Value, span.Start, span.End, replace, want.Value, data, out)
					}
				}
			}
		}
	})
}

func sameTree(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Style != b.Style || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// explicitKeys reports whether a line starts with YAML's "?" indicator
// for a key, which the splicer does not place.
func explicitKeys(sp *Splicer) bool {
	for l := 1; l <= sp.Lines(); l++ {
		t := strings.TrimLeft(sp.LineText(l), " -")
		if t == "?" || strings.HasPrefix(t, "? ") || strings.HasPrefix(t, "?\t") {
			return true
		}
	}
	return false
}
