package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewDigestsData: the review file records the SHA-256 of each
// data file, computed while the file was read, equal to that of its
// bytes, for text and SPSS files.
func TestReviewDigestsData(t *testing.T) {
	out := filepath.Join(t.TempDir(), "review.yaml")
	_, errOut, code := runArgs(t, "review", "--bank", ex("bank.yaml"), "--previous", ex("responses-2016.csv"),
		"--current", ex("responses-2017.sav"), "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	review, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"responses-2016.csv", "responses-2017.sav"} {
		data, err := os.ReadFile(ex(name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if want := "sha256: " + hex.EncodeToString(sum[:]); !strings.Contains(string(review), want) {
			t.Errorf("review file does not record %s for %s", want, name)
		}
	}
}
