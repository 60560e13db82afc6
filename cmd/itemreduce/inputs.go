package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// A givenFile is a file as the command line gives it: the option and the
// path as typed.
type givenFile struct{ flag, path string }

func (in givenFile) String() string { return "--" + in.flag + " " + in.path }

func givenFiles(flag string, paths []string) []givenFile {
	out := make([]givenFile, len(paths))
	for i, p := range paths {
		out[i] = givenFile{flag, p}
	}
	return out
}

// How two inputs are one.
type sameness int

const (
	distinct    sameness = iota
	givenTwice           // the same path, spelt the same
	sameFile             // one file under two names (os.SameFile): another spelling, a link
	sameContent          // two files with the same bytes: a copy
)

// describe says how a and b are one: "--current a.csv and --current
// ./a.csv are the same file".
func describe(a, b givenFile, how sameness) string {
	switch how {
	case givenTwice:
		if a.flag == b.flag {
			return a.String() + " is given twice"
		}
		return fmt.Sprintf("%s and %s are the same file", a, b)
	case sameFile:
		return fmt.Sprintf("%s and %s are the same file", a, b)
	}
	return fmt.Sprintf("%s and %s have the same content", a, b)
}

// findSame returns the first two inputs that are one file, and with
// byContent the first two files with the same content when no two are one
// file. A file that cannot be read is passed over: loading it will say
// why.
func findSame(ins []givenFile, byContent bool) (a, b givenFile, how sameness) {
	stats := make([]os.FileInfo, len(ins))
	for i, in := range ins {
		stats[i], _ = os.Stat(in.path)
	}
	for i := range ins {
		for j := i + 1; j < len(ins); j++ {
			switch {
			case ins[i].path == ins[j].path:
				return ins[i], ins[j], givenTwice
			case stats[i] != nil && stats[j] != nil && os.SameFile(stats[i], stats[j]):
				return ins[i], ins[j], sameFile
			}
		}
	}
	if !byContent {
		return givenFile{}, givenFile{}, distinct
	}
	sums := map[int][sha256.Size]byte{} // by input, computed only for sizes that occur twice
	for i := range ins {
		for j := i + 1; j < len(ins); j++ {
			if stats[i] == nil || stats[j] == nil || stats[i].Size() != stats[j].Size() || stats[i].Size() == 0 {
				continue
			}
			x, okX := digest(sums, i, ins[i].path)
			y, okY := digest(sums, j, ins[j].path)
			if okX && okY && x == y {
				return ins[i], ins[j], sameContent
			}
		}
	}
	return givenFile{}, givenFile{}, distinct
}

// digest returns the SHA-256 of input i's file, remembered in sums.
func digest(sums map[int][sha256.Size]byte, i int, path string) ([sha256.Size]byte, bool) {
	if s, ok := sums[i]; ok {
		return s, true
	}
	f, err := os.Open(path)
	if err != nil {
		return [sha256.Size]byte{}, false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [sha256.Size]byte{}, false
	}
	var s [sha256.Size]byte
	h.Sum(s[:0])
	sums[i] = s
	return s, true
}

// checkWaveInputs refuses a file given twice for one wave, since its
// answers would be counted twice, and, for the newer wave, a file of the
// older wave given again: the same file, another name of it or a copy.
// With --data both waves are rows of the same files, as they should be.
func checkWaveInputs(c *cli.Context, wave string) error {
	if data := c.StringSlice("data"); len(data) > 0 {
		return checkOneWave(givenFiles("data", data))
	}
	ins := givenFiles(wave, c.StringSlice(wave))
	if err := checkOneWave(ins); err != nil || wave != "current" {
		return err
	}
	a, b, how := findSame(append(givenFiles("previous", c.StringSlice("previous")), ins...), true)
	if how == distinct {
		return nil
	}
	if a.flag == b.flag { // two --previous: found when the older wave was loaded, unless it changed since
		return usageError("%s: it would be counted twice; give each file once", describe(a, b, how))
	}
	return usageError("%s: both waves would be the same answers; give each wave its own files, or one file holding both waves with --data FILE --wave-column COLUMN --previous-wave VALUE --current-wave VALUE", describe(a, b, how))
}

// checkOneWave refuses the same file, or a copy, given twice in one wave.
func checkOneWave(ins []givenFile) error {
	if a, b, how := findSame(ins, true); how != distinct {
		return usageError("%s: it would be counted twice; give each file once", describe(a, b, how))
	}
	return nil
}

// checkProposals refuses one proposal file given twice: its votes would
// count twice. Two files with the same content are two team leaders who
// propose the same, and count twice rightly.
func checkProposals(c *cli.Context) error {
	if a, b, how := findSame(givenFiles("proposal", c.StringSlice("proposal")), false); how != distinct {
		return usageError("%s: its votes would count twice; give each proposal once", describe(a, b, how))
	}
	return nil
}

// severalWaves rewords a file found to hold several waves with what to
// do on this command line; other errors are returned as they are. what
// is the option that gave the file ("current", "previous"), or "" for
// summarize.
func severalWaves(err error, what string) error {
	var we *files.WavesError
	var pe *itembank.ParseError
	if !errors.As(err, &we) || !errors.As(err, &pe) {
		return err
	}
	last := we.Values[len(we.Values)-1]
	if what == "" {
		return fmt.Errorf("%s holds several waves in column %s (%s): summarise one wave at a time, e.g. --where %s=%s",
			pe.File, we.Column, we.List(), we.Column, last)
	}
	return fmt.Errorf("--%s %s holds several waves in column %s (%s): give the files of one wave to --previous and to --current, or this file with --data %s --wave-column %s --previous-wave %s --current-wave %s",
		what, pe.File, we.Column, we.List(), pe.File, we.Column, we.Values[len(we.Values)-2], last)
}

// printNotes writes the notes of loading to the error writer, each once
// in a run: a file read for both waves is noted once.
func printNotes(c *cli.Context, notes []files.Note) {
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	for _, n := range notes {
		kind := "note"
		if n.Warning {
			kind = "warning"
		}
		key := kind + ":" + n.String()
		if c.App.Metadata[key] != nil {
			continue
		}
		c.App.Metadata[key] = true
		fmt.Fprintf(c.App.ErrWriter, "%s: %s\n", kind, n)
	}
}
