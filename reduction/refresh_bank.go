package reduction

import (
	"fmt"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// screenedIDs lists the ids of the items screened, in bank order.
func screenedIDs(res *Result) []string {
	ids := make([]string, len(res.Items))
	for i := range res.Items {
		ids[i] = res.Items[i].Item.ID
	}
	return ids
}

// A bankPlan says which bank items without an entry a refresh inserts:
// the new ones, never screened for this file before, and, when restoring,
// the ones whose entry was deleted by hand.
type bankPlan struct {
	insert                   map[string]bool
	added, missing, restored []string
}

// planBank sorts the screened items that have no entry in the review
// file into new and deleted ones. An item is deleted when the file's
// screening: records it among its screened_items, or, for a file written
// before screened_items existed, when the bank is the one the file was
// screened with (same SHA-256); else it is new.
//
// An entry that is not an item of the bank, was never screened for this
// file, and holds a decision, reason or note, while a screened item has
// lost its entry, is most likely that item under a mistyped id: it is an
// error ("did you mean SA01?"), since a refresh would otherwise detach
// the decision from its item. So is such an entry without a decision
// whose id is close to that of an item without an entry.
func planBank(prev *Review, fresh []computed, s Screening, restore bool) (*bankPlan, error) {
	inFile := map[string]bool{}
	for _, it := range prev.Items {
		inFile[it.ID] = true
	}
	known := knownItems(prev.Screening, s)
	p := &bankPlan{insert: map[string]bool{}}
	var lost []string
	inBank := map[string]bool{}
	for i := range fresh {
		id := fresh[i].ID
		inBank[id] = true
		switch {
		case inFile[id]:
		case known == nil || !known[id]:
			p.insert[id] = true
			p.added = append(p.added, id)
		case restore:
			lost = append(lost, id)
			p.insert[id] = true
			p.restored = append(p.restored, id)
		default:
			lost = append(lost, id)
			p.missing = append(p.missing, id)
		}
	}
	if len(lost) == 0 {
		return p, nil
	}
	for i := range prev.Items {
		it := &prev.Items[i]
		if inBank[it.ID] || known[it.ID] || !it.InBank {
			continue
		}
		what, guess := humanContent(it), closestID(it.ID, lost)
		if what == "" && guess == "" {
			continue
		}
		if what != "" {
			what = "it holds " + what + ", and "
		}
		err := fmt.Errorf("%w: %sbank item %s lost its entry: did you mean %s? Correct the id, then run itemreduce review again; nothing was written",
			ErrUnknownItem, what, guess, guess)
		if guess == "" {
			err = fmt.Errorf("%w: %sthese bank items lost their entries: %s. Correct the id if it is one of them, or delete the entry; nothing was written",
				ErrUnknownItem, what, strings.Join(lost, ", "))
		}
		return nil, &itembank.ParseError{File: prev.File, Line: it.Line, Item: it.ID, Err: err}
	}
	return p, nil
}

// knownItems returns the items screened when the file was last written
// or refreshed, nil when the file does not tell.
func knownItems(was, now Screening) map[string]bool {
	ids := was.ScreenedItems
	if len(ids) == 0 && was.Bank.SHA256 != "" && was.Bank.SHA256 == now.Bank.SHA256 {
		ids = now.ScreenedItems
	}
	if len(ids) == 0 {
		return nil
	}
	known := make(map[string]bool, len(ids))
	for _, id := range ids {
		known[id] = true
	}
	return known
}

// humanContent names what a person wrote in an entry: "a decision", "a
// reason", "a note", or "" for nothing.
func humanContent(it *ReviewItem) string {
	switch {
	case it.Decision != "":
		return "a decision (" + string(it.Decision) + ")"
	case strings.TrimSpace(it.Reason) != "":
		return "a reason"
	case strings.TrimSpace(it.Note) != "":
		return "a note"
	}
	return ""
}

// closestID returns the id among ids that id most likely misspells: one
// is the other cut short, or they differ in at most two characters (and
// not in all of them). "" when there is none, or two are equally close.
func closestID(id string, ids []string) string {
	best, bestD, tie := "", 3, false
	a := strings.ToLower(id)
	for _, c := range ids {
		b := strings.ToLower(c)
		d := editDistance([]rune(a), []rune(b))
		if strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
			d = min(d, 1)
		}
		if d >= max(len([]rune(a)), len([]rune(b))) {
			continue
		}
		switch {
		case d < bestD:
			best, bestD, tie = c, d, false
		case d == bestD:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance: the fewest characters to
// insert, delete or replace to turn a into b.
func editDistance(a, b []rune) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			diag, row[j] = row[j], min(row[j]+1, row[j-1]+1, diag+cost)
		}
	}
	return row[len(b)]
}
