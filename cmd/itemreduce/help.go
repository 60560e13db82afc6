package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
)

// helpCommand answers `itemreduce help` and `itemreduce help COMMAND …` with
// the same text as --help.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the commands, or the help of one command: itemreduce help flag",
		ArgsUsage: "[COMMAND]",
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.ShowAppHelp(c)
			}
			// Run again as `itemreduce COMMAND … --help`, so that nested
			// commands (bank init) and unknown names are handled as usual.
			args := append([]string{c.App.Name}, c.Args().Slice()...)
			return c.App.RunContext(c.Context, append(args, "--help"))
		},
	}
}

// versionCommand prints the same as --version.
func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "show the version of itemreduce",
		Action: func(c *cli.Context) error {
			cli.ShowVersion(c)
			return nil
		},
	}
}

// commandsAction runs when the first word is not one of the commands:
// without words it shows the help, otherwise it names the command meant.
func commandsAction(c *cli.Context) error {
	if c.Command == nil || c.Command.Name == c.App.Name {
		if c.NArg() == 0 {
			return cli.ShowAppHelp(c)
		}
		return unknownCommand(c.Args().First(), c.App.Name, c.App.Commands)
	}
	if c.NArg() == 0 {
		return cli.ShowSubcommandHelp(c)
	}
	return unknownCommand(c.Args().First(), c.App.Name+" "+c.Command.Name, c.Command.Subcommands)
}

// unknownCommand is the usage error for a command name that does not exist,
// suggesting the nearest visible command.
func unknownCommand(name, path string, commands []*cli.Command) error {
	hint := ""
	if s := suggestCommand(name, commands); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	return usageError("unknown command %q%s\nrun %s help for the commands", name, hint, path)
}

// suggestCommand returns the visible command whose name starts with name or
// is at most two edits away from it, the nearest first; "" if none is.
func suggestCommand(name string, commands []*cli.Command) string {
	best, bestDist := "", 3
	for _, cmd := range commands {
		if cmd.Hidden {
			continue
		}
		for _, n := range cmd.Names() {
			d := editDistance(strings.ToLower(name), n)
			if strings.HasPrefix(n, strings.ToLower(name)) && name != "" {
				d = 0
			}
			if d < bestDist {
				best, bestDist = cmd.Name, d
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b: the fewest
// insertions, deletions and substitutions of one letter that turn a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// helpWidth is the longest line of the help texts; longer lines are wrapped.
const helpWidth = 100

func init() {
	// urfave/cli lays out the options in columns as wide as the longest
	// option's usage; wrap the finished text instead, continuing each
	// wrapped line under the column it began in.
	cli.HelpPrinter = func(w io.Writer, templ string, data any) {
		var b strings.Builder
		cli.HelpPrinterCustom(&b, templ, data, nil)
		io.WriteString(w, wrapHelp(b.String(), helpWidth))
	}
}

// wrapHelp breaks every line of s longer than width at spaces. A wrapped
// line continues at the column of its text: after the run of two or more
// spaces that follows the option names, or else at its own indentation.
func wrapHelp(s string, width int) string {
	lines := strings.Split(s, "\n")
	var out []string
	for _, line := range lines {
		col := helpColumn(line)
		for utf8.RuneCountInString(line) > width {
			cut := strings.LastIndex(line[:min(len(line), width+1)], " ")
			if cut <= col {
				break // one word longer than the line: leave it
			}
			out = append(out, strings.TrimRight(line[:cut], " "))
			line = strings.Repeat(" ", col) + strings.TrimLeft(line[cut:], " ")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// helpColumn is where the text of a help line begins: after the first gap
// of two or more spaces past the indentation, else after the indentation.
func helpColumn(line string) int {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	if gap := strings.Index(line[indent:], "  "); gap >= 0 {
		rest := line[indent+gap:]
		if col := indent + gap + len(rest) - len(strings.TrimLeft(rest, " ")); col < len(line) && col < 60 {
			return col
		}
	}
	return indent
}
