package sav

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPSPPConvert checks the committed CSV files against pspp-convert when
// it is installed, so that a regenerated fixture cannot go out of step with
// its CSV. Set REQUIRE_PSPP=1 to fail instead of skipping without PSPP.
func TestPSPPConvert(t *testing.T) {
	if _, err := exec.LookPath("pspp-convert"); err != nil {
		if os.Getenv("REQUIRE_PSPP") == "1" {
			t.Fatal("REQUIRE_PSPP=1 but pspp-convert is not installed")
		}
		t.Skip("pspp-convert not installed")
	}
	dir := t.TempDir()
	for _, tt := range fixtures {
		base := strings.TrimSuffix(tt.file, filepath.Ext(tt.file))
		for _, conv := range []struct{ suffix, flag string }{{".csv", ""}, {".recoded.csv", "--recode"}} {
			out := filepath.Join(dir, base+conv.suffix)
			args := []string{filepath.Join("testdata", tt.file), out}
			if conv.flag != "" {
				args = append([]string{conv.flag}, args...)
			}
			if msg, err := exec.Command("pspp-convert", args...).CombinedOutput(); err != nil {
				t.Fatalf("pspp-convert %s: %v\n%s", strings.Join(args, " "), err, msg)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if want := readFixture(t, base+conv.suffix); !bytes.Equal(got, want) {
				t.Errorf("pspp-convert %s differs from testdata/%s%s", tt.file, base, conv.suffix)
			}
		}
	}
}
