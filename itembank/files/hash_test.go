package files

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	"github.com/itemreduce/itemreduce/itembank"
)

// TestHashed: SummarizeFiles gives the SHA-256 of every file it reads,
// of each format, equal to that of the file's bytes.
func TestHashed(t *testing.T) {
	bank, err := itembank.LoadBankFile("../../examples/wijkteams/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	utf16 := filepath.Join(dir, "utf16.csv")
	text, err := os.ReadFile("../../examples/wijkteams/responses-2016.csv")
	if err != nil {
		t.Fatal(err)
	}
	u := []byte{0xFF, 0xFE}
	for _, c := range string(text) {
		u = append(u, byte(c), byte(c>>8)) // the example is ASCII
	}
	if err := os.WriteFile(utf16, u, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"../../examples/wijkteams/responses-2016.csv", "../../examples/wijkteams/responses-2017.sav", utf16} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][32]byte{}
			opt := LoadOptions{Hashed: func(p string, sum [32]byte) { got[p] = sum }}
			if _, _, err := SummarizeFiles([]string{path}, bank, opt, itembank.ItemsOnly); err != nil {
				t.Fatal(err)
			}
			if want := sha256.Sum256(data); len(got) != 1 || got[path] != want {
				t.Errorf("hashed %x, want %x for %s", got, want, path)
			}
		})
	}
}
