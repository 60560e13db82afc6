package reduction

import (
	"math"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

func TestPreferToKeep(t *testing.T) {
	item := func(id string, sd float64, flags ...Rule) *ItemResult {
		return &ItemResult{Item: &itembank.Item{ID: id}, SD: sd, Flags: flags}
	}
	tests := []struct {
		name string
		a, b *ItemResult
		want string
	}{
		{"fewer other ticks wins", item("A", 1.0, Stable, Ceiling, Redundant), item("B", 0.5, Stable, Redundant), "B"},
		{"the redundant tick itself does not count", item("A", 0.9, Stable, Redundant), item("B", 0.8, Stable), "A"},
		{"equal ticks: larger SD wins", item("A", 0.8, Stable), item("B", 1.1, Stable), "B"},
		{"all equal: earlier in the bank", item("A", 1.0, Stable), item("B", 1.0, Stable), "A"},
		{"undefined SD: earlier in the bank", item("A", math.NaN()), item("B", 1.2), "A"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := PreferToKeep(tc.a, tc.b).Item.ID; got != tc.want {
				t.Errorf("PreferToKeep = %s, want %s", got, tc.want)
			}
		})
	}
}
