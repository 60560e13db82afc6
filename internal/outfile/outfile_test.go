package outfile

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
)

// anyFile recognises every existing file as an earlier output.
func anyFile([]byte) bool { return true }

// write makes a file with content and mode.
func write(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// content reads a file, "<none>" when it does not exist.
func content(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "<none>"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// noTemps fails when a folder holds a temporary file of this package.
func noTemps(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.Contains(e.Name(), tempMark) {
				t.Errorf("temporary file left: %s", filepath.Join(dir, e.Name()))
			}
		}
	}
}

// TestRefusals: an output that is an input, another output, or a foreign
// file is refused before anything is written, with both names in the
// message, and every file stays byte for byte as it was.
func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.Mkdir("a", 0o755)
	write(t, "a/review.yaml", "decision: keep\n", 0o644)
	write(t, "bank.yaml", "items: []\n", 0o644)
	write(t, "notes.md", "my notes\n", 0o644)
	os.Symlink("a/review.yaml", "link.yaml")
	os.Link("bank.yaml", "hard.yaml")
	tests := []struct {
		name    string
		inputs  []string
		outputs []string
		known   func([]byte) bool
		want    error
		msg     string
	}{
		{"output is an input", []string{"a/review.yaml"}, []string{"a/review.yaml"}, anyFile, ErrInput,
			"--out a/review.yaml is also the file given with --in"},
		{"through a symlink", []string{"a/review.yaml"}, []string{"link.yaml"}, anyFile, ErrInput,
			"--out link.yaml is the same file as --in a/review.yaml"},
		{"other spelling", []string{"a/review.yaml"}, []string{"./a/../a/review.yaml"}, anyFile, ErrInput,
			"--out ./a/../a/review.yaml is the same file as --in a/review.yaml"},
		{"absolute spelling", []string{"a/review.yaml"}, []string{filepath.Join(dir, "a/review.yaml")}, anyFile, ErrInput, "--in a/review.yaml"},
		{"hard link", []string{"bank.yaml"}, []string{"hard.yaml"}, anyFile, ErrInput, "--out hard.yaml is the same file as --in bank.yaml"},
		{"input not there yet", []string{"new.csv"}, []string{"./new.csv"}, anyFile, ErrInput, "--in new.csv"},
		{"two outputs", nil, []string{"x.json", "x.json"}, anyFile, ErrSameOutput, "--out x.json and --out x.json are the same file"},
		{"two outputs, two spellings", nil, []string{"a/x.json", "a/../a/x.json"}, anyFile, ErrSameOutput, "are the same file"},
		{"two existing outputs via a link", nil, []string{"a/review.yaml", "link.yaml"}, anyFile, ErrSameOutput, "are the same file"},
		{"foreign file", nil, []string{"notes.md"}, nil, ErrExists,
			"--out notes.md already exists and does not look like a file that itemreduce test wrote: nothing was written; choose another name, or add --force to replace it"},
	}
	before := map[string]string{}
	for _, f := range []string{"a/review.yaml", "bank.yaml", "notes.md"} {
		before[f] = content(t, f)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &Set{Tool: "itemreduce test", ForceFlag: "--force"}
			s.Input("--in", tc.inputs...)
			for _, o := range tc.outputs {
				s.Output("--out", o, tc.known).Data = []byte("new\n")
			}
			err := s.Commit(context.Background())
			var ce *ConflictError
			if !errors.Is(err, tc.want) || !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Commit: %v; want %v with %q", err, tc.want, tc.msg)
			}
			for f, want := range before {
				if got := content(t, f); got != want {
					t.Errorf("%s changed to %q", f, got)
				}
			}
			for _, f := range []string{"x.json", "a/x.json", "new.csv"} {
				if content(t, f) != "<none>" {
					t.Errorf("%s was written", f)
				}
			}
			noTemps(t, ".", "a")
		})
	}
}

// TestForce: a foreign file is replaced with Force, a recognised one
// without; an input is refused even with Force.
func TestForce(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.txt")
	write(t, out, "theirs\n", 0o644)
	mine := func(head []byte) bool { return bytes.HasPrefix(head, []byte("# mine")) }
	commit := func(force bool, inputs ...string) error {
		s := &Set{Tool: "itemreduce test", Force: force}
		s.Input("--in", inputs...)
		s.Output("-o", out, mine).Data = []byte("# mine\n")
		return s.Commit(context.Background())
	}
	if err := commit(false); !errors.Is(err, ErrExists) || strings.Contains(err.Error(), "--force") {
		t.Fatalf("without Force: %v; want ErrExists, no --force offered when ForceFlag is empty", err)
	}
	if err := commit(true); err != nil || content(t, out) != "# mine\n" {
		t.Fatalf("with Force: %v, %q", err, content(t, out))
	}
	if err := commit(false); err != nil {
		t.Fatalf("over its own earlier output: %v", err)
	}
	if err := commit(true, out); !errors.Is(err, ErrInput) {
		t.Fatalf("over an input with Force: %v; want ErrInput", err)
	}
}

// TestAllOrNothing: when the second output fails, at writing or at its
// rename, the first stays as it was and no temporary file is left.
func TestAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "next.yaml")
	write(t, first, "old bank\n", 0o644)
	newFirst := filepath.Join(dir, "new.yaml")

	t.Run("second cannot be written", func(t *testing.T) {
		s := &Set{}
		s.Output("--out", first, anyFile).Data = []byte("new bank\n")
		s.Output("--out2", newFirst, anyFile).Data = []byte("new\n")
		s.Output("--audit", filepath.Join(dir, "no-such-folder", "audit.md"), anyFile).Data = []byte("audit\n")
		err := s.Commit(context.Background())
		want := "cannot write --audit " + filepath.Join(dir, "no-such-folder", "audit.md") + ": the folder " + filepath.Join(dir, "no-such-folder") + " does not exist"
		if err == nil || err.Error() != want {
			t.Fatalf("Commit: %v", err)
		}
		if content(t, first) != "old bank\n" || content(t, newFirst) != "<none>" {
			t.Errorf("first outputs: %q, %q", content(t, first), content(t, newFirst))
		}
		noTemps(t, dir)
	})

	t.Run("second cannot be renamed", func(t *testing.T) {
		blocked := filepath.Join(dir, "audit.md")
		s := &Set{}
		s.Output("--out", first, anyFile).Data = []byte("new bank\n")
		s.Output("--out2", newFirst, anyFile).Data = []byte("new\n")
		s.Output("--audit", blocked, anyFile).Data = []byte("audit\n")
		// A folder appears where the audit goes, after the checks.
		BeforeRename = func() { os.Mkdir(blocked, 0o755); os.WriteFile(filepath.Join(blocked, "x"), nil, 0o644) }
		defer func() { BeforeRename = nil }()
		err := s.Commit(context.Background())
		if err == nil || !strings.Contains(err.Error(), "cannot write --audit "+blocked) {
			t.Fatalf("Commit: %v", err)
		}
		if content(t, first) != "old bank\n" || content(t, newFirst) != "<none>" {
			t.Errorf("first outputs not put back: %q, %q", content(t, first), content(t, newFirst))
		}
		noTemps(t, dir)
	})
}

// TestCancel: a context cancelled before or during a Commit leaves
// nothing new and no temporary file.
func TestCancel(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	audit := filepath.Join(dir, "audit.json")
	write(t, out, "old\n", 0o644)
	for _, during := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		if during {
			BeforeRename = cancel
		} else {
			cancel()
		}
		s := &Set{}
		s.Output("--out", out, anyFile).Data = bytes.Repeat([]byte("new\n"), 1<<20)
		s.Output("--audit", audit, anyFile).Data = []byte("audit\n")
		err := s.Commit(ctx)
		BeforeRename = nil
		cancel()
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "no file was changed") {
			t.Errorf("during=%v: %v; want context.Canceled", during, err)
		}
		if content(t, out) != "old\n" || content(t, audit) != "<none>" {
			t.Errorf("during=%v: outputs changed", during)
		}
		noTemps(t, dir)
	}
}

// TestAbort: Abort, as a signal handler calls it, removes the temporary
// files of a Commit in progress, and that Commit changes nothing.
func TestAbort(t *testing.T) {
	defer func() { temps.aborted = false }()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.yaml")
	var seen int
	BeforeRename = func() {
		entries, _ := os.ReadDir(dir)
		seen = len(entries)
		Abort()
	}
	defer func() { BeforeRename = nil }()
	s := &Set{}
	s.Output("--out", out, nil).Data = []byte("new\n")
	if err := s.Commit(context.Background()); !errors.Is(err, ErrAborted) {
		t.Errorf("Commit: %v; want ErrAborted", err)
	}
	if seen != 1 {
		t.Errorf("%d files in the folder before the renames, want the one temporary file", seen)
	}
	if content(t, out) != "<none>" {
		t.Errorf("%s was written", out)
	}
	noTemps(t, dir)
}

// TestStaleTemps: temporary files of the same output left by a killed run
// (older than this process) are removed by the next Commit; recent ones,
// perhaps of a run still writing, and those of other files stay.
func TestStaleTemps(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "review.yaml")
	stale := filepath.Join(dir, ".review.yaml.itemreduce-1x2y.tmp")
	recent := filepath.Join(dir, ".review.yaml.itemreduce-3z4w.tmp")
	other := filepath.Join(dir, ".bank.yaml.itemreduce-5v6u.tmp")
	mine := filepath.Join(dir, ".review.yaml.12345.tmp") // not this tool's pattern
	for _, f := range []string{stale, recent, other, mine} {
		write(t, f, "partial", 0o600)
	}
	hour := time.Now().Add(-time.Hour)
	for _, f := range []string{stale, other, mine} {
		os.Chtimes(f, hour, hour)
	}
	s := &Set{}
	s.Output("--out", out, nil).Data = []byte("new\n")
	if err := s.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if content(t, stale) != "<none>" {
		t.Errorf("stale %s not removed", stale)
	}
	for _, f := range []string{recent, other, mine} {
		if content(t, f) == "<none>" {
			t.Errorf("%s removed", f)
		}
	}
}
