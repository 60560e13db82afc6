package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes checks, for every command, the exit codes the README
// documents: 0 done, 1 the input or the data were wrong (or a file is in
// the way of an output), 2 the command line was wrong. Every failure says
// why on stderr and writes nothing on stdout, except help.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	bank := "examples/wijkteams/bank.yaml"
	brokenBank := out("broken.yaml")
	if err := os.WriteFile(brokenBank, []byte("scales:\n  likert5: {min: 1, max: 5}\nitems:\n  - {id: A, scale: likert7}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waves := []string{"--previous", "examples/wijkteams/responses-2016.csv", "--current", "examples/wijkteams/responses-2017.csv"}
	with := func(args ...string) []string { return args }
	decide := with("decide", "--bank", bank, "--review", "examples/wijkteams/review.yaml", "--proposal", "examples/wijkteams/proposals/zwolle.yaml")
	tests := []struct {
		name string
		args []string
		code int
		msg  string // in stderr
	}{
		{"flag done", append(with("flag", "--bank", bank), waves...), 0, ""},
		{"flag data file missing", with("flag", "--bank", bank, "--previous", "nope.csv", "--current", "nope2.csv"), 1, "nope.csv"},
		{"flag bank wrong", append(with("flag", "--bank", brokenBank), waves...), 1, "likert7"},
		{"flag unknown option", append(with("flag", "--bnak", bank), waves...), 2, "unknown option --bnak; did you mean --bank?"},
		{"flag missing option", with("flag", "--bank", bank), 2, "give the answers of both waves"},
		{"flag format", append(with("flag", "--bank", bank, "--format", "tabel"), waves...), 2, "did you mean table?"},
		{"flag --wide with json", append(with("flag", "--bank", bank, "--format", "json", "--wide"), waves...), 2, "--wide is for the table"},

		{"bank init done", with("bank", "init", "--from", "examples/wijkteams/responses-2017.sav", "-o", out("draft.yaml")), 0, "drafted"},
		{"bank init data missing", with("bank", "init", "--from", "nope.sav"), 1, "nope.sav"},
		{"bank init unknown option", with("bank", "init", "--fro", "x.sav"), 2, "did you mean --from?"},

		{"review done", append(with("review", "--bank", bank, "--out", out("review.yaml")), waves...), 0, "Wrote"},
		{"review bank missing", append(with("review", "--bank", "nope.yaml", "--out", out("r2.yaml")), waves...), 1, "nope.yaml"},
		{"review no --out", append(with("review", "--bank", bank), waves...), 2, "--out FILE"},

		{"proposal done", with("proposal", "--bank", bank, "--out", out("zwolle.yaml")), 0, ""},
		{"proposal bank wrong", with("proposal", "--bank", brokenBank), 1, "likert7"},
		{"proposal target not a number", with("proposal", "--bank", bank, "--target", "tachtig"), 2, "--target"},

		{"decide done", append(decide, "--out", out("next.yaml")), 0, ""},
		{"decide review missing", with("decide", "--bank", bank, "--review", "nope.yaml", "--proposal", "examples/wijkteams/proposals/zwolle.yaml", "--out", out("n2.yaml")), 1, "nope.yaml"},
		{"decide combine", append(decide, "--combine", "most", "--out", out("n3.yaml")), 2, "--combine"},
		{"decide combine typo", append(decide, "--combine", "majorty", "--out", out("n4.yaml")), 2, "; did you mean majority?"},
		{"decide option needs a value", append(decide, "--out"), 2, "option --out needs a value"},

		{"summarize done", with("summarize", "--bank", bank, "--data", "examples/wijkteams/responses-2017.csv", "-o", out("x.summary.json")), 0, "wrote"},
		{"summarize data missing", with("summarize", "--bank", bank, "--data", "nope.csv", "-o", out("y.summary.json")), 1, "nope.csv"},
		{"summarize missing option", with("summarize", "--bank", bank), 2, "give --data"},

		{"help", with("help", "flag"), 0, ""},
		{"help unknown", with("help", "flg"), 2, "did you mean \"flag\"?"},
		{"version", with("version"), 0, ""},
		{"unknown command", with("flg"), 2, "did you mean \"flag\"?"},
		{"unknown program option", with("--verbose"), 2, "unknown option --verbose"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("stderr %q, want it to contain %q", r.stderr, tc.msg)
			}
			if tc.code != 0 && r.stdout != "" {
				t.Errorf("a failing run wrote to stdout: %.200q", r.stdout)
			}
		})
	}
}

// TestOptionSuggestions checks that a mistyped option is named with the
// option meant, and that help is not printed instead of the data.
func TestOptionSuggestions(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"flag", "--bnak", "x"}, "itemreduce: unknown option --bnak; did you mean --bank?\nrun itemreduce flag --help for the options\n"},
		{[]string{"flag", "--previos", "x"}, "itemreduce: unknown option --previos; did you mean --previous?\nrun itemreduce flag --help for the options\n"},
		{[]string{"flag", "--wher", "gemeente=Zwolle"}, "itemreduce: unknown option --wher; did you mean --where?\nrun itemreduce flag --help for the options\n"},
		{[]string{"decide", "--proposals", "x"}, "itemreduce: unknown option --proposals; did you mean --proposal?\nrun itemreduce decide --help for the options\n"},
		{[]string{"bank", "init", "--frm", "x"}, "itemreduce: unknown option --frm; did you mean --from?\nrun itemreduce bank init --help for the options\n"},
		{[]string{"flag", "--statistics"}, "itemreduce: unknown option --statistics\nrun itemreduce flag --help for the options\n"},
		{[]string{"flag", "-x"}, "itemreduce: unknown option -x\nrun itemreduce flag --help for the options\n"},
		{[]string{"flag", "--bank"}, "itemreduce: option --bank needs a value: --bank FILE\nrun itemreduce flag --help for the options\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != 2 || r.stderr != tc.stderr || r.stdout != "" {
				t.Errorf("exit %d, stdout %.40q, stderr %q; want exit 2, nothing on stdout, stderr %q", r.code, r.stdout, r.stderr, tc.stderr)
			}
		})
	}
}
