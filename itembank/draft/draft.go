// Package draft drafts an item bank from a response file (itemreduce bank
// init): which columns are rating items, on which scales, with a comment
// for everything a person should check.
package draft

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
	"github.com/itemreduce/itemreduce/itembank/sav"
)

// A Draft is an item bank guessed from a response file, for a person to
// check before use: which columns are rating items, on which scales.
type Draft struct {
	Bank     *itembank.Bank
	Source   string // the file the draft was made from
	Format   string // files.FormatText, files.FormatXLSX or files.FormatSAV
	Rows     int    // respondents read
	Left     []LeftOut
	Inferred map[*itembank.Scale]string // scales guessed from the answers seen, with how
	Notes    map[*itembank.Scale]string // other remarks on a scale, such as a missing code taken from a label
	Warnings []string                   // problems of the file that did not stop it from being read (files.Source.Warnings)
}

// LeftOut is a column of the data that the draft does not take as an item.
type LeftOut struct {
	Name, Label, Reason string
}

// Options tune FromFile.
type Options struct {
	Sheet string // worksheet of a workbook; empty means the first
}

// draftColumn gathers what a column tells about itself.
type draftColumn struct {
	name, label string
	text        bool                    // a string variable, or a cell that is not a number
	nominal     bool                    // nominal by SPSS's measurement level
	fine        bool                    // a number with more decimals than an answer may have
	values      map[itembank.Value]bool // distinct numeric answers (capped)
	n           int                     // filled cells
	many        bool                    // more distinct answers than a rating item has
	labels      map[itembank.Value]string
	missing     []itembank.Value // declared missing codes
	missingNote string           // declared missing codes a bank cannot hold
}

// maxDraftLevels is the most distinct answers a column may have to be
// taken as a rating item (a 0-10 scale with halves has 21).
const maxDraftLevels = 40

// backgroundWords mark columns that describe the respondent or the survey,
// not a rating: a column whose name has one of them as a word is left out.
var backgroundWords = map[string]bool{
	"id": true, "nr": true, "nummer": true, "volgnummer": true, "respondent": true, "resp": true,
	"leeftijd": true, "age": true, "geboortejaar": true, "geslacht": true, "gender": true, "sex": true,
	"team": true, "gemeente": true, "municipality": true, "wijk": true, "regio": true, "region": true,
	"organisatie": true, "organisation": true, "organization": true, "afdeling": true, "department": true,
	"functie": true, "role": true, "rol": true, "beroep": true, "opleiding": true, "education": true,
	"jaar": true, "year": true, "golf": true, "wave": true, "meting": true, "ervaring": true, "experience": true,
	"datum": true, "date": true, "tijd": true, "time": true, "duur": true, "duration": true,
	"postcode": true, "zip": true, "gewicht": true, "weight": true, "email": true, "naam": true, "name": true,
}

// FromFile drafts an item bank from a response file in any format
// LoadFile reads. Item ids are the column (variable) names, item texts the
// SPSS variable labels (empty for other formats). A column is left out,
// with its reason, when it holds text, when SPSS's measurement level says
// nominal (ordinal, scale and unknown are drafted), when it holds numbers
// with more than itembank.MaxPlaces decimals, when its name starts with a
// background word (respondent id, age, gender, team, municipality, year,
// ...; see isBackground), when it has no answers, when it holds only the
// codes 0 and 1 or 1 and 2 without labels (yes/no, a category), or when its
// answers do not fit a rating scale starting at 0 or 1 up to at most 11.
//
// A scale comes from the SPSS value labels and missing values when there
// are labels, widened to the answers seen; otherwise it is inferred from
// the answers seen: from 0 when a 0 is seen, else 1, up to 5, 7 or 10,
// whichever is the first at or above the highest answer; a code such as
// 9 or 99 that lies apart from the other answers is taken as a missing
// code. Columns with the same scale share one. Every inferred scale is
// listed in Inferred, to be said next to it in the written draft.
func FromFile(path string, opt Options) (*Draft, error) {
	src, err := files.Open(path, opt.Sheet, nil)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	t, dict := src.Table, src.Dict
	cols, rows, err := readDraftColumns(t, dict)
	if err != nil {
		return nil, err
	}
	d := draftBank(cols, title(path, dict))
	d.Source, d.Format, d.Rows = path, src.Format, rows
	d.Warnings = src.Warnings
	return d, nil
}

// title is the SPSS file label, or else a title naming the file.
func title(path string, dict *sav.File) string {
	if dict != nil && strings.TrimSpace(dict.Label) != "" {
		return strings.TrimSpace(dict.Label)
	}
	return "Draft item bank from " + filepath.Base(path)
}

// readDraftColumns reads every row of t and describes each column.
func readDraftColumns(t files.Table, dict *sav.File) ([]*draftColumn, int, error) {
	header, err := t.Header()
	if err != nil {
		return nil, 0, err
	}
	cols := make([]*draftColumn, len(header))
	for i, h := range header {
		cols[i] = &draftColumn{name: strings.TrimSpace(h), values: map[itembank.Value]bool{}}
	}
	if dict != nil {
		for i, v := range dict.Variables {
			describeVariable(cols[i], v)
		}
	}
	rows := 0
	for {
		row, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		rows++
		for i, cell := range row {
			if i < len(cols) {
				cols[i].add(cell)
			}
		}
	}
	if rows == 0 {
		return nil, 0, &itembank.ParseError{File: t.Pos(0).File, Err: files.ErrNoRespondents}
	}
	return cols, rows, nil
}

// describeVariable takes an SPSS variable's label, value labels and
// missing values.
func describeVariable(c *draftColumn, v *sav.Variable) {
	c.label = strings.TrimSpace(v.Label)
	if v.Width > 0 {
		c.text = true
		return
	}
	c.nominal = v.Measure == sav.Nominal
	for _, vl := range v.ValueLabels {
		if x, ok := valueOf(vl.Value.Num); ok && !v.IsMissing(vl.Value) {
			if c.labels == nil {
				c.labels = map[itembank.Value]string{}
			}
			c.labels[x] = vl.Label
		}
	}
	var odd []string
	for _, m := range v.Missing.Values {
		if x, ok := valueOf(m.Num); ok {
			c.missing = append(c.missing, x)
		} else {
			odd = append(odd, files.ExactNumber(m.Num))
		}
	}
	if r := v.Missing.Range; r != nil {
		lo, hi := math.Ceil(r.Low), math.Floor(r.High)
		if hi-lo < 20 {
			for x := lo; x <= hi; x++ {
				c.missing = append(c.missing, itembank.Int(int64(x)))
			}
		} else {
			odd = append(odd, fmt.Sprintf("%s to %s", rangeEnd(r.Low), rangeEnd(r.High)))
		}
	}
	if len(odd) > 0 {
		c.missingNote = "missing in the SPSS file but not listed here: " + strings.Join(odd, ", ")
	}
}

// rangeEnd formats an end of an SPSS missing range, which may be open.
func rangeEnd(x float64) string {
	switch {
	case math.IsInf(x, -1):
		return "lowest"
	case math.IsInf(x, 1):
		return "highest"
	}
	return files.ExactNumber(x)
}

// valueOf returns x as a Value when it is a decimal a scale can hold.
func valueOf(x float64) (itembank.Value, bool) {
	v, err := itembank.ParseValue(files.ExactNumber(x))
	return v, err == nil
}

// add takes one cell of the column: a number is an answer, a number with
// more than itembank.MaxPlaces decimals marks the column as fine, anything
// else marks it as text.
func (c *draftColumn) add(cell string) {
	if c.text || strings.TrimSpace(cell) == "" {
		return
	}
	v, err := itembank.ParseValue(cell)
	if err != nil {
		if tooManyPlaces(cell) {
			c.fine = true
		} else {
			c.text = true
		}
		return
	}
	c.n++
	if len(c.values) < maxDraftLevels {
		c.values[v] = true
	} else if !c.values[v] {
		c.many = true
	}
}

// tooManyPlaces reports whether cell is a plain decimal number, point or
// comma, with more than itembank.MaxPlaces digits after the point: a
// number, not text, though not one a rating scale holds.
func tooManyPlaces(cell string) bool {
	s := strings.TrimLeft(strings.TrimSpace(cell), "+-")
	whole, frac, ok := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	return ok && len(frac) > itembank.MaxPlaces && allDigits(whole) && allDigits(frac)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// draftBank turns the described columns into a bank.
func draftBank(cols []*draftColumn, title string) *Draft {
	d := &Draft{Inferred: map[*itembank.Scale]string{}, Notes: map[*itembank.Scale]string{}}
	var scales sharedScales
	var items []*itembank.Item
	inferredFrom := map[*itembank.Scale][]string{}
	seen := map[string]string{} // lower-case name -> the first column so named
	for _, c := range cols {
		if c.name == "" {
			continue
		}
		ds, reason := c.classify(seen)
		if _, ok := seen[strings.ToLower(c.name)]; !ok {
			seen[strings.ToLower(c.name)] = c.name
		}
		if ds == nil {
			d.Left = append(d.Left, LeftOut{Name: c.name, Label: c.label, Reason: reason})
			continue
		}
		s := scales.add(ds)
		d.addNote(s, ds.note)
		if ds.inferred != "" {
			inferredFrom[s] = append(inferredFrom[s], ds.inferred)
		}
		items = append(items, &itembank.Item{ID: c.name, Text: c.label, Scale: s})
	}
	for s, how := range inferredFrom {
		d.Inferred[s] = summarizeInferred(how)
	}
	b, err := itembank.NewBank(title, scales.list, items, nil)
	if err != nil { // cannot happen: ids are valid and unique, scales checked
		panic(err)
	}
	d.Bank = b
	return d
}

// classify finds c's scale, or says why c is left out; seen holds the
// names of the columns before it, by their lower case: loading data
// refuses two columns equal but for letter case when one is an item.
func (c *draftColumn) classify(seen map[string]string) (*draftScale, string) {
	first, twin := seen[strings.ToLower(c.name)]
	switch {
	case twin && first == c.name:
		return nil, "a second column with this name"
	case twin:
		return nil, "equal to column " + first + " but for letter case, which SPSS variable names ignore: rename one"
	case !itembank.ValidID(c.name):
		return nil, "the name cannot be an item id (letters, digits and _ . @ # $ - only): rename the column to use it"
	case c.text:
		return nil, "text answers (free text or categories)"
	case c.nominal:
		return nil, "nominal by SPSS's measurement level (make Measure ordinal in SPSS to take it)"
	case c.fine:
		return nil, fmt.Sprintf("numbers with more than %d decimals: not a rating item", itembank.MaxPlaces)
	case isBackground(c.name):
		return nil, "a background variable, going by its name"
	}
	return c.scale()
}

// addNote adds a remark on s, unless it is empty or already made.
func (d *Draft) addNote(s *itembank.Scale, note string) {
	if note == "" || strings.Contains(d.Notes[s], note) {
		return
	}
	if d.Notes[s] != "" {
		d.Notes[s] += "\n"
	}
	d.Notes[s] += note
}

// summarizeInferred says how a scale was inferred, given how it was for
// each of its columns.
func summarizeInferred(how []string) string {
	msg := fmt.Sprintf("inferred from the answers seen, not declared in the file (%d column(s)", len(how))
	if len(how) == 1 {
		msg = fmt.Sprintf("inferred from the answers seen, not declared in the file (%s", how[0])
	}
	msg += "): check min, max and missing against the questionnaire"
	return msg
}

// isBackground reports whether a column name starts with a background
// word (words split at anything but a letter): leeftijd, resp_id,
// gemeente_code and jaren_ervaring are background, tevreden_team is not.
func isBackground(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return false
	}
	w := words[0]
	return backgroundWords[w] || strings.HasPrefix(w, "respondent") || (w == "jaren" && len(words) > 1 && backgroundWords[words[1]])
}
