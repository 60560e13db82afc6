package reduction

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/itemreduce/itemreduce/itembank"
)

// The correlation the redundancy rule uses, chosen in the rules file
// (method:). Pearson's r is the report's; Spearman's r, Kendall's tau-b
// and the polychoric r treat the answers as ordered categories, and need
// the answer tables (itembank.WithTables).
const (
	MethodPearson    = "pearson"
	MethodSpearman   = "spearman"
	MethodKendall    = "kendall"
	MethodPolychoric = "polychoric"
)

// CloseCall is how near the threshold a polychoric estimate is called
// close: the tick is decided on the estimate, and |r̂| within CloseCall of
// the threshold could as well lie on the other side.
const CloseCall = 0.005

// NeedsTables reports whether the method needs the answer tables.
func NeedsTables(method string) bool {
	return method == MethodSpearman || method == MethodKendall || method == MethodPolychoric
}

// validateMethod checks the method key of a rules file.
func validateMethod(m string) error {
	switch m {
	case "", MethodPearson, MethodSpearman, MethodKendall, MethodPolychoric:
		return nil
	}
	return &fieldError{[]string{"method"}, fmt.Sprintf("method: %q is none of %s, %s, %s, %s", m, MethodPearson, MethodSpearman, MethodKendall, MethodPolychoric)}
}

// methodName returns the method in force, pearson when none is set.
func methodName(m string) string {
	if m == "" {
		return MethodPearson
	}
	return m
}

// A pairR is the correlation of one pair by the method in force.
type pairR struct {
	R, SE   float64 // SE: polychoric only, else NaN
	N       int64
	Exceeds bool // |r| > the threshold, exactly (on the estimate for polychoric)
	Close   bool // polychoric: |r̂| within CloseCall of the threshold
	// Reason is RUndefined, RWithheld, RNoTable or RTableWithheld when r
	// could not be had; ok is false then.
	Reason Reason
	ok     bool
}

// correlate measures pair (i, j), i < j, of the current wave's summary.
func correlate(s *itembank.Summary, i, j int, t Thresholds) pairR {
	if s.PairWithheld(i, j) {
		return pairR{Reason: RWithheld}
	}
	method := methodName(t.Method)
	if method == MethodPearson {
		ps := s.Pair(i, j)
		r := ps.Pearson()
		if math.IsNaN(r) {
			return pairR{Reason: RUndefined}
		}
		return pairR{R: r, SE: math.NaN(), N: ps.N, Exceeds: isRedundant(ps, t.Redundant), ok: true}
	}
	tab, state := s.Table(i, j)
	switch state {
	case itembank.NoTable:
		return pairR{Reason: RNoTable}
	case itembank.TableWithheld:
		return pairR{Reason: RTableWithheld}
	}
	if method == MethodSpearman {
		r, ok := Spearman(tab)
		if !ok {
			return pairR{Reason: RUndefined}
		}
		return pairR{R: r, SE: math.NaN(), N: tab.N(), Exceeds: spearmanExceeds(tab, t.Redundant), ok: true}
	}
	if method == MethodKendall {
		r, ok := KendallTauB(tab)
		if !ok {
			return pairR{Reason: RUndefined}
		}
		return pairR{R: r, SE: math.NaN(), N: tab.N(), Exceeds: kendallExceeds(tab, t.Redundant), ok: true}
	}
	pc, ok := Polychoric(tab)
	if !ok {
		return pairR{Reason: RUndefined}
	}
	thr := t.Redundant.Float()
	return pairR{R: pc.R, SE: pc.SE, N: pc.N, Exceeds: math.Abs(pc.R) > thr,
		Close: math.Abs(math.Abs(pc.R)-thr) < CloseCall, ok: true}
}

// correlateAll measures every pair of answered items (i < j, row by row
// as itembank's pairs), on all cores when the method is costly.
func correlateAll(res *Result, s *itembank.Summary, t Thresholds) []pairR {
	p := len(res.Items)
	out := make([]pairR, p*(p-1)/2)
	rows := make(chan int, p)
	for i := range p {
		rows <- i
	}
	close(rows)
	workers := 1
	if methodName(t.Method) == MethodPolychoric {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rows {
				if res.Items[i].N == 0 {
					continue
				}
				for j := i + 1; j < p; j++ {
					if res.Items[j].N != 0 {
						out[itembank.PairIndex(i, j, p)] = correlate(s, i, j, t)
					}
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// methodWords says how r is computed, for the thresholds line of a report.
func methodWords(m string) string {
	switch m {
	case MethodSpearman:
		return "Spearman's r, pairwise complete, n >= 3, from the tables of answers"
	case MethodKendall:
		return "Kendall's tau-b, pairwise complete, n >= 3, from the tables of answers"
	case MethodPolychoric:
		return fmt.Sprintf("polychoric r, two-step maximum likelihood from the tables of answers; within %.3f of the threshold a close call", CloseCall)
	}
	return "pairwise complete, n >= 3"
}

// RedundantCloseCall reports whether the item's redundant decision rests
// on a polychoric r within CloseCall of the threshold: it is ticked and
// every partner is a close call, or it is not and its largest r is.
func (it *ItemResult) RedundantCloseCall() bool {
	if len(it.Correlated) == 0 {
		return it.MaxR.ID != "" && it.MaxR.Close
	}
	for _, p := range it.Correlated {
		if !p.Close {
			return false
		}
	}
	return true
}

// Correlation returns the r of items i and j of summary s by the method
// of t, as the redundancy rule measures it, and the respondents it rests
// on; NaN when it is undefined or withheld.
func Correlation(s *itembank.Summary, i, j int, t Thresholds) (float64, int64) {
	if i > j {
		i, j = j, i
	}
	pr := correlate(s, i, j, t)
	if !pr.ok {
		return math.NaN(), pr.N
	}
	return pr.R, pr.N
}
