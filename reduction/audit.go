package reduction

import (
	"encoding/json"
	"fmt"
	"io"
)

// An Audit is the record of a decision that a methodologist reads to
// check every removal: totals, per source its count against its target,
// per item the evidence, the votes and the decision, what the decision
// costs, and the inputs with their SHA-256 to reproduce it. It holds no
// clock time, so the same inputs give the same audit, byte for byte.
type Audit struct {
	Decision *Decision
	Tool     string  // program and version
	Inputs   []Input // every input file
}

// An Input is one input file of a decision.
type Input struct {
	Role   string `json:"role"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// NewAudit describes a decision. bank, review and proposals are the
// files given to the decision; the files the screening was computed from
// are taken from the review file's screening: section. A bank that
// differs from the one screened is noted as a warning.
func NewAudit(d *Decision, tool string, bank, review FileDigest, proposals []FileDigest) *Audit {
	a := &Audit{Decision: d, Tool: tool}
	add := func(role string, f FileDigest) {
		a.Inputs = append(a.Inputs, Input{Role: role, File: f.File, SHA256: f.SHA256})
	}
	add("item bank", bank)
	add("review file", review)
	for _, p := range proposals {
		add("proposal", p)
	}
	s := d.Review.Screening
	if s.Bank.SHA256 != "" && s.Bank.SHA256 != bank.SHA256 {
		add("item bank screened (recorded in the review file)", s.Bank)
		d.Warnings = append(d.Warnings, fmt.Sprintf("the review file was computed on an item bank (%s) that differs from the one given now (%s): run itemreduce review again to refresh it", s.Bank.File, bank.File))
	}
	if s.Config != nil {
		add("rules file (recorded in the review file)", *s.Config)
	}
	for _, f := range s.Previous {
		add("older wave (recorded in the review file)", f)
	}
	for _, f := range s.Current {
		add("newer wave (recorded in the review file)", f)
	}
	return a
}

// auditView is the audit as data: the JSON output, and what the Markdown
// and HTML renderings show.
type auditView struct {
	Title           string           `json:"title"`
	Totals          Totals           `json:"totals"`
	Summary         string           `json:"summary"`
	Combine         string           `json:"combine"`
	CombineRule     string           `json:"combine_rule"`
	Sources         []viewSource     `json:"sources"`
	Items           []viewItem       `json:"items"`
	Added           []viewNew        `json:"added"`
	Merged          []viewNew        `json:"merged"`
	Costs           viewCosts        `json:"costs"`
	Left            []string         `json:"no_longer_in_bank"`
	Reproducibility viewReproduction `json:"reproducibility"`
	Warnings        []string         `json:"warnings"`
}

type viewSource struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	File   string `json:"file"`
	Kept   int    `json:"kept"`
	Target int    `json:"target_length,omitempty"`
}

type viewItem struct {
	ID         string     `json:"id"`
	Text       string     `json:"text"`
	Theme      string     `json:"theme,omitempty"`
	Flags      []Rule     `json:"flags"`
	Ticks      []string   `json:"ticks"` // each tick with its number, threshold and n
	Evidence   jsonEvid   `json:"evidence"`
	Suggestion Verdict    `json:"suggestion"`
	Decision   Verdict    `json:"researchers_decision"`
	Reason     string     `json:"researchers_reason"`
	Votes      []viewVote `json:"votes"`
	Keeps      int        `json:"keeps"`
	Final      string     `json:"final"` // keep, drop or merged
	MergedInto string     `json:"merged_into,omitempty"`
	Overridden bool       `json:"researchers_overrode_statistics"`
	Against    bool       `json:"final_differs_from_statistics"`
	Undecided  []string   `json:"undecided,omitempty"`
}

type viewVote struct {
	Source string  `json:"source"`
	Vote   Verdict `json:"vote"`
}

type jsonEvid struct {
	Stable    *jsonStat     `json:"stable,omitempty"`
	Ceiling   *jsonStat     `json:"ceiling,omitempty"`
	LowSpread *jsonStat     `json:"low_spread,omitempty"`
	Redundant []jsonPartEvd `json:"redundant,omitempty"`
}

type jsonStat struct {
	Statistic string `json:"statistic"`
	Value     string `json:"value"`
	Threshold string `json:"threshold"`
	N         int64  `json:"n"`
	PreviousN int64  `json:"previous_n,omitempty"`
}

type jsonPartEvd struct {
	ID        string `json:"id"`
	R         string `json:"r"`
	Threshold string `json:"threshold"`
	N         int64  `json:"n"`
	Keep      string `json:"keep,omitempty"`
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
}

type viewReproduction struct {
	Tool          string        `json:"tool"`
	Combine       string        `json:"combine"`
	Screening     string        `json:"screening_tool"`
	Basis         string        `json:"thresholds_basis"`
	Scales        []ScaleLimits `json:"thresholds"`
	Redundant     string        `json:"redundant"`
	DropFromTicks int           `json:"drop_from_ticks"`
	Respondents   Respondents   `json:"respondents"`
	Where         []string      `json:"where,omitempty"`
	Inputs        []Input       `json:"inputs"`
}

// view builds the audit's data in the order it is shown.
func (a *Audit) view() auditView {
	d := a.Decision
	t := d.Totals()
	v := auditView{
		Title: d.Bank.Title, Totals: t, Summary: t.String(),
		Combine: d.Combine.String(), CombineRule: d.Combine.Describe(len(d.Sources)),
		Sources: []viewSource{}, Items: []viewItem{}, Added: []viewNew{}, Merged: []viewNew{},
		Left: []string{}, Warnings: append([]string{}, d.Warnings...),
	}
	for _, s := range d.Sources {
		v.Sources = append(v.Sources, viewSource{Name: s.Name, Kind: s.Kind, File: baseName(s.File), Kept: s.Kept, Target: s.Target})
	}
	red := d.Review.Screening.Redundant.String()
	for i := range d.Items {
		it := &d.Items[i]
		r := it.Review
		vi := viewItem{ID: it.Item.ID, Text: it.Item.Text, Theme: it.Item.Theme, Flags: append([]Rule{}, r.Flags...),
			Ticks: r.Evidence.Summaries(r.Flags, red), Evidence: evidenceJSON(&r.Evidence, red),
			Suggestion: r.Suggestion, Decision: r.Decision, Reason: r.Reason, Keeps: it.Keeps,
			Final: string(it.Final), MergedInto: it.MergedInto, Overridden: it.Overridden(), Against: it.AgainstStatistics(),
			Undecided: r.Evidence.Undecided}
		if vi.Ticks == nil {
			vi.Ticks = []string{}
		}
		if it.MergedInto != "" {
			vi.Final = "merged"
		}
		for si, s := range d.Sources {
			vi.Votes = append(vi.Votes, viewVote{Source: s.Name, Vote: it.Votes[si]})
		}
		v.Items = append(v.Items, vi)
	}
	for _, n := range d.Review.Add {
		v.Added = append(v.Added, viewNew{ID: n.ID, Text: n.Text, Scale: n.Scale, Theme: n.Theme, Reason: n.Reason})
	}
	for _, m := range d.Review.Merge {
		v.Merged = append(v.Merged, viewNew{ID: m.ID, Text: m.Text, Scale: m.Scale, Theme: m.Theme, From: m.From, Reason: m.Reason})
	}
	c := d.Costs()
	v.Costs = viewCosts{SeriesEnd: c.SeriesEnd, Composites: c.Composites, Merged: v.Merged}
	if v.Costs.SeriesEnd == nil {
		v.Costs.SeriesEnd = []string{}
	}
	if v.Costs.Composites == nil {
		v.Costs.Composites = []LostComposite{}
	}
	for _, l := range d.Left {
		v.Left = append(v.Left, l.ID)
	}
	s := d.Review.Screening
	v.Reproducibility = viewReproduction{Tool: a.Tool, Combine: d.Combine.String(), Screening: s.Tool, Basis: s.Basis,
		Scales: s.Scales, Redundant: red, DropFromTicks: s.DropFromTicks, Respondents: s.Respondents, Where: s.Where, Inputs: a.Inputs}
	if v.Reproducibility.Scales == nil {
		v.Reproducibility.Scales = []ScaleLimits{}
	}
	return v
}

func evidenceJSON(e *Evidence, red string) jsonEvid {
	var j jsonEvid
	stat := func(r Rule) *jsonStat {
		st := e.Stat(r)
		if st == nil {
			return nil
		}
		return &jsonStat{Statistic: statName[r], Value: st.Value, Threshold: st.Threshold, N: st.N, PreviousN: st.PreviousN}
	}
	j.Stable, j.Ceiling, j.LowSpread = stat(Stable), stat(Ceiling), stat(LowSpread)
	for _, p := range e.Redundant {
		j.Redundant = append(j.Redundant, jsonPartEvd{ID: p.ID, R: p.R, Threshold: red, N: p.N, Keep: p.Keep})
	}
	return j
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
