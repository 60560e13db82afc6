package yamlfile

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yaml11Cases are strings a YAML 1.1 reader misreads when written plain
// (PyYAML 6.0: yaml.safe_load("k: Yes") gives {'k': True}), and strings it
// reads as written.
var yaml11Cases = []struct {
	value  string
	quoted bool
}{
	{"Yes", true}, {"No", true}, {"yes", true}, {"NO", true}, {"y", true}, {"N", true},
	{"on", true}, {"Off", true}, {"true", true}, {"FALSE", true}, {"tRuE", true},
	{"~", true}, {"null", true}, {"Null", true}, {"", true}, {"<<", true}, {"=", true},
	{"0123", true}, {"0128", true}, {"1.0", true}, {"1", true}, {"-3", true}, {"+4", true},
	{"1_000", true}, {"1:30", true}, {"0x1F", true}, {"0b101", true}, {".5", true},
	{"1e3", true}, {"1.5e-3", true}, {".inf", true}, {"-.Inf", true}, {".NaN", true},
	{"2024-01-05", true},
	{"oneens", false}, {"Helemaal mee eens", false}, {"SA01", false}, {"yesterday", false},
	{"Nee", false}, {"Ja", false}, {"1 = oneens", false}, {"v1.0", false}, {"no way", false},
}

func TestWriteQuotesYAML11(t *testing.T) {
	for _, tc := range yaml11Cases {
		t.Run(tc.value, func(t *testing.T) {
			out := writeString(t, tc.value)
			want := "k: " + tc.value + "\n"
			if tc.quoted {
				want = `k: "` + tc.value + "\"\n"
			}
			if out != want && !(tc.value == "" && out == "k: \"\"\n") {
				t.Errorf("got %q, want %q", out, want)
			}
			var back map[string]string
			if err := yaml.Unmarshal([]byte(out), &back); err != nil || back["k"] != tc.value {
				t.Errorf("read back %q, %v; want %q", back["k"], err, tc.value)
			}
		})
	}
}

// TestWriteKeepsTypes checks that numbers and bools keep their type: only
// strings are quoted, and an untagged scalar only when YAML 1.2 reads it
// as a string.
func TestWriteKeepsTypes(t *testing.T) {
	doc := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!int", Value: "1"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: "Yes"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "b"}, {Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "c"}, {Kind: yaml.ScalarNode, Value: "2"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "d"}, {Kind: yaml.ScalarNode, Value: "off"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "e"}, {Kind: yaml.ScalarNode, Tag: "!!float", Value: "1.5"},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "{1: \"Yes\", b: true, c: 2, d: \"off\", e: 1.5}\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestWritePyYAML reads what Write wrote with PyYAML, a YAML 1.1 reader,
// when python3 and its yaml module are installed; REQUIRE_PYYAML=1 makes
// a missing PyYAML a failure.
func TestWritePyYAML(t *testing.T) {
	if err := exec.Command("python3", "-c", "import yaml").Run(); err != nil {
		if os.Getenv("REQUIRE_PYYAML") == "1" {
			t.Fatalf("python3 with PyYAML: %v", err)
		}
		t.Skip("python3 with PyYAML not installed")
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	var want []string
	for _, tc := range yaml11Cases {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: tc.value})
		want = append(want, tc.value)
	}
	var buf bytes.Buffer
	if err := Write(&buf, seq); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", "-c", "import sys, json, yaml; json.dump([str(v) if isinstance(v, str) else repr(v) for v in yaml.safe_load(sys.stdin)], sys.stdout)")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("PyYAML read\n%q\nwant\n%q", got, want)
	}
}

func writeString(t *testing.T, v string) string {
	t.Helper()
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "k"},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: v},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// FuzzWriteString checks that any string Write writes reads back the same
// with yaml.v3, and that the strings a YAML 1.1 reader misreads are quoted.
func FuzzWriteString(f *testing.F) {
	for _, tc := range yaml11Cases {
		f.Add(tc.value)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if !utf8.ValidString(v) {
			return
		}
		var back map[string]string
		out := writeString(t, v)
		if err := yaml.Unmarshal([]byte(out), &back); err != nil || back["k"] != v {
			t.Errorf("%q written as %q reads back as %q, %v", v, out, back["k"], err)
		}
		if misreadByYAML11(v) && !strings.HasPrefix(out, `k: "`) {
			t.Errorf("%q written unquoted: %q", v, out)
		}
	})
}
