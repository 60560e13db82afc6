// Package ledger keeps a site's record of the summaries it released, so
// that a new summary can be refused when, together with the earlier ones,
// it would single out fewer respondents than the minimum: the summary of
// a team and that of the team without its one man differ by exactly his
// answers.
//
// The record holds, per release, when it was made, the file it was
// written to, fingerprints (SHA-256) of the files of answers and of the
// summary, the selection of rows, the minimum, and one key per respondent
// (itembank.RespondentKey: a keyed hash of their id or whole row under a
// secret salt kept in the record). It holds no answer. Compared with
// another release's keys, they tell which respondents the two share, and
// nothing else. The record is site-local: it is never shared, and with the
// salt in it, whoever holds it could confirm a guessed id or row, as
// whoever holds the files of answers beside it could anyway.
//
// Where it stops: it knows only the releases made with it. A summary made
// with another record (another computer, another user, --ledger elsewhere),
// or by another tool, is not compared; nor are releases that identify
// respondents differently (by id, by row), whose keys cannot meet.
package ledger

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/itemreduce/itemreduce/itembank"
)

const (
	format  = "itemreduce release record"
	version = 1
	// saltSize is the length of a new record's secret salt, in bytes.
	saltSize = 32
)

// ErrBadLedger reports a record that cannot be read or is damaged.
var ErrBadLedger = errors.New("not a valid release record")

// A Ledger is a site's record of the summaries it released.
type Ledger struct {
	Salt     []byte // secret key of the respondents' keys
	Releases []Release
}

// A Release is one summary released.
type Release struct {
	Made           time.Time
	Output         string // the file written, as given; "-" for the screen
	Summary        string // SHA-256 of the summary file, hex
	Bank           string // the bank's Hash
	Data           []DataFile
	Where          []string // the selection of rows, e.g. team=Aa-landen
	IDColumn       string   // the column of respondent ids; "" when known by their rows
	MinRespondents int64
	Respondents    int64
	Keys           []itembank.RespondentKey // one per respondent, sorted
}

// A DataFile is a file of answers a release was made from.
type DataFile struct {
	Path   string // as given
	SHA256 string // of its content, hex
}

// New returns an empty record with a new random salt.
func New() (*Ledger, error) {
	salt := make([]byte, saltSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	return &Ledger{Salt: salt}, nil
}

// Keyer returns the keyer of the record's respondents' keys.
func (l *Ledger) Keyer() *itembank.Keyer { return itembank.NewKeyer(l.Salt) }

// Fingerprint is the SHA-256 of a set of sorted keys, hex: two releases
// with the same respondents have the same fingerprint.
func Fingerprint(keys []itembank.RespondentKey) string {
	h := sha256.New()
	for _, k := range keys {
		h.Write(k[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Name describes release number n (1-based) for messages: "release 2 of
// 2024-05-01 15:04 UTC (zwolle.summary.json, --where team=Aa-landen)".
func (l *Ledger) Name(n int) string {
	r := l.Releases[n-1]
	what := r.Output
	for _, w := range r.Where {
		what += " --where " + w
	}
	return fmt.Sprintf("release %d of %s (%s)", n, r.Made.UTC().Format("2006-01-02 15:04 UTC"), what)
}

// The JSON shape of a record.
type ledgerFile struct {
	Format   string        `json:"format"`
	Version  int           `json:"version"`
	Note     string        `json:"note"`
	Salt     string        `json:"salt"`
	Releases []releaseFile `json:"releases"`
}

type releaseFile struct {
	Release        int        `json:"release"`
	Made           time.Time  `json:"made"`
	Output         string     `json:"output"`
	Summary        string     `json:"summary_sha256"`
	Bank           string     `json:"bank"`
	Data           []dataFile `json:"data"`
	Where          []string   `json:"where"`
	IdentifiedBy   string     `json:"identified_by"`
	IDColumn       string     `json:"id_column,omitempty"`
	MinRespondents int64      `json:"min_respondents"`
	Respondents    int64      `json:"respondents"`
	Fingerprint    string     `json:"respondents_fingerprint"`
	Keys           string     `json:"respondent_keys"`
}

type dataFile struct {
	Path   string `json:"file"`
	SHA256 string `json:"sha256"`
}

const note = "Record of the summaries this site released, made by itemreduce summarize. " +
	"It holds no answers, but keep it here: do not share it. Each release lists one keyed hash per respondent, " +
	"so that a new summary can be refused when it differs from an earlier one by fewer respondents than the minimum."

// Identification methods, as written in identified_by.
const (
	byID  = "id column"
	byRow = "whole row"
)

// Marshal returns the record as JSON.
func (l *Ledger) Marshal() ([]byte, error) {
	f := ledgerFile{Format: format, Version: version, Note: note, Salt: base64.StdEncoding.EncodeToString(l.Salt), Releases: []releaseFile{}}
	for n, r := range l.Releases {
		keys := make([]byte, 0, len(r.Keys)*len(itembank.RespondentKey{}))
		for _, k := range r.Keys {
			keys = append(keys, k[:]...)
		}
		rf := releaseFile{Release: n + 1, Made: r.Made.UTC().Truncate(time.Second), Output: r.Output, Summary: r.Summary, Bank: r.Bank,
			Data: []dataFile{}, Where: append([]string{}, r.Where...), IdentifiedBy: byRow, IDColumn: r.IDColumn,
			MinRespondents: r.MinRespondents, Respondents: r.Respondents, Fingerprint: Fingerprint(r.Keys),
			Keys: base64.StdEncoding.EncodeToString(keys)}
		if r.IDColumn != "" {
			rf.IdentifiedBy = byID
		}
		for _, d := range r.Data {
			rf.Data = append(rf.Data, dataFile(d))
		}
		f.Releases = append(f.Releases, rf)
	}
	data, err := json.MarshalIndent(f, "", "  ")
	return append(data, '\n'), err
}

// Load reads a record written by Marshal; name is used in messages.
func Load(r io.Reader, name string) (*Ledger, error) {
	var f ledgerFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: "+format, append([]any{name, ErrBadLedger}, args...)...)
	}
	if err := dec.Decode(&f); err != nil {
		return nil, bad("%v", err)
	}
	switch {
	case f.Format != format:
		return nil, bad("it does not say \"format\": %q", format)
	case f.Version != version:
		return nil, bad("version %d; this itemreduce reads version %d", f.Version, version)
	}
	salt, err := base64.StdEncoding.DecodeString(f.Salt)
	if err != nil || len(salt) < 16 {
		return nil, bad("the salt is not 16 or more bytes of base64")
	}
	l := &Ledger{Salt: salt}
	for n, rf := range f.Releases {
		r, err := rf.release()
		if err != nil {
			return nil, bad("release %d: %v", n+1, err)
		}
		if rf.Release != n+1 {
			return nil, bad("release %d is numbered %d", n+1, rf.Release)
		}
		l.Releases = append(l.Releases, r)
	}
	return l, nil
}

// release checks a release as read, and returns it.
func (rf releaseFile) release() (Release, error) {
	raw, err := base64.StdEncoding.DecodeString(rf.Keys)
	size := len(itembank.RespondentKey{})
	if err != nil || len(raw)%size != 0 {
		return Release{}, fmt.Errorf("respondent_keys is not a list of %d-byte keys in base64", size)
	}
	r := Release{Made: rf.Made, Output: rf.Output, Summary: rf.Summary, Bank: rf.Bank, Where: rf.Where, IDColumn: rf.IDColumn,
		MinRespondents: rf.MinRespondents, Respondents: rf.Respondents, Keys: make([]itembank.RespondentKey, len(raw)/size)}
	for k := range r.Keys {
		copy(r.Keys[k][:], raw[k*size:])
	}
	for _, d := range rf.Data {
		r.Data = append(r.Data, DataFile(d))
	}
	switch {
	case !slices.IsSortedFunc(r.Keys, compareKeys) || len(slices.CompactFunc(slices.Clone(r.Keys), func(a, b itembank.RespondentKey) bool { return a == b })) != len(r.Keys):
		return Release{}, fmt.Errorf("respondent_keys are not sorted, or repeat")
	case int64(len(r.Keys)) != rf.Respondents:
		return Release{}, fmt.Errorf("%d respondent keys for %d respondents", len(r.Keys), rf.Respondents)
	case Fingerprint(r.Keys) != rf.Fingerprint:
		return Release{}, fmt.Errorf("respondent_keys do not match respondents_fingerprint: the record is damaged")
	case (rf.IdentifiedBy == byID) != (rf.IDColumn != "") || (rf.IdentifiedBy != byID && rf.IdentifiedBy != byRow):
		return Release{}, fmt.Errorf("identified_by %q does not agree with id_column %q", rf.IdentifiedBy, rf.IDColumn)
	}
	return r, nil
}

func compareKeys(a, b itembank.RespondentKey) int { return bytes.Compare(a[:], b[:]) }

// LoadFile reads the record at path; an error wrapping fs.ErrNotExist
// when there is none yet.
func LoadFile(path string) (*Ledger, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Load(bytes.NewReader(data), path)
}

// IsLedger recognises a record from how its file begins.
func IsLedger(head []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(head), []byte("{")) &&
		bytes.Contains(head, []byte(`"format": "`+format+`"`))
}
