package outfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// headSize is how much of an existing file a recognise function is shown.
const headSize = 64 << 10

// A Set is the inputs and the outputs of one run. The zero Set has no
// files; add them with Input and Output, then call Commit.
type Set struct {
	Tool      string // the command, for messages: "itemreduce decide"
	Force     bool   // replace existing files that are not recognised
	ForceFlag string // the option that sets Force, for messages; empty when there is none

	inputs  []named
	outputs []*Output
}

type named struct{ label, path string }

// An Output is one file a Set writes.
type Output struct {
	Label string // the option that named it, for messages: "--out"
	Path  string // as given
	Data  []byte // the whole content, set before Commit

	recognise func(head []byte) bool
}

// Input records files the run reads: no output may replace one. label is
// the option that named them, for messages.
func (s *Set) Input(label string, paths ...string) {
	for _, p := range paths {
		s.inputs = append(s.inputs, named{label, p})
	}
}

// Output adds the file at path to the outputs and returns it, for the
// caller to set its Data. recognise says whether an existing file at path
// is an earlier output of the same command, from its first 64 KiB (the
// whole file when shorter); only then is the file replaced without
// s.Force. A nil recognise knows no file: any existing one needs Force.
func (s *Set) Output(label, path string, recognise func(head []byte) bool) *Output {
	o := &Output{Label: label, Path: path, recognise: recognise}
	s.outputs = append(s.outputs, o)
	return o
}

// plan is what Commit found out about one output before writing it.
type plan struct {
	out    *Output
	target string      // the file replaced: Path with its links resolved
	old    fs.FileInfo // of target; nil when it does not exist yet
	id     fileID
}

// Check makes every check that Commit makes before it writes: a caller
// may use it to refuse a run early, before any work.
func (s *Set) Check() error {
	_, err := s.plans()
	return err
}

// plans resolves and checks every output; an error is a *ConflictError,
// or names the file that could not be examined.
func (s *Set) plans() ([]plan, error) {
	inputs := make([]fileID, len(s.inputs))
	for i, in := range s.inputs {
		inputs[i] = identify(in.path)
	}
	plans := make([]plan, 0, len(s.outputs))
	for _, o := range s.outputs {
		p, err := resolve(o)
		if err != nil {
			return nil, err
		}
		for i, in := range s.inputs {
			if p.id.same(inputs[i]) {
				return nil, &ConflictError{Err: ErrInput, Label: o.Label, Path: o.Path, OtherLabel: in.label, OtherPath: in.path}
			}
		}
		for _, q := range plans {
			if p.id.same(q.id) {
				return nil, &ConflictError{Err: ErrSameOutput, Label: o.Label, Path: o.Path, OtherLabel: q.out.Label, OtherPath: q.out.Path}
			}
		}
		if p.old != nil && !s.Force && !recognised(p) {
			return nil, &ConflictError{Err: ErrExists, Label: o.Label, Path: o.Path, Tool: s.Tool, ForceFlag: s.ForceFlag}
		}
		plans = append(plans, p)
	}
	return plans, nil
}

// resolve finds the file an output replaces and refuses anything but an
// ordinary file.
func resolve(o *Output) (plan, error) {
	target, err := resolveLinks(o.Path)
	if err != nil {
		return plan{}, fmt.Errorf("cannot write %s %s: %w", o.Label, o.Path, err)
	}
	p := plan{out: o, target: target}
	st, err := os.Lstat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return plan{}, fmt.Errorf("cannot write %s %s: %w", o.Label, o.Path, err)
	case st.IsDir():
		return plan{}, fmt.Errorf("cannot write %s %s: it is a folder; give a file name", o.Label, o.Path)
	case !st.Mode().IsRegular():
		return plan{}, fmt.Errorf("cannot write %s %s: it is not an ordinary file; give a file name", o.Label, o.Path)
	default:
		p.old = st
	}
	p.id = fileID{info: p.old, key: canonical(target)}
	return p, nil
}

// recognised reports whether p's existing file is an earlier output.
func recognised(p plan) bool {
	if p.out.recognise == nil {
		return false
	}
	f, err := os.Open(p.target)
	if err != nil {
		return false
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, headSize))
	return err == nil && p.out.recognise(head)
}

// Commit writes every output, or none: see the package documentation. An
// error names the file; a refusal is a *ConflictError. When ctx is
// cancelled before the renames, nothing is changed and the temporary
// files are removed.
func (s *Set) Commit(ctx context.Context) (err error) {
	for _, o := range s.outputs {
		if o.Data == nil {
			panic("outfile: Commit before the Data of " + o.Path + " was set")
		}
	}
	plans, err := s.plans()
	if err != nil || len(plans) == 0 {
		return err
	}
	for _, p := range plans {
		removeStale(p.target)
	}
	temps := make([]string, 0, len(plans))
	defer func() {
		if err != nil {
			for _, t := range temps {
				discard(t)
			}
		}
	}()
	for _, p := range plans {
		if err := ctx.Err(); err != nil {
			return stopped(ctx, p.out)
		}
		t, err := writeTemp(ctx, p)
		if t != "" {
			temps = append(temps, t)
		}
		if err != nil {
			return err
		}
	}
	if BeforeRename != nil {
		BeforeRename()
	}
	return renameAll(ctx, plans, temps)
}

// BeforeRename, when set, is called after every temporary file of a
// Commit is written and before the first rename. It is for tests that
// interrupt a write; programs leave it nil.
var BeforeRename func()

// stopped is the error of a Commit whose context was cancelled before o
// was in place.
func stopped(ctx context.Context, o *Output) error {
	return fmt.Errorf("stopped before %s was written (%w); no file was changed", o.Path, context.Cause(ctx))
}

// writeTemp writes p's data to a new temporary file next to p.target, with
// the permissions and owner of the file it replaces, and returns its name
// (also when it fails after creating the file).
func writeTemp(ctx context.Context, p plan) (string, error) {
	dir, base := filepath.Split(p.target)
	perm := fs.FileMode(0o666) // less the umask, as for any new file
	if p.old != nil {
		perm = 0o600 // no wider than the old file until chmod below
	}
	f, err := create(dir, base, perm)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("cannot write %s %s: the folder %s does not exist", p.out.Label, p.out.Path, filepath.Dir(p.out.Path))
	case errors.Is(err, fs.ErrPermission):
		return "", fmt.Errorf("cannot write %s %s: you may not write in the folder %s", p.out.Label, p.out.Path, filepath.Dir(p.out.Path))
	case err != nil:
		return "", fmt.Errorf("cannot write %s %s: %w", p.out.Label, p.out.Path, err)
	}
	name := f.Name()
	if err := fill(ctx, f, p); err != nil {
		f.Close()
		return name, err
	}
	if err := f.Close(); err != nil {
		return name, fmt.Errorf("cannot write %s %s: %w", p.out.Label, p.out.Path, err)
	}
	return name, nil
}

// fill writes the data in pieces, checking ctx between them, syncs it, and
// gives the file the old file's mode and owner.
func fill(ctx context.Context, f *os.File, p plan) error {
	const piece = 1 << 20
	for data := p.out.Data; len(data) > 0; {
		if ctx.Err() != nil {
			return stopped(ctx, p.out)
		}
		n := min(len(data), piece)
		if _, err := f.Write(data[:n]); err != nil {
			return fmt.Errorf("cannot write %s %s: %w", p.out.Label, p.out.Path, err)
		}
		data = data[n:]
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s %s: %w", p.out.Label, p.out.Path, err)
	}
	if p.old == nil {
		return nil
	}
	keepOwner(f, p.old)
	if err := f.Chmod(p.old.Mode().Perm()); err != nil {
		return fmt.Errorf("cannot write %s %s: %w", p.out.Label, p.out.Path, err)
	}
	return nil
}
