package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTablesPoolLikeAnswers summarises the example's newer wave per
// municipality with --tables and checks that flag with method: spearman,
// kendall and polychoric on the three summaries gives, byte for byte, the JSON of
// the answers themselves (but for the selection, which names the files
// read); that at the default minimum the small tables are withheld, said
// so, and their pairs undecided with the reason; and that summaries
// without tables are refused with what to do.
func TestTablesPoolLikeAnswers(t *testing.T) {
	dir := t.TempDir()
	summaries := func(min string, tables bool) []string {
		var out []string
		for _, g := range []string{"Zwolle", "Ommen-Hardenberg", "Steenwijkerland"} {
			path := filepath.Join(dir, g+"-"+min+"-"+map[bool]string{true: "t", false: "n"}[tables]+".summary.json")
			args := []string{"summarize", "--bank", exampleBank, "--data", example2017, "--where", "gemeente=" + g,
				"--min-respondents", min, "--ledger", filepath.Join(dir, g+min+"releases.json"), "-o", path}
			if tables {
				args = append(args, "--tables")
			}
			r := runRoot(t, args...)
			if r.code != 0 {
				t.Fatalf("summarize %s: exit %d: %s", g, r.code, r.stderr)
			}
			if tables && min == "10" && g == "Steenwijkerland" && !strings.Contains(r.stderr, "withheld: the tables of answers of") {
				t.Errorf("summarize does not say which tables it withheld: %s", r.stderr)
			}
			out = append(out, path)
		}
		return out
	}
	flag := func(method string, current ...string) result {
		rules := filepath.Join(dir, method+".yaml")
		if err := os.WriteFile(rules, []byte("method: "+method+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"flag", "--bank", exampleBank, "--previous", example2016, "--config", rules, "--format", "json"}
		for _, c := range current {
			args = append(args, "--current", c)
		}
		return runRoot(t, args...)
	}
	open := summaries("1", true)
	for _, method := range []string{"spearman", "kendall", "polychoric"} {
		raw := flag(method, example2017)
		pooled := flag(method, open...)
		if raw.code != 0 || pooled.code != 0 {
			t.Fatalf("%s: exit %d and %d: %s %s", method, raw.code, pooled.code, raw.stderr, pooled.stderr)
		}
		if withoutSelection(t, pooled.stdout) != withoutSelection(t, raw.stdout) || !strings.Contains(raw.stdout, `"method": "`+method+`"`) {
			t.Errorf("%s: flag on the summaries differs from flag on the answers", method)
		}
	}
	closed := flag("spearman", summaries("10", true)...)
	if closed.code != 0 || !strings.Contains(closed.stdout, `"reason": "r_table_withheld"`) {
		t.Errorf("withheld tables: exit %d, no r_table_withheld: %s", closed.code, closed.stderr)
	}
	without := flag("polychoric", summaries("1", false)...)
	if without.code == 0 || !strings.Contains(without.stderr, "summarize --tables") {
		t.Errorf("summaries without tables: exit %d: %s", without.code, without.stderr)
	}
}
