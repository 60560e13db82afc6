package htmlreport

import (
	"math"
	"testing"
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
