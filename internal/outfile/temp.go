package outfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// tempMark is in the name of every temporary file: .NAME.itemreduce-*.tmp.
const tempMark = ".itemreduce-"

// started is when this process began: a temporary file of an output older
// than this was left by an earlier run that was killed.
var started = time.Now()

// temps is the process-wide list of temporary files not yet renamed or
// removed. Its lock is held while a file is made and during the renames
// of a Commit, so that Abort finds every file and never cuts a Commit's
// renames in two.
var temps = struct {
	sync.Mutex
	files   map[string]bool
	aborted bool
}{files: map[string]bool{}}

// tempName is a fresh name for a temporary file of the output base.
func tempName(base string) string {
	return "." + base + tempMark + strconv.FormatUint(rand.Uint64(), 36) + ".tmp"
}

// isTemp reports whether name is a temporary file of the output base.
func isTemp(name, base string) bool {
	return strings.HasPrefix(name, "."+base+tempMark) && strings.HasSuffix(name, ".tmp")
}

// create makes and lists a new temporary file for the output base in dir.
func create(dir, base string, perm fs.FileMode) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	if temps.aborted {
		return nil, ErrAborted
	}
	for {
		name := filepath.Join(dir, tempName(base))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		temps.files[name] = true
		return f, nil
	}
}

// discard removes a temporary file and takes it off the list.
func discard(name string) {
	temps.Lock()
	defer temps.Unlock()
	forget(name)
}

// forget removes name, if still there, and takes it off the list; the
// caller holds the lock.
func forget(name string) {
	if temps.files[name] {
		os.Remove(name)
		delete(temps.files, name)
	}
}

// Abort removes every temporary file of every Commit in progress and makes
// later Commits fail with ErrAborted. A Commit that is renaming its files
// finishes first, so each Set is left all written or not at all. It is
// for a signal handler that is about to end the process.
func Abort() {
	temps.Lock()
	defer temps.Unlock()
	temps.aborted = true
	for name := range temps.files {
		forget(name)
	}
}

// removeStale removes the temporary files of the output target that are
// older than this process: they were left by a run that was killed (kill
// -9, a power cut) before it could remove them.
func removeStale(target string) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTemp(e.Name(), base) {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(started) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// swap is one rename of a Commit, kept to undo it.
type swap struct {
	target string
	backup string // hard link to the old file; empty when new or not possible
	isNew  bool
}

// renameAll puts every temporary file in place of its target, or, when a
// rename fails, puts the targets already renamed back.
func renameAll(ctx context.Context, plans []plan, names []string) error {
	temps.Lock()
	defer temps.Unlock()
	if temps.aborted {
		return ErrAborted
	}
	if ctx.Err() != nil {
		return stopped(ctx, plans[0].out)
	}
	done := make([]swap, 0, len(plans))
	for i, p := range plans {
		sw := swap{target: p.target, isNew: p.old == nil}
		if !sw.isNew {
			sw.backup = backup(p.target)
		}
		if err := os.Rename(names[i], p.target); err != nil {
			var le *os.LinkError
			if errors.As(err, &le) {
				err = le.Err // the temporary file's name means nothing to the user
			}
			forget(sw.backup)
			undo(done)
			return fmt.Errorf("cannot write %s %s: %w; no file was changed", p.out.Label, p.out.Path, err)
		}
		delete(temps.files, names[i])
		done = append(done, sw)
	}
	for _, sw := range done {
		forget(sw.backup)
	}
	syncFolders(plans)
	return nil
}

// backup hard-links the file at target to a listed temporary name, so
// that a failed Commit can put it back; "" where links are not possible.
func backup(target string) string {
	dir, base := filepath.Split(target)
	for range 10 {
		name := filepath.Join(dir, tempName(base))
		err := os.Link(target, name)
		if err == nil {
			temps.files[name] = true
			return name
		}
		if !errors.Is(err, fs.ErrExist) {
			return ""
		}
	}
	return ""
}

// undo puts back the files of the renames done, last first; the caller
// holds the lock.
func undo(done []swap) {
	for i := len(done) - 1; i >= 0; i-- {
		sw := done[i]
		switch {
		case sw.isNew:
			os.Remove(sw.target)
		case sw.backup != "":
			if os.Rename(sw.backup, sw.target) == nil {
				delete(temps.files, sw.backup)
			}
		}
	}
}

// syncFolders makes the renames durable: a rename lives in its folder.
func syncFolders(plans []plan) {
	seen := map[string]bool{}
	for _, p := range plans {
		dir := filepath.Dir(p.target)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
}
