package main

import (
	"strings"
	"testing"
)

// withoutSelection is flag's JSON without its first member, "selection".
func withoutSelection(t *testing.T, js string) string {
	t.Helper()
	start := strings.Index(js, "\n  \"selection\": {")
	end := strings.Index(js, "\n  \"thresholds\": {")
	if start < 0 || end < start {
		t.Fatalf("the JSON does not begin with its selection:\n%.300s", js)
	}
	return js[:start] + js[end:]
}
