package reduction

import (
	"fmt"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Selection says which rows of which files a screening was made from,
// so that a saved screening of one municipality (--where gemeente=Zwolle)
// cannot pass for one of the whole sample. Every output of flag records
// it: the table and the Markdown in a line per wave, the JSON as the
// object "selection", the CSV in a section after the items, the workbook
// on its Screening sheet.
type Selection struct {
	// Where are the conditions every row kept met, in both waves, as
	// given: "gemeente=Zwolle". Empty: every row.
	Where []string `json:"where"`
	// Sheet is the worksheet read from Excel workbooks; empty: the first.
	Sheet string `json:"sheet,omitempty"`
	// IDColumn is the column whose ids linked the people of the two waves
	// for the paired wave tests (--id-column); empty: not linked.
	IDColumn string   `json:"id_column,omitempty"`
	Previous WaveRows `json:"previous"`
	Current  WaveRows `json:"current"`
}

// WaveRows are the files of one wave, named without their folder, and,
// when one file holds every wave (--data), the condition on the wave
// column that picks this wave's rows: "jaar=2016".
type WaveRows struct {
	Files []string `json:"files"`
	Wave  string   `json:"wave,omitempty"`
}

// Conditions are all the conditions the wave's rows were kept by: its
// wave condition first, then those of both waves.
func (s *Selection) Conditions(w WaveRows) []string {
	var c []string
	if w.Wave != "" {
		c = append(c, w.Wave)
	}
	return append(c, s.Where...)
}

// RowsText says which rows of the wave were read: "all rows", or "rows
// where jaar=2016 and gemeente=Zwolle". A summary file (made by
// summarize) does not say which rows it was made from: its rows are "as
// summarised".
func (s *Selection) RowsText(w WaveRows) string {
	if c := s.Conditions(w); len(c) > 0 {
		return "rows where " + strings.Join(c, " and ")
	}
	summaries := 0
	for _, f := range w.Files {
		if strings.HasSuffix(strings.ToLower(f), itembank.SummaryExt) {
			summaries++
		}
	}
	switch {
	case summaries == 0:
		return "all rows"
	case summaries == len(w.Files):
		return "rows as summarised"
	}
	return "all rows, and the summaries' rows as summarised"
}

// FilesText names the wave's files, with the worksheet when one was
// named: "responses.xlsx (worksheet Antwoorden)".
func (s *Selection) FilesText(w WaveRows) string {
	files := strings.Join(w.Files, ", ")
	if s.Sheet != "" {
		files += fmt.Sprintf(" (worksheet %s)", s.Sheet)
	}
	return files
}

// Lines describe the selection, one sentence per wave that has files:
// "Previous wave: responses-2016.csv, rows where gemeente=Zwolle."
func (s *Selection) Lines() []string {
	var out []string
	for _, w := range []struct {
		name string
		rows WaveRows
	}{{"Previous wave", s.Previous}, {"Current wave", s.Current}} {
		if len(w.rows.Files) > 0 {
			out = append(out, fmt.Sprintf("%s: %s, %s.", w.name, s.FilesText(w.rows), s.RowsText(w.rows)))
		}
	}
	return out
}

// forJSON is a copy of s whose lists are empty rather than nil, so that
// the JSON says [] for every row; nil stays nil.
func (s *Selection) forJSON() *Selection {
	if s == nil {
		return nil
	}
	c := *s
	c.Where = append([]string{}, s.Where...)
	c.Previous.Files = append([]string{}, s.Previous.Files...)
	c.Current.Files = append([]string{}, s.Current.Files...)
	return &c
}

// selectionCSV are the rows of the CSV's selection section: a header,
// then one row per wave with its files, worksheet and rows.
func (s *Selection) selectionCSV() [][]string {
	rows := [][]string{{"selection", "wave", "files", "sheet", "rows"}}
	for _, w := range []struct {
		name string
		rows WaveRows
	}{{"previous", s.Previous}, {"current", s.Current}} {
		rows = append(rows, []string{"wave", w.name, strings.Join(w.rows.Files, "; "), s.Sheet, s.RowsText(w.rows)})
	}
	return rows
}
