//go:build unix

package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRefreshKeepsModeAndLink: refreshing a review file kept private
// (0600) keeps it private, and one reached through a symbolic link stays
// a link to the refreshed file.
func TestRefreshKeepsModeAndLink(t *testing.T) {
	dir, shared := t.TempDir(), t.TempDir()
	copyExample(t, dir, "bank.yaml", "responses-2016.csv", "responses-2017.csv", "report-2018.yaml")
	args := []string{"review", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv"}
	// A review file made with the report's thresholds, refreshed below
	// with the default ones: the refresh changes its ticks. What it should
	// become is what refreshing an ordinary copy gives.
	review := filepath.Join(shared, "review.yaml")
	if r := runIn(t, dir, append(args, "--config", "report-2018.yaml", "--out", review)...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	old, _ := os.ReadFile(review)
	os.WriteFile(filepath.Join(dir, "plain.yaml"), old, 0o644)
	if r := runIn(t, dir, append(args, "--out", "plain.yaml")...); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want, _ := os.ReadFile(filepath.Join(dir, "plain.yaml"))
	if bytes.Equal(want, old) {
		t.Fatal("the refresh changes nothing: this test tests nothing")
	}
	os.Chmod(review, 0o600)
	os.Symlink(review, filepath.Join(dir, "review.yaml"))
	owned := os.Geteuid() == 0 // only root may give a file away, and keep it given
	if owned {
		os.Chown(review, 4321, 4322)
	}
	for _, out := range []string{"review.yaml", review} {
		r := runIn(t, dir, append(args, "--out", out)...)
		if r.code != 0 || !strings.Contains(r.stderr, "Refreshed "+out) {
			t.Fatalf("--out %s: exit %d: %s%s", out, r.code, r.stdout, r.stderr)
		}
		if st, err := os.Lstat(filepath.Join(dir, "review.yaml")); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("--out %s: the link review.yaml is no longer a link", out)
		}
		if st, err := os.Stat(review); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("--out %s: %s has mode %v, want 0600", out, review, st.Mode().Perm())
		} else if sys := st.Sys().(*syscall.Stat_t); owned && (sys.Uid != 4321 || sys.Gid != 4322) {
			t.Errorf("--out %s: %s is owned by %d:%d, want 4321:4322", out, review, sys.Uid, sys.Gid)
		}
		if data, _ := os.ReadFile(review); !bytes.Equal(data, want) {
			t.Errorf("--out %s: %s was not refreshed", out, review)
		}
	}
	for _, d := range []string{dir, shared} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary file left: %s", e.Name())
			}
		}
	}
}

// TestInterruptedWrite stops the program with SIGTERM and with Ctrl-C
// (SIGINT) while it writes, between its temporary file and the rename
// (held there by ITEMREDUCE_TEST_SLOW_WRITE): the output is as before,
// no temporary file is left, and the exit code is the shell's.
func TestInterruptedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the program with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "itemreduce")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Dir = filepath.Dir(testdata)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := t.TempDir()
	copyExample(t, data, "bank.yaml", "responses-2016.csv", "responses-2017.csv")
	out := filepath.Join(data, "flags.out")
	args := []string{"flag", "--bank", "bank.yaml", "--previous", "responses-2016.csv", "--current", "responses-2017.csv", "--format", "csv", "-o", out}
	first := exec.Command(bin, args...)
	first.Dir = data
	if msg, err := first.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, msg)
	}
	for _, sig := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGTERM, 143, "SIGTERM"}, {syscall.SIGINT, 130, "Ctrl-C"}} {
		t.Run(sig.name, func(t *testing.T) {
			before := snapshot(t, data)
			cmd := exec.Command(bin, append(args, "--format", "markdown")...)
			cmd.Dir = data
			cmd.Env = append(os.Environ(), "ITEMREDUCE_TEST_SLOW_WRITE=1m")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			if !waitForTemp(data, before, 30*time.Second) {
				t.Fatalf("no temporary file appeared in %s; stderr: %s", data, stderr.String())
			}
			cmd.Process.Signal(sig.sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != sig.code {
				t.Errorf("exit: %v; want code %d", err, sig.code)
			}
			if !strings.Contains(stderr.String(), "stopped by "+sig.name) {
				t.Errorf("stderr %q does not say it was stopped by %s", stderr.String(), sig.name)
			}
			unchanged(t, data, before)
		})
	}
}

// waitForTemp reports whether a temporary file of itemreduce that is not
// in the snapshot before appears in dir within d.
func waitForTemp(dir string, before map[string]string, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			_, old := before[filepath.Join(dir, e.Name())]
			if !old && strings.Contains(e.Name(), ".itemreduce-") && strings.HasSuffix(e.Name(), ".tmp") {
				return true
			}
		}
	}
	return false
}
