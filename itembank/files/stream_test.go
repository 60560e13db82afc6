package files

import (
	"fmt"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// TestStreamingSummary: a file summarised as it streams by, in blocks of
// a few rows (so that answers and decimals are first seen in later
// blocks), gives exactly the summary of all its answers loaded at once,
// for each format and with a selection of rows.
func TestStreamingSummary(t *testing.T) {
	bank, err := itembank.LoadBankFile("../../examples/wijkteams/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const ex = "../../examples/wijkteams/"
	tests := []struct {
		path  string
		where []Condition
	}{
		{ex + "responses-2016.csv", nil},
		{ex + "responses-2017.sav", nil},
		{ex + "responses-alle-jaren.csv", []Condition{{"jaar", "2017"}}},
		{ex + "responses-alle-jaren.zsav", []Condition{{"jaar", "2016"}}},
	}
	defer func(u, b int) { blockUnit, blockBytes = u, b }(blockUnit, blockBytes)
	blockBytes = 1 // blocks of blockUnit rows
	for _, tc := range tests {
		opt := LoadOptions{Where: tc.where}
		r, err := LoadFile(tc.path, bank, opt)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := itembank.Summarize(r, itembank.WithPairs)
		if err != nil {
			t.Fatal(err)
		}
		for _, unit := range []int{1, 7, 100000} {
			blockUnit = unit
			s, _, err := SummarizeFiles([]string{tc.path}, bank, opt, itembank.WithPairs)
			if err != nil {
				t.Fatal(err)
			}
			// %+v shows the pair sums too.
			if got, want := fmt.Sprintf("%+v", *s), fmt.Sprintf("%+v", *whole); got != want {
				t.Errorf("%s in blocks of %d rows:\n%s\nall at once:\n%s", tc.path, unit, got, want)
			}
		}
	}
}
