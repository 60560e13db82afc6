package itembank

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// SummaryExt ends the name of every summary file: wave loaders read a file
// with this ending as a summary, any other as answers.
const SummaryExt = ".summary.json"

// ErrBadSummary reports a summary file that cannot be read or is not
// consistent with itself.
var ErrBadSummary = errors.New("not a valid summary file")

const (
	summaryFormat  = "itemreduce summary"
	summaryVersion = 1
)

// summaryFile is the JSON shape of a summary file:
//
//	{
//	  "format": "itemreduce summary",
//	  "version": 1,
//	  "bank": "sha256:…",            (Bank.Hash of the bank it was made for)
//	  "respondents": 1250,
//	  "places": 0,                    (sums are in units of 10^-places)
//	  "items": [
//	    {"id": "SA01", "asked": true, "values": ["1", "2", …], "counts": [31, 122, …]},
//	    …
//	  ],
//	  "pair_fields": ["n", "sum_x", "sum_y", "sum_xx", "sum_yy", "sum_xy"],
//	  "pairs": [[1190, 3510, 3622, 11230, 11877, 10882], …]
//	}
//
// pairs lists every pair of items i < j in bank order, (1,2), (1,3), …,
// (2,3), …: over the respondents who answered both, their number and the
// sums of x, y, x², y² and x·y with x the answer to item i, y to item j.
type summaryFile struct {
	Format      string        `json:"format"`
	Version     int           `json:"version"`
	Bank        string        `json:"bank"`
	Respondents int64         `json:"respondents"`
	Places      int           `json:"places"`
	Items       []summaryItem `json:"items"`
	PairFields  []string      `json:"pair_fields"`
	Pairs       [][6]int64    `json:"pairs"`
}

type summaryItem struct {
	ID     string   `json:"id"`
	Asked  bool     `json:"asked"`
	Values []string `json:"values"`
	Counts []int64  `json:"counts"`
}

var pairFields = []string{"n", "sum_x", "sum_y", "sum_xx", "sum_yy", "sum_xy"}

// WriteJSON writes s as a summary file (see LoadSummary). It holds counts
// and sums only: no answer of any one respondent. s must have pair sums
// (Summarize with WithPairs), since a summary file always carries them.
func (s *Summary) WriteJSON(w io.Writer) error {
	pairs := s.Pairs()
	if pairs == nil && len(s.Items) > 1 {
		return fmt.Errorf("summary without pair statistics: make it with WithPairs")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"bank\": %q,\n  \"respondents\": %d,\n  \"places\": %d,\n  \"items\": [\n",
		summaryFormat, summaryVersion, s.Bank, s.Respondents, s.Places)
	for i, it := range s.Items {
		id, _ := json.Marshal(it.ID)
		fmt.Fprintf(&b, "    {\"id\": %s, \"asked\": %t, \"values\": [", id, it.Asked)
		for k, c := range it.Counts {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(unitsString(c.Value, s.Places)))
		}
		b.WriteString("], \"counts\": [")
		for k, c := range it.Counts {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.FormatInt(c.Count, 10))
		}
		b.WriteString("]}")
		if i < len(s.Items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  ],\n  \"pair_fields\": [\"n\", \"sum_x\", \"sum_y\", \"sum_xx\", \"sum_yy\", \"sum_xy\"],\n  \"pairs\": [")
	var num []byte
	for k, p := range pairs {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    [")
		for f, v := range [6]int64{p.N, p.SumX, p.SumY, p.SumXX, p.SumYY, p.SumXY} {
			if f > 0 {
				b.WriteString(", ")
			}
			num = strconv.AppendInt(num[:0], v, 10)
			b.Write(num)
		}
		b.WriteByte(']')
	}
	b.WriteString("\n  ]\n}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// unitsString formats u·10^-places as a decimal without trailing zeros.
func unitsString(u int64, places int) string {
	for places > 0 && u%10 == 0 {
		u /= 10
		places--
	}
	return Value{Units: u, Places: places}.String()
}

// LoadSummaryFile reads a summary file made for bank.
func LoadSummaryFile(path string, bank *Bank) (*Summary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return LoadSummary(bytes.NewReader(data), path, bank)
}

// LoadSummary reads a summary file written by Summary.WriteJSON; name is
// used in messages. The file must have been made for this bank (the same
// Bank.Hash: ErrOtherBank otherwise) and be consistent with itself:
// answers within their items' scales, no pair counting more respondents
// than either of its items, and so on (ErrBadSummary otherwise).
func LoadSummary(r io.Reader, name string, bank *Bank) (*Summary, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	var f summaryFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(name, data, err)
	}
	if dec.More() {
		return nil, &ParseError{File: name, Line: lineAt(data, int(dec.InputOffset())), Err: fmt.Errorf("%w: text after the summary", ErrBadSummary)}
	}
	s, err := f.summary(bank)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	return s, nil
}

func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &ParseError{File: name, Line: lineAt(data, int(se.Offset)), Err: fmt.Errorf("%w: %v", ErrBadSummary, err)}
	case errors.As(err, &te):
		return &ParseError{File: name, Line: lineAt(data, int(te.Offset)), Err: fmt.Errorf("%w: %s should be %s, not a JSON %s", ErrBadSummary, te.Field, te.Type, te.Value)}
	case err == io.EOF:
		return &ParseError{File: name, Err: fmt.Errorf("%w: %w", ErrBadSummary, ErrEmpty)}
	}
	return &ParseError{File: name, Err: fmt.Errorf("%w: %v", ErrBadSummary, err)}
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	off = max(0, min(off, len(data)))
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

// summary checks f against bank and itself, and returns its Summary.
func (f *summaryFile) summary(bank *Bank) (*Summary, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrBadSummary}, args...)...)
	}
	switch {
	case f.Format != summaryFormat:
		return nil, bad("it does not say \"format\": %q", summaryFormat)
	case f.Version != summaryVersion:
		return nil, bad("version %d; this itemreduce reads version %d", f.Version, summaryVersion)
	case f.Bank != bank.Hash():
		return nil, fmt.Errorf("summary %w (bank %s, this bank is %s): make it again with this bank", ErrOtherBank, short(f.Bank), short(bank.Hash()))
	case f.Respondents < 1:
		return nil, bad("%d respondents", f.Respondents)
	case f.Places < 0 || f.Places > MaxPlaces:
		return nil, bad("places %d is not between 0 and %d", f.Places, MaxPlaces)
	case len(f.Items) != len(bank.Items):
		return nil, bad("%d items, the bank has %d", len(f.Items), len(bank.Items))
	case f.PairFields != nil && strings.Join(f.PairFields, ",") != strings.Join(pairFields, ","):
		return nil, bad("pair_fields must be %s", strings.Join(pairFields, ", "))
	}
	p := len(bank.Items)
	s := &Summary{Respondents: f.Respondents, Places: f.Places, Bank: f.Bank, Items: make([]ItemSummary, p)}
	totals := make([]int64, p)
	for i, it := range f.Items {
		if err := s.readItem(i, it, bank.Items[i], &totals[i]); err != nil {
			return nil, err
		}
	}
	if err := s.checkRange(); err != nil {
		return nil, bad("%v", err)
	}
	if len(f.Pairs) != p*(p-1)/2 {
		return nil, bad("%d pairs; %d items make %d", len(f.Pairs), p, p*(p-1)/2)
	}
	sums := make([]PairSums, len(f.Pairs))
	k := 0
	for i := range p {
		for j := i + 1; j < p; j++ {
			v := f.Pairs[k]
			ps := PairSums{N: v[0], SumX: v[1], SumY: v[2], SumXX: v[3], SumYY: v[4], SumXY: v[5]}
			if ps.N < 0 || ps.N > min(totals[i], totals[j]) || (ps.N == 0 && ps != PairSums{}) {
				return nil, bad("pair %s-%s: %d respondents answered both, but %s has %d answers and %s %d",
					bank.Items[i].ID, bank.Items[j].ID, ps.N, bank.Items[i].ID, totals[i], bank.Items[j].ID, totals[j])
			}
			sums[k] = ps
			k++
		}
	}
	s.pairs = sums
	return s, nil
}

// readItem checks one item's frequencies and stores them as item i.
func (s *Summary) readItem(i int, it summaryItem, want *Item, total *int64) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: item %s: "+format, append([]any{ErrBadSummary, it.ID}, args...)...)
	}
	switch {
	case it.ID != want.ID:
		return fmt.Errorf("%w: item %d is %s, the bank's is %s", ErrBadSummary, i+1, it.ID, want.ID)
	case len(it.Values) != len(it.Counts):
		return bad("%d values but %d counts", len(it.Values), len(it.Counts))
	case !it.Asked && len(it.Values) > 0:
		return bad("answers to an item that was not asked")
	}
	s.Items[i] = ItemSummary{ID: it.ID, Asked: it.Asked}
	for k, text := range it.Values {
		v, err := ParseValue(text)
		switch {
		case err != nil || v.Places > s.Places:
			return bad("value %q is not a number with at most %d decimals", text, s.Places)
		case !want.Scale.Contains(v) || want.Scale.IsMissing(v):
			return bad("value %s is outside %s", v, want.Scale)
		case it.Counts[k] < 1 || it.Counts[k] > s.Respondents-*total:
			return bad("count %d for value %s", it.Counts[k], v)
		}
		u := v.At(s.Places)
		if k > 0 && u <= s.Items[i].Counts[k-1].Value {
			return bad("values must increase")
		}
		*total += it.Counts[k]
		s.Items[i].Counts = append(s.Items[i].Counts, ValueCount{Value: u, Count: it.Counts[k]})
	}
	return nil
}

// short abbreviates a bank hash for messages.
func short(hash string) string {
	if len(hash) > 19 {
		return hash[:19] + "…"
	}
	if hash == "" {
		return "not recorded"
	}
	return hash
}
