package reduction

import (
	"io"
	"strings"
	"unicode/utf8"
)

// TextWidth is the widest line of the screen table (WriteTable): a
// terminal's 80 columns. WriteWideTable has no limit.
const TextWidth = 80

// A textTable lays out rows of cells in columns, two spaces apart, for a
// terminal of TextWidth columns. Numbers are aligned right. The first
// column (an item id, a scale name) is as wide as the widest cell that
// leaves room for the other columns; a longer cell is written alone on
// its line, its row's other cells on the next (when one column is all
// it lacks, it is followed by one space instead). Under a row, notes (its
// redundant partners, say) are written joined by "; " on one line when
// they fit, else one per line, each wrapped.
type textTable struct {
	indent     string
	noteIndent string // before each note; empty: under the second column, at most 8 columns in
	right      []bool // by column: aligned right
	rows       []textRow
}

type textRow struct {
	cells []string
	notes []string
	line  string // a line written as it is, when cells is nil
}

// add appends a row and returns it, for notes.
func (t *textTable) add(cells ...string) *textRow {
	t.rows = append(t.rows, textRow{cells: cells})
	return &t.rows[len(t.rows)-1]
}

// addLine appends a line written as it is (after the indent).
func (t *textTable) addLine(line string) { t.rows = append(t.rows, textRow{line: line}) }

// note adds a note under the row; empty notes are left out.
func (r *textRow) note(s string) {
	if s != "" {
		r.notes = append(r.notes, s)
	}
}

const textGap = "  "

// write writes the table to w.
func (t *textTable) write(w io.Writer) error {
	widths := t.widths()
	if len(widths) == 0 { // only lines, or nothing
		widths = []int{0}
	}
	first := TextWidth - runes(t.indent)
	for _, wd := range widths[1:] {
		first -= wd + len(textGap)
	}
	// One column more for the first when that is all it lacks: one space
	// after it instead of two.
	firstGap := textGap
	if widths[0] == first+1 {
		first, firstGap = first+1, " "
	}
	widths[0] = max(min(widths[0], first), 1)
	noteIndent := t.noteIndent
	if noteIndent == "" {
		noteIndent = t.indent + strings.Repeat(" ", min(widths[0]+len(textGap), 8))
	}
	var b strings.Builder
	for _, r := range t.rows {
		if r.cells == nil {
			b.WriteString(strings.TrimRight(t.indent+r.line, " ") + "\n")
			continue
		}
		cells := r.cells
		if runes(cells[0]) > widths[0] {
			b.WriteString(t.indent + cells[0] + "\n")
			cells = append([]string{""}, cells[1:]...)
		}
		var line strings.Builder
		line.WriteString(t.indent)
		for j, c := range cells {
			switch {
			case j == 1:
				line.WriteString(firstGap)
			case j > 1:
				line.WriteString(textGap)
			}
			pad := strings.Repeat(" ", max(widths[j]-runes(c), 0))
			if j < len(t.right) && t.right[j] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		for _, l := range notesLines(noteIndent, r.notes) {
			b.WriteString(l + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// widths are the widest cell of each column.
func (t *textTable) widths() []int {
	var widths []int
	for _, r := range t.rows {
		for j, c := range r.cells {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], runes(c))
		}
	}
	return widths
}

// notesLines are the notes under a row: joined by "; " when they fit on
// one line, else one per line, each wrapped.
func notesLines(indent string, notes []string) []string {
	if len(notes) == 0 {
		return nil
	}
	if one := indent + strings.Join(notes, "; "); runes(one) <= TextWidth {
		return []string{one}
	}
	var out []string
	for _, n := range notes {
		out = append(out, wrapText(n, indent, indent+"  ")...)
	}
	return out
}

// wrapText breaks s at spaces into lines of at most TextWidth runes, the
// first beginning with first, the others with next. A word longer than a
// line is left whole.
func wrapText(s, first, next string) []string {
	var out []string
	line := first
	empty := true
	for _, word := range strings.Fields(s) {
		switch {
		case empty:
			line += word
		case runes(line)+1+runes(word) <= TextWidth:
			line += " " + word
		default:
			out = append(out, line)
			line = next + word
		}
		empty = false
	}
	return append(out, line)
}

// writeWrapped writes s wrapped as wrapText does.
func writeWrapped(w io.Writer, s, first, next string) {
	for _, l := range wrapText(s, first, next) {
		io.WriteString(w, l+"\n")
	}
}

func runes(s string) int { return utf8.RuneCountInString(s) }
