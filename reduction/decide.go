package reduction

import (
	"errors"
	"fmt"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Decision is next year's questionnaire decided from the review file and
// the team leaders' proposals, with everything an audit needs.
type Decision struct {
	Bank      *itembank.Bank
	Review    *Review
	Proposals []*Proposal
	Combine   Combine
	Sources   []Source
	Items     []ItemDecision // one per bank item, in bank order
	// Left are review items no longer in the bank; they play no part.
	Left []ReviewItem
	// Warnings are caveats for the audit, not failures.
	Warnings []string
}

// A Source is one voter: the researchers (their review) or a proposal.
type Source struct {
	Name   string
	File   string
	Kind   string // "researchers" or "proposal"
	Target int    // target length, 0 when none given
	Kept   int    // bank items it keeps
}

// An ItemDecision is the decision on one bank item and how it came about.
type ItemDecision struct {
	Item   *itembank.Item
	Review *ReviewItem
	Votes  []Verdict // per source, in the order of Decision.Sources
	Keeps  int       // sources keeping it
	Final  Verdict
	// MergedInto names the new item that replaces this one, if any; the
	// item is then not in next year's questionnaire whatever the votes.
	MergedInto string
}

// Overridden reports whether the researchers' decision differs from the
// suggestion of the statistics.
func (d *ItemDecision) Overridden() bool { return d.Review.Overrides() }

// AgainstStatistics reports whether the final decision differs from the
// suggestion of the statistics.
func (d *ItemDecision) AgainstStatistics() bool {
	final := d.Final
	if d.MergedInto != "" {
		final = Drop
	}
	return final != d.Review.Suggestion
}

// Decide combines the researchers' review and the proposals into a
// decision per bank item with the combine rule.
//
// The review must cover exactly the items of the bank (run review again
// after changing the bank); the computed fields of its items must be the
// program's (see Review.CheckComputed); every researchers' decision that
// differs from the suggestion needs a reason; new and merged items must
// have new ids, a scale of the bank and, for merges, items of the bank
// under from:. All such problems are reported together, each with the file
// and line. The review's warnings become warnings of the decision.
func Decide(bank *itembank.Bank, review *Review, proposals []*Proposal, combine Combine) (*Decision, error) {
	d := &Decision{Bank: bank, Review: review, Proposals: proposals, Combine: combine}
	for _, w := range review.Warnings {
		d.Warnings = append(d.Warnings, w.Error())
	}
	d.Sources = append(d.Sources, Source{Name: "researchers", File: review.File, Kind: "researchers"})
	for _, p := range proposals {
		d.Sources = append(d.Sources, Source{Name: p.Name(), File: p.File, Kind: "proposal", Target: p.TargetLength})
	}
	if err := combine.Check(len(d.Sources)); err != nil {
		return nil, err
	}
	var errs []error
	if err := review.CheckComputed(bank); err != nil {
		errs = append(errs, err)
	}
	fail := func(line int, item string, format string, args ...any) {
		errs = append(errs, &itembank.ParseError{File: review.File, Line: line, Item: item, Err: fmt.Errorf(format, args...)})
	}
	for i := range review.Items {
		it := &review.Items[i]
		inBank := bank.Item(it.ID) != nil
		switch {
		case !inBank && it.InBank:
			fail(it.Line, it.ID, "%w: run itemreduce review again to refresh the review file for this bank", ErrUnknownItem)
		case !inBank:
			d.Left = append(d.Left, *it)
		case !it.InBank:
			fail(it.Line, it.ID, "marked in_bank: false but the bank has it: run itemreduce review again to refresh the review file")
		case it.Overrides() && strings.TrimSpace(it.Reason) == "":
			fail(it.DecisionLine, it.ID, "%w: say why under reason:", ErrNoReason)
		}
	}
	merged := d.checkNewItems(fail)
	for _, item := range bank.Items {
		ri := review.Item(item.ID)
		if ri == nil {
			fail(0, item.ID, "the review file has no entry for this bank item: run itemreduce review again (with --restore if the entry was deleted by hand) to add it")
			continue
		}
		id := ItemDecision{Item: item, Review: ri, MergedInto: merged[item.ID]}
		for si := range d.Sources {
			v := Drop
			if si == 0 {
				v = ri.Vote()
			} else if proposals[si-1].Keeps(item.ID) {
				v = Keep
			}
			if v == Keep {
				id.Keeps++
				d.Sources[si].Kept++
			}
			id.Votes = append(id.Votes, v)
		}
		id.Final = Drop
		if combine.Keeps(id.Keeps, len(d.Sources)) {
			id.Final = Keep
		}
		d.Items = append(d.Items, id)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d, nil
}

// checkNewItems validates add: and merge: and returns, for each merged
// bank item, the id of the item replacing it.
func (d *Decision) checkNewItems(fail func(int, string, string, ...any)) map[string]string {
	bank, review := d.Bank, d.Review
	newIDs := map[string]int{}
	check := func(ni *NewItem, what string) {
		switch {
		case bank.Item(ni.ID) != nil:
			fail(ni.Line, ni.ID, "%w: %s item needs a new id; %s is already an item of the bank", ErrBadValue, what, ni.ID)
		case !itembank.ValidID(ni.ID):
			fail(ni.Line, ni.ID, "%w: an id may hold only letters, digits and _ . @ # $ -", ErrBadValue)
		case bank.Scale(ni.Scale) == nil:
			fail(ni.Line, ni.ID, "%w: scale %q is not a scale of the bank", ErrBadValue, ni.Scale)
		}
		if first, dup := newIDs[ni.ID]; dup {
			fail(ni.Line, ni.ID, "%w: also on line %d", ErrDuplicateID, first)
		}
		newIDs[ni.ID] = ni.Line
	}
	for i := range review.Add {
		check(&review.Add[i], "a new")
	}
	merged := map[string]string{}
	for i := range review.Merge {
		m := &review.Merge[i]
		check(&m.NewItem, "a merged")
		for _, from := range m.From {
			switch {
			case bank.Item(from) == nil:
				fail(m.Line, m.ID, "%w: from: %s is not an item of the bank", ErrUnknownItem, from)
			case merged[from] != "":
				fail(m.Line, m.ID, "%w: %s is already merged into %s", ErrBadValue, from, merged[from])
			default:
				merged[from] = m.ID
			}
		}
	}
	return merged
}

// Totals count the items of a decision.
type Totals struct {
	Bank    int `json:"bank"`    // items in this year's bank
	Kept    int `json:"kept"`    // bank items kept as they are
	Dropped int `json:"dropped"` // bank items dropped (not counting merged ones)
	Merged  int `json:"merged"`  // bank items replaced by a merged item
	Merges  int `json:"merges"`  // merged items replacing them
	Added   int `json:"added"`   // new items
	Next    int `json:"next"`    // items of next year's questionnaire
}

// String says the totals in one sentence, e.g. "149 items: 66 kept, 77
// dropped, 6 merged into 3; 2 new → 71 items next year".
func (t Totals) String() string {
	s := fmt.Sprintf("%d items: %d kept, %d dropped", t.Bank, t.Kept, t.Dropped)
	if t.Merged > 0 {
		s += fmt.Sprintf(", %d merged into %d", t.Merged, t.Merges)
	}
	if t.Added > 0 {
		s += fmt.Sprintf("; %d new", t.Added)
	}
	return s + fmt.Sprintf(" → %d items next year", t.Next)
}

// Totals counts kept, dropped, merged and new items.
func (d *Decision) Totals() Totals {
	t := Totals{Bank: len(d.Items), Merges: len(d.Review.Merge), Added: len(d.Review.Add)}
	for i := range d.Items {
		it := &d.Items[i]
		switch {
		case it.MergedInto != "":
			t.Merged++
		case it.Final == Keep:
			t.Kept++
		default:
			t.Dropped++
		}
	}
	t.Next = t.Kept + t.Merges + t.Added
	return t
}

// A ThemeCount is the number of items of one theme this year and next.
type ThemeCount struct {
	Theme    string `json:"theme"` // empty: items without a theme
	ThisYear int    `json:"this_year"`
	NextYear int    `json:"next_year"`
}

// Themes counts the items per theme in this year's bank and in next
// year's questionnaire (the kept items, the merged items and the new ones,
// as Next places them), in the order the themes first appear in this
// year's bank, then next year's new themes.
func (d *Decision) Themes() []ThemeCount {
	var out []ThemeCount
	at := map[string]int{}
	count := func(theme string, next bool) {
		i, ok := at[theme]
		if !ok {
			i = len(out)
			at[theme] = i
			out = append(out, ThemeCount{Theme: theme})
		}
		if next {
			out[i].NextYear++
		} else {
			out[i].ThisYear++
		}
	}
	for _, it := range d.Bank.Items {
		count(it.Theme, false)
	}
	for i := range d.Items {
		if it := &d.Items[i]; it.Final == Keep && it.MergedInto == "" {
			count(it.Item.Theme, true)
		}
	}
	for _, m := range d.Review.Merge {
		count(m.Theme, true)
	}
	for _, n := range d.Review.Add {
		count(n.Theme, true)
	}
	return out
}

// A LostComposite is a composite indicator that can no longer be computed.
type LostComposite struct {
	Name    string   `json:"name"`
	Missing []string `json:"missing"` // its items not in next year's questionnaire
}

// Costs are what the decision gives up.
type Costs struct {
	SeriesEnd  []string // dropped items: no comparison with earlier waves
	Composites []LostComposite
	Merges     []Merge // merged items, not comparable with the items they replace
}

// Costs lists the time series that end, the composites that can no longer
// be computed and the merged items.
func (d *Decision) Costs() Costs {
	c := Costs{Merges: d.Review.Merge}
	gone := map[string]bool{}
	for i := range d.Items {
		it := &d.Items[i]
		if it.Final == Drop || it.MergedInto != "" {
			gone[it.Item.ID] = true
		}
		if it.Final == Drop && it.MergedInto == "" {
			c.SeriesEnd = append(c.SeriesEnd, it.Item.ID)
		}
	}
	for _, comp := range d.Bank.Composites {
		var missing []string
		for _, id := range comp.Items {
			if gone[id] {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			c.Composites = append(c.Composites, LostComposite{Name: comp.Name, Missing: missing})
		}
	}
	return c
}

// Next builds next year's bank: the kept items in this year's order, each
// merged item in the place of the first item it replaces, and each new
// item after the item named by after:, else after the last item of its
// theme, else at the end. Composites that lost an item are left out (see
// Costs). All scales of this year's bank are kept.
func (d *Decision) Next(title string) (*itembank.Bank, error) {
	if title == "" {
		title = d.Bank.Title
	}
	scales := map[string]*itembank.Scale{}
	for _, s := range d.Bank.Scales {
		scales[s.Name] = s
	}
	newItem := func(ni *NewItem) *itembank.Item {
		return &itembank.Item{ID: ni.ID, Text: ni.Text, Scale: scales[ni.Scale], Reverse: ni.Reverse, Theme: ni.Theme}
	}
	merges := map[string]*Merge{}
	for i := range d.Review.Merge {
		merges[d.Review.Merge[i].ID] = &d.Review.Merge[i]
	}
	var items []*itembank.Item
	placed := map[string]bool{}
	for i := range d.Items {
		it := &d.Items[i]
		switch {
		case it.MergedInto != "":
			if !placed[it.MergedInto] {
				placed[it.MergedInto] = true
				items = append(items, newItem(&merges[it.MergedInto].NewItem))
			}
		case it.Final == Keep:
			c := *it.Item
			c.Line = 0
			items = append(items, &c)
		}
	}
	for i := range d.Review.Add {
		ni := &d.Review.Add[i]
		at := insertionPoint(items, ni)
		if ni.After != "" && at < 0 {
			d.Warnings = append(d.Warnings, fmt.Sprintf("new item %s: %s (after:) is not in next year's questionnaire; placed by its theme instead", ni.ID, ni.After))
			c := *ni
			c.After = ""
			at = insertionPoint(items, &c)
		}
		if at < 0 {
			at = len(items)
		}
		items = append(items[:at], append([]*itembank.Item{newItem(ni)}, items[at:]...)...)
	}
	gone := map[string]bool{}
	for _, lc := range d.Costs().Composites {
		gone[lc.Name] = true
	}
	var composites []itembank.Composite
	for _, c := range d.Bank.Composites {
		if !gone[c.Name] {
			composites = append(composites, itembank.Composite{Name: c.Name, Items: c.Items})
		}
	}
	return itembank.NewBank(title, d.Bank.Scales, items, composites)
}

// insertionPoint is where a new item goes in items, or -1 when neither
// its after: item nor its theme is there.
func insertionPoint(items []*itembank.Item, ni *NewItem) int {
	if ni.After != "" {
		for i, it := range items {
			if it.ID == ni.After {
				return i + 1
			}
		}
		return -1
	}
	at := -1
	if ni.Theme != "" {
		for i, it := range items {
			if it.Theme == ni.Theme {
				at = i + 1
			}
		}
	}
	return at
}
