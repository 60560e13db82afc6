package main

import (
	"os"
	"testing"
)

// TestMain keeps every test's release records away from the settings
// folder of whoever runs the tests: summarize without --ledger writes to
// a folder of the test run, removed at the end.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "itemreduce-settings-")
	if err != nil {
		panic(err)
	}
	userConfigDir = func() (string, error) { return dir, nil }
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
