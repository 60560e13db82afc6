package proposalbook

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/toolcheck"
	"github.com/itemreduce/itemreduce/reduction"
)

// openpyxlPython returns a Python that has openpyxl, or skips the test;
// with REQUIRE_OPENPYXL=1 it fails instead.
func openpyxlPython(t *testing.T) string {
	t.Helper()
	return toolcheck.Python(t, "REQUIRE_OPENPYXL", "openpyxl")
}

// TestReadAfterOpenpyxl edits written checklists with openpyxl, which
// rewrites the whole workbook on saving as Excel does, and reads them.
func TestReadAfterOpenpyxl(t *testing.T) {
	py := openpyxlPython(t)
	bank := testBank(t, "")
	for _, tc := range []struct {
		name   string
		lang   string
		edits  string
		keep   []string
		by     string
		target int
		is     error
		err    string
	}{
		{name: "saved unchanged", lang: "nl", edits: `{}`, keep: []string{"A1", "A2", "B1", "B2"}, by: "Teamleider Zwolle", target: 3},
		{name: "answered", lang: "nl", edits: `{"cells": {"D8": "nee", "D10": " Nee", "B3": "Gemeente Ommen", "B4": 2}}`,
			keep: []string{"A2", "B2"}, by: "Gemeente Ommen", target: 2},
		{name: "english, target removed, a sheet in front", lang: "en", edits: `{"cells": {"D9": "NO", "B4": null}, "sheet_first": "Notes"}`,
			keep: []string{"A1", "B1", "B2"}, by: "Teamleider Zwolle"},
		{name: "unknown answer", lang: "nl", edits: `{"cells": {"D9": "misschien"}}`, is: ErrAnswer,
			err: `zwolle.xlsx:Voorstel:9:4: cell D9: invalid answer for A2: "misschien" is not ja or nee`},
		{name: "row deleted", lang: "nl", edits: `{"delete_rows": [9]}`, is: ErrMissingItem,
			err: "zwolle.xlsx:Voorstel: items of the bank missing from the sheet: A2;"},
		{name: "id changed", lang: "en", edits: `{"cells": {"B11": "B3"}}`, is: reduction.ErrUnknownItem,
			err: "zwolle.xlsx:Proposal:11:2: cell B11: B3 is not an item of the bank"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out, edits := filepath.Join(dir, "in.xlsx"), filepath.Join(dir, "out.xlsx"), filepath.Join(dir, "edits.json")
			os.WriteFile(in, written(t, bank, Options{By: "Teamleider Zwolle", Target: 3, Lang: tc.lang}), 0o644)
			os.WriteFile(edits, []byte(tc.edits), 0o644)
			if !json.Valid([]byte(tc.edits)) {
				t.Fatalf("edits %s are not JSON", tc.edits)
			}
			cmd := exec.Command(py, "testdata/openpyxl_edit.py", in, out, edits)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("openpyxl: %v\n%s", err, msg)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			keep, by, target, err := read(data, bank)
			if tc.err != "" {
				if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(keep, tc.keep) || by != tc.by || target != tc.target {
				t.Errorf("read keep %v, by %q, target %d; want %v, %q, %d", keep, by, target, tc.keep, tc.by, tc.target)
			}
		})
	}
}
