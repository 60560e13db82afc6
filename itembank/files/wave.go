package files

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// A Note is what SummarizeFiles tells about one file of answers: which
// columns it ignored and how many of the bank's items it found, or, with
// Warning set, a caveat on the result (fewer than half of the bank's
// items are columns, or columns seem to be items named differently).
type Note struct {
	File    string
	Text    string
	Warning bool
}

func (n Note) String() string { return n.File + ": " + n.Text }

// SummarizeFiles loads every file of one wave and pools them into one
// summary, with pair sums when detail is itembank.WithPairs. Each file is
// summarised as it streams by, a block of rows at a time (see tallyTable),
// so memory never holds more than a few blocks of answers. A file whose name ends in
// SummaryExt is read as a summary made for this bank (LoadSummaryFile),
// any other as answers (LoadFile); the two may be mixed. Rows can only be
// selected (opt.Where) in files of answers.
//
// Notes give, per file of answers, the columns ignored because they are
// not bank items and how many of the bank's items were found, and a
// warning when fewer than half of them were, or when columns seem to be
// items whose names differ by letter case or a prefix or suffix, and one
// for each problem its reader found that did not stop it (an SPSS file's
// unknown character encoding or unusual compression bias). A
// summary gets a note only when it withholds items or pairs: it was made
// for this very bank.
//
// Pooling is exact: the summary of a wave pooled from summaries is the
// summary of the same wave pooled from the files they were made of, as
// long as they withhold nothing. What a summary withholds stays withheld
// in the pool (see Summary.Add), and a note names it.
func SummarizeFiles(paths []string, bank *itembank.Bank, opt LoadOptions, detail itembank.Detail) (*itembank.Summary, []Note, error) {
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("no data files given")
	}
	var pooled *itembank.Summary
	var notes []Note
	for _, path := range paths {
		s, fileNotes, err := summarizeFile(path, bank, opt, detail)
		if err != nil {
			return nil, nil, err
		}
		notes = append(notes, fileNotes...)
		if pooled == nil {
			pooled = s
		} else if err := pooled.Add(s); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return pooled, notes, nil
}

// withheldNotes say what a summary withholds, and that it stays withheld
// in the pool: its items' rules and its pairs' r are undecided. Pairs are
// named only when they count (detail is WithPairs), at most maxNamed.
func withheldNotes(path string, s *itembank.Summary, detail itembank.Detail) []Note {
	items := s.WithheldItems()
	var pairs [][2]string
	if detail >= itembank.WithPairs && s.HasPairs() {
		pairs = s.WithheldPairList()
	}
	if len(items) == 0 && len(pairs) == 0 {
		return nil
	}
	var parts []string
	if len(items) > 0 {
		with := ""
		if detail >= itembank.WithPairs {
			with = " with their pairs"
		}
		parts = append(parts, fmt.Sprintf("%d item(s) (%s)%s", len(items), listSome(items), with))
	}
	if len(pairs) > 0 {
		names := make([]string, len(pairs))
		for k, p := range pairs {
			names[k] = p[0] + "-" + p[1]
		}
		parts = append(parts, fmt.Sprintf("%d pair(s) of items (%s)", len(pairs), listSome(names)))
	}
	return []Note{{File: path, Text: fmt.Sprintf("withholds %s that fewer than its minimum of %d respondents answered; they stay withheld when pooled, and their rules are undecided",
		strings.Join(parts, " and "), s.MinRespondents)}}
}

// maxNamed is how many items or pairs a note names.
const maxNamed = 12

func listSome(names []string) string {
	if len(names) <= maxNamed {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxNamed], ", ") + fmt.Sprintf(" and %d more", len(names)-maxNamed)
}

// readerNotes are the warnings of a file's reader (Source.Warnings) as
// warning notes on the file, without the file name they begin with.
func readerNotes(path string, warnings []string) []Note {
	var notes []Note
	for _, w := range warnings {
		notes = append(notes, Note{File: path, Text: strings.TrimPrefix(w, path+": "), Warning: true})
	}
	return notes
}

// IsSummaryFile reports whether path names a summary file.
func IsSummaryFile(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), itembank.SummaryExt)
}

func summarizeFile(path string, bank *itembank.Bank, opt LoadOptions, detail itembank.Detail) (*itembank.Summary, []Note, error) {
	if IsSummaryFile(path) {
		if len(opt.Where) > 0 {
			return nil, nil, fmt.Errorf("%s: rows cannot be selected (%s) in a summary file; select them when making the summary", path, conditions(opt.Where))
		}
		s, err := itembank.LoadSummaryFile(path, bank)
		var notes []Note
		if err == nil {
			notes = withheldNotes(path, s, detail)
		}
		if err == nil && detail == itembank.ItemsOnly {
			s.DropPairs()
		}
		if err == nil && opt.Hashed != nil {
			var sum [32]byte
			if sum, err = hashFile(path); err == nil {
				opt.Hashed(path, sum)
			}
		}
		if err == nil && opt.Progress != nil {
			if st, err := os.Stat(path); err == nil {
				opt.Progress(st.Size())
			}
		}
		return s, notes, err
	}
	src, err := open(path, opt.Sheet, opt.Progress, opt.Hashed)
	if err != nil {
		return nil, nil, err
	}
	defer src.Close()
	s, match, err := tallyTable(src.Table, path, bank, opt, detail, nil)
	if err != nil {
		return nil, nil, err
	}
	notes := []Note{{File: path, Text: match.note()}}
	if w := match.warning(); w != "" {
		notes = append(notes, Note{File: path, Text: w, Warning: true})
	}
	notes = append(notes, readerNotes(path, src.Warnings)...)
	return s, notes, nil
}

// tallyTable summarises the rows of t as they are read, a block at a
// time (readTable): the blocks are counted on another goroutine (the
// pairs on all cores) while the next block is read, one block at most
// waiting between the two, so that no more than three blocks of answers
// are ever held. seen, when not nil, is called with each block once
// counted, in file order, on that goroutine.
func tallyTable(t Table, name string, bank *itembank.Bank, opt LoadOptions, detail itembank.Detail, seen func(*itembank.Responses)) (*itembank.Summary, columnMatch, error) {
	tally := itembank.NewTally(bank, detail)
	full := make(chan *itembank.Responses, 1)
	free := make(chan *itembank.Responses, 2)
	free <- nil // a nil block is made when first needed
	free <- nil
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			tally.Add(b)
			if seen != nil {
				seen(b)
			}
			free <- b
		}
	}()
	res, match, err := readTable(t, name, bank, opt, blockRows(len(bank.Items)), func(b *itembank.Responses) (*itembank.Responses, error) {
		full <- b
		return <-free, nil
	})
	close(full)
	<-done
	if err != nil {
		return nil, match, err
	}
	s, err := tally.Summary(res)
	if err != nil {
		return nil, match, fmt.Errorf("%s: %w", name, err)
	}
	return s, match, nil
}

// blockRows is the number of rows of a block of p items: a multiple of
// the 8,192 respondents that the pair counting takes at a time, about
// blockBytes of answers.
func blockRows(p int) int {
	return blockUnit * max(1, blockBytes/(blockUnit*max(1, p)))
}

// blockUnit is the 8,192 rows of blockRows, and blockBytes about how many
// bytes of answers a block holds (variables for the tests).
var blockUnit, blockBytes = 8192, 4 << 20

// Identify says how SummarizeRelease tells respondents apart.
type Identify struct {
	// IDColumn names the column that holds each respondent's id, the same
	// person having the same id in every file; empty when there is none,
	// and a respondent is known by their whole row: every column's name
	// and cell.
	IDColumn string
	// Keyer turns an id or a row into a RespondentKey.
	Keyer *itembank.Keyer
}

// A Release is one wave's answers summarised to be shared, and who is in
// it.
type Release struct {
	Summary *itembank.Summary // made with pairs; nothing withheld yet
	// Keys holds one key per respondent (a row kept that answers at least
	// one bank item), sorted.
	Keys []itembank.RespondentKey
	// Rows counts the rows kept by the selection; Unanswered those of them
	// that answer no bank item, which are no respondents.
	Rows, Unanswered int64
	// Columns lists the columns of the files that are not bank items, each
	// once, in the order first seen.
	Columns []string
}

// ErrSameRespondent reports one respondent given twice in a release: two
// rows with the same id, or, without an id column, two identical rows.
var ErrSameRespondent = errors.New("one respondent in two rows")

// SummarizeRelease summarises the files of answers of one wave like
// SummarizeFiles, with pairs, and keys each respondent as id says, for a
// record of who was released. It reads files of answers only: a summary
// is made from answers, not from other summaries. A respondent in two rows
// (the same id twice, or two identical rows when there is no id column,
// in one file or two) is refused with ErrSameRespondent, since they would
// count twice towards the minimum; so is a respondent without an id.
func SummarizeRelease(paths []string, bank *itembank.Bank, opt LoadOptions, id Identify) (*Release, []Note, error) {
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("no data files given")
	}
	rel := &Release{}
	var notes []Note
	var rows []keyedRow
	for f, path := range paths {
		if IsSummaryFile(path) {
			return nil, nil, fmt.Errorf("%s: a summary is made from files of answers, not from summaries; give summaries to flag or review, which pool them", path)
		}
		s, kept, fileNotes, err := summarizeKeyed(path, f, bank, opt, id)
		if err != nil {
			return nil, nil, err
		}
		notes = append(notes, fileNotes...)
		rel.Rows += kept.rows
		rel.Unanswered += kept.unanswered
		for _, c := range kept.columns {
			if !slices.Contains(rel.Columns, c) {
				rel.Columns = append(rel.Columns, c)
			}
		}
		rows = append(rows, kept.keys...)
		if rel.Summary == nil {
			rel.Summary = s
		} else if err := rel.Summary.Add(s); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	slices.SortFunc(rows, func(a, b keyedRow) int { return bytes.Compare(a.key[:], b.key[:]) })
	for k := 1; k < len(rows); k++ {
		if rows[k].key == rows[k-1].key {
			return nil, nil, sameRespondent(paths, rows[k-1], rows[k], id.IDColumn)
		}
	}
	rel.Keys = make([]itembank.RespondentKey, len(rows))
	for k, r := range rows {
		rel.Keys[k] = r.key
	}
	return rel, notes, nil
}

// sameRespondent describes two rows that are one respondent.
func sameRespondent(paths []string, a, b keyedRow, idColumn string) error {
	if a.file > b.file || (a.file == b.file && a.line > b.line) {
		a, b = b, a
	}
	at := fmt.Sprintf("%s:%d", paths[b.file], b.line)
	if a.file == b.file {
		at = fmt.Sprintf("line %d", b.line)
	}
	pe := &itembank.ParseError{File: paths[a.file], Line: a.line}
	if idColumn != "" {
		pe.Err = fmt.Errorf("%w: the respondent id in column %s is also the id of %s", ErrSameRespondent, idColumn, at)
	} else {
		pe.Err = fmt.Errorf("%w: this row is the same as %s in every column; remove one of them, or name the column that tells respondents apart", ErrSameRespondent, at)
	}
	return pe
}

// A keyedRow is a respondent's key and where their row is.
type keyedRow struct {
	key  itembank.RespondentKey
	file int
	line int
}

// keyedFile is what summarizeKeyed found out about the rows of one file.
type keyedFile struct {
	keys             []keyedRow // of the respondents
	rows, unanswered int64
	columns          []string // not bank items
}

// summarizeKeyed loads one file of answers, keying each row kept.
func summarizeKeyed(path string, file int, bank *itembank.Bank, opt LoadOptions, id Identify) (*itembank.Summary, keyedFile, []Note, error) {
	src, err := Open(path, opt.Sheet, opt.Progress)
	if err != nil {
		return nil, keyedFile{}, nil, err
	}
	defer src.Close()
	kt := &keyedTable{Table: src.Table, opt: opt, id: id, file: file}
	var t Table = kt
	if lt, ok := src.Table.(labeledTable); ok {
		t = &keyedLabeledTable{kt, lt}
	}
	var unanswered []int // rows kept that answer no bank item, increasing
	row0 := 0
	detail := itembank.WithPairs
	if opt.Tables {
		detail = itembank.WithTables
	}
	s, match, err := tallyTable(t, path, bank, opt, detail, func(b *itembank.Responses) {
		for _, r := range b.Unanswered() {
			unanswered = append(unanswered, row0+r)
		}
		row0 += b.Respondents
	})
	if err != nil {
		return nil, keyedFile{}, nil, err
	}
	if len(kt.keys) != row0 {
		return nil, keyedFile{}, nil, fmt.Errorf("%s: %d rows keyed, but %d loaded", path, len(kt.keys), row0)
	}
	kept := keyedFile{rows: int64(row0), columns: match.ignored}
	kept.unanswered = int64(len(unanswered))
	for row, k := range kt.keys {
		if len(unanswered) > 0 && unanswered[0] == row {
			unanswered = unanswered[1:]
			continue
		}
		kept.keys = append(kept.keys, k)
	}
	notes := []Note{{File: path, Text: match.note()}}
	if w := match.warning(); w != "" {
		notes = append(notes, Note{File: path, Text: w, Warning: true})
	}
	notes = append(notes, readerNotes(path, src.Warnings)...)
	return s, kept, notes, nil
}

// A keyedTable is a Table whose rows kept by the selection are keyed as
// they are read: the loader keeps exactly these rows, in this order.
type keyedTable struct {
	Table
	opt  LoadOptions
	id   Identify
	file int

	header []string
	order  []int    // fields by name, for ByRow
	where  whereSet // the loader's selection, evaluated again here
	idf    int      // field of the id column
	keys   []keyedRow
}

// keyedLabeledTable is a keyedTable of a table with value labels, so that
// a selection by label works as it does on the table itself.
type keyedLabeledTable struct {
	*keyedTable
	labels labeledTable
}

func (t *keyedLabeledTable) valueLabel(field int, label string) (string, bool) {
	return t.labels.valueLabel(field, label)
}

func (t *keyedLabeledTable) labelOf(field int, value string) (string, bool) {
	return t.labels.labelOf(field, value)
}

func (t *keyedTable) Header() ([]string, error) {
	header, err := t.Table.Header()
	if err != nil {
		return nil, err
	}
	t.header = make([]string, len(header))
	fields := map[string]int{}
	for f, h := range header {
		t.header[f] = strings.TrimSpace(h)
		if _, dup := fields[t.header[f]]; !dup {
			fields[t.header[f]] = f
		}
		t.order = append(t.order, f)
	}
	slices.SortStableFunc(t.order, func(a, b int) int { return strings.Compare(t.header[a], t.header[b]) })
	if t.where, err = whereFields(t.opt.Where, fields, t.Table); err != nil {
		return nil, err
	}
	t.idf = -1
	if t.id.IDColumn != "" {
		f, ok := fields[t.id.IDColumn]
		if !ok {
			pe := t.Table.Pos(0)
			pe.Column = 0
			pe.Err = fmt.Errorf("no column %q to tell respondents apart by their id", t.id.IDColumn)
			return nil, pe
		}
		t.idf = f
	}
	return header, nil
}

func (t *keyedTable) Next() ([]string, error) {
	row, err := t.Table.Next()
	if err != nil || len(row) != len(t.header) || !t.where.match(row) {
		return row, err
	}
	line := t.Table.Pos(0).Line
	var key itembank.RespondentKey
	if t.idf >= 0 {
		if strings.TrimSpace(row[t.idf]) == "" {
			pe := t.Table.Pos(t.idf)
			pe.Err = fmt.Errorf("no respondent id in column %s", t.id.IDColumn)
			return nil, pe
		}
		key = t.id.Keyer.ByID(row[t.idf])
	} else {
		key = t.id.Keyer.ByRow(t.header, row, t.order)
	}
	t.keys = append(t.keys, keyedRow{key: key, file: t.file, line: line})
	return row, nil
}
