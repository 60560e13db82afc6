package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// catchOptionMistakes makes every command answer a mistake in its options
// (an option it does not have, one without its value, a value that is not
// a number) as a usage error, exit code 2, naming the nearest option when
// one was mistyped. Without it urfave/cli prints "Incorrect Usage", the
// whole help on stdout, and exits with 1.
func catchOptionMistakes(path string, commands []*cli.Command) {
	for _, cmd := range commands {
		cmd := cmd
		full := path + " " + cmd.Name
		cmd.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
			return optionError(full, cmd.Flags, err)
		}
		catchOptionMistakes(full, cmd.Subcommands)
	}
}

// optionError rewords urfave/cli's message about an option (which calls it
// a "flag", also a command here, and writes it with one dash) in the words
// of the help.
func optionError(path string, flags []cli.Flag, err error) error {
	msg := err.Error()
	hint := fmt.Sprintf("\nrun %s --help for the options", path)
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		if s := suggestOption(name, flags); s != "" {
			return usageError("unknown option %s; did you mean %s?%s", dashes(name), dashes(s), hint)
		}
		return usageError("unknown option %s%s", dashes(name), hint)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		name = strings.TrimLeft(name, "-")
		return usageError("option %s needs a value: %s %s%s", dashes(name), dashes(name), placeholderOf(name, flags), hint)
	}
	msg = strings.ReplaceAll(msg, " for flag -", " for option --")
	return usageError("%s%s", msg, hint)
}

// placeholderOf is the word the help writes after the option name
// (FILE, COLUMN), or VALUE.
func placeholderOf(name string, flags []cli.Flag) string {
	for _, f := range flags {
		if df, ok := f.(cli.DocGenerationFlag); ok && slices.Contains(f.Names(), name) {
			if p, _ := unquoteUsage(df.GetUsage()); p != "" {
				return p
			}
		}
	}
	return "VALUE"
}

// dashes writes an option as typed: --bank, or -o for a one-letter name.
func dashes(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// suggestOption returns the option (its first name) whose name starts with
// name or is at most two edits away from it, the nearest first; "" if none
// is. --help is among the options of every command.
func suggestOption(name string, flags []cli.Flag) string {
	name = strings.ToLower(name)
	best, bestDist := "", 3
	for _, f := range append(slices.Clip(flags), cli.HelpFlag) {
		names := f.Names()
		for _, n := range names {
			if len(n) < 2 {
				continue // -o: every short typo would be near it
			}
			d := editDistance(name, n)
			if len(name) >= 2 && strings.HasPrefix(n, name) {
				d = 0
			}
			if d < bestDist {
				best, bestDist = names[0], d
			}
		}
	}
	return best
}

// suggestChoice returns the choice nearest to value (a prefix of it, or at
// most two edits away), "" if none is near.
func suggestChoice(value string, choices []string) string {
	value = strings.ToLower(value)
	best, bestDist := "", 3
	for _, c := range choices {
		d := editDistance(value, c)
		if value != "" && strings.HasPrefix(c, value) {
			d = 0
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean is "; did you mean X?" for the choice nearest to value, or
// "" when none is near or value is one of them.
func didYouMean(value string, choices []string) string {
	if s := suggestChoice(value, choices); s != "" && s != value {
		return fmt.Sprintf("; did you mean %s?", s)
	}
	return ""
}
