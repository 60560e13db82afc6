package reduction

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// Each item of a review file carries a digest: of its computed fields, so
// that itemreduce decide can show that the ticks, evidence and suggestion
// it combines and audits are the program's and not edited by hand. The
// digest is the SHA-256, shortened to digestLength hex digits, of
//
//	itemreduce review digest 1
//	the thresholds of the screening: section (see thresholdsText)
//	id: ID
//	the text, flags, evidence, group, representative and suggestion
//	lines, as WriteReview writes them without indentation (group and
//	representative only for an item in a group), the suggestion as its
//	English word (keep or drop) in every language
//
// It is computed over the values as read, not over the bytes of the file:
// moving a field or a comment, or changing the quotes or the layout of a
// value, leaves it alone; changing a value does not. in_bank is left out,
// because a refresh marks an item that left the bank without recomputing
// its fields. A digest shows edits made by mistake or in good faith; it is
// no signature: anyone can compute it.

// digestLength is the number of hex digits kept: 64 bits.
const digestLength = 16

// Sentinel errors of Review.CheckComputed.
var (
	ErrEditedByHand = errors.New("edited by hand")
	ErrNoDigest     = errors.New("no digest")
)

// digest returns the digest of the computed fields under the thresholds
// th, a thresholdsText.
func (c *computed) digest(th string) string {
	h := sha256.New()
	io.WriteString(h, "itemreduce review digest 1\n")
	io.WriteString(h, th)
	io.WriteString(h, "id: "+quote(c.ID)+"\n")
	en := *c
	en.lang = English // the same digest in every language
	for _, k := range computedKeys {
		if k == "in_bank" || k == "digest" {
			continue
		}
		for _, l := range en.field(k, "") {
			io.WriteString(h, l+"\n")
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:digestLength]
}

// thresholdsText renders the thresholds of a screening, one per line, in
// a fixed form: how they were set, the correlation threshold, the
// suggestion rule and the limits of each scale.
func (s Screening) thresholdsText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "basis: %s\nredundant: %s\ndrop_from_ticks: %d\n", quote(s.Basis), s.Redundant, s.DropFromTicks)
	if s.Redundancy != "" {
		// Absent in files written before groups, whose digests stay valid.
		fmt.Fprintf(&b, "redundancy: %s\n", s.Redundancy)
	}
	if s.Method != "" {
		// Absent for Pearson's r, as in files written before methods.
		fmt.Fprintf(&b, "method: %s\n", s.Method)
	}
	for _, l := range s.Scales {
		fmt.Fprintf(&b, "scale: %s %d-%d stable %s %s ceiling %s %s low_spread %s %s\n", quote(l.Scale), l.Min, l.Max,
			l.Stable, quote(l.StableFrom), l.Ceiling, quote(l.CeilingFrom), l.LowSpread, quote(l.LowSpreadFrom))
	}
	return b.String()
}

// computed returns the computed fields of a review item as read.
func (it *ReviewItem) computed() computed {
	return computed{ID: it.ID, InBank: it.InBank, Text: it.Text, Flags: it.Flags, Evidence: it.Evidence,
		Group: it.Group, Representative: it.Representative, Suggestion: it.Suggestion, Digest: it.Digest}
}

// CheckComputed checks that the computed fields of every item of the
// review that is in the bank are the program's: that its suggestion
// follows from its ticks and the drop_from_ticks of the screening: section
// (Config.Suggest), and that its digest matches its text, flags, evidence
// and suggestion and the thresholds of the screening: section. Items that
// left the bank play no part and are not checked.
//
// Edited fields are an error wrapping ErrEditedByHand that names the
// items and their lines; a file without digests, written before they
// existed, is an error wrapping ErrNoDigest, since its fields cannot be
// shown to be the program's. Either way the remedy is a refresh.
func (rv *Review) CheckComputed(bank *itembank.Bank) error {
	th := rv.Screening.thresholdsText()
	var edited, undigested []string
	checked := 0
	for i := range rv.Items {
		it := &rv.Items[i]
		if !it.InBank || bank.Item(it.ID) == nil {
			continue
		}
		checked++
		c := it.computed()
		at := fmt.Sprintf("%s (line %d)", it.ID, it.Line)
		switch {
		case it.Suggestion != suggestion(countTicks(it.Flags, it.ID, it.Representative), rv.Screening.DropFromTicks):
			edited = append(edited, at)
		case it.Digest == "":
			undigested = append(undigested, at)
		case c.digest(th) != it.Digest:
			edited = append(edited, at)
		}
	}
	const remedy = "run `itemreduce review` to recompute them"
	var errs []error
	switch {
	case len(edited) > 1 && len(edited) == checked:
		errs = append(errs, fmt.Errorf("the computed fields of every item (all %d), or the thresholds under screening:, were %w; %s", checked, ErrEditedByHand, remedy))
	case len(edited) > 0:
		errs = append(errs, fmt.Errorf("the computed fields of %s were %w; %s", listAt(edited), ErrEditedByHand, remedy))
	}
	switch {
	case len(undigested) > 0 && len(undigested) == checked:
		errs = append(errs, fmt.Errorf("%w on any item: the file was written by an older itemreduce, so its flags, evidence and suggestions cannot be shown to be the program's; %s (your decisions, reasons and notes are kept)", ErrNoDigest, remedy))
	case len(undigested) > 0:
		errs = append(errs, fmt.Errorf("%w on %s, so their computed fields cannot be shown to be the program's; %s", ErrNoDigest, listAt(undigested), remedy))
	}
	for i, err := range errs {
		errs[i] = &itembank.ParseError{File: rv.File, Err: err}
	}
	return errors.Join(errs...)
}

// listAt joins the items of a message, the first ten and a count of the rest.
func listAt(items []string) string {
	const most = 10
	if len(items) <= most {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:most], ", "), len(items)-most)
}
