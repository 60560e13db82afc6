package files

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLinkWaves times linking two waves of the benchmark data by
// their respondent column (both waves the same answers):
//
//	go test ./itembank/files -run '^$' -bench LinkWaves -benchmem
func BenchmarkLinkWaves(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.items, sz.respondents), func(b *testing.B) {
			bank, data := benchData(b, sz.items, sz.respondents)
			dir := b.TempDir()
			prev, cur := filepath.Join(dir, "previous.csv"), filepath.Join(dir, "current.csv")
			for _, p := range []string{prev, cur} {
				if err := os.WriteFile(p, data, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(2 * int64(len(data)))
			b.ResetTimer()
			for b.Loop() {
				l, err := LinkWaves([]string{prev}, []string{cur}, LoadOptions{}, LoadOptions{}, bank, "respondent")
				if err != nil {
					b.Fatal(err)
				}
				if l.Linked != int64(sz.respondents) {
					b.Fatalf("%d linked, want %d", l.Linked, sz.respondents)
				}
			}
		})
	}
}
