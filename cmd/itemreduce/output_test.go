package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itemreduce/itemreduce/internal/outfile"
)

// The tests of what the commands promise about the files they write: see
// internal/outfile and the README's "What itemreduce does to your files".
// They work on copies of the example in a temporary folder, so that a
// broken promise cannot damage the example itself.

// copyExample copies files of examples/wijkteams into dir and returns
// their new paths.
func copyExample(t *testing.T, dir string, names ...string) []string {
	t.Helper()
	var paths []string
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(repoRoot, "examples/wijkteams", name))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, filepath.Base(name))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths
}

// reviewFiles puts the example's bank and answers in dir, with a review
// file review.yaml made from them by itemreduce review.
func reviewFiles(t *testing.T, dir string) {
	t.Helper()
	copyExample(t, dir, "bank.yaml", "responses-2016.csv", "responses-2017.csv")
	r := runIn(t, dir, "review", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv", "--out", "review.yaml")
	if r.code != 0 {
		t.Fatalf("review: exit %d: %s", r.code, r.stderr)
	}
}

// runIn runs itemreduce from dir, so that relative paths are dir's.
func runIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"itemreduce"}, args...), strings.NewReader(""), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// snapshot is the name and content of every file in dir, links as links.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			link, err := os.Readlink(path)
			files[path] = "-> " + link
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// unchanged fails when dir differs from an earlier snapshot: a file
// changed, appeared (a temporary file, a new output) or went.
func unchanged(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	after := snapshot(t, dir)
	for path, was := range before {
		if now, ok := after[path]; !ok {
			t.Errorf("%s was removed", path)
		} else if now != was {
			t.Errorf("%s was changed", path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("%s was left in the folder", path)
		}
	}
}

// TestOutputNeverReplacesAnInput: each command line of the issue that
// overwrote an input, or wrote two outputs to one file, is refused with
// exit 1 and a message naming both files, and changes no file.
func TestOutputNeverReplacesAnInput(t *testing.T) {
	dir := t.TempDir()
	reviewFiles(t, dir)
	copyExample(t, dir, "proposals/zwolle.yaml")
	os.Mkdir(filepath.Join(dir, "a"), 0o755)
	os.Rename(filepath.Join(dir, "review.yaml"), filepath.Join(dir, "a", "review.yaml"))
	os.Symlink("a/review.yaml", filepath.Join(dir, "link.yaml"))
	decide := []string{"decide", "--bank", "bank.yaml", "--review", "a/review.yaml", "--proposal", "zwolle.yaml"}
	flag := []string{"flag", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv"}
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"decide --out the review file", append(decide, "--out", "a/review.yaml"),
			"--out a/review.yaml is also the file given with --review: writing it would replace a file this run reads, so nothing was written; choose another name for --out"},
		{"decide --out this year's bank", append(decide, "--out", "bank.yaml"), "--out bank.yaml is also the file given with --bank"},
		{"decide --out and --audit one file", append(decide, "--out", "x.json", "--audit", "x.json"),
			"--out x.json and --audit x.json are the same file: nothing was written; give each its own name"},
		{"decide --out the review through a link", append(decide, "--out", "link.yaml"),
			"--out link.yaml is the same file as --review a/review.yaml"},
		{"decide --out the review spelt another way", append(decide, "--out", "./a/../a/review.yaml"),
			"--out ./a/../a/review.yaml is the same file as --review a/review.yaml"},
		{"flag -o the raw answers", append(flag, "-o", "responses-2017.csv"), "--out responses-2017.csv is also the file given with --current"},
		{"flag --output the raw answers", append(flag, "--format", "csv", "--output", "responses-2016.csv"), "given with --previous"},
		{"flag -o the bank with --force", append(flag, "-o", "bank.yaml", "--force"), "given with --bank"},
		{"review --out the bank", []string{"review", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv", "--out", "bank.yaml"},
			"given with --bank"},
		{"bank init -o the data", []string{"bank", "init", "--from", "responses-2017.csv", "-o", "responses-2017.csv", "--force"},
			"--out responses-2017.csv is also the file given with --from"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(t, dir)
			r := runIn(t, dir, tc.args...)
			if r.code != 1 || !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit 1 with %q", r.code, r.stderr, tc.msg)
			}
			unchanged(t, dir, before)
		})
	}
}

// TestDecideAllOrNothing: when the audit cannot be written, the new bank
// is not written either (it was, before), and no temporary file is left.
func TestDecideAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	reviewFiles(t, dir)
	decide := []string{"decide", "--bank", "bank.yaml", "--review", "review.yaml", "--out", "next.yaml"}
	if r := runIn(t, dir, append(decide, "--audit", "audit.md")...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	os.WriteFile(filepath.Join(dir, "next.yaml"), []byte("# Item bank for next year, decided with itemreduce decide: last year's\n"), 0o644)
	before := snapshot(t, dir)
	r := runIn(t, dir, append(decide, "--audit", "no-such-folder/audit.md")...)
	if r.code != 1 || !strings.Contains(r.stderr, "cannot write --audit no-such-folder/audit.md: the folder no-such-folder does not exist") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	unchanged(t, dir, before)
}

// TestInterruptedCommit: a run cancelled (as by Ctrl-C) while its outputs
// are being written changes nothing and leaves no temporary file.
func TestInterruptedCommit(t *testing.T) {
	dir := t.TempDir()
	reviewFiles(t, dir)
	os.WriteFile(filepath.Join(dir, "audit.md"), []byte("# Audit of the item reduction: last year\n"), 0o644)
	before := snapshot(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var written int
	outfile.BeforeRename = func() {
		written = len(snapshot(t, dir)) - len(before)
		cancel()
	}
	defer func() { outfile.BeforeRename = nil }()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"itemreduce", "decide", "--bank", "bank.yaml", "--review", "review.yaml", "--out", "next.yaml", "--audit", "audit.md"},
		strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "no file was changed") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if written != 2 {
		t.Errorf("%d temporary files when the run was cancelled, want 2", written)
	}
	unchanged(t, dir, before)
}

// TestStaleTempFilesRemoved: a temporary file left by a run that was
// killed (kill -9) is removed by the next run writing the same file.
func TestStaleTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	reviewFiles(t, dir)
	stale := filepath.Join(dir, ".next.yaml.itemreduce-k1ll3d.tmp")
	os.WriteFile(stale, []byte("title: half a ba"), 0o600)
	yesterday := time.Now().Add(-24 * time.Hour)
	os.Chtimes(stale, yesterday, yesterday)
	if r := runIn(t, dir, "decide", "--bank", "bank.yaml", "--review", "review.yaml", "--out", "next.yaml"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s is still there", stale)
	}
}

// TestForeignFileNeedsForce: an existing file that is not an earlier
// output of the command is replaced only with --force; an earlier output,
// in any of the command's formats, is replaced without.
func TestForeignFileNeedsForce(t *testing.T) {
	dir := t.TempDir()
	reviewFiles(t, dir)
	flag := []string{"flag", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv"}
	decide := []string{"decide", "--bank", "bank.yaml", "--review", "review.yaml"}
	summarize := []string{"summarize", "--bank", "bank.yaml", "--data", "responses-2017.csv"}
	tests := []struct {
		name, file string
		args       []string
	}{
		{"flag", "notes.csv", append(flag, "--format", "csv", "-o", "notes.csv")},
		{"decide --out", "other-bank.yaml", append(decide, "--out", "other-bank.yaml")},
		{"decide --audit", "notes.md", append(decide, "--out", "next.yaml", "--audit", "notes.md")},
		{"summarize", "mine.summary.json", append(summarize, "-o", "mine.summary.json")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			os.WriteFile(path, []byte("my own notes\n"), 0o644)
			os.Remove(filepath.Join(dir, "next.yaml"))
			before := snapshot(t, dir)
			r := runIn(t, dir, tc.args...)
			want := tc.file + " already exists and does not look like a file that itemreduce " + tc.args[0] +
				" wrote: nothing was written; choose another name, or add --force to replace it"
			if r.code != 1 || !strings.Contains(r.stderr, want) {
				t.Errorf("exit %d, stderr %q; want exit 1 with %q", r.code, r.stderr, want)
			}
			unchanged(t, dir, before)
			if r := runIn(t, dir, append(tc.args, "--force")...); r.code != 0 {
				t.Fatalf("--force: exit %d: %s", r.code, r.stderr)
			}
			if data, _ := os.ReadFile(path); string(data) == "my own notes\n" {
				t.Errorf("--force did not replace %s", tc.file)
			}
		})
	}
}

// TestEarlierOutputReplaced: every command recognises every format it
// writes, so that running it again needs no --force.
func TestEarlierOutputReplaced(t *testing.T) {
	dir := t.TempDir()
	reviewFiles(t, dir)
	flag := []string{"flag", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv", "-o", "flags.out"}
	decide := []string{"decide", "--bank", "bank.yaml", "--review", "review.yaml", "--out", "next.yaml"}
	runs := [][]string{
		append(flag, "--format", "table"), append(flag, "--format", "csv"),
		append(flag, "--format", "json"), append(flag, "--format", "markdown"),
		append(decide, "--audit", "audit.md"), append(decide, "--audit", "audit.html"), append(decide, "--audit", "audit.json"),
		append(decide, "--audit", "audit.md"), append(decide, "--audit", "audit.html"), append(decide, "--audit", "audit.json"),
		{"summarize", "--bank", "bank.yaml", "--data", "responses-2017.csv", "-o", "s.summary.json"},
		{"summarize", "--bank", "bank.yaml", "--data", "responses-2017.csv", "-o", "s.summary.json"},
		{"review", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv", "--out", "review.yaml"},
	}
	// Each flag format replaces the other's file.
	os.WriteFile(filepath.Join(dir, "flags.out"), nil, 0o644)
	if r := runIn(t, dir, append(runs[0], "--force")...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, args := range append(runs, runs[:4]...) {
		if r := runIn(t, dir, args...); r.code != 0 {
			t.Errorf("itemreduce %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}

// TestOutputSpelling: every command writes with -o and --out; --output,
// the old spelling of flag, summarize and bank init, still works but is
// not shown in the help, and may not be given with --out.
func TestOutputSpelling(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "bank.yaml", "responses-2016.csv", "responses-2017.csv")
	flag := []string{"flag", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv"}
	for _, spelling := range []string{"-o", "--out", "--output"} {
		out := "flags" + spelling + ".txt"
		r := runIn(t, dir, append(flag, spelling, out)...)
		if _, err := os.Stat(filepath.Join(dir, out)); r.code != 0 || err != nil {
			t.Errorf("flag %s: exit %d, %v: %s", spelling, r.code, err, r.stderr)
		}
	}
	r := runIn(t, dir, append(flag, "--out", "a.txt", "--output", "b.txt")...)
	if r.code != 2 || !strings.Contains(r.stderr, "give the output file once, with --out") {
		t.Errorf("--out with --output: exit %d, %q", r.code, r.stderr)
	}
	for _, cmd := range [][]string{{"flag"}, {"review"}, {"proposal"}, {"decide"}, {"summarize"}, {"bank", "init"}} {
		r := runIn(t, dir, append(cmd, "--help")...)
		if !strings.Contains(r.stdout, "--out FILE, -o FILE") || strings.Contains(r.stdout, "--output") {
			t.Errorf("%s --help does not show --out and -o alone:\n%s", strings.Join(cmd, " "), r.stdout)
		}
	}
	r = runIn(t, dir, "decide", "--bank", "bank.yaml", "--review", "review.yaml")
	if r.code != 2 || !strings.Contains(r.stderr, "say which file to write with --out FILE") {
		t.Errorf("decide without --out: exit %d, %q", r.code, r.stderr)
	}
}
