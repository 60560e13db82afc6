package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewGroups: on the example, grouping redundant items spares five
// representatives whose only tick was redundant (123 suggested drops per
// item, 118 in groups); the review file and the audit name each grouped
// item's group and representative; and a representative edited by hand is
// refused by decide through the digest.
func TestReviewGroups(t *testing.T) {
	dir := t.TempDir()
	perItem := filepath.Join(dir, "per-item.yaml")
	if err := os.WriteFile(perItem, []byte("redundancy: per_item\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	grouped, old := filepath.Join(dir, "groups.yaml"), filepath.Join(dir, "per-item-review.yaml")
	r := runRoot(t, append(reviewArgs, "--out", grouped)...)
	if r.code != 0 || !strings.Contains(r.stderr, "149 items, 118 suggested for removal") {
		t.Errorf("groups: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runRoot(t, append(reviewArgs, "--config", perItem, "--out", old)...)
	if r.code != 0 || !strings.Contains(r.stderr, "149 items, 123 suggested for removal") {
		t.Errorf("per_item: exit %d, stderr %q", r.code, r.stderr)
	}
	g, _ := os.ReadFile(grouped)
	p, _ := os.ReadFile(old)
	// SA02 and SA03 are redundant; SA02 (larger SD) stands for both.
	for _, want := range []string{"  redundancy: groups\n", "    group: 1\n    representative: SA02\n"} {
		if !strings.Contains(string(g), want) {
			t.Errorf("the grouped review file lacks %q", want)
		}
	}
	if strings.Contains(string(p), "representative:") || strings.Contains(string(p), "group:") ||
		!strings.Contains(string(p), "  redundancy: per_item\n") {
		t.Error("the per_item review file names groups, or not its redundancy setting")
	}

	md, _ := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/audit-2018.md"))
	for _, want := range []string{"groep 1, vertegenwoordiger: dit item", "groep 1, vertegenwoordiger: SA02"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("audit-2018.md lacks %q", want)
		}
	}

	example, _ := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams/review.yaml"))
	const sa03 = "      redundant: [{id: SA02, r: 0.67, n: 113, keep: SA02}]\n" +
		"      wave_test: {test: mann_whitney, p: 0.00699, p_holm: 0.804, effect: 0.20, n_previous: 109, n_current: 114}\n" +
		"    group: 1\n    representative: SA02\n"
	if !strings.Contains(string(example), sa03) {
		t.Fatalf("the example's SA03 entry changed; want it to contain\n%s", sa03)
	}
	edited := filepath.Join(dir, "edited.yaml")
	os.WriteFile(edited, []byte(strings.Replace(string(example), sa03, strings.Replace(sa03, "representative: SA02", "representative: SA03", 1), 1)), 0o644)
	args := append([]string{}, decideArgs...)
	for i, a := range args {
		if a == "examples/wijkteams/review.yaml" {
			args[i] = edited
		}
	}
	r = runRoot(t, append(args, "--out", filepath.Join(dir, "next.yaml"))...)
	if r.code != 1 || !strings.Contains(r.stderr, "SA03") || !strings.Contains(r.stderr, "edited by hand") {
		t.Errorf("edited representative: exit %d, stderr %q", r.code, r.stderr)
	}
}
