//go:build unix

package outfile

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNotAFile: folders and pipes are never replaced.
func TestNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	for _, path := range []string{dir, fifo} {
		s := &Set{Force: true}
		s.Output("-o", path, anyFile).Data = []byte("x")
		if err := s.Commit(context.Background()); err == nil || !strings.Contains(err.Error(), "cannot write -o "+path) {
			t.Errorf("%s: %v", path, err)
		}
	}
}

// TestKeepsModeOwnerAndLink: a replaced file keeps its mode and owner, a
// symbolic link stays a link to the updated file, a new file gets the
// umask's mode.
func TestKeepsModeOwnerAndLink(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	private := filepath.Join(dir, "review.yaml")
	write(t, private, "old\n", 0o600)
	target := filepath.Join(elsewhere, "real.yaml")
	write(t, target, "old\n", 0o640)
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	owned := os.Geteuid() == 0 // only root may give a file away
	if owned {
		if err := os.Chown(private, 4321, 4322); err != nil {
			t.Fatal(err)
		}
	}
	fresh := filepath.Join(dir, "fresh.yaml")

	s := &Set{}
	s.Output("--out", private, anyFile).Data = []byte("new 1\n")
	s.Output("--audit", link, anyFile).Data = []byte("new 2\n")
	s.Output("--other", fresh, nil).Data = []byte("new 3\n")
	if err := s.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(private); st.Mode().Perm() != 0o600 || content(t, private) != "new 1\n" {
		t.Errorf("%s: mode %v, %q; want 0600, new content", private, st.Mode().Perm(), content(t, private))
	}
	if owned {
		st, _ := os.Stat(private)
		if sys := st.Sys().(*syscall.Stat_t); sys.Uid != 4321 || sys.Gid != 4322 {
			t.Errorf("owner %d:%d, want 4321:4322", sys.Uid, sys.Gid)
		}
	}
	if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symbolic link", link)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o640 || content(t, target) != "new 2\n" {
		t.Errorf("link target: mode %v, %q", st.Mode().Perm(), content(t, target))
	}
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	if st, _ := os.Stat(fresh); st.Mode().Perm() != 0o666&^fs.FileMode(umask) {
		t.Errorf("new file mode %v, want 0666 less umask %03o", st.Mode().Perm(), umask)
	}
	noTemps(t, dir, elsewhere)
}
