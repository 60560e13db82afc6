package outfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// maxLinks bounds the links followed from one path, as the system does.
const maxLinks = 255

// resolveLinks follows path while it is a symbolic link and returns the
// file it ends at, which may not exist yet (a link to a file still to be
// made is written through, like the shell's >).
func resolveLinks(path string) (string, error) {
	for range maxLinks {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many symbolic links")
}

// canonical spells path absolutely with its folder's links resolved, so
// that two spellings of a file that does not exist yet compare equal.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return filepath.Join(dir, base)
}

// A fileID tells whether two paths are one file: by the system's identity
// when both exist, else by canonical path.
type fileID struct {
	info fs.FileInfo // nil when the file does not exist
	key  string
}

// identify is the fileID of an input, following links.
func identify(path string) fileID {
	id := fileID{key: canonical(path)}
	if target, err := resolveLinks(path); err == nil {
		id.key = canonical(target)
	}
	if st, err := os.Stat(path); err == nil {
		id.info = st
	}
	return id
}

func (a fileID) same(b fileID) bool {
	if a.info != nil && b.info != nil {
		return os.SameFile(a.info, b.info)
	}
	return a.info == nil && b.info == nil && a.key == b.key
}
