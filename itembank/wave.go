package itembank

import (
	"fmt"
	"strings"
)

// SummarizeFiles loads every file of one wave and pools them into one
// summary. Notices name, once per file, the columns that were ignored
// because they are not bank items.
func SummarizeFiles(paths []string, bank *Bank, opt LoadOptions) (*Summary, []string, error) {
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("no data files given")
	}
	var pooled *Summary
	var notices []string
	for _, path := range paths {
		r, err := LoadFile(path, bank, opt)
		if err != nil {
			return nil, nil, err
		}
		if len(r.Ignored) > 0 {
			notices = append(notices, fmt.Sprintf("%s: ignored %d column(s) that are not bank items: %s",
				path, len(r.Ignored), strings.Join(r.Ignored, ", ")))
		}
		s, err := Summarize(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if pooled == nil {
			pooled = s
		} else if err := pooled.Add(s); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return pooled, notices, nil
}
