package ledger

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// Telling respondents apart across releases.
//
// Each respondent of the record has a pattern: the set of releases they
// are in. Respondents with the same pattern form a class, and the releases
// tell classes apart, never the members of one class: every sum or
// difference of released summaries is a sum over whole classes, so as
// long as every class has at least min members, no combination of
// releases, of two or of many, singles out fewer than min people. (The
// team of 15 and the team without its one man make a class of 14 and a
// class of 1: the man.) Check refuses a new release that would make a
// class of 1 to min − 1 members that was not already one: it splits an
// earlier class, or adds a small group to it.
//
// The rule is strict: a small class is refused even when no sum of the
// released summaries happens to isolate it. It is what a privacy officer
// can verify by hand: for the new summary and each earlier one, count who
// is in one and not the other.

// A DifferenceError refuses a release that would single out a small
// group of respondents together with earlier releases.
type DifferenceError struct {
	Size  int64 // respondents in the group singled out
	Min   int64
	InNew bool // the group is in the new summary (else in earlier ones only)
	// Releases names the earlier releases that, with the new one, single
	// the group out (see Ledger.Name), nearest first.
	Releases []string
	// Differ is how many respondents the new release and the first of
	// Releases do not share (in one, not the other).
	Differ int64
}

func (e *DifferenceError) Error() string {
	releases := strings.Join(e.Releases, "; ")
	if len(e.Releases) == 0 {
		releases = "the earlier releases"
	}
	var msg string
	if e.InNew {
		msg = fmt.Sprintf("%d respondent(s) in this summary are not in %s, which hold(s) the others: fewer than the minimum of %d, so subtracting one summary from the other would show their answers",
			e.Size, releases, e.Min)
	} else {
		msg = fmt.Sprintf("%d respondent(s) of %s are not in this summary: fewer than the minimum of %d, so subtracting one summary from the other would show their answers",
			e.Size, releases, e.Min)
	}
	if len(e.Releases) > 0 {
		name, _, _ := strings.Cut(e.Releases[0], " of ")
		msg += fmt.Sprintf(" (this summary and %s differ by %d respondent(s))", name, e.Differ)
	}
	return msg + fmt.Sprintf(". Summarise the same respondents again, or a group that differs from every earlier release by none or by at least %d", e.Min)
}

// Check refuses (with a *DifferenceError) a new release of the respondents
// with these keys (sorted) when, together with the releases of the record,
// it would single out 1 to min − 1 respondents that were not singled out
// before; see above.
func (l *Ledger) Check(keys []itembank.RespondentKey, min int64) error {
	k := len(l.Releases)
	words := (k + 63) / 64
	counts := map[string]*[2]int64{} // by old pattern: members not in, and in the new release
	overlap := make([]int64, k)      // per old release: members shared with the new one
	pattern := make([]byte, 8*words)
	m := newMerge(l, keys)
	for m.next(pattern) {
		c := counts[string(pattern)]
		if c == nil {
			c = new([2]int64)
			counts[string(pattern)] = c
		}
		if m.inNew {
			c[1]++
			for r := range k {
				if pattern[r/8]&(1<<(r%8)) != 0 {
					overlap[r]++
				}
			}
		} else {
			c[0]++
		}
	}
	// The smallest class that is new and too small, for a stable message.
	var worst *DifferenceError
	var worstPattern string
	for p, c := range counts {
		if c[1] == 0 {
			continue // untouched by the new release
		}
		// Respondents in no earlier release are a new class, unless they
		// are the whole new release: its own minimum covers them.
		fresh := strings.Trim(p, "\x00") == "" && c[1] < int64(len(keys))
		for _, cand := range []struct {
			size  int64
			inNew bool
			isNew bool
		}{
			{c[1], true, c[0] > 0 || fresh}, // in the new release: new unless the whole old class
			{c[0], false, true},             // left out of the new release: a split of the old class
		} {
			if !cand.isNew || cand.size == 0 || cand.size >= min {
				continue
			}
			if worst == nil || cand.size < worst.Size || (cand.size == worst.Size && p < worstPattern) {
				worst = &DifferenceError{Size: cand.size, Min: min, InNew: cand.inNew}
				worstPattern = p
			}
		}
	}
	if worst == nil {
		return nil
	}
	worst.Releases, worst.Differ = l.nearest(worstPattern, worst.InNew, overlap, int64(len(keys)))
	return worst
}

// nearest names the earlier releases that tell the group of pattern p
// apart from the rest of the new release: for a group in the new release,
// those sharing respondents with it but not the group; for a group left
// out, those holding the group and sharing respondents with the new one.
// Most shared first, at most three. It also returns how many respondents
// the first and the new release do not share.
func (l *Ledger) nearest(p string, inNew bool, overlap []int64, size int64) ([]string, int64) {
	var rs []int
	for r := range l.Releases {
		in := p[r/8]&(1<<(r%8)) != 0
		if overlap[r] > 0 && in != inNew {
			rs = append(rs, r)
		}
	}
	sort.SliceStable(rs, func(a, b int) bool { return overlap[rs[a]] > overlap[rs[b]] })
	if len(rs) > 3 {
		rs = rs[:3]
	}
	names := make([]string, len(rs))
	for n, r := range rs {
		names[n] = l.Name(r + 1)
	}
	var differ int64
	if len(rs) > 0 {
		r := rs[0]
		differ = size + l.Releases[r].Respondents - 2*overlap[r]
	}
	return names, differ
}

// merge walks the keys of every release of a record and of a new release
// in increasing order, each key once with the releases it is in.
type merge struct {
	h      cursors
	newest int // index of the new release's cursor
	inNew  bool
}

type cursor struct {
	keys []itembank.RespondentKey
	rel  int // the release: its index, or len(Releases) for the new one
}

type cursors []*cursor

func (h cursors) Len() int           { return len(h) }
func (h cursors) Less(a, b int) bool { return compareKeys(h[a].keys[0], h[b].keys[0]) < 0 }
func (h cursors) Swap(a, b int)      { h[a], h[b] = h[b], h[a] }
func (h *cursors) Push(x any)        { *h = append(*h, x.(*cursor)) }
func (h *cursors) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

func newMerge(l *Ledger, keys []itembank.RespondentKey) *merge {
	m := &merge{newest: len(l.Releases)}
	for r, rel := range l.Releases {
		if len(rel.Keys) > 0 {
			m.h = append(m.h, &cursor{keys: rel.Keys, rel: r})
		}
	}
	if len(keys) > 0 {
		m.h = append(m.h, &cursor{keys: keys, rel: m.newest})
	}
	heap.Init(&m.h)
	return m
}

// next sets pattern to the earlier releases the next key is in (a bit
// per release) and m.inNew to whether the new one holds it; false when
// every key was seen.
func (m *merge) next(pattern []byte) bool {
	if len(m.h) == 0 {
		return false
	}
	clear(pattern)
	m.inNew = false
	key := m.h[0].keys[0]
	for len(m.h) > 0 && m.h[0].keys[0] == key {
		c := m.h[0]
		if c.rel == m.newest {
			m.inNew = true
		} else {
			pattern[c.rel/8] |= 1 << (c.rel % 8)
		}
		c.keys = c.keys[1:]
		if len(c.keys) == 0 {
			heap.Pop(&m.h)
		} else {
			heap.Fix(&m.h, 0)
		}
	}
	return true
}
