package itembank

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/itemreduce/itemreduce/itembank/sav"
)

// A Draft is an item bank guessed from a response file, for a person to
// check before use: which columns are rating items, on which scales.
type Draft struct {
	Bank     *Bank
	Source   string // the file the draft was made from
	Format   string // FormatText, FormatXLSX or FormatSAV
	Rows     int    // respondents read
	Left     []LeftOut
	Inferred map[*Scale]string // scales guessed from the answers seen, with how
	Notes    map[*Scale]string // other remarks on a scale, such as a missing code taken from a label
}

// LeftOut is a column of the data that the draft does not take as an item.
type LeftOut struct {
	Name, Label, Reason string
}

// DraftOptions tune DraftFile.
type DraftOptions struct {
	Sheet string // worksheet of a workbook; empty means the first
}

// draftColumn gathers what a column tells about itself.
type draftColumn struct {
	name, label string
	text        bool           // a string variable, or a cell that is not a number
	values      map[Value]bool // distinct numeric answers (capped)
	n           int            // filled cells
	many        bool           // more distinct answers than a rating item has
	labels      map[Value]string
	missing     []Value // declared missing codes
	missingNote string  // declared missing codes a bank cannot hold
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

// Codes that surveys commonly use for "don't know" or "no answer".
var missingCandidates = []int64{9, 99, 98, 97, 96, 999, -1, -9, -99, -8, -7}

// DraftFile drafts an item bank from a response file in any format
// LoadFile reads. Item ids are the column (variable) names, item texts the
// SPSS variable labels (empty for other formats). A column is left out,
// with its reason, when it holds text, when its name starts with a
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
func DraftFile(path string, opt DraftOptions) (*Draft, error) {
	f, err := openDataFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var t table
	var dict *sav.File
	switch f.format {
	case FormatXLSX:
		xt, err := newXLSXTable(f, f.size, path, opt.Sheet)
		if err != nil {
			return nil, err
		}
		defer xt.close()
		t = xt
	case FormatSAV:
		sv, err := newSAVTable(f, f.size, path)
		if err != nil {
			return nil, err
		}
		t, dict = sv, sv.r.File()
	default:
		text, _, err := openText(f, f.size, path)
		if err != nil {
			return nil, err
		}
		if t, err = newCSVTable(text, path, nil); err != nil {
			return nil, err
		}
	}
	cols, rows, err := readDraftColumns(t, dict)
	if err != nil {
		return nil, err
	}
	d := draftBank(cols, title(path, dict))
	d.Source, d.Format, d.Rows = path, f.format, rows
	return d, nil
}

func title(path string, dict *sav.File) string {
	if dict != nil && strings.TrimSpace(dict.Label) != "" {
		return strings.TrimSpace(dict.Label)
	}
	return "Draft item bank from " + filepath.Base(path)
}

// readDraftColumns reads every row of t and describes each column.
func readDraftColumns(t table, dict *sav.File) ([]*draftColumn, int, error) {
	header, err := t.Header()
	if err != nil {
		return nil, 0, err
	}
	cols := make([]*draftColumn, len(header))
	for i, h := range header {
		cols[i] = &draftColumn{name: strings.TrimSpace(h), values: map[Value]bool{}}
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
		return nil, 0, &ParseError{File: t.Pos(0).File, Err: ErrNoRespondents}
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
	for _, vl := range v.ValueLabels {
		if x, ok := valueOf(vl.Value.Num); ok && !v.IsMissing(vl.Value) {
			if c.labels == nil {
				c.labels = map[Value]string{}
			}
			c.labels[x] = vl.Label
		}
	}
	var odd []string
	for _, m := range v.Missing.Values {
		if x, ok := valueOf(m.Num); ok {
			c.missing = append(c.missing, x)
		} else {
			odd = append(odd, exactNumber(m.Num))
		}
	}
	if r := v.Missing.Range; r != nil {
		lo, hi := math.Ceil(r.Low), math.Floor(r.High)
		if hi-lo < 20 {
			for x := lo; x <= hi; x++ {
				c.missing = append(c.missing, Int(int64(x)))
			}
		} else {
			odd = append(odd, fmt.Sprintf("%s to %s", rangeEnd(r.Low), rangeEnd(r.High)))
		}
	}
	if len(odd) > 0 {
		c.missingNote = "missing in the SPSS file but not listed here: " + strings.Join(odd, ", ")
	}
}

func rangeEnd(x float64) string {
	switch {
	case math.IsInf(x, -1):
		return "lowest"
	case math.IsInf(x, 1):
		return "highest"
	}
	return exactNumber(x)
}

// valueOf returns x as a Value when it is a decimal a scale can hold.
func valueOf(x float64) (Value, bool) {
	v, err := ParseValue(exactNumber(x))
	return v, err == nil
}

func (c *draftColumn) add(cell string) {
	if c.text || strings.TrimSpace(cell) == "" {
		return
	}
	v, err := ParseValue(cell)
	if err != nil {
		c.text = true
		return
	}
	c.n++
	if len(c.values) < maxDraftLevels {
		c.values[v] = true
	} else if !c.values[v] {
		c.many = true
	}
}

// draftScale is a scale found for one column, before columns share scales.
type draftScale struct {
	min, max int64
	missing  []Value
	labels   map[int64]string
	inferred string // how it was inferred; "" when from value labels
	note     string
}

// key says which columns share a scale: inferred scales by range alone
// (their missing codes are pooled), declared ones by range, missing codes
// and labels.
func (s *draftScale) key() string {
	if s.inferred != "" {
		return fmt.Sprintf("inferred|%d|%d", s.min, s.max)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%d|", s.min, s.max)
	for _, m := range s.missing {
		fmt.Fprintf(&b, "%s,", m)
	}
	b.WriteString("|")
	keys := make([]int64, 0, len(s.labels))
	for k := range s.labels {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		fmt.Fprintf(&b, "%d=%q,", k, s.labels[k])
	}
	fmt.Fprintf(&b, "|%s", s.note)
	return b.String()
}

// draftBank turns the described columns into a bank.
func draftBank(cols []*draftColumn, title string) *Draft {
	d := &Draft{Inferred: map[*Scale]string{}, Notes: map[*Scale]string{}}
	var scales []*Scale
	var items []*Item
	byKey := map[string]*Scale{}
	inferredFrom := map[*Scale][]string{}
	seen := map[string]bool{}
	for _, c := range cols {
		reason := ""
		var ds *draftScale
		switch {
		case c.name == "":
			continue
		case seen[c.name]:
			reason = "a second column with this name"
		case !validID.MatchString(c.name):
			reason = "the name cannot be an item id (letters, digits and _ . @ # $ - only): rename the column to use it"
		case c.text:
			reason = "text answers (free text or categories)"
		case isBackground(c.name):
			reason = "a background variable, going by its name"
		default:
			ds, reason = c.scale()
		}
		seen[c.name] = true
		if ds == nil {
			d.Left = append(d.Left, LeftOut{Name: c.name, Label: c.label, Reason: reason})
			continue
		}
		s := byKey[ds.key()]
		if s == nil {
			s = &Scale{Name: scaleName(ds, scales), Min: ds.min, Max: ds.max, Missing: ds.missing, Labels: ds.labels}
			byKey[ds.key()] = s
			scales = append(scales, s)
		} else {
			s.Missing = append(s.Missing, ds.missing...)
			sortValues(s.Missing)
			s.Missing = dedupValues(s.Missing)
		}
		if ds.note != "" && !strings.Contains(d.Notes[s], ds.note) {
			if d.Notes[s] != "" {
				d.Notes[s] += "\n"
			}
			d.Notes[s] += ds.note
		}
		if ds.inferred != "" {
			inferredFrom[s] = append(inferredFrom[s], ds.inferred)
		}
		items = append(items, &Item{ID: c.name, Text: c.label, Scale: s})
	}
	for s, how := range inferredFrom {
		d.Inferred[s] = summarizeInferred(s, how)
	}
	b, err := NewBank(title, scales, items, nil)
	if err != nil { // cannot happen: ids are valid and unique, scales checked
		panic(err)
	}
	d.Bank = b
	return d
}

func summarizeInferred(s *Scale, how []string) string {
	msg := fmt.Sprintf("inferred from the answers seen, not declared in the file (%d column(s)", len(how))
	if len(how) == 1 {
		msg = fmt.Sprintf("inferred from the answers seen, not declared in the file (%s", how[0])
	}
	msg += "): check min, max and missing against the questionnaire"
	return msg
}

// scale finds c's scale, or says why c is not a rating item.
func (c *draftColumn) scale() (*draftScale, string) {
	if c.many {
		return nil, fmt.Sprintf("more than %d different answers: not a rating scale", maxDraftLevels)
	}
	values := map[Value]bool{}
	for v := range c.values {
		values[v] = true
	}
	for v := range c.labels {
		values[v] = true
	}
	for _, m := range c.missing {
		delete(values, m)
	}
	if len(values) == 0 {
		return nil, "no answers to infer a scale from"
	}
	ds := &draftScale{missing: append([]Value(nil), c.missing...), note: c.missingNote}
	// Codes like 9 ("weet niet") that lie apart from the other answers.
	var codes []Value
	for _, m := range missingCandidates {
		v := Int(m)
		if !values[v] || len(values) < 2 {
			continue
		}
		delete(values, v)
		if lo, hi := bounds(values); !roundScale(lo, hi).contains(v) {
			codes = append(codes, v)
		} else {
			values[v] = true
		}
	}
	lo, hi := bounds(values)
	if len(c.labels) == 0 && (subset(values, 0, 1) || subset(values, 1, 2)) {
		return nil, fmt.Sprintf("only the answers %s: a yes/no question or a category, not a rating scale", valuesString(sortedKeys(values)))
	}
	labelled := keysOf(c.labels)
	for _, v := range codes {
		delete(labelled, v)
	}
	if len(labelled) >= 2 {
		llo, lhi := bounds(labelled)
		ds.min, ds.max = floorInt(minValue(lo, llo)), ceilInt(maxValue(hi, lhi))
		ds.labels = map[int64]string{}
		for v, l := range c.labels {
			if v.Places == 0 && !isIn(v, codes) {
				ds.labels[v.Units] = l
			}
		}
	} else {
		r := roundScale(lo, hi)
		ds.min, ds.max = r.min, r.max
		ds.inferred = fmt.Sprintf("%s: answers %s to %s", c.name, lo, hi)
	}
	if len(codes) > 0 {
		var cs []string
		for _, v := range codes {
			cs = append(cs, v.String())
		}
		if ds.note != "" {
			ds.note += "; "
		}
		ds.note += fmt.Sprintf("%s taken as missing (a code apart from the answers, like 'weet niet')", strings.Join(cs, ", "))
		ds.missing = append(ds.missing, codes...)
	}
	sortValues(ds.missing)
	ds.missing = dedupValues(ds.missing)
	switch {
	case ds.min < 0 || ds.min > 1:
		return nil, fmt.Sprintf("answers %s to %s: not a rating scale starting at 0 or 1", lo, hi)
	case ds.max-ds.min < 2:
		return nil, fmt.Sprintf("answers %s to %s: fewer than three points, not a rating scale", lo, hi)
	case ds.max > 11:
		return nil, fmt.Sprintf("answers %s to %s: too wide for a rating scale", lo, hi)
	}
	var inside []Value
	kept := ds.missing[:0]
	for _, m := range ds.missing {
		if m.Cmp(Int(ds.min)) >= 0 && m.Cmp(Int(ds.max)) <= 0 {
			inside = append(inside, m)
		} else {
			kept = append(kept, m)
		}
	}
	ds.missing = kept
	if len(inside) > 0 {
		if ds.note != "" {
			ds.note += "; "
		}
		ds.note += fmt.Sprintf("missing code(s) %s lie inside the scale and are not listed", valuesString(inside))
	}
	if len(ds.labels) == 0 {
		ds.labels = nil
	}
	return ds, ""
}

// span is a scale's whole-number range.
type span struct{ min, max int64 }

func (s span) contains(v Value) bool { return v.Cmp(Int(s.min)) >= 0 && v.Cmp(Int(s.max)) <= 0 }

// roundScale widens the answers seen to a usual rating scale: from 0 when
// an answer is below 1, else from 1; up to 5, 7 or 10, the first at or
// above the highest answer, or the highest answer itself beyond 10.
func roundScale(lo, hi Value) span {
	s := span{min: 1, max: ceilInt(hi)}
	if lo.Cmp(Int(1)) < 0 {
		s.min = floorInt(lo)
	}
	for _, m := range []int64{5, 7, 10} {
		if s.max <= m {
			s.max = m
			break
		}
	}
	return s
}

func bounds(set map[Value]bool) (lo, hi Value) {
	first := true
	for v := range set {
		if first || v.Cmp(lo) < 0 {
			lo = v
		}
		if first || v.Cmp(hi) > 0 {
			hi = v
		}
		first = false
	}
	return lo, hi
}

// subset reports whether every value in set is a or b.
func subset(set map[Value]bool, a, b int64) bool {
	for v := range set {
		if v.Cmp(Int(a)) != 0 && v.Cmp(Int(b)) != 0 {
			return false
		}
	}
	return true
}

func sortedKeys(set map[Value]bool) []Value {
	vs := make([]Value, 0, len(set))
	for v := range set {
		vs = append(vs, v)
	}
	sortValues(vs)
	return vs
}

func keysOf(m map[Value]string) map[Value]bool {
	s := make(map[Value]bool, len(m))
	for k := range m {
		s[k] = true
	}
	return s
}

func minValue(a, b Value) Value {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

func maxValue(a, b Value) Value {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

func floorInt(v Value) int64 {
	q := v.Units / pow10[v.Places]
	if v.Units < 0 && v.Units%pow10[v.Places] != 0 {
		q--
	}
	return q
}

func ceilInt(v Value) int64 {
	q := v.Units / pow10[v.Places]
	if v.Units > 0 && v.Units%pow10[v.Places] != 0 {
		q++
	}
	return q
}

func isIn(v Value, list []Value) bool {
	for _, x := range list {
		if x.Cmp(v) == 0 {
			return true
		}
	}
	return false
}

func sortValues(vs []Value) {
	sort.Slice(vs, func(i, j int) bool { return vs[i].Cmp(vs[j]) < 0 })
}

func dedupValues(vs []Value) []Value {
	out := vs[:0]
	for i, v := range vs {
		if i == 0 || v.Cmp(vs[i-1]) != 0 {
			out = append(out, v)
		}
	}
	return out
}

func valuesString(vs []Value) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = v.String()
	}
	return strings.Join(s, ", ")
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

// scaleName names a scale after its range: likert5 for 1-5, likert7 for
// 1-7, grade10 for 1-10, scale0_10 for 0-10, with a suffix when several
// scales share a range.
func scaleName(ds *draftScale, taken []*Scale) string {
	base := fmt.Sprintf("scale%d_%d", ds.min, ds.max)
	switch {
	case ds.min == 1 && (ds.max == 5 || ds.max == 7):
		base = fmt.Sprintf("likert%d", ds.max)
	case ds.min == 1 && ds.max == 10:
		base = "grade10"
	}
	name := base
	for k := 2; ; k++ {
		free := true
		for _, s := range taken {
			if s.Name == name {
				free = false
			}
		}
		if free {
			return name
		}
		name = fmt.Sprintf("%s_%d", base, k)
	}
}

// Node returns the draft as a bank file with comments for the reader: what
// it was made from, which columns were left out and why, and how each
// scale was found.
func (d *Draft) Node() *yaml.Node {
	doc := d.Bank.Node()
	root := doc.Content[0]
	head := []string{
		fmt.Sprintf("Draft item bank made from %s (%d respondents).", filepath.Base(d.Source), d.Rows),
		"Check it before use: item texts, scales, missing codes, and the columns left out below.",
	}
	if d.Format != FormatSAV {
		head = append(head, "This file type holds no question texts: fill in each item's text.")
	}
	if len(d.Left) > 0 {
		head = append(head, "", "Columns left out, not taken as rating items (add any that is one by hand):")
		w := 0
		for _, l := range d.Left {
			w = max(w, len(l.Name))
		}
		for _, l := range d.Left {
			line := fmt.Sprintf("  %-*s  %s", w, l.Name, l.Reason)
			if l.Label != "" {
				line += fmt.Sprintf(" [%s]", l.Label)
			}
			head = append(head, line)
		}
	}
	root.HeadComment = strings.Join(head, "\n")
	scales := mappingValue(root, "scales")
	for i := 0; scales != nil && i+1 < len(scales.Content); i += 2 {
		s := d.Bank.Scale(scales.Content[i].Value)
		var parts []string
		if how := d.Inferred[s]; how != "" {
			parts = append(parts, how)
		} else {
			parts = append(parts, "from the value labels in the file")
		}
		if note := d.Notes[s]; note != "" {
			parts = append(parts, note)
		}
		scales.Content[i].HeadComment = strings.Join(parts, "\n")
	}
	return doc
}

// WriteYAML writes the draft as a commented bank file that LoadBank reads.
func (d *Draft) WriteYAML(w io.Writer) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(d.Node()); err != nil {
		return err
	}
	return enc.Close()
}
