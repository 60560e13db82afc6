package outfile

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by a *ConflictError, for errors.Is.
var (
	// ErrInput: an output is a file the run reads.
	ErrInput = errors.New("output would replace an input")
	// ErrSameOutput: two outputs of the run are one file.
	ErrSameOutput = errors.New("two outputs are the same file")
	// ErrExists: an output exists and is not recognised as an earlier
	// output of the command.
	ErrExists = errors.New("output exists and was not written by this command")
	// ErrAborted: Abort was called; no more files are written.
	ErrAborted = errors.New("stopped before the files were written")
)

// A ConflictError reports an output that Commit refused to write, before
// anything was written. Its message names both files, with the labels the
// caller gave them (the command's options, such as --out and --review).
type ConflictError struct {
	Err        error  // ErrInput, ErrSameOutput or ErrExists
	Label      string // of the refused output, e.g. "--out"
	Path       string // of the refused output, as given
	OtherLabel string // ErrInput, ErrSameOutput: the input or the other output
	OtherPath  string
	Tool       string // ErrExists: the command, e.g. "itemreduce decide"
	ForceFlag  string // ErrExists: the option that allows replacing, if any
}

func (e *ConflictError) Error() string {
	switch e.Err {
	case ErrInput:
		if e.Path == e.OtherPath {
			return fmt.Sprintf("%s %s is also the file given with %s: writing it would replace a file this run reads, so nothing was written; choose another name for %s",
				e.Label, e.Path, e.OtherLabel, e.Label)
		}
		return fmt.Sprintf("%s %s is the same file as %s %s: writing it would replace a file this run reads, so nothing was written; choose another name for %s",
			e.Label, e.Path, e.OtherLabel, e.OtherPath, e.Label)
	case ErrSameOutput:
		return fmt.Sprintf("%s %s and %s %s are the same file: nothing was written; give each its own name",
			e.OtherLabel, e.OtherPath, e.Label, e.Path)
	case ErrExists:
		msg := fmt.Sprintf("%s %s already exists and does not look like a file that %s wrote: nothing was written; choose another name",
			e.Label, e.Path, e.Tool)
		if e.ForceFlag != "" {
			msg += ", or add " + e.ForceFlag + " to replace it"
		}
		return msg
	}
	return fmt.Sprintf("%s %s: %v", e.Label, e.Path, e.Err)
}

func (e *ConflictError) Unwrap() error { return e.Err }
