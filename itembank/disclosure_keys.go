package itembank

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"strings"
)

// A RespondentKey stands for one respondent in a site's record of what it
// released (see cmd/itemreduce's release record): the first 16 bytes of
// HMAC-SHA256 under the record's secret salt, over the respondent's id or,
// without an id column, over their whole row. It holds no answer, and
// cannot be turned back into the id without the salt; with the salt, a
// guessed id (or whole row) can be confirmed, which is why the record
// stays at the site. Two releases' keys tell which respondents they share.
//
// 16 bytes make two different respondents share a key with probability
// below 10^-20 for a record of a million respondents.
type RespondentKey [16]byte

// A Keyer computes RespondentKeys under one salt. It is not safe for
// concurrent use.
type Keyer struct {
	mac hash.Hash
	buf []byte
	sum []byte
}

// NewKeyer returns a Keyer for salt.
func NewKeyer(salt []byte) *Keyer {
	return &Keyer{mac: hmac.New(sha256.New, salt)}
}

// ByID returns the key of the respondent with this id. Ids are compared as
// written, after removing surrounding spaces: "0042" and "42" are two ids.
func (k *Keyer) ByID(id string) RespondentKey {
	k.buf = append(k.buf[:0], "id\x00"...)
	k.buf = append(k.buf, strings.TrimSpace(id)...)
	return k.key()
}

// ByRow returns the key of a respondent known only by their row: every
// column's name and cell (without surrounding spaces), in the order of
// the names given by order (indices into names and cells, sorted by
// name), so that the same row in a file with its columns in another
// order has the same key.
func (k *Keyer) ByRow(names, cells []string, order []int) RespondentKey {
	k.buf = append(k.buf[:0], "row\x00"...)
	for _, f := range order {
		k.buf = appendField(k.buf, names[f])
		k.buf = appendField(k.buf, strings.TrimSpace(cells[f]))
	}
	return k.key()
}

// appendField appends s with its length before it, so that no two rows
// run together into the same bytes.
func appendField(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (k *Keyer) key() RespondentKey {
	k.mac.Reset()
	k.mac.Write(k.buf)
	k.sum = k.mac.Sum(k.sum[:0])
	var key RespondentKey
	copy(key[:], k.sum)
	return key
}
