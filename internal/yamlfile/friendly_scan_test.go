package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/parseerr"
)

// validYAML are texts yaml.v3 reads, with the constructs the line scanner
// must follow without a finding.
var validYAML = []string{
	"a: 1\nb:\n  c: 2\n  d: [1, 2]\ne:\n- x\n- y\nf: 3\n",
	"items:\n  - id: A1\n    reason: dit is een lange reden\n      die doorloopt op de volgende regel\n    note:\n",
	"items:\n  - id: A1\n    reason: \"een reden over\n      twee regels\"\n  - id: A2\n",
	"a: 'it''s'\nb: \"een \\\"quote\\\"\"\nc: x # een opmerking: met dubbele punt\n",
	"note: |\n  regel: een\n  \tregel twee met een tab\n  regel drie\nnext: 1\n",
	"note: >-\n    gevouwen\n    tekst\nnext: 1\n",
	"scales:\n  likert5: {min: 1,\n    max: 5, labels: {1: \"oneens\",\n  5: \"eens\"}}\nitems: []\n",
	"a:\tb\nurl: http://example.org/a:b\npath: C:\\data\nshift: -0.13\nc: b :c\n",
	"# comment\n    # indented comment\nkeep:\n  # --- theme\n  - A1  # text: with a colon\n      # odd comment\n  - A2\n",
	"---\na: 1\n",
	"- - a\n  - b\n- c\n",
	"- id: A1\n  text: x\n-   id: A2\n    text: y\n",
	"a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
	"keep:\n  - A1\n   - A2\n",
	"a: b\n  \t  \nc: d\n",
	"a: dit is\n  \tlang\n",
	"a: 'x\n\ty'\n",
	"reason: collega's vinden het \"belangrijk\"\n",
	"a: [1, 2]   # c\nb: {c: 1}\n",
	"a: 1\r\nb:\r\n  - x\r\n",
}

// TestScanValidFiles checks that the line scanner finds nothing in files
// that yaml.v3 reads: those above and every YAML file of the project that
// yaml.v3 reads.
func TestScanValidFiles(t *testing.T) {
	files := map[string][]byte{}
	for i, s := range validYAML {
		files[fmt.Sprintf("validYAML[%d]", i)] = []byte(s)
	}
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if ext := filepath.Ext(path); ext != ".yaml" && ext != ".yml" {
			return nil
		}
		data, err := os.ReadFile(path)
		var n yaml.Node
		if err == nil && yaml.Unmarshal(data, &n) == nil { // not a file broken on purpose
			files[path] = data
			found++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 5 {
		t.Fatalf("found only %d YAML files", found)
	}
	for name, data := range files {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			t.Errorf("%s: yaml.v3: %v", name, err)
			continue
		}
		if f := scanText(textOf(data)); f != nil {
			t.Errorf("%s:%d:%d: valid YAML, but the scanner finds: %s", name, f.line, f.col, f.msg)
		}
	}
}

// TestScanText: each mistake of editing by hand at its line and column,
// in small texts; TestPlainWords has them in whole files.
func TestScanText(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line, col  int
		msg        string // the start of the message
	}{
		{"tab", "a:\n\tb: 1\n", 2, 1, "a tab is used for indentation"},
		{"tab after spaces", "a:\n  \tb: 1\n", 2, 3, "a tab is used for indentation"},
		{"tab on an empty line", "a: 1\n\t\nb: 2\n", 2, 1, "a tab is used"},
		{"colon", "a: b: c\n", 1, 5, "the text after a: contains ': '"},
		{"colon after a dash", "- a: b: c\n", 1, 7, "the text after a: contains ': '"},
		{"colon at the end", "a: b:\n", 1, 5, "the text after a: ends with ':'"},
		{"colon in a continued text", "a: een lange\n      tekst: met dubbele punt\n", 2, 7, `the text after a: contains ': ', which YAML reads as the start of a new key; put the whole text in double quotes: a: "een lange tekst: met dubbele punt"`},
		{"colon in a flow mapping", "- {id: A1, text: Let op: dit}\n", 1, 24, `the text after text: contains ': ', which YAML reads as the start of a new key; put the whole text in double quotes: text: "Let op: dit"`},
		{"key indented further", "a:\n  b: 1\n   c: 2\n", 3, 4, "this line is indented by 3 spaces, the lines around it by 2"},
		{"key indented less", "a:\n  b:\n    c: 1\n   d: 2\n", 4, 4, "this line is indented by 3 spaces, the lines around it by 4"},
		{"key of an item indented less", "items:\n  - id: A1\n   suggestion: drop\n   decision: keep\n", 3, 4, "this line is indented by 3 spaces, the lines around it by 4"},
		{"first item indented further", "keep:\n   - A1\n  - A2\n  - A3\n", 2, 4, "this line is indented by 3 spaces, the lines around it by 2"},
		{"key indented, top not", "a: 1\n  b: 2\n", 2, 3, "this line is indented by 2 spaces, the lines around it not at all"},
		{"list under a key with a value", "a: 1  # c\n  - b\n", 2, 3, "this list has no name above it"},
		{"list among keys", "a:\n  b: 1\n  - c\n", 3, 3, "this list has no name above it"},
		{"double quote", "a: \"open\nb: 1\n", 1, 4, `the quote (") opened on this line is not closed; end the text with " as well: a: "open"`},
		{"single quote", "a: 'open\nb: 1\n", 1, 4, `the quote (') opened on this line is not closed`},
		{"quote in a flow list", "a: [x, \"y]\nb: \"z\"\n", 1, 8, `the quote (") opened on this line is not closed; end the text with " as well: a: "y"`},
		{"apostrophe", "a: 't is goed\n", 1, 4, `the text after a: starts with a quote ('), so YAML ends it at the next '; if the quote is part of the text, put the whole text in double quotes: a: "'t is goed"`},
		{"text after the quote", "a: \"De\" beste\n", 1, 4, `the text after a: starts with a quote ("), so YAML ends it at the next "; if the quote is part of the text, put the whole text in single quotes: a: '"De" beste'`},
		{"at sign", "a: @home\n", 1, 4, `the text after a: starts with @`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n yaml.Node
			if yaml.Unmarshal([]byte(tc.text), &n) == nil {
				t.Fatal("yaml.v3 reads it")
			}
			f := scanText(tc.text)
			if f == nil {
				t.Fatal("no finding")
			}
			if f.line != tc.line || f.col != tc.col || !strings.HasPrefix(f.msg, tc.msg) {
				t.Errorf("%d:%d: %s\nwant %d:%d: %s…", f.line, f.col, f.msg, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// TestYAMLLines records where yaml.v3 puts the mistakes the scanner is
// for, so that a newer yaml.v3 that reports them right is noticed; the
// scanner's line is the line of the mistake.
func TestYAMLLines(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		yamlLine   int // as Error reports yaml.v3's message (0: none)
		line       int // the mistake
	}{
		{"tab after a plain text", "keep:\n  - A1\n\t- A2\n", 2, 3},
		{"colon at the end", "reason: Te lang:\n", 0, 1},
		{"item indented by 3 after a mapping", "items:\n  - id: A1\n    suggestion: drop\n   - id: A2\n", 2, 4},
		{"first item indented by 3", "keep:\n   - A1  # a\n  - A2  # b\n  - A3  # c\n", 3, 2},
		{"quote closed by a later quote", "a:\n  b: \"open\n  c: \"x\"\n", 2, 2},
		{"single quote to the end", "by: 'Zwolle\nkeep:\n  - A1\n", 4, 1},
		{"apostrophe", "a: 's avonds, collega's\nb: 1\n", 0, 1},
		{"character from a Windows file", "a: 1\nb: caf\xe9\n", 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tc.text), &n)
			if err == nil {
				t.Fatal("yaml.v3 reads it")
			}
			var pe *ParseError
			if !errors.As(Error("f.yaml", err), &pe) || pe.Line != tc.yamlLine {
				t.Errorf("yaml.v3 now says %v (line %d), want line %d", err, pe.Line, tc.yamlLine)
			}
			_, err = Document([]byte(tc.text), "f.yaml")
			if !errors.As(err, &pe) || pe.Line != tc.line {
				t.Errorf("Document: %v, want line %d", err, tc.line)
			}
		})
	}
}

func TestQuoteText(t *testing.T) {
	for _, tc := range []struct{ in, want, kind string }{
		{"Te lang: schrappen", `"Te lang: schrappen"`, "double quotes"},
		{"'s avonds", `"'s avonds"`, "double quotes"},
		{`"De" beste`, `'"De" beste'`, "single quotes"},
		{`"De" collega's`, `"\"De\" collega's"`, "double quotes"},
		{`C:\data's`, `"C:\\data's"`, "double quotes"},
	} {
		if got, kind := quoteText(tc.in); got != tc.want || kind != tc.kind {
			t.Errorf("quoteText(%q) = %s, %s; want %s, %s", tc.in, got, kind, tc.want, tc.kind)
		}
		var v string
		if err := yaml.Unmarshal([]byte("a: "+tc.want), &struct{ A *string }{&v}); err != nil || v != tc.in {
			t.Errorf("a: %s reads as %q (%v), want %q", tc.want, v, err, tc.in)
		}
	}
}

// FuzzSyntaxError checks the friendly error path: it never panics, its
// errors are *ParseError values naming the file and a line within it, and
// the line scanner never blames a file that yaml.v3 reads.
func FuzzSyntaxError(f *testing.F) {
	for _, s := range validYAML {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"keep:\n  - A1\n\t- A2\n", "a: b: c\n", "by: X\ntarget_length: 80\n  - A1\n", "keep:\n   - A1\n  - A2\n",
		"a: \"open\nb: 1\n", "a: {b: \"c}\n", "a: [b, c\n", "a: 's avonds\n", "a: @x\n", "a: caf\xe9\n", "a: \x0b\n",
		"- {id: A1, text: Let op: dit}\n", "a: 1\r\n b: 2\r\n", "a: *x\n", "a: &x [*x]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := lineCount(data)
		var m map[string]any
		for _, err := range []error{Decode(bytes.NewReader(data), "f.yaml", &m), documentErr(data)} {
			if err == nil {
				continue
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "f.yaml" {
				t.Fatalf("error without the file: %v", err)
			}
			if errors.Is(err, parseerr.ErrEmpty) {
				continue
			}
			if pe.Line < 0 || pe.Line > n || pe.Line == 0 && !unplaced(err) {
				t.Fatalf("error at line %d of %d: %v", pe.Line, n, err)
			}
		}
		var node yaml.Node
		if yaml.Unmarshal(data, &node) == nil {
			if f := scanText(textOf(data)); f != nil {
				t.Fatalf("valid YAML, but the scanner finds line %d: %s", f.line, f.msg)
			}
		}
	})
}

func documentErr(data []byte) error {
	_, err := Document(data, "f.yaml")
	return err
}

// unplaced reports whether err is one of the few yaml.v3 errors that have
// no place in the file.
func unplaced(err error) bool {
	for _, s := range []string{"invalid map key", "alias", "map merge", "unknown anchor", "contains itself", "UTF-16", "surrogate"} {
		if strings.Contains(err.Error(), s) {
			return true
		}
	}
	return false
}
