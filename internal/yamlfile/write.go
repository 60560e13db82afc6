package yamlfile

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Write writes a YAML document with the two-space indentation of the
// project's files. Strings a YAML 1.1 reader (PyYAML, R's yaml package)
// would read as something else are double-quoted first, in place in n:
// see QuoteYAML11.
func Write(w io.Writer, n *yaml.Node) error {
	QuoteYAML11(n)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// QuoteYAML11 double-quotes every plain string scalar under n that a YAML
// 1.1 reader would not read as a string: yes, no, on, off, y, n, true,
// false and null in any case, ~, numbers (0123, 1.0, 1_000, 1:30, .inf),
// dates, and the keys << and =. yaml.v3 writes these plain because YAML
// 1.2 reads them as strings; PyYAML and R's yaml turn a label "Yes" into
// TRUE and an id "0123" into 83. A scalar with no tag is quoted only when
// YAML 1.2 resolves it to a string, so an untagged 1 stays a number.
func QuoteYAML11(n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode && n.Style&^yaml.FlowStyle == 0 && n.ShortTag() == "!!str" && (misreadByYAML11(n.Value) || badLiteral(n.Value)) {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		QuoteYAML11(c)
	}
}

// badLiteral reports whether yaml.v3 would write s as a literal block
// that reads back as another string: a blank one, or one starting with a
// line break ("\n" is written as an empty block, "\n0" as "0").
func badLiteral(s string) bool {
	return strings.Contains(s, "\n") && (strings.TrimSpace(s) == "" || strings.HasPrefix(s, "\n"))
}

// yaml11Words are the plain scalars YAML 1.1 resolves to a bool, null or
// a special key (https://yaml.org/type/bool.html, null.html, merge.html,
// value.html), lower-cased.
var yaml11Words = map[string]bool{
	"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "~": true, "": true, "<<": true, "=": true,
}

// yaml11Number matches YAML 1.1 ints and floats, including binary, octal,
// hex, underscores and base 60 (https://yaml.org/type/int.html,
// float.html), any run of digits, and timestamps (timestamp.html).
var yaml11Number = regexp.MustCompile(`^(?:[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$`)

// misreadByYAML11 reports whether a YAML 1.1 reader would read the plain
// scalar s as something other than the string s.
func misreadByYAML11(s string) bool {
	if yaml11Words[strings.ToLower(s)] || yaml11Number.MatchString(s) {
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
