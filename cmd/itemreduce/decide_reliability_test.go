package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecideReliabilityCost: with --current the audit gives each theme's
// and composite's items, alpha and omega before and after the decision;
// a composite that keeps every item is unchanged, one that lost an item
// has no figure after; without --current the audit says how to see them.
func TestDecideReliabilityCost(t *testing.T) {
	dir := t.TempDir()
	audit := filepath.Join(dir, "audit.json")
	args := append(append([]string{}, decideArgs...), "--combine", "at-least:3",
		"--current", "examples/wijkteams/responses-2017.csv", "--out", filepath.Join(dir, "next.yaml"), "--audit", audit)
	if r := runRoot(t, args...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(audit)
	var v struct {
		Reproducibility struct {
			Inputs []struct {
				Role, File, SHA256 string
			}
		}
		Costs struct {
			Reliability []struct {
				Name        string
				ItemsBefore int      `json:"items_before"`
				ItemsAfter  int      `json:"items_after"`
				A0          *float64 `json:"alpha_before"`
				A1          *float64 `json:"alpha_after"`
				O1          *float64 `json:"omega_after"`
				Lost        bool     `json:"composite_lost"`
			} `json:"reliability"`
		} `json:"costs"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range v.Costs.Reliability {
		got[r.Name] = r.ItemsAfter
		switch r.Name {
		case "Transitiecompetenties": // all ten kept
			if r.ItemsBefore != 10 || r.ItemsAfter != 10 || r.A0 == nil || r.A1 == nil || *r.A0 != *r.A1 {
				t.Errorf("%s: %+v", r.Name, r)
			}
		case "Bakens Welzijn Nieuwe Stijl": // lacks IN20
			if !r.Lost || r.A1 != nil || r.O1 != nil || r.ItemsAfter != r.ItemsBefore-1 {
				t.Errorf("%s: %+v", r.Name, r)
			}
		case "Samenwerking en kwaliteit":
			if r.ItemsBefore != 24 || r.ItemsAfter >= 24 || r.A1 == nil || r.A0 == nil {
				t.Errorf("%s: %+v", r.Name, r)
			}
		}
	}
	if len(v.Costs.Reliability) != 8 {
		t.Errorf("%d scales, want 6 themes and 2 composites: %v", len(v.Costs.Reliability), got)
	}
	// The --current file is among the checksummed inputs.
	answers, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/responses-2017.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(answers)
	listed := false
	for _, in := range v.Reproducibility.Inputs {
		if in.File == "responses-2017.csv" && in.SHA256 == hex.EncodeToString(sum[:]) && strings.Contains(in.Role, "answers") {
			listed = true
		}
	}
	if !listed {
		t.Errorf("--current responses-2017.csv with SHA-256 %x not among the audit's inputs: %+v", sum, v.Reproducibility.Inputs)
	}
	md, _ := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/audit-2018.md"))
	if !strings.Contains(string(md), "geef `itemreduce decide` de antwoorden van dit jaar met --current") {
		t.Error("the example's audit, made without --current, does not say how to see the reliability")
	}
}
