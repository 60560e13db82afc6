package reduction

import (
	"fmt"
	"strings"

	"github.com/itemreduce/itemreduce/internal/chart"
)

// auditWords are the phrases of the Markdown and HTML audit. Column
// headings are lists, one entry per column. The JSON audit does not use
// them: its keys and texts stay English, for programs.
type auditWords struct {
	HTMLLang string // the lang attribute of the HTML page
	Title    string // format: the questionnaire's title
	NoTitle  string

	TotalsBase, TotalsMerged, TotalsAdded, TotalsNext string

	Sources, CombineRule                                     string
	CombineAny, CombineAll, CombineAtLeast, CombineMajority  string
	SourceColumns                                            []string
	Researchers, ProposalKind                                string
	Themes                                                   string
	ThemeColumns                                             []string
	AllThemes, NoTheme                                       string
	Overrides, NoOverrides, OverridesIntro                   string
	VotesKey, VotesCount, VoteKeep, VoteDrop                 string
	OverrideColumns                                          []string
	FollowsSuggestion                                        string
	Costs, SeriesEnd, SeriesEndNote, None                    string
	Composites, CompositesKept, CompositesLost, Lacks        string
	Merged, MergedNotComparable, Replaces                    string
	ReliabilityTitle, ReliabilityNote                        string
	ReliabilityColumns                                       []string
	ThemeKind, CompositeKind, NoLongerComputed               string
	ReliabilityHintTitle, ReliabilityHint                    string
	NewItems                                                 string
	NewItemColumns                                           []string
	EveryItem, TicksIntro                                    string
	ItemColumns                                              []string
	Undecided, Override, MergedInto, Left                    string
	FinalKeep, FinalDrop                                     string // the final decision
	GroupRepresentative, GroupMember                         string
	Statistics, StatisticsIntro, StatisticsBold, Bold        string
	StatisticsColumns                                        []string
	Reproduce, CommandIntro, DecidedWith, ScreenedWith       string
	RowsWhere, AllRows, FromSheet, And                       string
	SuggestionRule, ReviewChecked, ThresholdLine             string
	BasisFraction, BasisAbsolute, FromFraction, FromAbsolute string
	ThresholdColumns, InputColumns, OutputColumns            []string
	Roles                                                    roleWords
	OwnSHA, OwnSHANotRecorded, OwnSHAFile                    string
	Warnings                                                 string

	TickStable, TickMean, TickLowSpread        string
	ReflectedFavourable, ReflectedUnfavourable string
	TickRedundant, TickPartner, TickKeep       string
	WaveTest, WaveIndependent, WavePaired      string
	Linked                                     string

	Chart chartWords // the HTML audit's chart of what the decision costs
}

// chartWords are the words of the cost chart.
type chartWords struct {
	chart.ReliabilityWords
	Title, Desc, Hover string
}

// roleWords name the part each file played in a decision.
type roleWords struct {
	Bank, Review, Proposal, Current, BankScreened, Config, Previous, CurrentScreened, Next string
}

// A roleKind is the part a file played in a decision (Input.Role).
type roleKind int

const (
	roleBank roleKind = iota + 1
	roleReview
	roleProposal
	roleCurrent
	roleBankScreened
	roleConfig
	rolePrevious
	roleCurrentScreened
	roleNext
)

// role names the part k.
func (a *auditWords) role(k roleKind) string {
	r := &a.Roles
	switch k {
	case roleBank:
		return r.Bank
	case roleReview:
		return r.Review
	case roleProposal:
		return r.Proposal
	case roleCurrent:
		return r.Current
	case roleBankScreened:
		return r.BankScreened
	case roleConfig:
		return r.Config
	case rolePrevious:
		return r.Previous
	case roleCurrentScreened:
		return r.CurrentScreened
	case roleNext:
		return r.Next
	}
	panic(fmt.Sprintf("reduction: unknown file role %d", k))
}

// roleOf names an input's part; the Role as recorded for an input made
// without a kind.
func (a *auditWords) roleOf(in Input) string {
	if in.kind == 0 {
		return in.Role
	}
	return a.role(in.kind)
}

// screenedWith says which program screened which respondents: the row
// selection (--where) or all rows, and the worksheet when one was named.
func (a *auditWords) screenedWith(r viewReproduction) string {
	s := fmt.Sprintf(a.ScreenedWith, r.Screening, r.Respondents.Previous, r.Respondents.Current)
	if r.Respondents.Linked > 0 {
		s += fmt.Sprintf(a.Linked, r.Respondents.Linked, r.IDColumn)
	}
	if len(r.Where) > 0 {
		s += fmt.Sprintf(a.RowsWhere, strings.Join(r.Where, a.And))
	} else {
		s += a.AllRows
	}
	if r.Sheet != "" {
		s += fmt.Sprintf(a.FromSheet, r.Sheet)
	}
	return s
}

// totals says the totals in one sentence (Totals.String in English).
func (a *auditWords) totals(t Totals) string {
	s := fmt.Sprintf(a.TotalsBase, t.Bank, t.Kept, t.Dropped)
	if t.Merged > 0 {
		s += fmt.Sprintf(a.TotalsMerged, t.Merged, t.Merges)
	}
	if t.Added > 0 {
		s += fmt.Sprintf(a.TotalsAdded, t.Added)
	}
	return s + fmt.Sprintf(a.TotalsNext, t.Next)
}

// combine says when an item is kept (Combine.Describe in English).
func (a *auditWords) combine(c Combine, sources int) string {
	switch c.Rule {
	case "any":
		return fmt.Sprintf(a.CombineAny, sources)
	case "all":
		return fmt.Sprintf(a.CombineAll, sources)
	case "at-least":
		return fmt.Sprintf(a.CombineAtLeast, c.N, sources)
	}
	return fmt.Sprintf(a.CombineMajority, sources, (sources+1)/2)
}

// sourceName names a source; the researchers in the audit's language.
func (a *auditWords) sourceName(s viewSource) string {
	if s.Kind == "researchers" && s.Name == "researchers" {
		return a.Researchers
	}
	return s.Name
}

// sourceKind names the kind of a source.
func (a *auditWords) sourceKind(kind string) string {
	switch kind {
	case "researchers":
		return a.Researchers
	case "proposal":
		return a.ProposalKind
	}
	return kind
}

// scaleKind names a theme or composite.
func (a *auditWords) scaleKind(k ScaleKind) string {
	switch k {
	case ThemeScale:
		return a.ThemeKind
	case CompositeScale:
		return a.CompositeKind
	}
	return string(k)
}

// basis says how the thresholds were set; a basis this version does not
// know is shown as the review file records it.
func (a *auditWords) basis(s string) string {
	e := &englishWords.Audit
	switch s {
	case e.BasisFraction:
		return a.BasisFraction
	case e.BasisAbsolute:
		return a.BasisAbsolute
	}
	return s
}

// from says where one threshold came from: fraction or absolute.
func (a *auditWords) from(s string) string {
	switch s {
	case "fraction":
		return a.FromFraction
	case "absolute":
		return a.FromAbsolute
	}
	return s
}

// groupNote places an item in its group of redundant items; empty when
// it is in none.
func (a *auditWords) groupNote(it viewItem) string {
	switch {
	case it.Group == 0:
		return ""
	case it.Representative == it.ID:
		return fmt.Sprintf(a.GroupRepresentative, it.Group)
	}
	return fmt.Sprintf(a.GroupMember, it.Group, it.Representative)
}

// ownSHA says why the audit's own SHA-256 is not in it; file is the
// audit's file name, or empty.
func (a *auditWords) ownSHA(file string) string {
	if file == "" {
		return a.OwnSHANotRecorded
	}
	return fmt.Sprintf(a.OwnSHAFile, shellQuote(file))
}

// ticks describes every tick of an item in rule order, as
// Evidence.Summaries does in English, with the rules named in w.
func (w *Words) ticks(e *Evidence, flags []Rule, redundant string) []string {
	a := &w.Audit
	var out []string
	for _, f := range flags {
		name := w.Rule(f)
		if f == Redundant {
			var s strings.Builder
			fmt.Fprintf(&s, "%s: "+a.TickRedundant, name, redundant)
			for i, p := range e.Redundant {
				if i > 0 {
					s.WriteString(",")
				}
				keep := ""
				if p.Keep != "" {
					keep = fmt.Sprintf(a.TickKeep, p.Keep)
				}
				fmt.Fprintf(&s, a.TickPartner, p.ID, p.R, p.N, keep)
			}
			out = append(out, s.String())
			continue
		}
		st := e.Stat(f)
		if st == nil {
			out = append(out, name)
			continue
		}
		switch f {
		case Stable:
			out = append(out, name+": "+fmt.Sprintf(a.TickStable, trimSign(st.Value), st.Threshold, st.N, st.PreviousN))
		case Ceiling, Floor:
			note := ""
			switch {
			case st.Reflected && f == Ceiling:
				note = a.ReflectedFavourable
			case st.Reflected:
				note = a.ReflectedUnfavourable
			}
			out = append(out, name+": "+fmt.Sprintf(a.TickMean, st.Value, st.comparison(f), st.Threshold, st.N, note))
		case LowSpread:
			out = append(out, name+": "+fmt.Sprintf(a.TickLowSpread, st.Value, st.Threshold, st.N))
		default:
			out = append(out, name+": "+st.Summary(f))
		}
	}
	return out
}

// Ticks describes every tick of an item in rule order in w's language,
// for the pages of other packages (the HTML screening report): in English
// exactly what Evidence.Summaries says, in Dutch the audit's words.
func (w *Words) Ticks(e *Evidence, flags []Rule, redundant string) []string {
	return w.ticks(e, flags, redundant)
}

// waveTest describes the item's wave test, as WaveEvidence.Summary does in
// English; empty when it was not tested.
func (w *Words) waveTest(it viewItem) string {
	if w == &englishWords || it.evidence == nil || it.evidence.WaveTest == nil {
		return it.WaveTest
	}
	t, a := it.evidence.WaveTest, &w.Audit
	n := fmt.Sprintf(a.WaveIndependent, t.NPrevious, t.NCurrent)
	if t.Paired() {
		n = fmt.Sprintf(a.WavePaired, t.NLinked)
	}
	return fmt.Sprintf(a.WaveTest, t.Test, n, t.P, t.PHolm, t.Effect)
}
