package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/internal/outfile"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the module version recorded by `go install` is used, and for a build from
// a checkout the version under development.
var version = ""

// developmentVersion names a build from a checkout of the source.
const developmentVersion = "0.1.0-dev"

func appVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return developmentVersion
}

// exitError carries the exit code of a failure; its message has already
// been formatted for the user.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks a mistake in the command line (exit code 2).
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// interrupted ends a run stopped by Ctrl-C or SIGTERM, wherever it was:
// reading, computing or writing. It removes the temporary files of every
// write in progress (internal/outfile), so that each output file is as it
// was before the run, or, when the renames had begun, all of them new.
// The exit code is the shell's for the signal: 128 + its number, 130 for
// Ctrl-C, 143 for SIGTERM.
func interrupted(ctx context.Context, stderr io.Writer) int {
	outfile.Abort()
	code, name := 1, "a signal"
	// NotifyContext's cause is "<signal> signal received".
	for _, s := range []struct {
		sig  syscall.Signal
		name string
	}{{syscall.SIGINT, "Ctrl-C"}, {syscall.SIGTERM, "SIGTERM"}} {
		if cause := context.Cause(ctx); cause != nil && strings.HasPrefix(cause.Error(), s.sig.String()) {
			code, name = 128+int(s.sig), s.name
		}
	}
	fmt.Fprintf(stderr, "itemreduce: stopped by %s before it finished; files it had not finished writing were left as they were\n", name)
	return code
}

// run is the whole program: tests call it with buffers.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "itemreduce: %v\n", err)
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return ee.code
	case strings.HasPrefix(err.Error(), "Required flag"):
		// urfave/cli reports missing required options with an unexported type.
		fmt.Fprintln(stderr, "Run with --help to see the options and an example.")
		return 2
	}
	return 1
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "itemreduce",
		Usage:   "shorten a questionnaire without losing what matters",
		Version: appVersion(),
		Description: `itemreduce screens the items of a questionnaire with four rules (mean barely moved
between two waves, mean near the top of the scale, small spread, strong correlation
with another item) and gives each item a tick per rule that fired, with the numbers
behind it.

Start with:
   itemreduce flag --bank bank.yaml --previous 2016.csv --current 2017.csv`,
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &exitError{code: 2, err: err}
		},
		Commands: []*cli.Command{
			flagCommand(),
			bankCommand(),
			reviewCommand(),
			proposalCommand(),
			decideCommand(),
			summarizeCommand(),
		},
	}
}
