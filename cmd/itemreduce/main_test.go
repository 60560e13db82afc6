package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files: go test ./cmd/itemreduce -update
var update = flag.Bool("update", false, "rewrite golden files in testdata")

// testdata is the absolute path of this package's testdata folder: the
// tests run the program from the repository root.
var testdata, _ = filepath.Abs("testdata")

// result is what one run of the program produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs itemreduce with the given arguments from the repository root,
// so that example paths in arguments and messages read as a user types them.
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	t.Chdir("../..")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"itemreduce"}, args...), strings.NewReader(""), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(testdata, name)
	if *update {
		if err := os.MkdirAll(testdata, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/itemreduce -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./cmd/itemreduce -update rewrites it)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}
