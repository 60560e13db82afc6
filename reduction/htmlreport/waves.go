package htmlreport

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/itemreduce/itemreduce/itembank"
)

// A waveStats is one item's answers in one wave, as the chart shows them.
type waveStats struct {
	state waveState
	// Counts per whole point of the scale, Min…Max: an answer with
	// decimals (a grade of 7.5) counts at the nearest whole point, halves
	// rounded up.
	counts []int64
	n      int64
	// Mean with its 95% interval, NaN when undefined.
	mean, lo, hi float64
}

type waveState int

const (
	answered  waveState = iota
	notAsked            // the item was not in the wave's files
	withheld            // too few answers to publish (a shared summary)
	noAnswers           // asked, and nobody answered
)

// itemWave returns item i's answers in summary s; s may be nil (no such
// wave), which reads as not asked.
func itemWave(s *itembank.Summary, i int, scale *itembank.Scale) waveStats {
	nan := math.NaN()
	w := waveStats{mean: nan, lo: nan, hi: nan}
	switch {
	case s == nil || i >= len(s.Items) || !s.Items[i].Asked:
		w.state = notAsked
		return w
	case s.Items[i].Withheld:
		w.state = withheld
		return w
	}
	k := scale.Max - scale.Min + 1
	w.counts = make([]int64, k)
	unit := math.Pow10(s.Places)
	for _, c := range s.Items[i].Counts {
		p := int64(math.Floor(float64(c.Value)/unit+0.5)) - scale.Min
		p = max(0, min(k-1, p))
		w.counts[p] += c.Count
		w.n += c.Count
	}
	if w.n == 0 {
		w.state = noAnswers
		return w
	}
	m := s.Moments(i)
	w.mean = m.Mean()
	w.lo, w.hi = meanInterval(w.mean, m.SD(), m.N)
	return w
}

// meanInterval is the 95% confidence interval of a mean,
//
//	mean ± t(0.975; n − 1) · sd / √n,
//
// Student's t interval as R's t.test and SPSS EXAMINE give it. Both ends
// are NaN when n < 2 (no SD); with sd = 0 the interval is the mean.
func meanInterval(mean, sd float64, n int64) (lo, hi float64) {
	if n < 2 || math.IsNaN(sd) {
		return math.NaN(), math.NaN()
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	half := t * sd / math.Sqrt(float64(n))
	return mean - half, mean + half
}
