package reduction

import (
	"fmt"
	"strconv"
	"strings"
)

// A Combine rule decides an item from the votes of the sources (the
// researchers and each team leader's proposal):
//
//	majority    kept when at least half of the sources keep it: 2·keeps ≥ sources
//	any         kept when at least one source keeps it
//	all         kept when every source keeps it
//	at-least:N  kept when at least N sources keep it
type Combine struct {
	Rule string // majority, any, all or at-least
	N    int    // for at-least
}

// ParseCombine reads a combine rule: majority, any, all or at-least:N.
func ParseCombine(s string) (Combine, error) {
	switch s {
	case "majority", "any", "all":
		return Combine{Rule: s}, nil
	}
	if rest, ok := strings.CutPrefix(s, "at-least:"); ok {
		n, err := strconv.Atoi(rest)
		if err == nil && n >= 1 {
			return Combine{Rule: "at-least", N: n}, nil
		}
	}
	return Combine{}, fmt.Errorf("%q is not a combine rule: choose majority, any, all or at-least:N (N a number of sources, 1 or more)", s)
}

// String returns the rule as written on the command line.
func (c Combine) String() string {
	if c.Rule == "at-least" {
		return fmt.Sprintf("at-least:%d", c.N)
	}
	if c.Rule == "" {
		return "majority"
	}
	return c.Rule
}

// Describe says in words when an item is kept.
func (c Combine) Describe(sources int) string {
	switch c.Rule {
	case "any":
		return fmt.Sprintf("kept when at least one of the %d sources keeps it", sources)
	case "all":
		return fmt.Sprintf("kept only when all %d sources keep it", sources)
	case "at-least":
		return fmt.Sprintf("kept when at least %d of the %d sources keep it", c.N, sources)
	}
	return fmt.Sprintf("kept when at least half of the %d sources keep it (%d or more)", sources, (sources+1)/2)
}

// Keeps decides one item from the number of sources keeping it.
func (c Combine) Keeps(keeps, sources int) bool {
	switch c.Rule {
	case "any":
		return keeps >= 1
	case "all":
		return keeps == sources
	case "at-least":
		return keeps >= c.N
	}
	return 2*keeps >= sources
}

// Check reports a rule that cannot work with this many sources.
func (c Combine) Check(sources int) error {
	if c.Rule == "at-least" && c.N > sources {
		if sources == 1 {
			return fmt.Errorf("combine rule %s: there is only 1 source, the researchers (no proposal given)", c)
		}
		return fmt.Errorf("combine rule %s: there are only %d sources (the researchers and %d proposal(s))", c, sources, sources-1)
	}
	return nil
}
