package reduction

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Screening records, in a review file, where its computed fields came
// from: the input files with their SHA-256, the thresholds in force and
// the suggestion rule. It is rewritten on every refresh.
type Screening struct {
	Tool string `yaml:"tool,omitempty"`
	// Language is the language the file was written in: "nl" for Dutch,
	// empty for English (see Lang). A refresh keeps it.
	Language string       `yaml:"language,omitempty"`
	Bank     FileDigest   `yaml:"bank"`
	Config   *FileDigest  `yaml:"config,omitempty"`
	Previous []FileDigest `yaml:"previous"`
	Current  []FileDigest `yaml:"current"`
	Where    []string     `yaml:"where,omitempty"`
	Sheet    string       `yaml:"sheet,omitempty"` // the worksheet read from workbooks; empty: the first
	// IDColumn is the column by which the respondents of the two waves
	// were linked for the paired wave tests (--id-column); empty when
	// they were not.
	IDColumn      string        `yaml:"id_column,omitempty"`
	Respondents   Respondents   `yaml:"respondents"`
	Basis         string        `yaml:"basis"`
	Redundant     Number        `yaml:"redundant"`
	Scales        []ScaleLimits `yaml:"scales"`
	DropFromTicks int           `yaml:"drop_from_ticks"`
	// Redundancy is how redundant ticks counted (Config.Redundancy);
	// empty in files written before groups, which counted per item.
	Redundancy string `yaml:"redundancy,omitempty"`
	// Method is the correlation of the redundancy rule when it is not
	// Pearson's r (Thresholds.Method): spearman, kendall or polychoric.
	Method string `yaml:"method,omitempty"`
	// ScreenedItems are the ids of the items screened, by which a refresh
	// tells an item new in the bank from one whose entry was deleted.
	ScreenedItems []string `yaml:"screened_items,flow,omitempty"`
}

// A FileDigest names an input file (without its folder) and its SHA-256.
type FileDigest struct {
	File   string `yaml:"file" json:"file"`
	SHA256 string `yaml:"sha256" json:"sha256"`
}

// Respondents counts the respondents of both waves.
type Respondents struct {
	Previous int64 `yaml:"previous" json:"previous"`
	Current  int64 `yaml:"current" json:"current"`
	// Linked counts the respondents linked across the waves by id (paired
	// wave tests); 0 when they were not linked.
	Linked int64 `yaml:"linked,omitempty" json:"linked,omitempty"`
}

// ScaleLimits are the thresholds in force for one scale, in answer units,
// and where each came from (a fraction of the range or an absolute value).
type ScaleLimits struct {
	Scale         string `yaml:"scale" json:"scale"`
	Min           int64  `yaml:"min" json:"min"`
	Max           int64  `yaml:"max" json:"max"`
	Stable        Number `yaml:"stable" json:"stable"`
	Ceiling       Number `yaml:"ceiling" json:"ceiling"`
	LowSpread     Number `yaml:"low_spread" json:"low_spread"`
	StableFrom    string `yaml:"stable_from" json:"stable_from"`
	CeilingFrom   string `yaml:"ceiling_from" json:"ceiling_from"`
	LowSpreadFrom string `yaml:"low_spread_from" json:"low_spread_from"`
}

// ReviewInputs describe the files a screening was computed from.
type ReviewInputs struct {
	Tool              string // program and version, e.g. "itemreduce v1.0.0"
	Bank              FileDigest
	Config            *FileDigest // nil: the default thresholds
	Previous, Current []FileDigest
	Where             []string // row filters, e.g. gemeente=Zwolle
	Lang              Lang     // the language of the file's comments and decision words
	Sheet             string   // the worksheet read from workbooks (--sheet); empty: the first
	IDColumn          string   // the column linking the waves (--id-column); empty when not linked
}

// NewScreening describes a screening result and its inputs.
func NewScreening(res *Result, cfg Config, in ReviewInputs) Screening {
	s := Screening{Tool: in.Tool, Language: in.Lang.recorded(), Bank: in.Bank, Config: in.Config, Previous: in.Previous, Current: in.Current, Where: in.Where, Sheet: in.Sheet,
		IDColumn: in.IDColumn, Respondents: Respondents{Previous: res.PreviousRespondents, Current: res.Respondents, Linked: res.Linked},
		Basis: res.Basis(), Redundant: res.Thresholds.Redundant, DropFromTicks: dropFrom(cfg),
		Redundancy: redundancyOf(cfg)}
	if m := methodName(res.Thresholds.Method); m != MethodPearson {
		s.Method = m
	}
	for _, l := range res.Limits {
		s.Scales = append(s.Scales, ScaleLimits{Scale: l.Scale.Name, Min: l.Scale.Min, Max: l.Scale.Max,
			Stable: l.Stable, Ceiling: l.Ceiling, LowSpread: l.LowSpread,
			StableFrom: l.StableFrom, CeilingFrom: l.CeilingFrom, LowSpreadFrom: l.LowSpreadFrom})
	}
	s.ScreenedItems = screenedIDs(res)
	return s
}

// recorded is the language as the screening: section records it: nl, or
// nothing for English.
func (l Lang) recorded() string {
	if l == Dutch {
		return string(Dutch)
	}
	return ""
}

func dropFrom(cfg Config) int {
	if cfg.DropFromTicks < 1 {
		return 1
	}
	return cfg.DropFromTicks
}

func redundancyOf(cfg Config) string {
	if cfg.Grouped() {
		return RedundancyGroups
	}
	return RedundancyPerItem
}

// Suggest returns the review's suggestion for an item: drop when it has at
// least DropFromTicks ticks (1 when unset), else keep. The redundant tick
// of a group's representative (ApplyGroups) does not count.
func (cfg Config) Suggest(it *ItemResult) Verdict {
	if !cfg.Grouped() {
		return suggestion(it.Ticks(), dropFrom(cfg))
	}
	return suggestion(it.countedTicks(), dropFrom(cfg))
}

// suggestion is drop from dropFromTicks ticks on (at least 1), else keep:
// the rule of Config.Suggest, which Decide applies again to the ticks of a
// review file and the drop_from_ticks its screening: records.
func suggestion(ticks, dropFromTicks int) Verdict {
	if ticks >= max(dropFromTicks, 1) {
		return Drop
	}
	return Keep
}

// SuggestedDrops counts the items the review suggests to drop.
func (cfg Config) SuggestedDrops(res *Result) int {
	n := 0
	for i := range res.Items {
		if cfg.Suggest(&res.Items[i]) == Drop {
			n++
		}
	}
	return n
}

// computed holds the fields of one review item that the program writes.
type computed struct {
	ID       string
	InBank   bool
	Text     string
	Flags    []Rule
	Evidence Evidence
	// Group and Representative: the item's group of redundant items and
	// the item standing for it; 0 and empty when not grouped.
	Group          int
	Representative string
	Suggestion     Verdict
	Digest         string // of the fields above and the thresholds (see digest)
	// lang is the language the suggestion is written in; the digest is
	// always of the English word, so that it does not depend on it.
	lang Lang
}

// computedKeys are the program's fields of an item, in the order written.
var computedKeys = []string{"in_bank", "text", "flags", "evidence", "group", "representative", "suggestion", "digest"}

// computedItems derives the computed fields of every screened item: the
// suggestion is drop when the item has at least cfg.DropFromTicks ticks;
// the digest covers them and the thresholds that the screening: section
// of the same result and rules records.
func computedItems(res *Result, cfg Config) []computed {
	s := NewScreening(res, cfg, ReviewInputs{})
	th := s.thresholdsText()
	out := make([]computed, len(res.Items))
	for i := range res.Items {
		it := &res.Items[i]
		out[i] = computed{ID: it.Item.ID, InBank: true, Text: it.Item.Text, Flags: it.Flags, Evidence: res.Evidence(i),
			Group: it.Group, Representative: it.Representative, Suggestion: cfg.Suggest(it)}
		out[i].Digest = out[i].digest(th)
	}
	return out
}

// computedIn is computedItems with the suggestions written in lang.
func computedIn(res *Result, cfg Config, lang Lang) []computed {
	out := computedItems(res, cfg)
	for i := range out {
		out[i].lang = lang
	}
	return out
}

// field renders one computed field at the given indentation; nil when the
// field is not written (in_bank for an item that is in the bank).
func (c *computed) field(key, indent string) []string {
	switch key {
	case "in_bank":
		if c.InBank {
			return nil
		}
		return []string{indent + "in_bank: false"}
	case "text":
		return []string{indent + "text: " + quote(c.Text)}
	case "flags":
		names := make([]string, len(c.Flags))
		for i, f := range c.Flags {
			names[i] = f.String()
		}
		return []string{indent + "flags: [" + strings.Join(names, ", ") + "]"}
	case "evidence":
		return c.Evidence.lines(indent)
	case "group":
		if c.Group == 0 {
			return nil
		}
		return []string{indent + "group: " + strconv.Itoa(c.Group)}
	case "representative":
		if c.Representative == "" {
			return nil
		}
		return []string{indent + "representative: " + plain(c.Representative)}
	case "suggestion":
		return []string{indent + "suggestion: " + c.lang.Words().Verdict(c.Suggestion)}
	case "digest":
		return []string{indent + "digest: " + c.Digest}
	}
	panic("reduction: unknown computed field " + key)
}

// lines renders the evidence as a block of one line per rule.
func (e *Evidence) lines(indent string) []string {
	var out []string
	sub := indent + "  "
	for _, r := range []Rule{Stable, Ceiling, Floor, LowSpread} {
		st := e.Stat(r)
		if st == nil {
			continue
		}
		s := fmt.Sprintf("%s%s: {%s: %s, threshold: %s, n: %d", sub, r, statName[r], st.Value, st.Threshold, st.N)
		if r == Stable {
			s += fmt.Sprintf(", previous_n: %d", st.PreviousN)
		}
		if st.Reflected {
			s += ", reflected: true"
		}
		out = append(out, s+"}")
	}
	if len(e.Redundant) > 0 {
		parts := make([]string, len(e.Redundant))
		for i, p := range e.Redundant {
			parts[i] = fmt.Sprintf("{id: %s, r: %s, n: %d}", plain(p.ID), p.R, p.N)
			if p.Keep != "" {
				parts[i] = fmt.Sprintf("{id: %s, r: %s, n: %d, keep: %s}", plain(p.ID), p.R, p.N, plain(p.Keep))
			}
		}
		out = append(out, sub+"redundant: ["+strings.Join(parts, ", ")+"]")
	} else if p := e.MaxR; p != nil {
		out = append(out, fmt.Sprintf("%smax_r: {id: %s, r: %s, n: %d}", sub, plain(p.ID), p.R, p.N))
	}
	if w := e.WaveTest; w != nil {
		n := fmt.Sprintf("n_previous: %d, n_current: %d", w.NPrevious, w.NCurrent)
		if w.Paired() {
			n = fmt.Sprintf("n_linked: %d", w.NLinked)
		}
		out = append(out, fmt.Sprintf("%swave_test: {test: %s, p: %s, p_holm: %s, effect: %s, %s}", sub, w.Test, w.P, w.PHolm, w.Effect, n))
	}
	if e.CloseCall != "" {
		out = append(out, sub+"close_call: "+quote(e.CloseCall))
	}
	if len(e.Undecided) > 0 {
		parts := make([]string, len(e.Undecided))
		for i, u := range e.Undecided {
			parts[i] = quote(u)
		}
		out = append(out, sub+"undecided: ["+strings.Join(parts, ", ")+"]")
	}
	if len(out) == 0 {
		return []string{indent + "evidence: {}"}
	}
	return append([]string{indent + "evidence:"}, out...)
}

// itemLines renders a whole new item: dash, id, computed fields and empty
// human fields.
func (c *computed) itemLines(dash, indent string) []string {
	out := []string{dash + "- id: " + plain(c.ID)}
	for _, k := range computedKeys {
		out = append(out, c.field(k, indent)...)
	}
	return append(out, indent+"decision:", indent+"reason:")
}

// WriteReview writes a new review file for a screening result: a header
// saying how to edit it, the screening: section, every item with its
// computed fields and an empty decision and reason, and empty add: and
// merge: sections with commented examples. The comments and the
// suggestions are in the language of s.Language (English when empty).
func WriteReview(w io.Writer, res *Result, cfg Config, s Screening) error {
	lang, err := ParseLang(s.Language)
	if err != nil {
		return err
	}
	words := lang.Words()
	var b bytes.Buffer
	b.WriteString(words.Review.Header)
	b.WriteString("\n")
	sl, err := screeningLines(s)
	if err != nil {
		return err
	}
	writeLines(&b, sl, "\n")
	b.WriteString("\nitems:\n")
	for _, c := range computedIn(res, cfg, lang) {
		writeLines(&b, c.itemLines("  ", "    "), "\n")
	}
	b.WriteString(words.Review.Footer)
	_, err = w.Write(b.Bytes())
	return err
}

// screeningLines renders the screening: section.
func screeningLines(s Screening) ([]string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(struct {
		S Screening `yaml:"screening"`
	}{s}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n"), nil
}

func writeLines(b *bytes.Buffer, lines []string, eol string) {
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString(eol)
	}
}

// quote writes s as a YAML double-quoted scalar. Go's escapes (\n, \t,
// \", \\, \xNN, \uNNNN) are a subset of YAML's.
func quote(s string) string { return strconv.Quote(s) }

var plainID = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// plain writes an id unquoted when YAML reads it back as the same text.
func plain(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf":
		return quote(s)
	}
	if plainID.MatchString(s) {
		return s
	}
	return quote(s)
}
