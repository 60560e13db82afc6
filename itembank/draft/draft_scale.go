package draft

import (
	"fmt"
	"sort"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// draftScale is a scale found for one column, before columns share scales.
// Its Name stays empty: the shared scale is named when it is made.
type draftScale struct {
	itembank.Scale        // range, missing codes and labels
	inferred       string // how it was inferred; "" when from value labels
	note           string
}

// Codes that surveys commonly use for "don't know" or "no answer".
var missingCandidates = []int64{9, 99, 98, 97, 96, 999, -1, -9, -99, -8, -7}

// scale finds c's scale, or says why c is not a rating item. It takes the
// answers seen and labelled, sets apart codes such as 9 or 99 that lie
// away from them, finds the range from the labels or the answers, checks
// that it is a rating scale, and then settles the missing codes.
func (c *draftColumn) scale() (*draftScale, string) {
	if c.many {
		return nil, fmt.Sprintf("more than %d different answers: not a rating scale", maxDraftLevels)
	}
	values := c.answers()
	if len(values) == 0 {
		return nil, "no answers to infer a scale from"
	}
	codes := takeApartCodes(values)
	lo, hi := bounds(values)
	if len(c.labels) == 0 && (subset(values, 0, 1) || subset(values, 1, 2)) {
		return nil, fmt.Sprintf("only the answers %s: a yes/no question or a category, not a rating scale", valuesString(sortedKeys(values)))
	}
	ds := c.rangeOf(lo, hi, codes)
	if why := ds.notRating(lo, hi); why != "" {
		return nil, why
	}
	ds.setMissing(c.missing, c.missingNote, codes)
	return ds, ""
}

// answers returns the distinct answers seen and labelled, less the
// declared missing codes.
func (c *draftColumn) answers() map[itembank.Value]bool {
	values := map[itembank.Value]bool{}
	for v := range c.values {
		values[v] = true
	}
	for v := range c.labels {
		values[v] = true
	}
	for _, m := range c.missing {
		delete(values, m)
	}
	return values
}

// takeApartCodes removes from values the common missing codes
// (missingCandidates, in that order) that lie outside the usual scale
// rounded from the other answers, like 9 ("weet niet") next to answers 1
// to 5, and returns them. A code that is the only answer left is kept.
func takeApartCodes(values map[itembank.Value]bool) []itembank.Value {
	var codes []itembank.Value
	for _, m := range missingCandidates {
		v := itembank.Int(m)
		if !values[v] || len(values) < 2 {
			continue
		}
		delete(values, v)
		if r := roundScale(bounds(values)); r.Contains(v) {
			values[v] = true
		} else {
			codes = append(codes, v)
		}
	}
	return codes
}

// rangeOf finds the range of c's scale from the answers lo to hi. With at
// least two labelled values besides the codes taken as missing, the range
// spans the labels and the answers, and the labels of whole numbers are
// kept; otherwise the range is rounded from the answers (roundScale) and
// the scale is marked as inferred.
func (c *draftColumn) rangeOf(lo, hi itembank.Value, codes []itembank.Value) *draftScale {
	labelled := keysOf(c.labels)
	for _, v := range codes {
		delete(labelled, v)
	}
	if len(labelled) < 2 {
		return &draftScale{Scale: roundScale(lo, hi), inferred: fmt.Sprintf("%s: answers %s to %s", c.name, lo, hi)}
	}
	llo, lhi := bounds(labelled)
	ds := &draftScale{}
	ds.Min, ds.Max = minValue(lo, llo).Floor(), maxValue(hi, lhi).Ceil()
	ds.Labels = wholeLabels(c.labels, labelled)
	return ds
}

// wholeLabels returns the labels of the whole numbers in keep, or nil when
// there are none.
func wholeLabels(labels map[itembank.Value]string, keep map[itembank.Value]bool) map[int64]string {
	out := map[int64]string{}
	for v := range keep {
		if v.Places == 0 {
			out[v.Units] = labels[v]
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// notRating says why the scale is not a rating scale, or returns "" when
// it is one; lo and hi are the answers seen, for the message.
func (ds *draftScale) notRating(lo, hi itembank.Value) string {
	switch {
	case ds.Min < 0 || ds.Min > 1:
		return fmt.Sprintf("answers %s to %s: not a rating scale starting at 0 or 1", lo, hi)
	case ds.Max-ds.Min < 2:
		return fmt.Sprintf("answers %s to %s: fewer than three points, not a rating scale", lo, hi)
	case ds.Max > 11:
		return fmt.Sprintf("answers %s to %s: too wide for a rating scale", lo, hi)
	}
	return ""
}

// setMissing sets the scale's missing codes: the declared ones and the
// codes taken as missing, sorted, less any that lie inside the scale, as a
// bank cannot hold those. The note on declared codes a bank cannot hold
// comes first among the remarks; the codes taken as missing and the codes
// left out are added to it.
func (ds *draftScale) setMissing(declared []itembank.Value, note string, codes []itembank.Value) {
	ds.note = note
	ds.Missing = append([]itembank.Value(nil), declared...)
	if len(codes) > 0 {
		ds.addNote(fmt.Sprintf("%s taken as missing (a code apart from the answers, like 'weet niet')", valuesString(codes)))
		ds.Missing = append(ds.Missing, codes...)
	}
	sortValues(ds.Missing)
	ds.Missing = dedupValues(ds.Missing)
	if inside := ds.dropInside(); len(inside) > 0 {
		ds.addNote(fmt.Sprintf("missing code(s) %s lie inside the scale and are not listed", valuesString(inside)))
	}
}

// dropInside removes the missing codes that lie inside the scale and
// returns them.
func (ds *draftScale) dropInside() []itembank.Value {
	var inside []itembank.Value
	kept := ds.Missing[:0]
	for _, m := range ds.Missing {
		if ds.Contains(m) {
			inside = append(inside, m)
		} else {
			kept = append(kept, m)
		}
	}
	ds.Missing = kept
	return inside
}

// addNote adds a remark to the scale's note, after a semicolon.
func (ds *draftScale) addNote(note string) {
	if ds.note != "" {
		ds.note += "; "
	}
	ds.note += note
}

// key says which columns share a scale: inferred scales by range alone
// (their missing codes are pooled), declared ones by range, missing codes
// and labels.
func (ds *draftScale) key() string {
	if ds.inferred != "" {
		return fmt.Sprintf("inferred|%d|%d", ds.Min, ds.Max)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%d|", ds.Min, ds.Max)
	for _, m := range ds.Missing {
		fmt.Fprintf(&b, "%s,", m)
	}
	b.WriteString("|")
	for _, k := range ds.LabelValues() {
		fmt.Fprintf(&b, "%d=%q,", k, ds.Labels[k])
	}
	fmt.Fprintf(&b, "|%s", ds.note)
	return b.String()
}

// sharedScales are the scales of a draft, one for each key.
type sharedScales struct {
	list  []*itembank.Scale
	byKey map[string]*itembank.Scale
}

// add returns the scale for ds: the one made before for its key, with
// ds's missing codes pooled in, or else a new one.
func (ss *sharedScales) add(ds *draftScale) *itembank.Scale {
	key := ds.key()
	if s := ss.byKey[key]; s != nil {
		s.Missing = append(s.Missing, ds.Missing...)
		sortValues(s.Missing)
		s.Missing = dedupValues(s.Missing)
		return s
	}
	s := &itembank.Scale{Name: scaleName(ds, ss.list), Min: ds.Min, Max: ds.Max, Missing: ds.Missing, Labels: ds.Labels}
	if ss.byKey == nil {
		ss.byKey = map[string]*itembank.Scale{}
	}
	ss.byKey[key] = s
	ss.list = append(ss.list, s)
	return s
}

// roundScale widens the answers seen to a usual rating scale: from 0 when
// an answer is below 1, else from 1; up to 5, 7 or 10, the first at or
// above the highest answer, or the highest answer itself beyond 10.
func roundScale(lo, hi itembank.Value) itembank.Scale {
	s := itembank.Scale{Min: 1, Max: hi.Ceil()}
	if lo.Cmp(itembank.Int(1)) < 0 {
		s.Min = lo.Floor()
	}
	for _, m := range []int64{5, 7, 10} {
		if s.Max <= m {
			s.Max = m
			break
		}
	}
	return s
}

// bounds returns the lowest and highest value in set.
func bounds(set map[itembank.Value]bool) (lo, hi itembank.Value) {
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
func subset(set map[itembank.Value]bool, a, b int64) bool {
	for v := range set {
		if v.Cmp(itembank.Int(a)) != 0 && v.Cmp(itembank.Int(b)) != 0 {
			return false
		}
	}
	return true
}

// sortedKeys returns the values in set in increasing order.
func sortedKeys(set map[itembank.Value]bool) []itembank.Value {
	vs := make([]itembank.Value, 0, len(set))
	for v := range set {
		vs = append(vs, v)
	}
	sortValues(vs)
	return vs
}

// keysOf returns the set of values that m labels.
func keysOf(m map[itembank.Value]string) map[itembank.Value]bool {
	s := make(map[itembank.Value]bool, len(m))
	for k := range m {
		s[k] = true
	}
	return s
}

func minValue(a, b itembank.Value) itembank.Value {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

func maxValue(a, b itembank.Value) itembank.Value {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

// sortValues sorts vs in increasing order.
func sortValues(vs []itembank.Value) {
	sort.Slice(vs, func(i, j int) bool { return vs[i].Cmp(vs[j]) < 0 })
}

// dedupValues drops repeats from the sorted vs, in place.
func dedupValues(vs []itembank.Value) []itembank.Value {
	out := vs[:0]
	for i, v := range vs {
		if i == 0 || v.Cmp(vs[i-1]) != 0 {
			out = append(out, v)
		}
	}
	return out
}

// valuesString lists vs for a message: "9, 99".
func valuesString(vs []itembank.Value) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = v.String()
	}
	return strings.Join(s, ", ")
}
