// Package yamlfile reads and edits the YAML files people write by hand (item
// banks, review files, proposals, rules): strict decoding that refuses
// unknown keys, errors that name the file, line and column in words a
// non-programmer understands, a reader that walks the node tree reporting
// every problem at its position, a writer with the project's indentation,
// and a splicer that changes some lines of a file and keeps every other
// byte.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/internal/parseerr"
)

// ParseError is the positioned error this package returns.
type ParseError = parseerr.Error

// Decode decodes one YAML document from r into v, rejecting unknown
// keys. Errors are *ParseError values naming the file (name) and the line.
// An empty document is an error wrapping parseerr.ErrEmpty.
func Decode(r io.Reader, name string, v any) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return &ParseError{File: name, Err: err}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return &ParseError{File: name, Err: parseerr.ErrEmpty}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return &ParseError{File: name, Err: parseerr.ErrEmpty}
		}
		return syntaxError(name, data, err)
	}
	return nil
}

var yamlLine = regexp.MustCompile(`(?s)^(?:yaml: )?line (\d+): (.*)$`) // (?s): a value in the message may hold a newline

// Error turns an error from gopkg.in/yaml.v3 into a *ParseError that
// names the file and the line. The first problem is reported; a *ParseError
// returned by a custom unmarshaler is passed through with the file name set.
func Error(name string, err error) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		if pe.File == "" {
			pe.File = name
		}
		return pe
	}
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserError(m[2]) {
			line++
		}
		return &ParseError{File: name, Line: line, Err: fmt.Errorf("%w: %s", parseerr.ErrSyntax, friendlyYAML(m[2]))}
	}
	return &ParseError{File: name, Err: fmt.Errorf("%w: %s", parseerr.ErrSyntax, strings.TrimPrefix(msg, "yaml: "))}
}

// goType matches the Go type at the end of a yaml.v3 type error.
var goType = regexp.MustCompile(` into ([][*.\w]+)$`)

// expected says in words what a Go type asks of the YAML text.
func expected(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list is expected"
	case strings.HasPrefix(t, "map["):
		return "keys with values are expected"
	case strings.Contains(t, "."):
		return "keys with values are expected (is this the right file?)"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number is expected"
	case strings.HasPrefix(t, "float"):
		return "a number is expected"
	case t == "bool":
		return "true or false is expected"
	case t == "string":
		return "text is expected"
	}
	return "something else is expected"
}

// parserError reports whether msg comes from yaml.v3's parser, which (unlike
// its scanner) reports 0-based line numbers.
func parserError(msg string) bool {
	for _, p := range []string{"did not find expected ',' or", "did not find expected '-' indicator",
		"did not find expected <document start>", "did not find expected key", "did not find expected node content",
		"found duplicate %", "found incompatible YAML document", "found undefined tag handle"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// friendlyYAML rewrites yaml.v3's Go-flavoured messages for non-programmers.
func friendlyYAML(msg string) string {
	if f, ok := strings.CutPrefix(msg, "field "); ok {
		if i := strings.Index(f, " not found in type"); i >= 0 {
			return fmt.Sprintf("unknown key %q (misspelled?)", f[:i])
		}
	}
	if strings.HasPrefix(msg, "cannot unmarshal ") {
		msg = strings.Replace(msg, "cannot unmarshal", "cannot read", 1)
		msg = strings.NewReplacer("!!str", "text", "!!int", "number", "!!float", "number", "!!seq", "list", "!!map", "mapping", "!!bool", "true/false").Replace(msg)
		if m := goType.FindStringSubmatch(msg); m != nil {
			msg = msg[:len(msg)-len(m[0])] + " where " + expected(m[1])
		}
	}
	return msg
}

// NodeError reports a problem at a YAML node's position.
func NodeError(n *yaml.Node, item string, err error) *ParseError {
	return &ParseError{Line: n.Line, Column: n.Column, Item: item, Err: err}
}
