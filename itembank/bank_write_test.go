package itembank

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestWriteYAMLRoundTrip checks that a written bank loads back unchanged.
func TestWriteYAMLRoundTrip(t *testing.T) {
	src := `title: "Proef"
scales:
  likert5: {min: 1, max: 5, missing: [9, -1], labels: {1: oneens, 5: eens}}
  grade10: {min: 1, max: 10}
items:
  - {id: SA01, text: "Wij werken goed samen: echt", scale: likert5, theme: Samenwerking}
  - {id: SA02, text: "yes", scale: likert5, reverse: true}
  - {id: TB01, text: "Ik beschik over 'lef'", scale: grade10}
composites:
  "Bakens Welzijn": [SA01, TB01]
`
	b, err := LoadBank(bytes.NewBufferString(src), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.WriteYAML(&out); err != nil {
		t.Fatal(err)
	}
	b2, err := LoadBank(bytes.NewReader(out.Bytes()), "written.yaml")
	if err != nil {
		t.Fatalf("written bank does not load: %v\n%s", err, out.String())
	}
	var out2 bytes.Buffer
	if err := b2.WriteYAML(&out2); err != nil {
		t.Fatal(err)
	}
	if out.String() != out2.String() {
		t.Errorf("second write differs:\n%s\n---\n%s", out.String(), out2.String())
	}
	if got := b2.Item("SA02"); got == nil || !got.Reverse || got.Scale.Name != "likert5" {
		t.Errorf("SA02 = %+v", got)
	}
	if got := b2.Item("SA01"); got.Text != "Wij werken goed samen: echt" || got.Theme != "Samenwerking" {
		t.Errorf("SA01 = %+v", got)
	}
	s := b2.Scale("likert5")
	if len(s.Missing) != 2 || s.Missing[1].Units != -1 || s.Labels[5] != "eens" {
		t.Errorf("likert5 = %+v", s)
	}
	if len(b2.Composites) != 1 || b2.Composites[0].Name != "Bakens Welzijn" || len(b2.Composites[0].Items) != 2 {
		t.Errorf("composites = %+v", b2.Composites)
	}
	if os.Getenv("SHOW") != "" {
		t.Log(out.String())
	}
}

// TestWriteYAMLQuotesYAML11 checks that labels, ids and texts a YAML 1.1
// reader (PyYAML, R's yaml) would take for a bool, null or number are
// written quoted, and that the bank loads back the same.
func TestWriteYAMLQuotesYAML11(t *testing.T) {
	src := `scales:
  yn: {min: 1, max: 2, labels: {1: "Yes", 2: "No"}}
  "on": {min: 0, max: 1, labels: {0: "off", 1: "1.0"}}
items:
  - {id: "0123", text: "true", scale: yn}
  - {id: "y", text: "~", scale: "on", theme: "null"}
`
	b, err := LoadBank(bytes.NewBufferString(src), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.WriteYAML(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`labels: {1: "Yes", 2: "No"}`, `labels: {0: "off", 1: "1.0"}`,
		`"on":`, `id: "0123"`, `text: "true"`, `id: "y"`, `text: "~"`, `scale: "on"`, `theme: "null"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("written bank lacks %s:\n%s", want, out.String())
		}
	}
	b2, err := LoadBank(bytes.NewReader(out.Bytes()), "written.yaml")
	if err != nil {
		t.Fatalf("written bank does not load: %v\n%s", err, out.String())
	}
	for _, bb := range []*Bank{b, b2} {
		for _, s := range bb.Scales {
			s.Line = 0 // where in the file, which writing changes
		}
		for _, it := range bb.Items {
			it.Line = 0
		}
	}
	if !reflect.DeepEqual(b, b2) {
		t.Errorf("bank loads back differently:\n%s", out.String())
	}
	if s := b2.Scale("yn"); s.Labels[1] != "Yes" || s.Labels[2] != "No" {
		t.Errorf("yn labels = %v", s.Labels)
	}
	if it := b2.Item("0123"); it == nil || it.Text != "true" {
		t.Errorf("item 0123 = %+v", it)
	}
}
