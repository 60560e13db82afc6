package htmlreport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/itemreduce/itemreduce/reduction"
)

// ShortReasons are the sentences the shortener writes about its
// constraints (reduction.Shortener: why an item is forced in or left out,
// the binding constraints and their example exchange, why an item has no
// usable correlations). In English they are the shortener's own formats,
// which the page reads its sentences by; in another language the same
// verbs, in the same order, say them again (ShortWords.reason). A
// sentence of no format here is shown as the shortener wrote it.
type ShortReasons struct {
	ReviewDecides string // format: the decision (keep, drop), the review file's line
	Ticks         string // format: the item's ticks, --exclude-ticks
	KeepItem      string // format: item, why (a sentence of this list)
	LeaveOut      string // format: item, why
	Composite     string // format: the composite's name
	MinPerTheme   string // format: --min-per-theme, the theme
	Exchange      string // format: item out, item in
	NotAnswered   string
	NoVariance    string
	Undefined     string // format: the number of other items
}

// shortFormats are the fields of ShortReasons in order, with which of
// their verbs hold a reason of their own (translated in turn) or a
// decision word.
var shortFormats = []struct {
	get              func(*ShortReasons) string
	reasonAt, verdAt int // -1: none
}{
	{func(r *ShortReasons) string { return r.ReviewDecides }, -1, 0},
	{func(r *ShortReasons) string { return r.Ticks }, -1, -1},
	{func(r *ShortReasons) string { return r.KeepItem }, 1, -1},
	{func(r *ShortReasons) string { return r.LeaveOut }, 1, -1},
	{func(r *ShortReasons) string { return r.Composite }, -1, -1},
	{func(r *ShortReasons) string { return r.MinPerTheme }, -1, -1},
	{func(r *ShortReasons) string { return r.Exchange }, -1, -1},
	{func(r *ShortReasons) string { return r.NotAnswered }, -1, -1},
	{func(r *ShortReasons) string { return r.NoVariance }, -1, -1},
	{func(r *ShortReasons) string { return r.Undefined }, -1, -1},
}

// shortPatterns read the shortener's sentences by its English formats,
// one per entry of shortFormats.
var shortPatterns = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(shortFormats))
	for i, f := range shortFormats {
		out[i] = pattern(f.get(&English.Short.Reasons))
	}
	return out
}()

// formatVerb finds the verbs the formats use: %s, %d and %q.
var formatVerb = regexp.MustCompile(`%[sdq]`)

// pattern turns an English format into a regular expression that reads
// its arguments back: %s any text (as little as the rest allows, so that
// an item id ends at the first space), %d a whole number, %q a Go-quoted
// string.
func pattern(format string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, loc := range formatVerb.FindAllStringIndex(format, -1) {
		b.WriteString(regexp.QuoteMeta(format[last:loc[0]]))
		switch format[loc[0]+1] {
		case 's':
			b.WriteString("(.+?)")
		case 'd':
			b.WriteString("(-?[0-9]+)")
		case 'q':
			b.WriteString(`("(?:[^"\\]|\\.)*")`)
		}
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(format[last:]) + "$")
	return regexp.MustCompile(b.String())
}

// reason says one of the shortener's sentences in the page's language: it
// is read by the English format it matches and written by the same field
// of w; in English, or when no format matches, it is returned as it is.
func (p *Words) reason(s string) string {
	if p == &English || p.Lang == English.Lang {
		return s
	}
	en, w := &English.Short.Reasons, &p.Short.Reasons
	for k, f := range shortFormats {
		m := shortPatterns[k].FindStringSubmatch(s)
		if m == nil {
			continue
		}
		verbs := formatVerb.FindAllString(f.get(en), -1)
		args := make([]any, len(verbs))
		for i, v := range verbs {
			text := m[i+1]
			switch {
			case i == f.reasonAt:
				args[i] = p.reason(text)
			case i == f.verdAt:
				args[i] = p.catalogue().Verdict(reduction.Verdict(text))
			case v == "%d":
				n, err := strconv.Atoi(text)
				if err != nil {
					return s
				}
				args[i] = n
			case v == "%q":
				u, err := strconv.Unquote(text)
				if err != nil {
					return s
				}
				args[i] = u
			default:
				args[i] = text
			}
		}
		return fmt.Sprintf(f.get(w), args...)
	}
	return s
}
