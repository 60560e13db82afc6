package itembank

import (
	"bytes"
	"os"
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
