package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProposalChecklist writes a team leader's checklist, refuses to
// overwrite it, and accepts it after lines are deleted.
func TestProposalChecklist(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zwolle.yaml")
	r := runRoot(t, "proposal", "--bank", "examples/wijkteams/bank.yaml", "--by", "Teamleider Zwolle", "--target", "80", "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(out)
	text := string(data)
	for _, want := range []string{"by: \"Teamleider Zwolle\"\n", "target_length: 80\n",
		"  - SA01  # De samenwerking binnen ons team kan beter dan nu het geval is.\n", "  # --- Werkbeleving\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("checklist lacks %q", want)
		}
	}
	if n := strings.Count(text, "\n  - "); n != 149 {
		t.Errorf("checklist has %d items, want 149", n)
	}

	r = runRoot(t, "proposal", "--bank", "examples/wijkteams/bank.yaml", "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("overwrite: exit %d, %s", r.code, r.stderr)
	}

	// Keep only the SA items: a valid proposal of 24 items.
	var kept []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(l, "  - ") || strings.HasPrefix(l, "  - SA") {
			kept = append(kept, l)
		}
	}
	os.WriteFile(out, []byte(strings.Join(kept, "\n")), 0o644)
	next := filepath.Join(filepath.Dir(out), "next.yaml")
	r = runRoot(t, "decide", "--bank", "examples/wijkteams/bank.yaml", "--review", "examples/wijkteams/review.yaml",
		"--proposal", out, "--combine", "all", "--out", next)
	if r.code != 0 || !strings.Contains(r.stderr, "Teamleider Zwolle            keeps  24 (target 80)") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
