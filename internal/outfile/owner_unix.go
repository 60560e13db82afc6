//go:build unix

package outfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of old, where the process may:
// only root may give a file away, so a refusal (EPERM) leaves f to the
// user who runs the command, as any new file.
func keepOwner(f *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok || (int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid()) {
		return
	}
	if err := f.Chown(int(st.Uid), int(st.Gid)); errors.Is(err, syscall.EPERM) {
		// Keep at least the group, which a member of it may set.
		f.Chown(-1, int(st.Gid))
	}
}
