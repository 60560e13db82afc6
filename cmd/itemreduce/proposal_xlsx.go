package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
	"github.com/itemreduce/itemreduce/reduction/proposalbook"
)

// checklistFormat tells from the name given with -o whether proposal
// writes an Excel checklist (.xlsx) or YAML (.yaml, .yml, the screen).
func checklistFormat(out string) (workbook bool, err error) {
	if toScreen(out) {
		return false, nil
	}
	switch ext := strings.ToLower(filepath.Ext(out)); ext {
	case ".xlsx":
		return true, nil
	case ".yaml", ".yml":
		return false, nil
	case ".xls", ".xlsm", ".ods", ".csv":
		return false, usageError("-o %s: the checklist is written as an Excel workbook; name it %s.xlsx", out, strings.TrimSuffix(out, filepath.Ext(out)))
	default:
		return false, usageError("-o %s: the name must end in .xlsx (an Excel checklist) or .yaml (a text checklist)", out)
	}
}

// writeChecklistWorkbook writes the Excel checklist of bank to out and
// says so, with what the team leader does next.
func writeChecklistWorkbook(c *cli.Context, outs *outputs, out string, bank *itembank.Bank, lang string) error {
	var buf bytes.Buffer
	err := proposalbook.Write(&buf, bank, proposalbook.Options{By: c.String("by"), Target: c.Int("target"), Lang: lang})
	if err != nil {
		return err
	}
	if err := outs.writeFile(out, buf.Bytes()); err != nil {
		return err
	}
	yes, no := "yes", "no"
	if lang == "nl" {
		yes, no = "ja", "nee"
	}
	fmt.Fprintf(c.App.ErrWriter, "Wrote %s: an Excel checklist of %d items, each at %s. The team leader chooses %s or %s per item, saves and sends it back; check it with itemreduce proposal check, then pass it to itemreduce decide --proposal.\n",
		out, len(bank.Items), yes, yes, no)
	return nil
}

// loadProposal reads a proposal file: an Excel checklist when the file is
// a workbook, whatever its name, else YAML.
func loadProposal(path string, bank *itembank.Bank) (*reduction.Proposal, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if proposalbook.IsWorkbook(data) {
		return proposalbook.Read(bytes.NewReader(data), int64(len(data)), path, bank)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xls", ".ods":
		return nil, &itembank.ParseError{File: path, Err: fmt.Errorf("%w, though its name says so: is it damaged, or a text file renamed?", proposalbook.ErrNotWorkbook)}
	case ".csv", ".tsv":
		return nil, &itembank.ParseError{File: path, Err: fmt.Errorf("%w: a proposal is the Excel checklist as .xlsx, or a YAML file; open the checklist in Excel and save it as Excel Workbook (.xlsx)", proposalbook.ErrNotWorkbook)}
	}
	return reduction.LoadProposal(bytes.NewReader(data), path, bank)
}
