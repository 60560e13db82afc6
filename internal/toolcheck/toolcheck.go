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

// Python returns a python3 that can import module (the system's
// /usr/bin/python3 first, then the first on the PATH), or skips the test;
// with the environment variable env "1" it fails instead.
func Python(t testing.TB, env, module string) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(py); err == nil && exec.Command(path, "-c", "import "+module).Run() == nil {
			return path
		}
	}
	if os.Getenv(env) == "1" {
		t.Fatalf("%s=1 but no python3 with %s is installed", env, module)
	}
	t.Skipf("python3 with %s is not installed (apt-get install python3-%s); set %s=1 to fail instead", module, module, env)
	return ""
}
