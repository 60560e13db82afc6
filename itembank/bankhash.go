package itembank

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Hash identifies the bank a summary was made for: "sha256:" followed by
// the SHA-256 of a canonical text of what decides how answers are read and
// where they are stored, one line per item in bank order:
//
//	itemreduce bank 1
//	<id> <scale min> <scale max> <missing codes, increasing, comma-separated>
//
// Item texts, themes, reverse keying, answer labels, scale names, the title
// and composites are left out: correcting a typo in a question, or renaming
// a scale, keeps the summaries already made valid. Adding, removing or
// reordering items, or changing a scale's bounds or missing codes, changes
// the hash.
func (b *Bank) Hash() string {
	var sb strings.Builder
	sb.WriteString("itemreduce bank 1\n")
	for _, it := range b.Items {
		s := it.Scale
		miss := append([]Value(nil), s.Missing...)
		sort.Slice(miss, func(i, j int) bool { return miss[i].Cmp(miss[j]) < 0 })
		codes := make([]string, len(miss))
		for i, m := range miss {
			codes[i] = m.String()
		}
		fmt.Fprintf(&sb, "%s %d %d %s\n", it.ID, s.Min, s.Max, strings.Join(codes, ","))
	}
	sum := sha256.Sum256([]byte(sb.String()))
	return "sha256:" + hex.EncodeToString(sum[:])
}
