package reduction

import (
	"crypto/md5"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkInputsUnchanged fails the test for each input whose MD5 is not
// recorded in the versions file of its R reference, as a line
// "<label><file name> md5 <hex>": the reference was computed from another
// version of the input, and regenerate must be run again.
func checkInputsUnchanged(t *testing.T, versionsFile, label, regenerate string, inputs ...string) {
	t.Helper()
	versions, err := os.ReadFile(versionsFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, input := range inputs {
		data, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		sum := fmt.Sprintf("%s%s md5 %x", label, filepath.Base(input), md5.Sum(data))
		if !strings.Contains(string(versions), sum) {
			t.Errorf("%s changed since its R reference was computed (want %q in %s): run %s", input, sum, versionsFile, regenerate)
		}
	}
}
