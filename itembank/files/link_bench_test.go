package files

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkLinkWaves times linking two waves of the benchmark data by
// their respondent column (both waves the same answers), in one pass
// (under the budget) and in four (the budget lowered to a quarter of what
// the waves need). held-MB is the most the heap held live at the end of a
// pass (after a collection), above what it held before linking:
//
//	go test ./itembank/files -run '^$' -bench LinkWaves -benchmem
func BenchmarkLinkWaves(b *testing.B) {
	for _, sz := range benchSizes {
		bank, data := benchData(b, sz.items, sz.respondents)
		dir := b.TempDir()
		prev, cur := filepath.Join(dir, "previous.csv"), filepath.Join(dir, "current.csv")
		for _, p := range []string{prev, cur} {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		link := func(b *testing.B) {
			l, err := LinkWaves([]string{prev}, []string{cur}, LoadOptions{}, LoadOptions{}, bank, "respondent")
			if err != nil {
				b.Fatal(err)
			}
			if l.Linked != int64(sz.respondents) {
				b.Fatalf("%d linked, want %d", l.Linked, sz.respondents)
			}
		}
		var need int64
		old, oldHeld := linkBudget, linkHeld
		linkHeld = func(p linkPass, _, _ int) { need = max(need, p.need) }
		link(b)
		linkHeld = oldHeld
		for _, passes := range []int{1, 4} {
			b.Run(fmt.Sprintf("%dx%d/passes=%d", sz.items, sz.respondents, passes), func(b *testing.B) {
				if passes > 1 {
					linkBudget = (need + int64(passes) - 1) / int64(passes)
					defer func() { linkBudget = old }()
				}
				held := heldMB(func() { link(b) })
				b.SetBytes(2 * int64(len(data)))
				b.ResetTimer()
				for b.Loop() {
					link(b)
				}
				b.ReportMetric(held, "held-MB")
			})
		}
	}
}

// heldMB runs link once and returns the most the live heap grew by, at the
// end of each of its passes, in MiB.
func heldMB(link func()) float64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	base, peak := m.HeapAlloc, uint64(0)
	old := linkHeld
	defer func() { linkHeld = old }()
	linkHeld = func(linkPass, int, int) {
		runtime.GC()
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc-min(base, m.HeapAlloc))
	}
	link()
	return float64(peak) / (1 << 20)
}
