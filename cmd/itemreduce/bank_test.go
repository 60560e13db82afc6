package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBankInitLoadsIntoFlag drafts banks from the example's SPSS and CSV
// files and screens with each draft as written: the JSON must equal the
// JSON with the hand-written bank, since the example's drafts find the
// same items, in the same order, on the same scales. A draft knows no
// reverse-keyed items, so the wave tests of those differ (bank.yaml's flip
// the answers) and are left out of the comparison. Nor does a draft know
// the themes, whose item-rest r orders the representatives of redundancy
// groups, so both screen with redundancy: per_item.
func TestBankInitLoadsIntoFlag(t *testing.T) {
	perItem := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(perItem, []byte("redundancy: per_item\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waves := []string{"--previous", ex("responses-2016.csv"), "--current", ex("responses-2017.csv"), "--config", perItem}
	want := flagJSON(t, ex("bank.yaml"), waves...)
	for _, from := range []string{"responses-2017.sav", "responses-2017.csv", "responses-alle-jaren.zsav"} {
		t.Run(from, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "bank.yaml")
			_, errOut, code := runArgs(t, "bank", "init", "--from", ex(from), "-o", out)
			if code != 0 {
				t.Fatalf("bank init: exit %d: %s", code, errOut)
			}
			if !strings.Contains(errOut, "drafted 149 items on 2 scale(s)") {
				t.Errorf("stderr %q does not report 149 items on 2 scales", errOut)
			}
			draft, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(draft), "# Columns left out") || !strings.Contains(string(draft), "leeftijd") {
				t.Errorf("the draft does not list the columns left out:\n%.600s", draft)
			}
			if strings.HasSuffix(from, ".csv") && !strings.Contains(string(draft), "inferred from the answers seen") {
				t.Errorf("a draft from a CSV does not say its scales were inferred:\n%.600s", draft)
			}
			if got := flagJSON(t, out, waves...); withoutFlipped(t, withoutReliability(t, got), want) != withoutFlipped(t, withoutReliability(t, want), want) {
				t.Errorf("flag with the draft bank gives other JSON than with bank.yaml")
			}
		})
	}
}

// withoutFlipped returns flag JSON without the wave tests of the items
// whose wave test in ref flipped the answers (reverse-keyed items).
func withoutFlipped(t *testing.T, out, ref string) string {
	t.Helper()
	type doc = map[string]any
	var a, r doc
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(ref), &r); err != nil {
		t.Fatal(err)
	}
	flipped := map[any]bool{}
	for _, it := range r["items"].([]any) {
		if wt, ok := it.(doc)["wave_test"].(doc); ok && wt["flipped"] == true {
			flipped[it.(doc)["id"]] = true
		}
	}
	if len(flipped) == 0 {
		t.Fatal("no reverse-keyed item in the reference")
	}
	for _, it := range a["items"].([]any) {
		if flipped[it.(doc)["id"]] {
			delete(it.(doc), "wave_test")
		}
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBankInitErrors(t *testing.T) {
	exists := filepath.Join(t.TempDir(), "bank.yaml")
	if err := os.WriteFile(exists, []byte("title: mijn bank\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no --from", []string{}, 2, "itemreduce bank init: give --from FILE"},
		{"would overwrite", []string{"--from", ex("responses-2017.sav"), "-o", exists}, 1, "already exists"},
		{"not data", []string{"--from", ex("bank.yaml")}, 1, `unsupported file type ".yaml"`},
		{"missing file", []string{"--from", ex("nope.sav")}, 1, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runArgs(t, append([]string{"bank", "init"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
	data, err := os.ReadFile(exists)
	if err != nil || string(data) != "title: mijn bank\n" {
		t.Errorf("the existing bank was changed: %q, %v", data, err)
	}
	if _, errOut, code := runArgs(t, "bank", "init", "--from", ex("responses-2017.sav"), "-o", exists, "--force"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, errOut)
	}
}
