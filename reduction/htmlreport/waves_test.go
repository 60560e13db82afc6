package htmlreport

import (
	"fmt"
	"math"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

func TestMeanInterval(t *testing.T) {
	// R 4.2.2: x <- c(1, 2, 2, 3, 5); t.test(x)$conf.int -> 0.7169233117 4.4830766883; sd(x) 1.51657508881031
	lo, hi := meanInterval(2.6, 1.51657508881031, 5)
	if math.Abs(lo-0.7169233117) > 1e-9 || math.Abs(hi-4.4830766883) > 1e-9 {
		t.Errorf("interval %v … %v", lo, hi)
	}
	if lo, hi := meanInterval(3, math.NaN(), 1); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("n 1: %v … %v, want undefined", lo, hi)
	}
	if lo, hi := meanInterval(4, 0, 10); lo != 4 || hi != 4 {
		t.Errorf("sd 0: %v … %v", lo, hi)
	}
}

// Each way a wave can lack an item's answers has its own state, and none
// has a mean.
func TestItemWaveStates(t *testing.T) {
	scale := &itembank.Scale{Name: "likert5", Min: 1, Max: 5}
	s := &itembank.Summary{Places: 1, Items: []itembank.ItemSummary{
		{ID: "A", Asked: false},
		{ID: "B", Asked: true, Withheld: true},
		{ID: "C", Asked: true},
		// 1.0, 2.5 (counted at 3), 5.0 twice, in units of 0.1.
		{ID: "D", Asked: true, Counts: []itembank.ValueCount{{Value: 10, Count: 1}, {Value: 25, Count: 1}, {Value: 50, Count: 2}}},
	}}
	for i, want := range []waveState{notAsked, withheld, noAnswers, answered} {
		w := itemWave(s, i, scale)
		if w.state != want {
			t.Errorf("item %d: state %d, want %d", i, w.state, want)
		}
		if want != answered && (!math.IsNaN(w.mean) || w.counts != nil && w.n != 0) {
			t.Errorf("item %d: mean %v, n %d without answers", i, w.mean, w.n)
		}
	}
	d := itemWave(s, 3, scale)
	if got := fmt.Sprint(d.counts); got != "[1 0 1 0 2]" || d.n != 4 || d.mean != 3.375 {
		t.Errorf("counts %s, n %d, mean %v", got, d.n, d.mean)
	}
	if w := itemWave(nil, 0, scale); w.state != notAsked {
		t.Error("no such wave: not read as not asked")
	}
}
