package files

import (
	"fmt"
	"os"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// SummarizeFiles loads every file of one wave and pools them into one
// summary, with pair sums when detail is itembank.WithPairs. Each file's
// answers are summarised and dropped before the next file is read, so
// memory holds one file's answers at a time. A file whose name ends in SummaryExt is read as a summary made
// for this bank (LoadSummaryFile), any other as answers (LoadFile); the two
// may be mixed. Rows can only be selected (opt.Where) in files of answers.
// Notices name, once per file, the columns that were ignored because they
// are not bank items.
//
// Pooling is exact: the summary of a wave pooled from summaries is the
// summary of the same wave pooled from the files they were made of.
func SummarizeFiles(paths []string, bank *itembank.Bank, opt LoadOptions, detail itembank.Detail) (*itembank.Summary, []string, error) {
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("no data files given")
	}
	var pooled *itembank.Summary
	var notices []string
	for _, path := range paths {
		s, notice, err := summarizeFile(path, bank, opt, detail)
		if err != nil {
			return nil, nil, err
		}
		if notice != "" {
			notices = append(notices, notice)
		}
		if pooled == nil {
			pooled = s
		} else if err := pooled.Add(s); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return pooled, notices, nil
}

// IsSummaryFile reports whether path names a summary file.
func IsSummaryFile(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), itembank.SummaryExt)
}

func summarizeFile(path string, bank *itembank.Bank, opt LoadOptions, detail itembank.Detail) (*itembank.Summary, string, error) {
	if IsSummaryFile(path) {
		if len(opt.Where) > 0 {
			return nil, "", fmt.Errorf("%s: rows cannot be selected (%s) in a summary file; select them when making the summary", path, conditions(opt.Where))
		}
		s, err := itembank.LoadSummaryFile(path, bank)
		if err == nil && detail == itembank.ItemsOnly {
			s.DropPairs()
		}
		if err == nil && opt.Progress != nil {
			if st, err := os.Stat(path); err == nil {
				opt.Progress(st.Size())
			}
		}
		return s, "", err
	}
	r, err := LoadFile(path, bank, opt)
	if err != nil {
		return nil, "", err
	}
	var notice string
	if len(r.Ignored) > 0 {
		notice = fmt.Sprintf("%s: ignored %d column(s) that are not bank items: %s",
			path, len(r.Ignored), strings.Join(r.Ignored, ", "))
	}
	s, err := itembank.Summarize(r, detail)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return s, notice, nil
}
