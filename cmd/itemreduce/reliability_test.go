package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// withoutReliability returns flag JSON without the reliability list and
// its warnings, which depend on the bank's themes, keys and composites
// (a drafted bank has none of them).
func withoutReliability(t *testing.T, out string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc["reliability"].([]any); !ok {
		t.Fatal("flag JSON has no reliability list")
	}
	delete(doc, "reliability")
	var kept []any
	for _, w := range doc["warnings"].([]any) {
		if s := w.(string); !strings.HasPrefix(s, `theme "`) && !strings.HasPrefix(s, `composite "`) {
			kept = append(kept, w)
		}
	}
	doc["warnings"] = kept
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFlagReliability checks the reliability list of flag's JSON: one
// entry per theme and composite of the example, in the documented shape,
// reverse-keyed items named.
func TestFlagReliability(t *testing.T) {
	r := runCLI(t, append(exampleArgs, "--format", "json")...)
	var out struct {
		Reliability []struct {
			Kind       string   `json:"kind"`
			Name       string   `json:"name"`
			Alpha      *float64 `json:"alpha"`
			AlphaStd   *float64 `json:"alpha_std"`
			AverageR   *float64 `json:"average_r"`
			OmegaTotal *float64 `json:"omega_total"`
			NMin       int      `json:"n_min"`
			Reversed   []string `json:"reversed"`
			Items      []struct {
				ID             string   `json:"id"`
				ItemRestR      *float64 `json:"item_rest_r"`
				AlphaIfDeleted *float64 `json:"alpha_if_deleted"`
			} `json:"items"`
		} `json:"reliability"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	var names []string
	items := 0
	for _, sr := range out.Reliability {
		names = append(names, sr.Kind+":"+sr.Name)
		if sr.Alpha == nil || sr.AlphaStd == nil || sr.AverageR == nil || sr.OmegaTotal == nil || sr.NMin < 3 || sr.Reversed == nil {
			t.Errorf("%s %s: a figure is missing: %+v", sr.Kind, sr.Name, sr)
		}
		if sr.Kind == "theme" {
			items += len(sr.Items)
		}
	}
	want := "theme:Samenwerking en kwaliteit,theme:Ervaringen,theme:Inhoud van het werk,theme:Eigen capaciteiten," +
		"theme:Organisatorische randvoorwaarden,theme:Werkbeleving,composite:Bakens Welzijn Nieuwe Stijl,composite:Transitiecompetenties"
	if got := strings.Join(names, ","); got != want {
		t.Errorf("scales %s\nwant %s", got, want)
	}
	if items != 149 {
		t.Errorf("themes hold %d items, want all 149", items)
	}
	if got := strings.Join(out.Reliability[0].Reversed, ","); got != "SA01,SA15,SA17" {
		t.Errorf("reversed in Samenwerking en kwaliteit: %s, want SA01,SA15,SA17", got)
	}
}
