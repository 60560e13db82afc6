package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/internal/ledger"
)

// userConfigDir is where the release record lives by default; the tests
// point it at a folder of their own.
var userConfigDir = os.UserConfigDir

// ledgerFlags name the release record and how it tells respondents apart.
func ledgerFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "ledger", Usage: "keep the site's record of the summaries it released in `FILE`, which stays at the site and is never shared (default: releases.json in the itemreduce folder of your settings folder)"},
		idColumnFlag("the `COLUMN` holding each respondent's id, the same person having the same id in every file (default: respondents are recognised by their whole row)"),
	}
}

// ledgerPath returns the record's file: --ledger, or the default.
func ledgerPath(c *cli.Context) (string, error) {
	if p := c.String("ledger"); p != "" {
		return p, nil
	}
	dir, err := userConfigDir()
	if err != nil {
		return "", fmt.Errorf("no settings folder to keep the release record in (%v): name a file with --ledger FILE", err)
	}
	return filepath.Join(dir, "itemreduce", "releases.json"), nil
}

// A siteLedger is the record as read at the start of a run.
type siteLedger struct {
	path string
	l    *ledger.Ledger
	read []byte // the file's content when read, to see whether it changed
}

// openLedger reads the record at path, or starts one there. A new record
// is written at once, readable by its owner only, so that its salt is the
// same for every later run.
func openLedger(c *cli.Context, path string) (*siteLedger, error) {
	data, err := os.ReadFile(path)
	if err == nil {
		l, err := ledger.Load(bytes.NewReader(data), path)
		if err != nil {
			return nil, err
		}
		return &siteLedger{path: path, l: l, read: data}, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	l, err := ledger.New()
	if err != nil {
		return nil, err
	}
	if data, err = l.Marshal(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	fmt.Fprintf(c.App.ErrWriter, "note: started the release record %s: keep it at this site, do not share it\n", path)
	return &siteLedger{path: path, l: l, read: data}, nil
}

// unchanged refuses to write the record when another run changed it
// meanwhile: its release would be lost, and the two were not compared.
func (s *siteLedger) unchanged() error {
	now, err := os.ReadFile(s.path)
	if err != nil || !bytes.Equal(now, s.read) {
		return fmt.Errorf("the release record %s changed while this summary was made (is another itemreduce summarize running?): nothing was written; run it again", s.path)
	}
	return nil
}

// otherMethod lists the earlier releases that identified respondents
// differently (by id column, by row) than this one: their keys cannot
// meet this release's, so the record cannot compare them.
func (s *siteLedger) otherMethod(idColumn string) []string {
	var nums []string
	for n, r := range s.l.Releases {
		if (r.IDColumn == "") != (idColumn == "") {
			nums = append(nums, fmt.Sprint(n+1))
		}
	}
	return nums
}

// describeMethod says how a release tells respondents apart.
func describeMethod(idColumn string) string {
	if idColumn == "" {
		return "by their whole row"
	}
	return "by the ids in column " + idColumn
}

// warnOtherMethod warns when earlier releases identified respondents
// otherwise.
func (s *siteLedger) warnOtherMethod(c *cli.Context, idColumn string) {
	nums := s.otherMethod(idColumn)
	if len(nums) == 0 {
		return
	}
	other := "by the ids of a column"
	if idColumn != "" {
		other = "by their whole row"
	}
	fmt.Fprintf(c.App.ErrWriter, "warning: release(s) %s of %s recognised respondents %s, this one %s: the record cannot tell which respondents they share; recognise them the same way every time\n",
		strings.Join(nums, ", "), s.path, other, describeMethod(idColumn))
}

// fileDigests returns the SHA-256 of each file, for the record.
func fileDigests(paths []string) ([]ledger.DataFile, error) {
	out := make([]ledger.DataFile, len(paths))
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out[i] = ledger.DataFile{Path: p, SHA256: hex.EncodeToString(h.Sum(nil))}
	}
	return out, nil
}
