// Command itemreduce screens questionnaire items for removal with the four
// rules of the 2018 social neighbourhood teams report, and keeps the review,
// the decision and its audit reproducible.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr))
}
