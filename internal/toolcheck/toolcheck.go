// Package toolcheck lets a test that checks the project against an
// outside tool (R, PSPP, Chromium, openpyxl) skip when the tool is not
// installed, and fail instead when a REQUIRE_… variable asks for it, so
// that CI, which installs the tools, cannot pass by skipping.
package toolcheck

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Need runs each command (e.g. {"Rscript", "-e", "library(psych)"}) and
// skips the test at the first that fails, or fails the test when the
// environment variable env (e.g. "REQUIRE_R") is "1".
func Need(t testing.TB, env string, cmds ...[]string) {
	t.Helper()
	for _, c := range cmds {
		if err := exec.Command(c[0], c[1:]...).Run(); err != nil {
			if os.Getenv(env) == "1" {
				t.Fatalf("%s=1 but %q fails: %v", env, strings.Join(c, " "), err)
			}
			t.Skipf("%q fails: %v", strings.Join(c, " "), err)
		}
	}
}
