package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"github.com/xuri/excelize/v2"

	"github.com/itemreduce/itemreduce/reduction"
)

// screening is what flag screened, for the workbook's second sheet.
type screening struct {
	rows [][2]string // label, value
}

// screeningOf lists the inputs and the row selection given to flag, as
// the other formats record them (reduction.Selection): each file named
// without its folder, and per wave its files and the rows read.
func screeningOf(c *cli.Context) screening {
	var s screening
	add := func(label, value string) {
		if value != "" {
			s.rows = append(s.rows, [2]string{label, value})
		}
	}
	sel := selectionOf(c)
	if b := c.String("bank"); b != "" {
		add("bank", filepath.Base(b))
	}
	if cfg := c.String("config"); cfg != "" {
		add("rules file", filepath.Base(cfg))
	}
	add("previous wave", strings.Join(sel.Previous.Files, "; "))
	add("previous wave rows", sel.RowsText(sel.Previous))
	add("current wave", strings.Join(sel.Current.Files, "; "))
	add("current wave rows", sel.RowsText(sel.Current))
	add("worksheet", sel.Sheet)
	add("people linked by id column", sel.IDColumn)
	return s
}

// The workbook's sheets.
const (
	itemsSheet     = "Items"
	screeningSheet = "Screening"
)

// writeFlagXLSX writes the screening as a workbook: a sheet with one row
// per item (statistics as numbers, each rule 1 or 0, empty when it could
// not be decided, and the thresholds of the item's scale) under a frozen
// header, and a sheet saying what was screened with which thresholds.
func writeFlagXLSX(rep *reduction.Report, sc screening, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", itemsSheet); err != nil {
		return err
	}
	if err := writeItemsSheet(f, rep.Result); err != nil {
		return err
	}
	if _, err := f.NewSheet(screeningSheet); err != nil {
		return err
	}
	if err := writeScreeningSheet(f, rep.Result, sc); err != nil {
		return err
	}
	return f.Write(w)
}

// cellValue is v for the workbook: NaN (undefined) as an empty cell.
func cellValue(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func writeItemsSheet(f *excelize.File, r *reduction.Result) error {
	rules := r.Thresholds.RulesInForce()
	head := []any{"id", "text", "theme", "scale", "n", "mean", "sd", "previous_n", "previous_mean", "shift"}
	for _, rule := range rules {
		head = append(head, rule.String())
	}
	head = append(head, "ticks", "correlated",
		"stable_if_shift_below", "ceiling_if_mean_above", "low_spread_if_sd_below", "redundant_if_r_above")
	floor := r.Thresholds.FloorOn()
	if floor {
		head = append(head, "floor_if_mean_below")
	}
	head = append(head, "wave_test", "wave_statistic", "wave_p", "wave_p_holm", "wave_effect", "wave_n_linked")
	if err := setRow(f, itemsSheet, 1, head); err != nil {
		return err
	}
	for i := range r.Items {
		it := &r.Items[i]
		l := limitsOf(r, it)
		row := []any{it.Item.ID, it.Item.Text, it.Item.Theme, it.Item.Scale.Name, it.N, cellValue(it.Mean), cellValue(it.SD),
			it.PreviousN, cellValue(it.PreviousMean), cellValue(it.Shift)}
		for _, rule := range rules {
			row = append(row, tick(it, rule))
		}
		var partners []string
		for _, p := range it.Correlated {
			partners = append(partners, fmt.Sprintf("%s (r=%.2f, n=%d, keep=%s)", p.ID, p.R, p.N, p.Keep))
		}
		row = append(row, it.Ticks(), orNil(strings.Join(partners, "; ")),
			l.Stable.Float(), l.Ceiling.Float(), l.LowSpread.Float(), r.Thresholds.Redundant.Float())
		if floor {
			row = append(row, cellValue(numberOrNaN(l.Floor)))
		}
		row = append(row, waveCells(it.WaveTest)...)
		if err := setRow(f, itemsSheet, i+2, row); err != nil {
			return err
		}
	}
	return f.SetPanes(itemsSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// waveCells are an item's wave test for the workbook: the test, its
// statistic, p, Holm's p and effect, and the people linked for a paired
// test; empty cells when the item was not tested (or for n linked, when
// the test is not paired).
func waveCells(wt *reduction.WaveTest) []any {
	if wt == nil {
		return make([]any, 6)
	}
	var linked any
	if wt.Test == reduction.SignedRankTest || wt.Test == reduction.PairedTTest {
		linked = wt.NLinked
	}
	return []any{string(wt.Test), cellValue(wt.Statistic), cellValue(wt.P), cellValue(wt.PHolm), cellValue(wt.Effect.Value), linked}
}

// tick is 1 when rule fired for it, 0 when not, nil (empty) when it could
// not be decided.
func tick(it *reduction.ItemResult, rule reduction.Rule) any {
	if it.Has(rule) {
		return 1
	}
	for _, u := range it.Undecided {
		if u.Concerns(rule) {
			return nil
		}
	}
	return 0
}

// orNil is s, or nil (an empty cell) for "".
func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func numberOrNaN(n reduction.Number) float64 {
	if !n.IsSet() {
		return math.NaN()
	}
	return n.Float()
}

// limitsOf returns the thresholds in force for the scale of it.
func limitsOf(r *reduction.Result, it *reduction.ItemResult) reduction.Limits {
	for _, l := range r.Limits {
		if l.Scale == it.Item.Scale {
			return l
		}
	}
	return r.Thresholds.LimitsFor(it.Item.Scale)
}

func writeScreeningSheet(f *excelize.File, r *reduction.Result, sc screening) error {
	rows := [][]any{
		{"screened with", "itemreduce " + appVersion()},
		{"items", len(r.Items)},
		{"respondents, current wave", r.Respondents},
		{"respondents, previous wave", r.PreviousRespondents},
	}
	for _, kv := range sc.rows {
		rows = append(rows, []any{kv[0], kv[1]})
	}
	rows = append(rows, []any{"thresholds", r.Basis()}, []any{"redundant if |r| above", r.Thresholds.Redundant.Float()}, nil,
		[]any{"scale", "min", "max", "stable if |shift| below", "from", "ceiling if mean above", "from", "low spread if sd below", "from", "floor if mean below"})
	for _, l := range r.Limits {
		rows = append(rows, []any{l.Scale.Name, l.Scale.Min, l.Scale.Max, l.Stable.Float(), l.StableFrom,
			l.Ceiling.Float(), l.CeilingFrom, l.LowSpread.Float(), l.LowSpreadFrom, cellValue(numberOrNaN(l.Floor))})
	}
	for i, row := range rows {
		if row == nil {
			continue
		}
		if err := setRow(f, screeningSheet, i+1, row); err != nil {
			return err
		}
	}
	return nil
}

// setRow writes values into row of sheet from column A; nil leaves a cell
// empty. A float64 is written with every digit it needs to read back
// exactly, as in the JSON: excelize would otherwise cut it to the 15
// significant digits Excel shows.
func setRow(f *excelize.File, sheet string, row int, values []any) error {
	for j, v := range values {
		if v == nil {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(j+1, row)
		if err != nil {
			return err
		}
		if x, ok := v.(float64); ok {
			err = f.SetCellFloat(sheet, cell, x, exactDecimals(x), 64)
		} else {
			err = f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// exactDecimals is the number of decimals with which x reads back exactly.
func exactDecimals(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}
