package reduction

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// auditCase decides the combine test case with a merge, a new item and an
// item text holding Markdown and HTML markup.
func auditCase(t *testing.T) *Audit {
	t.Helper()
	bank, _, props := combineCase(t)
	bank.Items[2].Text = "Stelling met | pijp, <b>tag</b> & *ster*"
	review := decided(t, writeReview(t, screeningA(bank)), map[string][2]string{
		"A1": {"keep", "nodig voor de Index"},
		"A2": {"keep", "idem"},
	})
	review = []byte(strings.Replace(string(review), "add:\n", "add:\n  - {id: N1, text: Nieuw, scale: likert5, reason: van de teamleiders}\n", 1))
	review = []byte(strings.Replace(string(review), "merge:\n", "merge:\n  - {id: M1, text: Samen, scale: grade10, from: [G1, A3], reason: een vraag}\n", 1))
	d, err := Decide(bank, loadReviewBytes(t, review), props, Combine{Rule: "at-least", N: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Next(""); err != nil {
		t.Fatal(err)
	}
	return NewAudit(d, "itemreduce test", FileDigest{File: "bank.yaml", SHA256: "ab"}, FileDigest{File: "review.yaml", SHA256: "12"},
		[]FileDigest{{File: "p1.yaml", SHA256: "34"}, {File: "p2.yaml", SHA256: "56"}, {File: "p3.yaml", SHA256: "78"}})
}

func render(t *testing.T, a *Audit, f func(*Audit, io.Writer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(a, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var auditFormats = map[string]func(*Audit, io.Writer) error{
	"markdown": (*Audit).WriteMarkdown,
	"html":     (*Audit).WriteHTML,
	"json":     (*Audit).WriteJSON,
}

// TestAuditDeterministic: the same inputs give the same audit, byte for byte.
func TestAuditDeterministic(t *testing.T) {
	for name, f := range auditFormats {
		if a, b := render(t, auditCase(t), f), render(t, auditCase(t), f); a != b {
			t.Errorf("%s: two audits of the same inputs differ", name)
		}
	}
}

func TestAuditJSON(t *testing.T) {
	var v struct {
		Totals  Totals `json:"totals"`
		Sources []struct {
			Name string `json:"name"`
			Kept int    `json:"kept"`
		} `json:"sources"`
		Items []struct {
			ID         string `json:"id"`
			Final      string `json:"final"`
			Overridden bool   `json:"researchers_overrode_statistics"`
			Votes      []struct {
				Vote string `json:"vote"`
			} `json:"votes"`
			Evidence struct {
				Stable *struct {
					Value, Threshold string
					N                int64
				} `json:"stable"`
			} `json:"evidence"`
		} `json:"items"`
		Costs struct {
			Composites []LostComposite `json:"composites_lost"`
		} `json:"costs"`
		Reproducibility struct {
			Inputs []Input `json:"inputs"`
		} `json:"reproducibility"`
	}
	if err := json.Unmarshal([]byte(render(t, auditCase(t), (*Audit).WriteJSON)), &v); err != nil {
		t.Fatal(err)
	}
	// at-least:3 keeps A2 (4 keeps) and A3 (3), but A3 is merged into M1.
	if v.Totals != (Totals{Bank: 4, Kept: 1, Dropped: 1, Merged: 2, Merges: 1, Added: 1, Next: 3}) {
		t.Errorf("totals %+v", v.Totals)
	}
	if len(v.Sources) != 4 || v.Sources[0].Name != "researchers" || v.Sources[0].Kept != 3 {
		t.Errorf("sources %+v", v.Sources)
	}
	a1 := v.Items[0]
	if a1.ID != "A1" || a1.Final != "drop" || !a1.Overridden || len(a1.Votes) != 4 || a1.Evidence.Stable == nil || a1.Evidence.Stable.Threshold != "0.4" {
		t.Errorf("A1 %+v", a1)
	}
	if v.Items[3].Final != "merged" {
		t.Errorf("G1 final %q, want merged", v.Items[3].Final)
	}
	if len(v.Costs.Composites) != 1 || v.Costs.Composites[0].Name != "Index" {
		t.Errorf("lost composites %+v", v.Costs.Composites)
	}
	if len(v.Reproducibility.Inputs) != 7 { // bank, review, 3 proposals, 2 waves
		t.Errorf("inputs %+v", v.Reproducibility.Inputs)
	}
}

func TestAuditMarkdown(t *testing.T) {
	md := render(t, auditCase(t), (*Audit).WriteMarkdown)
	for _, want := range []string{
		"**4 items: 1 kept, 1 dropped, 2 merged into 1; 1 new → 3 items next year.**",
		"| researchers | review.yaml (researchers) | 3 | — |",
		"| A1 | 2 | drop | keep | nodig voor de Index | K K D D (2) | drop |",
		"stable: \\|shift\\| 0.05 &lt; 0.4 (n 100, previous n 90)",
		"Stelling met \\| pijp, &lt;b&gt;tag&lt;/b&gt; & \\*ster\\*",
		"- Index: lacks A1",
		"| newer wave (recorded in the review file) | 2017.csv | `ef` |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// Every table row has as many cells as its header.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| A") && strings.Count(strings.ReplaceAll(line, "\\|", ""), "|") != 9 && strings.Count(strings.ReplaceAll(line, "\\|", ""), "|") != 8 {
			t.Errorf("row with a broken cell count: %s", line)
		}
	}
}

// TestAuditHTML checks that the page is self-contained and well formed;
// that it renders is checked by opening it in a browser (see README).
func TestAuditHTML(t *testing.T) {
	page := render(t, auditCase(t), (*Audit).WriteHTML)
	for _, banned := range []string{"<script", "<link", "src=", "href=", "@import", "url("} {
		if strings.Contains(page, banned) {
			t.Errorf("page refers to another file or runs code: %q", banned)
		}
	}
	for _, want := range []string{"<!DOCTYPE html>", `<meta charset="utf-8" />`, `id="item-A1"`, `id="item-G1"`,
		"Stelling met | pijp, &lt;b&gt;tag&lt;/b&gt; &amp; *ster*", "4 items: 1 kept, 1 dropped"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Every element is closed: parse it as XML with HTML's entities.
	dec := xml.NewDecoder(strings.NewReader(strings.TrimPrefix(page, "<!DOCTYPE html>\n")))
	dec.Entity = xml.HTMLEntity
	var open []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("page is not well formed: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			open = append(open, e.Name.Local)
		case xml.EndElement:
			open = open[:len(open)-1]
		}
	}
	if len(open) != 0 {
		t.Errorf("unclosed elements: %v", open)
	}
}
