package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
)

// TestGenerate checks that the same flags give the same files, and that
// they load: a bank of the asked size and a wave of the asked respondents.
func TestGenerate(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := run(7, 40, 3, dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"bank.yaml", "previous.csv", "current.csv"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	bank, err := itembank.LoadBankFile(filepath.Join(a, "bank.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(bank.Items) != 7 {
		t.Errorf("bank has %d items, want 7", len(bank.Items))
	}
	r, err := files.LoadFile(filepath.Join(a, "current.csv"), bank, files.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Respondents != 40 {
		t.Errorf("%d respondents, want 40", r.Respondents)
	}
}
