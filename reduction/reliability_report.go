package reduction

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Report is what flag shows: the screening of every item and the
// reliability of the bank's themes and composites in the current wave.
type Report struct {
	*Result
	Reliability []ScaleReliability // in the order of Reliability
}

// NewReport screens the items (Screen) and computes the reliability of
// the themes and composites from the current wave's summary
// (Reliability), which must hold pair sums.
func NewReport(bank *itembank.Bank, previous, current *itembank.Summary, t Thresholds) (*Report, error) {
	return NewLinkedReport(bank, previous, current, t, nil)
}

// NewLinkedReport is NewReport with the paired wave tests of ScreenLinked
// when link is not nil.
func NewLinkedReport(bank *itembank.Bank, previous, current *itembank.Summary, t Thresholds, link *Linked) (*Report, error) {
	res, err := ScreenLinked(bank, previous, current, t, link)
	if err != nil {
		return nil, err
	}
	rel, err := Reliability(bank, current)
	if err != nil {
		return nil, fmt.Errorf("current wave: %w", err)
	}
	return &Report{Result: res, Reliability: rel}, nil
}

// ReliabilityWarnings returns the warnings of every scale, in order.
func (p *Report) ReliabilityWarnings() []string {
	var out []string
	for _, sr := range p.Reliability {
		out = append(out, sr.Warnings...)
	}
	return out
}

// WriteJSON writes the result as Result.WriteJSON does, with a top-level
// list "reliability" (one entry per theme and composite; undefined
// figures null) and the reliability warnings after the screening's.
func (p *Report) WriteJSON(w io.Writer) error {
	return p.Result.writeJSON(w, append([]ScaleReliability{}, p.Reliability...))
}

// WriteWideTable writes the table of Result.WriteWideTable and after it
// one line per theme and composite.
func (p *Report) WriteWideTable(w io.Writer) error {
	if err := p.Result.WriteWideTable(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s:\n", reliabilityHeading)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  kind\tname\titems\talpha\talpha_std\taverage_r\tomega_total\tn_min\treversed\tlowest item-rest r (alpha if deleted)")
	for _, sr := range p.Reliability {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", sr.Kind, sr.Name, len(sr.Items),
			formatStat(sr.Alpha, 2), formatStat(sr.AlphaStd, 2), formatStat(sr.AverageR, 2), formatStat(sr.OmegaTotal, 2),
			sr.NMin, orDash(strings.Join(sr.Reversed, ", ")), sr.weakest())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if ws := p.ReliabilityWarnings(); len(ws) > 0 {
		fmt.Fprintf(w, "\nReliability warnings (%d):\n", len(ws))
		for _, m := range ws {
			fmt.Fprintf(w, "  %s\n", m)
		}
	}
	return nil
}

// reliabilityHeading says what the reliability figures are.
const reliabilityHeading = "Reliability of the themes and composites, current wave " +
	"(reverse-keyed items reflected; pairwise, as psych::alpha and psych::omega compute it)"

// WriteMarkdown writes the Markdown of Result.WriteMarkdown and after it a
// table of the themes and composites.
func (p *Report) WriteMarkdown(w io.Writer) error {
	if err := p.Result.WriteMarkdown(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n## Reliability\n\n%s.\n\n", reliabilityHeading)
	fmt.Fprintln(w, "| kind | name | items | alpha | alpha std | average r | omega total | n min | reversed | lowest item-rest r (alpha if deleted) |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|--:|---|---|")
	for _, sr := range p.Reliability {
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %d | %s | %s |\n", sr.Kind, markdownCell(sr.Name), len(sr.Items),
			formatStat(sr.Alpha, 2), formatStat(sr.AlphaStd, 2), formatStat(sr.AverageR, 2), formatStat(sr.OmegaTotal, 2),
			sr.NMin, strings.Join(sr.Reversed, ", "), sr.weakest())
	}
	if ws := p.ReliabilityWarnings(); len(ws) > 0 {
		fmt.Fprintln(w, "\nWarnings:")
		fmt.Fprintln(w)
		for _, m := range ws {
			fmt.Fprintf(w, "- %s\n", markdownCell(m))
		}
	}
	return nil
}

// WriteCSV writes the rows of Result.WriteCSV, an empty line, and a
// reliability section in as many columns: a header row, then per scale a
// row "scale" with its figures and a row "item" per item. Undefined
// figures are empty. When the selection is known, an empty line and a
// selection section follow: a header row "selection", then a row "wave"
// per wave with its files, worksheet and rows (Selection). It comes last
// so that Excel and CSV readers take the first line as the items' header.
func (p *Report) WriteCSV(w io.Writer) error {
	var items bytes.Buffer
	if err := p.Result.WriteCSV(&items); err != nil {
		return err
	}
	header, err := csv.NewReader(bytes.NewReader(items.Bytes())).Read()
	if err != nil {
		return err
	}
	width := len(header)
	items.WriteString("\n")
	if _, err := w.Write(items.Bytes()); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	row := func(fields ...string) {
		cw.Write(append(fields, make([]string, max(0, width-len(fields)))...))
	}
	row("reliability", "kind", "name", "item", "alpha", "alpha_std", "average_r", "omega_total", "n_min", "reversed", "item_rest_r", "alpha_if_deleted")
	for _, sr := range p.Reliability {
		row("scale", string(sr.Kind), sr.Name, "", fullFloat(sr.Alpha), fullFloat(sr.AlphaStd), fullFloat(sr.AverageR),
			fullFloat(sr.OmegaTotal), strconv.FormatInt(sr.NMin, 10), strings.Join(sr.Reversed, "; "))
		for _, it := range sr.Items {
			row("item", string(sr.Kind), sr.Name, it.ID, "", "", "", "", "", "", fullFloat(it.ItemRestR), fullFloat(it.AlphaIfDeleted))
		}
	}
	if p.Selection != nil {
		cw.Write(nil)
		for _, fields := range p.Selection.selectionCSV() {
			row(fields...)
		}
	}
	cw.Flush()
	return cw.Error()
}

// weakest names the item with the lowest item-rest r, with it and the
// alpha without the item: "SA15 -0.00 (0.79)"; "-" when none is defined.
func (sr *ScaleReliability) weakest() string {
	best := -1
	for a, it := range sr.Items {
		if !math.IsNaN(it.ItemRestR) && (best < 0 || it.ItemRestR < sr.Items[best].ItemRestR) {
			best = a
		}
	}
	if best < 0 {
		return "-"
	}
	it := sr.Items[best]
	return fmt.Sprintf("%s %s (%s)", it.ID, formatStat(it.ItemRestR, 2), formatStat(it.AlphaIfDeleted, 2))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// markdownCell escapes the characters that end a table cell.
func markdownCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

type jsonReliability struct {
	Kind       ScaleKind             `json:"kind"`
	Name       string                `json:"name"`
	Alpha      jsonFloat             `json:"alpha"`
	AlphaStd   jsonFloat             `json:"alpha_std"`
	AverageR   jsonFloat             `json:"average_r"`
	OmegaTotal jsonFloat             `json:"omega_total"`
	NMin       int64                 `json:"n_min"`
	Reversed   []string              `json:"reversed"`
	Items      []jsonReliabilityItem `json:"items"`
}

type jsonReliabilityItem struct {
	ID             string    `json:"id"`
	ItemRestR      jsonFloat `json:"item_rest_r"`
	AlphaIfDeleted jsonFloat `json:"alpha_if_deleted"`
}

// addReliability sets the reliability list of out, and adds the
// scales' warnings; a nil rel leaves the list out of the JSON.
func (out *jsonResult) addReliability(rel []ScaleReliability) {
	if rel == nil {
		return
	}
	list := make([]jsonReliability, len(rel))
	for i, sr := range rel {
		j := jsonReliability{Kind: sr.Kind, Name: sr.Name, Alpha: jsonFloat(sr.Alpha), AlphaStd: jsonFloat(sr.AlphaStd),
			AverageR: jsonFloat(sr.AverageR), OmegaTotal: jsonFloat(sr.OmegaTotal), NMin: sr.NMin,
			Reversed: append([]string{}, sr.Reversed...), Items: make([]jsonReliabilityItem, len(sr.Items))}
		for a, it := range sr.Items {
			j.Items[a] = jsonReliabilityItem{ID: it.ID, ItemRestR: jsonFloat(it.ItemRestR), AlphaIfDeleted: jsonFloat(it.AlphaIfDeleted)}
		}
		list[i] = j
		out.Warnings = append(out.Warnings, sr.Warnings...)
	}
	out.Reliability = &list
}
