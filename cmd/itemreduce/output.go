package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/internal/outfile"
	"github.com/itemreduce/itemreduce/reduction"
)

// outFlags is the output option of every command that writes a file:
// -o/--out. --output, the spelling of flag, summarize and bank init before,
// still works, unlisted, so that old scripts keep running.
func outFlags(usage string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: usage},
		&cli.StringFlag{Name: "output", Hidden: true},
	}
}

// forceFlag lets a command replace an existing file it does not recognise
// as one of its own earlier outputs.
func forceFlag() cli.Flag {
	return &cli.BoolFlag{Name: "force", Usage: "replace an existing output file even when it does not look like one this command wrote"}
}

// outPath returns the file given with -o/--out (or --output); "" when none
// was given, which is a usage error when required.
func outPath(c *cli.Context, required bool) (string, error) {
	out, old := c.String("out"), c.String("output")
	switch {
	case c.IsSet("out") && c.IsSet("output"):
		return "", usageError("--out %s and --output %s: give the output file once, with --out", out, old)
	case c.IsSet("output"):
		out = old
		if err := c.Set("out", old); err != nil { // for c.String("out") elsewhere
			return "", err
		}
	}
	if out == "" && required {
		return "", usageError("say which file to write with --out FILE (run with --help to see the options and an example)")
	}
	return out, nil
}

// toScreen reports whether an output path means the screen.
func toScreen(path string) bool { return path == "" || path == "-" }

// inputFlags are the options that name the files a command reads: no
// output may replace one of them.
var inputFlags = []string{"bank", "review", "proposal", "previous", "current", "data", "config", "from"}

// outputs is the files one run of a command writes, committed together by
// internal/outfile: checked before anything is written, then all or none.
type outputs struct {
	ctx   context.Context
	set   *outfile.Set
	files map[string]*outfile.Output
}

// newOutputs starts the outputs of the command of c with its input files.
// --force, where the command has it, allows replacing a file it does not
// recognise.
func newOutputs(c *cli.Context) *outputs {
	w := &outputs{ctx: c.Context, files: map[string]*outfile.Output{}}
	w.set = &outfile.Set{Tool: c.Command.HelpName, Force: c.Bool("force")}
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		switch f.(type) {
		case *cli.BoolFlag:
			if name == "force" {
				w.set.ForceFlag = "--force"
			}
		case *cli.StringSliceFlag:
			if slices.Contains(inputFlags, name) {
				w.set.Input("--"+name, c.StringSlice(name)...)
			}
		case *cli.StringFlag:
			if p := c.String(name); p != "" && slices.Contains(inputFlags, name) {
				w.set.Input("--"+name, p)
			}
		}
	}
	if w.ctx == nil {
		w.ctx = context.Background()
	}
	return w
}

// add registers the file at path, given with the option label, as an
// output; recognise tells an earlier output of the command (see below). A
// path meaning the screen is not registered.
func (w *outputs) add(label, path string, recognise func(head []byte) bool) {
	if !toScreen(path) {
		w.files[path] = w.set.Output(label, path, recognise)
	}
}

// check refuses the outputs before any work: an input, two outputs that
// are one file, an existing file not recognised (without --force).
func (w *outputs) check() error { return w.set.Check() }

// put gives the output at path its content, for commit.
func (w *outputs) put(path string, data []byte) { w.files[path].Data = data }

// commit writes every output, or none.
func (w *outputs) commit() error { return w.set.Commit(w.ctx) }

// writeFile writes data to path as the run's only output.
func (w *outputs) writeFile(path string, data []byte) error {
	w.put(path, data)
	return w.commit()
}

// write renders with render and writes the result to path as the run's
// only output, or to screen when path means the screen. Nothing is
// written when render fails.
func (w *outputs) write(path string, screen io.Writer, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if toScreen(path) {
		_, err := screen.Write(buf.Bytes())
		return err
	}
	return w.writeFile(path, buf.Bytes())
}

// Each command replaces an existing output file without --force only when
// it recognises the file as one it wrote before, by how the file begins:
//
//	flag              any of its four formats: the table's "Screened ", the CSV
//	                  header "id,scale,n,mean,sd,", the Markdown "# Item screening",
//	                  or JSON whose first key is "selection" (or "thresholds", before it)
//	decide --out      the header "# Item bank for next year, decided with itemreduce decide"
//	decide --audit    any of the audit's formats: Markdown "# Audit of the item
//	                  reduction", an HTML page with that title, or JSON whose first
//	                  keys are "title" and "totals"
//	summarize         JSON whose "format" is "itemreduce summary"
//	shorten -o        a proposal that begins "# Short form of "
//	review            any file: review refreshes only a file it reads as a
//	                  review file, and changes nothing else in it
//	proposal          none: a proposal may hold a team leader's work and is never
//	                  replaced
//	bank init         none: an existing file is replaced only with --force

// isFlagOutput recognises a file written by flag, in any format.
func isFlagOutput(head []byte) bool {
	for _, start := range []string{"Screened ", "id,scale,n,mean,sd,", "# Item screening"} {
		if bytes.HasPrefix(head, []byte(start)) {
			return true
		}
	}
	keys := jsonStart(head, 1)
	return len(keys) == 1 && (keys[0] == "selection" || keys[0] == "thresholds")
}

// isNextBank recognises a bank written by decide.
func isNextBank(head []byte) bool {
	return bytes.HasPrefix(head, []byte("# Item bank for next year, decided with itemreduce decide"))
}

// isAudit recognises an audit written by decide, in any format.
func isAudit(head []byte) bool {
	for _, title := range reduction.AuditTitles() {
		if bytes.HasPrefix(head, []byte("# "+title)) {
			return true
		}
		if bytes.HasPrefix(head, []byte("<!DOCTYPE html>")) && bytes.Contains(head, []byte("<title>"+title)) {
			return true
		}
	}
	keys := jsonStart(head, 3)
	return len(keys) == 3 && keys[0] == "title" && keys[2] == "totals"
}

// isSummary recognises a summary file.
func isSummary(head []byte) bool {
	keys := jsonStart(head, 2)
	return len(keys) == 2 && keys[0] == "format" && keys[1] == "itemreduce summary"
}

// isReview accepts any file: see above.
func isReview([]byte) bool { return true }

// jsonStart returns the first n tokens inside the JSON object that head
// begins with (keys and values alike); fewer when head is not one.
func jsonStart(head []byte, n int) []any {
	dec := json.NewDecoder(bytes.NewReader(head))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var toks []any
	for len(toks) < n {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		toks = append(toks, tok)
	}
	return toks
}
