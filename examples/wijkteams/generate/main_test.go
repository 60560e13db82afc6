package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const bankPath = "../bank.yaml"

// The committed CSV files must be exactly what the committed generator writes.
func TestCommittedResponsesMatchGenerator(t *testing.T) {
	dir := t.TempDir()
	if err := run(bankPath, dir); err != nil {
		t.Fatal(err)
	}
	for _, w := range waves {
		name := fmt.Sprintf("responses-%d.csv", w.year)
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output; regenerate with: go run ./examples/wijkteams/generate", name)
		}
	}
}

func TestWaveShape(t *testing.T) {
	b, err := loadBank(bankPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range waves {
		rows := generate(b, w)
		total := 0
		for _, n := range w.respondents {
			total += n
		}
		if got := len(rows) - 1; got != total {
			t.Errorf("%d: %d respondents, want %d", w.year, got, total)
		}
		header := rows[0]
		if !slices.Equal(header[:len(background)], background) {
			t.Errorf("%d: header starts %v, want %v", w.year, header[:len(background)], background)
		}
		for id := range newIn2017 {
			if got, want := slices.Contains(header, id), w.year > 2016; got != want {
				t.Errorf("%d: column %s present = %v, want %v", w.year, id, got, want)
			}
		}
		for i, row := range rows {
			if len(row) != len(header) {
				t.Fatalf("%d: row %d has %d cells, header %d", w.year, i, len(row), len(header))
			}
		}
	}
}

func TestCheckParams(t *testing.T) {
	scales := map[string]scale{"likert5": {Min: 1, Max: 5}}
	tests := []struct {
		name  string
		items []item
		want  string
	}{
		{"item without parameters", []item{{ID: "XX01", Scale: "likert5"}}, "item XX01 has no generator parameters"},
		{"unknown scale", []item{{ID: "SA01", Scale: "likert7"}}, `item SA01: unknown scale "likert7"`},
		{"parameters without item", []item{{ID: "SA01", Scale: "likert5"}}, "parameters for SA02, which is not in the bank"},
		{"break-off item absent", []item{{ID: "SA01", Scale: "likert5"}}, "break-off item OR01 is not in the bank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkParams(&bank{Scales: scales, Items: tt.items})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("checkParams() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
