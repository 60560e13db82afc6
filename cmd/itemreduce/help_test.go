package main

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
)

// TestHelpCommands checks that help, help COMMAND and version answer as
// --help and --version do, and that a mistyped command is named.
func TestHelpCommands(t *testing.T) {
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		stdout     string // prefix of stdout
		stderr     string // all of stderr
		sameAsArgs []string
	}{
		{name: "help", args: []string{"help"}, stdout: "NAME:\n   itemreduce - ", sameAsArgs: []string{"--help"}},
		{name: "help flag", args: []string{"help", "flag"}, stdout: "NAME:\n   itemreduce flag - ", sameAsArgs: []string{"flag", "--help"}},
		{name: "help bank init", args: []string{"help", "bank", "init"}, stdout: "NAME:\n   itemreduce bank init - ", sameAsArgs: []string{"bank", "init", "--help"}},
		{name: "version", args: []string{"version"}, stdout: "itemreduce version ", sameAsArgs: []string{"--version"}},
		{name: "no command", args: nil, stdout: "NAME:\n   itemreduce - ", sameAsArgs: []string{"--help"}},
		{name: "typo", args: []string{"flg"}, code: 2,
			stderr: "itemreduce: unknown command \"flg\"; did you mean \"flag\"?\nrun itemreduce help for the commands\n"},
		{name: "prefix", args: []string{"sum", "--bank", "x"}, code: 2,
			stderr: "itemreduce: unknown command \"sum\"; did you mean \"summarize\"?\nrun itemreduce help for the commands\n"},
		{name: "help typo", args: []string{"help", "reveiw"}, code: 2,
			stderr: "itemreduce: unknown command \"reveiw\"; did you mean \"review\"?\nrun itemreduce help for the commands\n"},
		{name: "nothing near", args: []string{"statistics"}, code: 2,
			stderr: "itemreduce: unknown command \"statistics\"\nrun itemreduce help for the commands\n"},
		{name: "bank typo", args: []string{"bank", "int"}, code: 2,
			stderr: "itemreduce: unknown command \"int\"; did you mean \"init\"?\nrun itemreduce bank help for the commands\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			if !strings.HasPrefix(r.stdout, tc.stdout) {
				t.Errorf("stdout %q, want it to begin with %q", r.stdout, tc.stdout)
			}
			if r.stderr != tc.stderr {
				t.Errorf("stderr %q, want %q", r.stderr, tc.stderr)
			}
			if tc.sameAsArgs != nil {
				if want := runCLI(t, tc.sameAsArgs...); r.stdout != want.stdout {
					t.Errorf("stdout differs from %q:\n%s\n--- want:\n%s", tc.sameAsArgs, r.stdout, want.stdout)
				}
			}
		})
	}
}

// TestMissingRequiredOption checks that a missing option is named in plain
// words, not as urfave/cli's "Required flag", "flag" being a command here.
func TestMissingRequiredOption(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"flag", "--previous", "a.csv", "--current", "b.csv"},
			"itemreduce flag: give --bank FILE (item bank FILE (YAML): scales and items)\n" +
				"Run itemreduce flag --help to see the options and an example.\n"},
		{[]string{"summarize", "-o", "x.summary.json"},
			"itemreduce summarize: give --bank FILE (item bank FILE (YAML): scales and items)\n" +
				"   and --data FILE (answers of one wave: a FILE (.csv, .xlsx, .sav; repeat to pool several files))\n" +
				"Run itemreduce summarize --help to see the options and an example.\n"},
		{[]string{"bank", "init"},
			"itemreduce bank init: give --from FILE (the data FILE to draft from (.sav, .zsav, .csv, .tsv, .txt, .xlsx))\n" +
				"Run itemreduce bank init --help to see the options and an example.\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCLI(t, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.stderr != tc.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, tc.stderr)
			}
		})
	}
}

// TestHelpWidth checks that no line of any command's help is longer than
// helpWidth characters.
func TestHelpWidth(t *testing.T) {
	var paths [][]string
	var walk func(prefix []string, cmds []*cli.Command)
	walk = func(prefix []string, cmds []*cli.Command) {
		for _, c := range cmds {
			p := append(append([]string{}, prefix...), c.Name)
			paths = append(paths, p)
			walk(p, c.Subcommands)
		}
	}
	paths = append(paths, nil)
	walk(nil, newApp(nil, nil, nil).Commands)
	if len(paths) < 9 {
		t.Fatalf("only %d commands found", len(paths))
	}
	for _, p := range paths {
		t.Run(strings.Join(append([]string{"itemreduce"}, p...), " "), func(t *testing.T) {
			r := runCLI(t, append(p, "--help")...)
			if r.code != 0 || r.stdout == "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			for i, line := range strings.Split(r.stdout, "\n") {
				if n := utf8.RuneCountInString(line); n > helpWidth {
					t.Errorf("line %d has %d characters, more than %d: %q", i+1, n, helpWidth, line)
				}
			}
		})
	}
}

func TestWrapHelp(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"   --x N  one two", "   --x N  one two"},
		{"   --x N  one two three four", "   --x N  one two\n          three four"},
		{"   plain text goes on here", "   plain text goes\n   on here"},
		{"   averyveryverylongword", "   averyveryverylongword"},
	} {
		if got := wrapHelp(tc.in, 20); got != tc.want {
			t.Errorf("wrapHelp(%q, 20) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSuggestCommand(t *testing.T) {
	cmds := newApp(nil, nil, nil).Commands
	for _, tc := range []struct{ in, want string }{
		{"flg", "flag"}, {"flags", "flag"}, {"Flag", "flag"}, {"dec", "decide"},
		{"revew", "review"}, {"xyzzy", ""}, {"summarise", "summarize"},
	} {
		if got := suggestCommand(tc.in, cmds); got != tc.want {
			t.Errorf("suggestCommand(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestConfirmationsOnStderr: a command that writes a file says so on
// stderr, leaving stdout for the data a command prints without -o.
func TestConfirmationsOnStderr(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"proposal", []string{"proposal", "--bank", "examples/wijkteams/bank.yaml", "-o", filepath.Join(dir, "p.yaml")}, "Wrote "},
		{"review", append(append([]string{}, reviewArgs...), "-o", filepath.Join(dir, "review.yaml")), "Wrote "},
		{"review again", append(append([]string{}, reviewArgs...), "-o", filepath.Join(dir, "review.yaml")), "Refreshed "},
		{"decide", append(append([]string{}, decideArgs...), "-o", filepath.Join(dir, "next.yaml")), "written to "},
		{"bank init", []string{"bank", "init", "--from", "examples/wijkteams/responses-2017.sav", "-o", filepath.Join(dir, "bank.yaml")}, "drafted "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runRoot(t, tc.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.want)
			}
		})
	}
}
