package itembank

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"unicode/utf8"
)

// SummaryExt ends the name of every summary file: wave loaders read a file
// with this ending as a summary, any other as answers.
const SummaryExt = ".summary.json"

// ErrBadSummary reports a summary file that cannot be read or is not
// consistent with itself.
var ErrBadSummary = errors.New("not a valid summary file")

const (
	summaryFormat  = "itemreduce summary"
	summaryVersion = 2
)

// A summary file is JSON of this shape, exactly: every key spelt as here,
// each once, none other (the order of keys may differ).
//
//	{
//	  "format": "itemreduce summary",
//	  "version": 2,
//	  "bank": "sha256:…",            (Bank.Hash of the bank it was made for)
//	  "respondents": 1250,            (who answered at least one bank item)
//	  "min_respondents": 10,          (every published count is 0 or at least this)
//	  "places": 0,                    (sums are in units of 10^-places)
//	  "items": [
//	    {"id": "SA01", "asked": true, "values": ["1", "2", …], "counts": [31, 122, …]},
//	    {"id": "SA02", "asked": true, "withheld": true},
//	    {"id": "SA03", "asked": false, "values": [], "counts": []},
//	    …
//	  ],
//	  "pair_fields": ["n", "sum_x", "sum_y", "sum_xx", "sum_yy", "sum_xy"],
//	  "pairs": [[1190, 3510, 3622, 11230, 11877, 10882], "withheld", …]
//	}
//
// An item fewer than min_respondents people answered is "withheld": true,
// without values and counts. pairs lists every pair of items i < j in bank
// order, (1,2), (1,3), …, (2,3), …: over the respondents who answered both,
// their number and the sums of x, y, x², y² and x·y with x the answer to
// item i, y to item j; or "withheld" when fewer than min_respondents
// answered both, or when either item is withheld.
//
// Version 1, written before the minimum applied to each item and pair,
// is refused: it may publish the answers of an item one person answered.
type summaryFile struct {
	Format         string
	Version        int64
	Bank           string
	Respondents    int64
	MinRespondents int64
	Places         int64
	Items          []summaryItem
	PairFields     []string
	Pairs          []summaryPair
	Tables         []summaryTable // version 3 only (tables_file.go)

	line    map[string]int // line of each top-level key read
	unknown string         // the first key that is not one of the above
}

type summaryItem struct {
	ID       string
	Asked    bool
	Withheld bool
	Values   []string
	Counts   []int64
	Line     int
}

type summaryPair struct {
	Sums     [6]int64
	Withheld bool
	Line     int
}

// withheldPair is how a withheld pair is written.
const withheldPair = "withheld"

var pairFields = []string{"n", "sum_x", "sum_y", "sum_xx", "sum_yy", "sum_xy"}

// summaryKeys are the top-level keys of a summary file, in writing order.
var summaryKeys = []string{"format", "version", "bank", "respondents", "min_respondents", "places", "items", "pair_fields", "pairs"}

// WriteJSON writes s as a summary file (see LoadSummary). It holds counts
// and sums only: no answer of any one respondent. s must have pair sums
// (Summarize with WithPairs), since a summary file always carries them,
// and must have been through Withhold, with at least MinRespondents
// respondents: a summary file always applies a minimum.
func (s *Summary) WriteJSON(w io.Writer) error {
	pairs := s.Pairs()
	if pairs == nil && len(s.Items) > 1 {
		return fmt.Errorf("summary without pair statistics: make it with WithPairs")
	}
	if err := s.checkMinimum(); err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"bank\": %q,\n  \"respondents\": %d,\n  \"min_respondents\": %d,\n  \"places\": %d,\n  \"items\": [\n",
		summaryFormat, s.fileVersion(), s.Bank, s.Respondents, s.MinRespondents, s.Places)
	for i, it := range s.Items {
		id, _ := json.Marshal(it.ID)
		if it.Withheld {
			fmt.Fprintf(&b, "    {\"id\": %s, \"asked\": %t, \"withheld\": true}", id, it.Asked)
		} else {
			writeItem(&b, id, it, s.Places)
		}
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
		b.WriteString("\n    ")
		if s.pairWithheld(k) {
			b.WriteString(strconv.Quote(withheldPair))
			continue
		}
		b.WriteByte('[')
		for f, v := range [6]int64{p.N, p.SumX, p.SumY, p.SumXX, p.SumYY, p.SumXY} {
			if f > 0 {
				b.WriteString(", ")
			}
			num = strconv.AppendInt(num[:0], v, 10)
			b.Write(num)
		}
		b.WriteByte(']')
	}
	b.WriteString("\n  ]")
	s.writeTables(&b)
	b.WriteString("\n}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writeItem writes a published item's frequency table.
func writeItem(b *bytes.Buffer, id []byte, it ItemSummary, places int) {
	fmt.Fprintf(b, "    {\"id\": %s, \"asked\": %t, \"values\": [", id, it.Asked)
	for k, c := range it.Counts {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(unitsString(c.Value, places)))
	}
	b.WriteString("], \"counts\": [")
	for k, c := range it.Counts {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.FormatInt(c.Count, 10))
	}
	b.WriteString("]}")
}

// checkMinimum makes sure that s applies its minimum to everything it
// would publish.
func (s *Summary) checkMinimum() error {
	switch {
	case s.MinRespondents < 1:
		return fmt.Errorf("summary without a minimum of respondents: apply Withhold before writing it")
	case s.Respondents < s.MinRespondents:
		return fmt.Errorf("summary of %d respondents, fewer than its minimum of %d", s.Respondents, s.MinRespondents)
	}
	for i, it := range s.Items {
		if n := s.Moments(i).N; !it.Withheld && n > 0 && n < s.MinRespondents {
			return fmt.Errorf("item %s: %d answers, fewer than the minimum of %d: apply Withhold before writing", it.ID, n, s.MinRespondents)
		}
	}
	for k, p := range s.pairs {
		if !s.pairWithheld(k) && p.N > 0 && p.N < s.MinRespondents {
			return fmt.Errorf("a pair of %d respondents, fewer than the minimum of %d: apply Withhold before writing", p.N, s.MinRespondents)
		}
	}
	return s.checkTableMinimum()
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
// Bank.Hash: ErrOtherBank otherwise), be spelt exactly as WriteJSON spells
// it (every key in its letter case, once, none other; valid UTF-8; whole
// numbers as such), and be consistent with itself, as a file made from
// real answers is: see checkSummary. Anything else is an error wrapping
// ErrBadSummary that names the file, the line and the item or pair.
func LoadSummary(r io.Reader, name string, bank *Bank) (*Summary, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	f, err := parseSummary(data, name)
	if err != nil {
		return nil, err
	}
	return f.summary(bank, name)
}

// A jsonReader reads JSON token by token, to see what encoding/json's
// Unmarshal forgives: a key given twice (the last would win), a key in
// other letter case (it would match), a number with a fraction.
type jsonReader struct {
	dec  *json.Decoder
	data []byte
	name string
}

// parseSummary reads the JSON of a summary file, without judging its
// content beyond types and keys.
func parseSummary(data []byte, name string) (*summaryFile, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: %w", ErrBadSummary, ErrEmpty)}
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, &ParseError{File: name, Line: lineAt(data, off), Err: fmt.Errorf("%w: not UTF-8 text", ErrBadSummary)}
	}
	r := &jsonReader{dec: json.NewDecoder(bytes.NewReader(data)), data: data, name: name}
	r.dec.UseNumber()
	f := &summaryFile{line: map[string]int{}}
	err := r.object("the summary", func(key string) error {
		f.line[key] = r.line()
		switch key {
		case "format":
			return r.str(key, &f.Format)
		case "version":
			return r.int(key, &f.Version)
		case "bank":
			return r.str(key, &f.Bank)
		case "respondents":
			return r.int(key, &f.Respondents)
		case "min_respondents":
			return r.int(key, &f.MinRespondents)
		case "places":
			return r.int(key, &f.Places)
		case "items":
			return r.array(key, func() error {
				it, err := r.item()
				f.Items = append(f.Items, it)
				return err
			})
		case "pair_fields":
			return r.array(key, func() error {
				var s string
				err := r.str("pair_fields", &s)
				f.PairFields = append(f.PairFields, s)
				return err
			})
		case "tables":
			f.Tables = []summaryTable{}
			return r.array(key, func() error {
				t, err := r.table()
				f.Tables = append(f.Tables, t)
				return err
			})
		case "pairs":
			f.Pairs = []summaryPair{}
			return r.array(key, func() error {
				p, err := r.pair()
				f.Pairs = append(f.Pairs, p)
				return err
			})
		}
		if f.unknown == "" {
			f.unknown = key
		}
		return r.skip()
	})
	if err != nil {
		return nil, err
	}
	if r.dec.More() {
		return nil, r.fail("text after the summary")
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return nil, r.fail("text after the summary")
	}
	return f, nil
}

// item reads one object of "items".
func (r *jsonReader) item() (summaryItem, error) {
	it := summaryItem{Line: r.line() + 1}
	keys := map[string]bool{}
	first := true
	err := r.object("an item", func(key string) error {
		if first {
			it.Line, first = r.line(), false
		}
		keys[key] = true
		switch key {
		case "id":
			return r.str("id", &it.ID)
		case "asked":
			return r.bool("asked", &it.Asked)
		case "withheld":
			return r.bool("withheld", &it.Withheld)
		case "values":
			it.Values = []string{}
			return r.array("values", func() error {
				var s string
				err := r.str("values", &s)
				it.Values = append(it.Values, s)
				return err
			})
		case "counts":
			it.Counts = []int64{}
			return r.array("counts", func() error {
				var n int64
				err := r.int("counts", &n)
				it.Counts = append(it.Counts, n)
				return err
			})
		}
		return r.failAt(r.line(), "item %s: unknown key %q", quoted(it.ID), key)
	})
	if err != nil {
		return it, err
	}
	for _, k := range []string{"id", "asked"} {
		if !keys[k] {
			return it, r.failAt(it.Line, "an item without %q", k)
		}
	}
	switch {
	case keys["withheld"] && !it.Withheld:
		return it, r.failAt(it.Line, "item %s: \"withheld\": false; a published item has no \"withheld\" key", it.ID)
	case it.Withheld && (keys["values"] || keys["counts"]):
		return it, r.failAt(it.Line, "item %s: withheld, yet with values or counts", it.ID)
	case !it.Withheld && (!keys["values"] || !keys["counts"]):
		return it, r.failAt(it.Line, "item %s: \"values\" and \"counts\" are needed (or \"withheld\": true)", it.ID)
	}
	return it, nil
}

// pair reads one element of "pairs": six whole numbers or "withheld".
func (r *jsonReader) pair() (summaryPair, error) {
	tok, err := r.token()
	if err != nil {
		return summaryPair{}, err
	}
	p := summaryPair{Line: r.line()}
	if s, ok := tok.(string); ok {
		if s != withheldPair {
			return p, r.fail("a pair is six numbers or %q, not %q", withheldPair, s)
		}
		p.Withheld = true
		return p, nil
	}
	if tok != json.Delim('[') {
		return p, r.fail("a pair is six numbers or %q, not %s", withheldPair, tokenKind(tok))
	}
	n := 0
	for r.dec.More() {
		var v int64
		if err := r.int("a pair", &v); err != nil {
			return p, err
		}
		if n < len(p.Sums) {
			p.Sums[n] = v
		}
		n++
	}
	if _, err := r.token(); err != nil {
		return p, err
	}
	if n != len(p.Sums) {
		return p, r.fail("a pair of %d numbers; pair_fields names %d", n, len(p.Sums))
	}
	return p, nil
}

// object reads an object, calling field for each key with the decoder
// before its value; a key given twice is an error.
func (r *jsonReader) object(what string, field func(key string) error) error {
	if err := r.delim('{', what); err != nil {
		return err
	}
	seen := map[string]bool{}
	for r.dec.More() {
		tok, err := r.token()
		if err != nil {
			return err
		}
		key := tok.(string) // the decoder allows only strings as keys
		if seen[key] {
			return r.fail("key %q given twice in %s", key, what)
		}
		seen[key] = true
		if err := field(key); err != nil {
			return err
		}
	}
	_, err := r.token()
	return err
}

// array reads an array, calling elem for each element.
func (r *jsonReader) array(what string, elem func() error) error {
	if err := r.delim('[', what); err != nil {
		return err
	}
	for r.dec.More() {
		if err := elem(); err != nil {
			return err
		}
	}
	_, err := r.token()
	return err
}

func (r *jsonReader) delim(want json.Delim, what string) error {
	tok, err := r.token()
	if err != nil {
		return err
	}
	if tok != want {
		kind := map[json.Delim]string{'{': "an object", '[': "a list"}[want]
		return r.fail("%s should be %s, not %s", what, kind, tokenKind(tok))
	}
	return nil
}

func (r *jsonReader) str(what string, dst *string) error {
	tok, err := r.token()
	if err != nil {
		return err
	}
	s, ok := tok.(string)
	if !ok {
		return r.fail("%s should be a string, not %s", what, tokenKind(tok))
	}
	*dst = s
	return nil
}

func (r *jsonReader) bool(what string, dst *bool) error {
	tok, err := r.token()
	if err != nil {
		return err
	}
	b, ok := tok.(bool)
	if !ok {
		return r.fail("%s should be true or false, not %s", what, tokenKind(tok))
	}
	*dst = b
	return nil
}

// int reads a whole number that fits in int64, written without fraction
// or exponent.
func (r *jsonReader) int(what string, dst *int64) error {
	tok, err := r.token()
	if err != nil {
		return err
	}
	num, ok := tok.(json.Number)
	if !ok {
		return r.fail("%s should be a whole number, not %s", what, tokenKind(tok))
	}
	v, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil {
		return r.fail("%s: %s is not a whole number from %d to %d", what, num, math.MinInt64, math.MaxInt64)
	}
	*dst = v
	return nil
}

// skip reads over one value of any kind.
func (r *jsonReader) skip() error {
	var v json.RawMessage
	if err := r.dec.Decode(&v); err != nil {
		return jsonError(r.name, r.data, err)
	}
	return nil
}

func (r *jsonReader) token() (json.Token, error) {
	tok, err := r.dec.Token()
	if err == io.EOF {
		return nil, r.fail("the file ends before the summary does")
	}
	if err != nil {
		return nil, jsonError(r.name, r.data, err)
	}
	return tok, nil
}

// line is the line the decoder has read to.
func (r *jsonReader) line() int { return lineAt(r.data, int(r.dec.InputOffset())) }

func (r *jsonReader) fail(format string, args ...any) error {
	return r.failAt(r.line(), format, args...)
}

func (r *jsonReader) failAt(line int, format string, args ...any) error {
	return &ParseError{File: r.name, Line: line, Err: fmt.Errorf("%w: "+format, append([]any{ErrBadSummary}, args...)...)}
}

// tokenKind names the kind of a JSON token for messages.
func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		if t == '[' {
			return "a list"
		}
		return fmt.Sprintf("%q", t)
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

func quoted(id string) string {
	if id == "" {
		return "(no id yet)"
	}
	return id
}

func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &ParseError{File: name, Line: lineAt(data, int(se.Offset)), Err: fmt.Errorf("%w: %v", ErrBadSummary, err)}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &ParseError{File: name, Err: fmt.Errorf("%w: the file ends before the summary does", ErrBadSummary)}
	}
	return &ParseError{File: name, Err: fmt.Errorf("%w: %v", ErrBadSummary, err)}
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	off = max(0, min(off, len(data)))
	return 1 + bytes.Count(data[:off], []byte{'\n'})
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
