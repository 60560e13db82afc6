package reduction

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/itemreduce/itemreduce/itembank"
)

// A ScaleKind says what makes a group of items a scale.
type ScaleKind string

// The kinds of scale Reliability reports on.
const (
	ThemeScale     ScaleKind = "theme"     // the bank items sharing a theme
	CompositeScale ScaleKind = "composite" // one entry of the bank's composites
)

// A ScaleReliability is the internal consistency of one theme or composite
// in one wave: how well its items measure one thing, the evidence a
// methodologist asks for before items are dropped from it. Undefined
// figures are NaN, and Warnings say why.
type ScaleReliability struct {
	Kind  ScaleKind
	Name  string
	Items []ItemReliability // in bank order (theme) or the composite's order
	// Reversed lists the reverse-keyed items, reflected to min + max − x
	// before anything was computed, so that a high answer is favourable
	// on every item.
	Reversed []string
	// Alpha is Cronbach's alpha from the pairwise covariance matrix
	// (CronbachAlpha); AlphaStd and AverageR are the standardized alpha
	// and the mean inter-item correlation from that matrix turned into
	// correlations (CorrelationFromCovariance), as psych::alpha computes
	// them; OmegaTotal is McDonald's omega total from a one-factor minres
	// fit to the pairwise Pearson correlations (OmegaTotal).
	Alpha, AlphaStd, AverageR, OmegaTotal float64
	// NMin is the fewest respondents behind any figure: the smallest
	// count over the items' answers and the pairs' common respondents
	// (withheld pairs, which have none, left out); 0 when there is none.
	NMin     int64
	Warnings []string // caveats, each naming the scale
}

// An ItemReliability is what one item adds to its scale.
type ItemReliability struct {
	ID string
	// ItemRestR is the correlation of the item with the sum of the other
	// items (ItemRestCorrelation); AlphaIfDeleted is the alpha of the
	// other items (AlphaIfDeleted). NaN when undefined.
	ItemRestR, AlphaIfDeleted float64
}

// ErrNoPairSums reports a summary without the pair sums that covariances
// need (itembank.ItemsOnly).
var ErrNoPairSums = errors.New("the summary has no pair sums")

// Reliability returns the reliability of every theme of the bank (the
// items sharing a theme, themes in the order of their first item) and of
// every composite, from the summary of one wave: the same sums the rules
// use, so that it works on pooled site summaries and gives exactly what
// the raw answers give.
//
// Each scale is computed as psych::alpha(x, use = "pairwise") and
// psych::omega(x, nfactors = 1) compute it from the answers x, with
// reverse-keyed items reflected first: variances over each item's
// answers, covariances and correlations over the respondents who answered
// both items (at least itembank.MinPairN of them). An item or pair the
// summary withholds, an item nobody answered, and a pair with too few
// common respondents leave the figures that need them NaN, with a warning
// saying which and why: a figure is never computed from part of a scale.
// An item without variance leaves its correlations undefined but not
// alpha (psych::alpha would drop the item). A scale of one item has no
// figure; omega total and alpha if deleted need three items. A composite
// that lists an item twice counts it once, with a warning.
func Reliability(bank *itembank.Bank, s *itembank.Summary) ([]ScaleReliability, error) {
	if err := checkSummary(bank, s); err != nil {
		return nil, err
	}
	if !s.HasPairs() {
		return nil, ErrNoPairSums
	}
	var out []ScaleReliability
	themes, byTheme := []string{}, map[string][]int{}
	for i, it := range bank.Items {
		if it.Theme == "" {
			continue
		}
		if _, ok := byTheme[it.Theme]; !ok {
			themes = append(themes, it.Theme)
		}
		byTheme[it.Theme] = append(byTheme[it.Theme], i)
	}
	for _, t := range themes {
		out = append(out, scaleReliability(bank, s, ThemeScale, t, byTheme[t], nil))
	}
	for _, c := range bank.Composites {
		var idx []int
		var notes []string
		seen := map[int]bool{}
		for _, id := range c.Items {
			i, ok := bank.Index(id)
			switch {
			case !ok:
				notes = append(notes, fmt.Sprintf("item %s is not in the bank: left out", id))
			case seen[i]:
				notes = append(notes, fmt.Sprintf("lists item %s twice: counted once", id))
			default:
				seen[i] = true
				idx = append(idx, i)
			}
		}
		out = append(out, scaleReliability(bank, s, CompositeScale, c.Name, idx, notes))
	}
	return out, nil
}

// scaleReliability computes the figures of the scale of bank items idx.
func scaleReliability(bank *itembank.Bank, s *itembank.Summary, kind ScaleKind, name string, idx []int, notes []string) ScaleReliability {
	sr := ScaleReliability{Kind: kind, Name: name, Items: make([]ItemReliability, len(idx)), Reversed: []string{}}
	for a, i := range idx {
		sr.Items[a].ID = bank.Items[i].ID
		if bank.Items[i].Reverse {
			sr.Reversed = append(sr.Reversed, bank.Items[i].ID)
		}
	}
	m := buildMatrices(bank, s, idx)
	sr.NMin = m.nMin
	sr.Alpha = CronbachAlpha(m.cov)
	std := CorrelationFromCovariance(m.cov)
	sr.AlphaStd, sr.AverageR = CronbachAlpha(std), AverageR(std)
	restR, ifDeleted := ItemRestCorrelation(m.cov), AlphaIfDeleted(m.cov)
	for a := range sr.Items {
		sr.Items[a].ItemRestR, sr.Items[a].AlphaIfDeleted = restR[a], ifDeleted[a]
	}
	fit := fitOmega(m.r)
	sr.OmegaTotal = fit.omega
	sr.Warnings = scaleWarnings(&sr, bank, idx, m, fit, notes)
	return sr
}

// scaleMatrices are the matrices of one scale from a summary, with what
// left entries undefined.
type scaleMatrices struct {
	cov  *mat.SymDense // pairwise covariances, variances over each item's answers
	r    *mat.SymDense // pairwise Pearson correlations, 1 on the diagonal
	nMin int64
	// Why entries are NaN, each a phrase naming items or pairs: covWhy for
	// covariances (and so every figure), constant for items without
	// variance (their correlations), rWhy for pairs whose r alone is
	// undefined.
	covWhy, constant, rWhy []string
	constantItem           []bool // per item of the scale: without variance
}

// buildMatrices builds the covariance and correlation matrices of bank
// items idx from the exact sums of s, reverse-keyed items reflected.
func buildMatrices(bank *itembank.Bank, s *itembank.Summary, idx []int) scaleMatrices {
	k := len(idx)
	m := scaleMatrices{cov: &mat.SymDense{}, r: &mat.SymDense{}, constantItem: make([]bool, k)}
	if k == 0 {
		return m
	}
	m.cov, m.r = mat.NewSymDense(k, nil), mat.NewSymDense(k, nil)
	unit := math.Pow(10, float64(2*s.Places)) // sums of products are in units of 10^-2·Places
	refl := make([]int64, k)
	var itemWhy, pairWhy, rWhy, constant reasonList
	for a, i := range idx {
		if bank.Items[i].Reverse {
			var ok bool
			if refl[a], ok = reflection(bank.Items[i].Scale, s.Places); !ok {
				itemWhy.add("too large to reflect exactly", bank.Items[i].ID)
			}
		}
	}
	nMin := int64(math.MaxInt64)
	for a, i := range idx {
		v, n, why := itemVariance(s, i, refl[a])
		m.cov.SetSym(a, a, v/unit)
		m.r.SetSym(a, a, 1)
		switch {
		case why != "":
			itemWhy.add(why, bank.Items[i].ID)
			m.r.SetSym(a, a, math.NaN())
		case v == 0:
			constant.add("without variance (every answer the same; psych::alpha would drop it)", bank.Items[i].ID)
			m.constantItem[a] = true
		}
		if n > 0 {
			nMin = min(nMin, n)
		}
	}
	for a, i := range idx {
		for b := a + 1; b < k; b++ {
			j := idx[b]
			pair := bank.Items[i].ID + "-" + bank.Items[j].ID
			c, r, n, why, rwhy := pairMoments(s, i, j, refl[a], refl[b])
			m.cov.SetSym(a, b, c/unit)
			m.r.SetSym(a, b, r)
			switch {
			case why != "":
				pairWhy.add(why, pair)
			case rwhy != "" && !m.constantItem[a] && !m.constantItem[b]:
				rWhy.add(rwhy, pair)
			}
			if n > 0 {
				nMin = min(nMin, n)
			}
		}
	}
	if nMin == math.MaxInt64 {
		nMin = 0
	}
	m.nMin = nMin
	m.covWhy = append(itemWhy.phrases("item"), pairWhy.phrases("pair")...)
	m.constant = constant.phrases("item")
	m.rWhy = rWhy.phrases("pair")
	return m
}

// itemVariance returns the variance of item i over its answers (reflected
// by a ≠ 0), in units of 10^-2·Places, the number of answers, and why the
// variance is undefined ("" when it is defined; a variance of 0 is
// defined, but leaves the item's correlations undefined).
func itemVariance(s *itembank.Summary, i int, a int64) (float64, int64, string) {
	it := s.Items[i]
	mo := s.Moments(i)
	switch {
	case it.Withheld:
		return math.NaN(), 0, "withheld by the summary (fewer people answered it at a site than its minimum)"
	case !it.Asked:
		return math.NaN(), 0, "not asked"
	case mo.N == 0:
		return math.NaN(), 0, "not answered"
	case mo.N < 2:
		return math.NaN(), mo.N, "answered by one respondent only"
	}
	if a != 0 {
		var ok bool
		if mo, ok = reflectMoments(mo, a); !ok {
			return math.NaN(), mo.N, "too large to reflect exactly"
		}
	}
	v := coMoment(mo.N, mo.Sum, mo.Sum, mo.SumSq)
	return v.float() / (float64(mo.N) * float64(mo.N-1)), mo.N, ""
}

// pairMoments returns the covariance (in units of 10^-2·Places) and
// Pearson's r of items i and j over the respondents who answered both,
// reflected by a, b ≠ 0, with their number; why the covariance is
// undefined, and else why r is ("" when defined).
func pairMoments(s *itembank.Summary, i, j int, a, b int64) (cov, r float64, n int64, why, rWhy string) {
	nan := math.NaN()
	if s.PairWithheld(i, j) {
		if s.Items[i].Withheld || s.Items[j].Withheld {
			return nan, nan, 0, "", "" // said of the item
		}
		return nan, nan, 0, "withheld by the summary (fewer people answered both at a site than its minimum)", ""
	}
	p, ok := reflectPair(s.Pair(i, j), a, b)
	switch {
	case !ok:
		return nan, nan, p.N, "too large to reflect exactly", ""
	case p.N < itembank.MinPairN:
		if !s.Items[i].Asked || !s.Items[j].Asked || s.Moments(i).N < 2 || s.Moments(j).N < 2 {
			return nan, nan, p.N, "", "" // said of the item
		}
		return nan, nan, p.N, fmt.Sprintf("answered together by fewer than %d respondents", itembank.MinPairN), ""
	}
	c := coMoment(p.N, p.SumX, p.SumY, p.SumXY)
	cov = c.float() / (float64(p.N) * float64(p.N-1))
	vx, vy := coMoment(p.N, p.SumX, p.SumX, p.SumXX), coMoment(p.N, p.SumY, p.SumY, p.SumYY)
	if vx.sign() <= 0 || vy.sign() <= 0 {
		return cov, nan, p.N, "", "r undefined (no variance among the respondents who answered both)"
	}
	r = c.float() / math.Sqrt(vx.float()) / math.Sqrt(vy.float())
	return cov, math.Max(-1, math.Min(1, r)), p.N, "", ""
}

// A reasonList collects the items or pairs that share a reason, in the
// order first met.
type reasonList struct {
	reasons []string
	names   map[string][]string
}

func (l *reasonList) add(reason, name string) {
	if l.names == nil {
		l.names = map[string][]string{}
	}
	if _, ok := l.names[reason]; !ok {
		l.reasons = append(l.reasons, reason)
	}
	l.names[reason] = append(l.names[reason], name)
}

// phrases returns one phrase per reason: "item SA01, SA02 not asked",
// "pair SA01-SA02 withheld by …", at most five names and a count of the
// rest.
func (l *reasonList) phrases(what string) []string {
	var out []string
	for _, why := range l.reasons {
		names := l.names[why]
		w := what
		if len(names) > 1 {
			w += "s"
		}
		shown := names
		more := ""
		if len(names) > 5 {
			shown, more = names[:5], fmt.Sprintf(" and %d more", len(names)-5)
		}
		out = append(out, fmt.Sprintf("%s %s%s %s", w, strings.Join(shown, ", "), more, why))
	}
	return out
}
