package reduction

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strings"
)

// An Audit is the record of a decision that a methodologist reads to
// check every removal: totals, per source its count against its target,
// the items per theme this year and next, per item the four statistics
// with their thresholds, the ticks, the votes and the decision, what the
// decision costs, and how to reproduce it: the command, the inputs and
// outputs with their SHA-256. It holds no clock time and names files
// without their folders, so the same command on the same inputs gives the
// same audit, byte for byte, wherever it is run.
type Audit struct {
	Decision *Decision
	Record   AuditRecord
	Inputs   []Input // every input file
	Outputs  []Input // every file written with the audit, except the audit itself
	// Reliability is the reliability cost of the decision per theme and
	// composite (Decision.ReliabilityCosts); nil when no answers were given.
	Reliability []ReliabilityCost
	// Lang is the language of the Markdown and HTML audit (English when
	// unset); the JSON audit is for programs and stays English.
	Lang Lang
}

// AuditRecord is what an audit records besides the decision.
type AuditRecord struct {
	Tool         string     // program and version
	Command      []string   // the command line as given, files named without their folders
	Bank, Review FileDigest // the files given to the decision
	Proposals    []FileDigest
	// Current are this year's answers the reliability cost was computed
	// from (decide --current), none when it was not.
	Current []FileDigest
	Next    *FileDigest // next year's bank as written, nil when none
	// AuditFile names the audit's own file, which cannot hold its own SHA-256.
	AuditFile string
}

// An Input is one input or output file of a decision.
type Input struct {
	Role   string   `json:"role"`
	File   string   `json:"file"`
	SHA256 string   `json:"sha256"`
	kind   roleKind // the part Role names, for the audit's language
}

// NewAudit describes a decision. r names the files given to the decision
// and written by it; the files the screening was computed from are taken
// from the review file's screening: section. A bank that differs from the
// one screened is noted as a warning.
func NewAudit(d *Decision, r AuditRecord) *Audit {
	a := &Audit{Decision: d, Record: r}
	en := &englishWords.Audit
	add := func(role roleKind, f FileDigest) {
		a.Inputs = append(a.Inputs, Input{Role: en.role(role), File: f.File, SHA256: f.SHA256, kind: role})
	}
	add(roleBank, r.Bank)
	add(roleReview, r.Review)
	for _, p := range r.Proposals {
		add(roleProposal, p)
	}
	for _, f := range r.Current {
		add(roleCurrent, f)
	}
	s := d.Review.Screening
	if s.Bank.SHA256 != "" && s.Bank.SHA256 != r.Bank.SHA256 {
		add(roleBankScreened, s.Bank)
		d.Warnings = append(d.Warnings, fmt.Sprintf("the review file was computed on an item bank (%s) that differs from the one given now (%s): run itemreduce review again to refresh it", s.Bank.File, r.Bank.File))
	}
	if s.Config != nil {
		add(roleConfig, *s.Config)
	}
	for _, f := range s.Previous {
		add(rolePrevious, f)
	}
	for _, f := range s.Current {
		add(roleCurrentScreened, f)
	}
	if r.Next != nil {
		a.Outputs = append(a.Outputs, Input{Role: en.role(roleNext), File: r.Next.File, SHA256: r.Next.SHA256, kind: roleNext})
	}
	return a
}

// auditView is the audit as data: the JSON output, and what the Markdown
// and HTML renderings show. Its keys are snake_case, its numbers JSON
// numbers, and an item's statistics have the names of flag --format json.
type auditView struct {
	Title           string           `json:"title"`
	Totals          Totals           `json:"totals"`
	Summary         string           `json:"summary"`
	Combine         string           `json:"combine"`
	CombineRule     string           `json:"combine_rule"`
	Sources         []viewSource     `json:"sources"`
	Themes          []ThemeCount     `json:"themes"`
	Items           []viewItem       `json:"items"`
	Added           []viewNew        `json:"added"`
	Merged          []viewNew        `json:"merged"`
	Costs           viewCosts        `json:"costs"`
	Left            []string         `json:"no_longer_in_bank"`
	Reproducibility viewReproduction `json:"reproducibility"`
	Warnings        []string         `json:"warnings"`
	combine         Combine          // the rule, for CombineRule in another language
}

type viewSource struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	File   string `json:"file"`
	Kept   int    `json:"kept"`
	Target int    `json:"target_length,omitempty"`
}

type viewItem struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Theme string `json:"theme,omitempty"`
	Scale string `json:"scale"`
	// The four statistics, as the review file prints them.
	N          int64          `json:"n"`
	Mean       printed        `json:"mean"`
	SD         printed        `json:"sd"`
	PreviousN  int64          `json:"previous_n"`
	Shift      printed        `json:"shift"`
	MaxR       *viewMaxR      `json:"max_r"` // the other item with the largest |r|
	Thresholds viewThresholds `json:"thresholds"`
	Flags      []Rule         `json:"flags"`
	Correlated []viewPartner  `json:"correlated"` // beyond the threshold
	Undecided  []string       `json:"undecided,omitempty"`
	Ticks      []string       `json:"ticks"` // each tick with its number, threshold and n
	// WaveTest is the item's test between the waves in words, "paired, N
	// linked" when the waves were linked; empty when it was not tested.
	WaveTest string `json:"wave_test,omitempty"`
	// Group and Representative: the item's group of redundant items and
	// the item standing for it (see Groups); 0 and empty when not grouped.
	Group          int        `json:"group,omitempty"`
	Representative string     `json:"representative,omitempty"`
	Suggestion     Verdict    `json:"suggestion"`
	Decision       Verdict    `json:"researchers_decision"`
	Reason         string     `json:"researchers_reason"`
	Votes          []viewVote `json:"votes"`
	Keeps          int        `json:"keeps"`
	Final          string     `json:"final"` // keep, drop or merged
	MergedInto     string     `json:"merged_into,omitempty"`
	Overridden     bool       `json:"researchers_overrode_statistics"`
	Against        bool       `json:"final_differs_from_statistics"`
	// evidence is the review file's, for the ticks in another language.
	evidence *Evidence
	red      string // the redundancy threshold
}

// ticksIn describes the item's ticks in w: the evidence's own words
// (Evidence.Summaries) in English.
func (it viewItem) ticksIn(w *Words) []string {
	if w == &englishWords || it.evidence == nil {
		return it.Ticks
	}
	return w.ticks(it.evidence, it.Flags, it.red)
}

// fired reports whether rule r gave the item a tick.
func (it *viewItem) fired(r Rule) bool { return slices.Contains(it.Flags, r) }

type viewThresholds struct {
	Stable    printed `json:"stable"`
	Ceiling   printed `json:"ceiling"`
	LowSpread printed `json:"low_spread"`
	Redundant printed `json:"redundant"`
	// Floor is left out when the floor rule is off for the item's scale.
	Floor printed `json:"floor,omitempty"`
	// Reflected: the ceiling and floor of this reverse-keyed item were
	// tested after reflection (ceiling_reversed), their thresholds being
	// min + max − the raw ones.
	Reflected bool `json:"reflected,omitempty"`
}

type viewPartner struct {
	ID   string  `json:"id"`
	R    printed `json:"r"`
	N    int64   `json:"n"`
	Keep string  `json:"keep"`
}

type viewMaxR struct {
	ID string  `json:"id"`
	R  printed `json:"r"`
	N  int64   `json:"n"`
}

type viewVote struct {
	Source string  `json:"source"`
	Vote   Verdict `json:"vote"`
}

// printed is a number as the review file prints it. In JSON it is a
// number with the same digits (a fraction such as 1/3 as the nearest
// float64), and null when undefined ("n/a") or absent.
type printed string

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

func (p printed) MarshalJSON() ([]byte, error) {
	if jsonNumber.MatchString(string(p)) {
		return []byte(p), nil
	}
	if r, ok := new(big.Rat).SetString(string(p)); ok {
		f, _ := r.Float64()
		return json.Marshal(f)
	}
	return []byte("null"), nil
}

// String is the number as printed, or a dash when absent.
func (p printed) String() string {
	if p == "" {
		return "—"
	}
	return string(p)
}

type viewNew struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"`
	Scale  string   `json:"scale"`
	Theme  string   `json:"theme,omitempty"`
	From   []string `json:"from,omitempty"`
	Reason string   `json:"reason"`
}

type viewCosts struct {
	SeriesEnd  []string        `json:"time_series_end"`
	Composites []LostComposite `json:"composites_lost"`
	Merged     []viewNew       `json:"merged_not_comparable"`
	// Reliability is absent when the audit was made without answers.
	Reliability []viewReliability `json:"reliability,omitempty"`
}

// viewReliability is one scale's reliability before and after; null
// where a figure is undefined.
type viewReliability struct {
	Kind        ScaleKind `json:"kind"`
	Name        string    `json:"name"`
	ItemsBefore int       `json:"items_before"`
	ItemsAfter  int       `json:"items_after"`
	AlphaBefore *float64  `json:"alpha_before"`
	AlphaAfter  *float64  `json:"alpha_after"`
	OmegaBefore *float64  `json:"omega_before"`
	OmegaAfter  *float64  `json:"omega_after"`
	Lost        bool      `json:"composite_lost,omitempty"`
}

// orNull rounds x to the three decimals the audit prints; nil when NaN.
func orNull(x float64) *float64 {
	if math.IsNaN(x) {
		return nil
	}
	r := math.Round(x*1000) / 1000
	return &r
}

// figure prints a figure with two decimals, a dash when undefined.
func figure(x *float64) string {
	if x == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *x)
}

func reliabilityView(costs []ReliabilityCost) []viewReliability {
	var out []viewReliability
	for _, c := range costs {
		out = append(out, viewReliability{Kind: c.Kind, Name: c.Name, ItemsBefore: c.ItemsBefore, ItemsAfter: c.ItemsAfter,
			AlphaBefore: orNull(c.AlphaBefore), AlphaAfter: orNull(c.AlphaAfter),
			OmegaBefore: orNull(c.OmegaBefore), OmegaAfter: orNull(c.OmegaAfter), Lost: c.Lost})
	}
	return out
}

type viewReproduction struct {
	Tool          string        `json:"tool"`
	Command       []string      `json:"command"`
	Combine       string        `json:"combine"`
	Screening     string        `json:"screening_tool"`
	Basis         string        `json:"thresholds_basis"`
	Scales        []ScaleLimits `json:"thresholds"`
	Redundant     Number        `json:"redundant"`
	DropFromTicks int           `json:"drop_from_ticks"`
	Respondents   Respondents   `json:"respondents"`
	Where         []string      `json:"where,omitempty"`
	Sheet         string        `json:"sheet,omitempty"`
	IDColumn      string        `json:"id_column,omitempty"` // linking the waves for the paired tests
	// Checked counts the items whose computed fields Decide checked
	// against their digests and the rules in force: every item of the bank.
	Checked int     `json:"items_checked_against_digests"`
	Inputs  []Input `json:"inputs"`
	Outputs []Input `json:"outputs"`
	// OwnSHA256 says why the audit's own SHA-256 is not in it.
	OwnSHA256 string `json:"own_sha256"`
	auditFile string // the audit's own file name, for OwnSHA256 in another language
}

// view builds the audit's data in the order it is shown.
func (a *Audit) view() auditView {
	d := a.Decision
	t := d.Totals()
	v := auditView{
		Title: d.Bank.Title, Totals: t, Summary: t.String(),
		Combine: d.Combine.String(), CombineRule: d.Combine.Describe(len(d.Sources)), combine: d.Combine,
		Sources: []viewSource{}, Themes: d.Themes(), Items: []viewItem{}, Added: []viewNew{}, Merged: []viewNew{},
		Left: []string{}, Warnings: []string{},
	}
	// A warning on the review file names it without its folder, as the
	// rest of the audit does, so that the audit does not depend on where
	// it was made.
	for _, w := range d.Warnings {
		if rest, ok := strings.CutPrefix(w, d.Review.File+":"); ok {
			w = baseName(d.Review.File) + ":" + rest
		}
		v.Warnings = append(v.Warnings, w)
	}
	for _, s := range d.Sources {
		v.Sources = append(v.Sources, viewSource{Name: s.Name, Kind: s.Kind, File: baseName(s.File), Kept: s.Kept, Target: s.Target})
	}
	red := d.Review.Screening.Redundant.String()
	for i := range d.Items {
		v.Items = append(v.Items, itemView(&d.Items[i], d.Sources, red))
	}
	for _, n := range d.Review.Add {
		v.Added = append(v.Added, viewNew{ID: n.ID, Text: n.Text, Scale: n.Scale, Theme: n.Theme, Reason: n.Reason})
	}
	for _, m := range d.Review.Merge {
		v.Merged = append(v.Merged, viewNew{ID: m.ID, Text: m.Text, Scale: m.Scale, Theme: m.Theme, From: m.From, Reason: m.Reason})
	}
	c := d.Costs()
	v.Costs = viewCosts{SeriesEnd: c.SeriesEnd, Composites: c.Composites, Merged: v.Merged, Reliability: reliabilityView(a.Reliability)}
	if v.Costs.SeriesEnd == nil {
		v.Costs.SeriesEnd = []string{}
	}
	if v.Costs.Composites == nil {
		v.Costs.Composites = []LostComposite{}
	}
	for _, l := range d.Left {
		v.Left = append(v.Left, l.ID)
	}
	v.Reproducibility = a.reproduction()
	return v
}

// itemView is one bank item of the audit: its statistics from the review
// file's evidence, its ticks, the votes and the decision.
func itemView(it *ItemDecision, sources []Source, red string) viewItem {
	r := it.Review
	e := &r.Evidence
	vi := viewItem{ID: it.Item.ID, Text: it.Item.Text, Theme: it.Item.Theme, Scale: it.Item.Scale.Name,
		Flags: append([]Rule{}, r.Flags...), Correlated: []viewPartner{}, Undecided: e.Undecided,
		Ticks: e.Summaries(r.Flags, red), Group: r.Group, Representative: r.Representative,
		Suggestion: r.Suggestion, Decision: r.Decision, Reason: r.Reason, Keeps: it.Keeps,
		Final: string(it.Final), MergedInto: it.MergedInto, Overridden: it.Overridden(), Against: it.AgainstStatistics(),
		evidence: e, red: red}
	vi.Thresholds.Redundant = printed(red)
	if st := e.Stable; st != nil {
		vi.Shift, vi.Thresholds.Stable, vi.N, vi.PreviousN = printed(st.Value), printed(st.Threshold), st.N, st.PreviousN
	}
	if st := e.Ceiling; st != nil {
		vi.Mean, vi.Thresholds.Ceiling, vi.N = printed(st.Value), printed(st.Threshold), st.N
		vi.Thresholds.Reflected = st.Reflected
	}
	if st := e.Floor; st != nil {
		vi.Mean, vi.Thresholds.Floor, vi.N = printed(st.Value), printed(st.Threshold), st.N
	}
	if st := e.LowSpread; st != nil {
		vi.SD, vi.Thresholds.LowSpread, vi.N = printed(st.Value), printed(st.Threshold), st.N
	}
	for _, p := range e.Redundant {
		vi.Correlated = append(vi.Correlated, viewPartner{ID: p.ID, R: printed(p.R), N: p.N, Keep: p.Keep})
	}
	if p := e.Strongest(); p != nil {
		vi.MaxR = &viewMaxR{ID: p.ID, R: printed(p.R), N: p.N}
	}
	if vi.Ticks == nil {
		vi.Ticks = []string{}
	}
	if w := e.WaveTest; w != nil {
		vi.WaveTest = w.Summary()
	}
	if it.MergedInto != "" {
		vi.Final = "merged"
	}
	for si, s := range sources {
		vi.Votes = append(vi.Votes, viewVote{Source: s.Name, Vote: it.Votes[si]})
	}
	return vi
}

// reproduction is how to reproduce the decision: the command, the
// screening, the thresholds and every file read and written.
func (a *Audit) reproduction() viewReproduction {
	d := a.Decision
	s := d.Review.Screening
	r := viewReproduction{Tool: a.Record.Tool, Command: append([]string{}, a.Record.Command...), Combine: d.Combine.String(),
		Screening: s.Tool, Basis: s.Basis, Scales: s.Scales, Redundant: s.Redundant, DropFromTicks: s.DropFromTicks,
		Respondents: s.Respondents, Where: s.Where, Sheet: s.Sheet, IDColumn: s.IDColumn, Checked: len(d.Items),
		Inputs: append([]Input{}, a.Inputs...), Outputs: append([]Input{}, a.Outputs...)}
	if r.Scales == nil {
		r.Scales = []ScaleLimits{}
	}
	r.OwnSHA256 = englishWords.Audit.ownSHA(a.Record.AuditFile)
	r.auditFile = a.Record.AuditFile
	return r
}

// commandText is the command line for a shell, each argument quoted when needed.
func (r viewReproduction) commandText() string {
	q := make([]string, len(r.Command))
	for i, arg := range r.Command {
		q[i] = shellQuote(arg)
	}
	return strings.Join(q, " ")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shellQuote puts arg in single quotes unless a POSIX shell reads it as it is.
func shellQuote(arg string) string {
	if shellSafe.MatchString(arg) {
		return arg
	}
	return "'" + strings.ReplaceAll(arg, "'", `'\''`) + "'"
}

// WriteJSON writes the audit as JSON for programs.
func (a *Audit) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(a.view())
}

func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == '\\' {
			return path[i+1:]
		}
	}
	return path
}
