package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
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

// run is the whole program: tests call it with buffers. What goes to
// stdout is held until the command has finished, so that a command line
// refused for a missing option writes nothing there: urfave/cli prints
// the command's help before it reports the option missing.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var out bytes.Buffer
	app := newApp(stdin, &out, stderr)
	err := app.RunContext(ctx, args)
	missing, isMissing := missingOptions(err)
	if !isMissing {
		if _, werr := stdout.Write(out.Bytes()); werr != nil && err == nil {
			err = werr
		}
	}
	if err == nil {
		return 0
	}
	if isMissing {
		// urfave/cli reports missing required options with an unexported
		// type whose message says "flag", which is also a command here.
		path, cmd := commandOf(app, args)
		fmt.Fprintf(stderr, "%s: give %s\n", path, describeOptions(cmd, missing))
		fmt.Fprintf(stderr, "Run %s --help to see the options and an example.\n", path)
		return 2
	}
	fmt.Fprintf(stderr, "itemreduce: %v\n", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// missingOptions returns the names of the required options that urfave/cli
// found missing: its messages are `Required flag "bank" not set` and
// `Required flags "bank, data" not set`.
func missingOptions(err error) ([]string, bool) {
	if err == nil {
		return nil, false
	}
	msg := err.Error()
	for _, prefix := range []string{`Required flags "`, `Required flag "`} {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			if names, ok := strings.CutSuffix(rest, `" not set`); ok {
				return strings.Split(names, ", "), true
			}
		}
	}
	return nil, false
}

// commandOf finds the command that args ran, as "itemreduce bank init",
// and the command itself (nil for the program as a whole).
func commandOf(app *cli.App, args []string) (string, *cli.Command) {
	path, commands := app.Name, app.Commands
	var cmd *cli.Command
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-") {
			continue
		}
		next := findCommand(commands, a)
		if next == nil {
			break
		}
		cmd, path, commands = next, path+" "+next.Name, next.Subcommands
		if len(commands) == 0 {
			break
		}
	}
	return path, cmd
}

func findCommand(commands []*cli.Command, name string) *cli.Command {
	for _, c := range commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// describeOptions lists the missing options in plain words, as
// "--bank FILE (item bank FILE (YAML): scales and items)", one a line.
func describeOptions(cmd *cli.Command, names []string) string {
	var parts []string
	for _, name := range names {
		part := "--" + name
		if cmd != nil {
			for _, f := range cmd.Flags {
				df, ok := f.(cli.DocGenerationFlag)
				if !ok || !slices.Contains(f.Names(), name) {
					continue
				}
				placeholder, usage := unquoteUsage(df.GetUsage())
				if placeholder != "" {
					part += " " + placeholder
				}
				if usage != "" {
					part += " (" + usage + ")"
				}
			}
		}
		parts = append(parts, part)
	}
	// One option a line: their usages are long.
	return strings.Join(parts, "\n   and ")
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
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
		Action:          commandsAction,
		// Our own help command keeps urfave/cli from adding --help.
		Flags: []cli.Flag{cli.HelpFlag},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return optionError("itemreduce", []cli.Flag{cli.HelpFlag, cli.VersionFlag}, err)
		},
		Commands: []*cli.Command{
			flagCommand(),
			reportCommand(),
			bankCommand(),
			reviewCommand(),
			proposalCommand(),
			decideCommand(),
			shortenCommand(),
			summarizeCommand(),
			helpCommand(),
			versionCommand(),
		},
	}
	catchOptionMistakes(app.Name, app.Commands)
	return app
}

// unquoteUsage splits an option's usage into the placeholder between
// backquotes ("FILE") and the usage without the backquotes, as urfave/cli
// shows it.
func unquoteUsage(usage string) (placeholder, text string) {
	if _, rest, ok := strings.Cut(usage, "`"); ok {
		if name, _, ok := strings.Cut(rest, "`"); ok {
			placeholder = name
		}
	}
	return placeholder, strings.ReplaceAll(usage, "`", "")
}
