package reduction

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTextTableWidth lays out random tables and checks that every line is
// at most TextWidth runes wide whenever the columns after the first fit,
// that a first cell too long for its column is alone on its line and
// whole, and that every cell and note is written.
func TestTextTableWidth(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	word := func(n int) string {
		b := make([]rune, n)
		for i := range b {
			b[i] = []rune("abcdéfXY1.")[rng.IntN(10)]
		}
		return string(b)
	}
	for range 500 {
		cols := 1 + rng.IntN(8)
		tab := &textTable{indent: strings.Repeat(" ", rng.IntN(3)), right: make([]bool, cols)}
		for j := range tab.right {
			tab.right[j] = rng.IntN(2) == 0
		}
		var cells []string
		for range 1 + rng.IntN(6) {
			row := make([]string, cols)
			row[0] = word(rng.IntN(30))
			for j := 1; j < cols; j++ {
				row[j] = word(rng.IntN(8))
			}
			r := tab.add(row...)
			for range rng.IntN(3) {
				var n []string
				for range rng.IntN(12) {
					n = append(n, word(1+rng.IntN(9)))
				}
				r.note(strings.Join(n, " "))
			}
			cells = append(cells, row...)
			cells = append(cells, r.notes...)
		}
		var b strings.Builder
		if err := tab.write(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		rest := len(tab.indent)
		for _, wd := range tab.widths()[1:] {
			rest += wd + 2
		}
		for _, line := range strings.Split(out, "\n") {
			if runes(line) > TextWidth && rest+1 <= TextWidth {
				t.Fatalf("line of %d runes:\n%s\nin\n%s", runes(line), line, out)
			}
		}
		words := strings.Fields(out)
		for _, c := range cells {
			for _, f := range strings.Fields(c) {
				if !contains(words, f) {
					t.Fatalf("%q is missing from\n%s", f, out)
				}
			}
		}
	}
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if x == w || strings.Contains(x, w) {
			return true
		}
	}
	return false
}

// TestTextTableEmpty: a table without rows writes nothing; one with only
// lines writes them.
func TestTextTableEmpty(t *testing.T) {
	var b strings.Builder
	if err := (&textTable{}).write(&b); err != nil || b.String() != "" {
		t.Errorf("empty table: %q, %v", b.String(), err)
	}
	tab := &textTable{indent: "  "}
	tab.addLine("composite")
	b.Reset()
	if err := tab.write(&b); err != nil || b.String() != "  composite\n" {
		t.Errorf("lines only: %q, %v", b.String(), err)
	}
}

func TestWrapText(t *testing.T) {
	long := strings.Repeat("x", 90)
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"short line", []string{"  short line"}},
		{strings.Repeat("word ", 20), []string{"  " + strings.TrimSpace(strings.Repeat("word ", 15)), "    " + strings.TrimSpace(strings.Repeat("word ", 5))}},
		{"a " + long + " b", []string{"  a", "    " + long, "    b"}},
		{"", []string{"  "}},
	} {
		got := wrapText(tc.in, "  ", "    ")
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("wrapText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSelectionText checks the words every output uses for a selection.
func TestSelectionText(t *testing.T) {
	s := &Selection{Where: []string{"gemeente=Zwolle"}, Sheet: "Antwoorden",
		Previous: WaveRows{Files: []string{"alle.xlsx"}, Wave: "jaar=2016"},
		Current:  WaveRows{Files: []string{"alle.xlsx"}, Wave: "jaar=2017"}}
	want := []string{"Previous wave: alle.xlsx (worksheet Antwoorden), rows where jaar=2016 and gemeente=Zwolle.",
		"Current wave: alle.xlsx (worksheet Antwoorden), rows where jaar=2017 and gemeente=Zwolle."}
	if got := s.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lines() = %q, want %q", got, want)
	}
	all := &Selection{Previous: WaveRows{Files: []string{"a.csv", "b.csv"}}, Current: WaveRows{Files: []string{"c.summary.json"}}}
	want = []string{"Previous wave: a.csv, b.csv, all rows.", "Current wave: c.summary.json, rows as summarised."}
	if got := all.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lines() = %q, want %q", got, want)
	}
	mixed := WaveRows{Files: []string{"a.csv", "b.summary.json"}}
	if got, want := all.RowsText(mixed), "all rows, and the summaries' rows as summarised"; got != want {
		t.Errorf("RowsText(%v) = %q, want %q", mixed, got, want)
	}
	if got := (&Selection{}).Lines(); len(got) != 0 {
		t.Errorf("no files: %q, want no lines", got)
	}
}
