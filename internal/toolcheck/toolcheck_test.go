package toolcheck

import "testing"

// TestNeedRuns passes a command that runs and skips at one that cannot.
func TestNeedRuns(t *testing.T) {
	t.Run("runs", func(t *testing.T) {
		Need(t, "REQUIRE_NOTHING", []string{"go", "version"})
	})
	skipped := false
	t.Run("missing", func(t *testing.T) {
		t.Setenv("REQUIRE_NOTHING", "")
		defer func() { skipped = t.Skipped() }()
		Need(t, "REQUIRE_NOTHING", []string{"itemreduce-no-such-tool"})
	})
	if !skipped {
		t.Error("a missing tool did not skip the test")
	}
}
