package main

import (
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/reduction"
)

// selectionOf is the files and rows the data options of c select, each
// file named without its folder: the --where conditions, the worksheet,
// and per wave its files and, with --data, the wave column's value.
func selectionOf(c *cli.Context) *reduction.Selection {
	s := &reduction.Selection{Where: append([]string{}, c.StringSlice("where")...), Sheet: c.String("sheet"), IDColumn: c.String("id-column")}
	for _, w := range []struct {
		wave string
		rows *reduction.WaveRows
	}{{"previous", &s.Previous}, {"current", &s.Current}} {
		paths := c.StringSlice(w.wave)
		if data := c.StringSlice("data"); len(data) > 0 {
			paths = data
			w.rows.Wave = c.String("wave-column") + "=" + c.String(w.wave+"-wave")
		}
		w.rows.Files = baseNames(paths)
	}
	return s
}

// baseNames are the names of paths without their folders.
func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}
