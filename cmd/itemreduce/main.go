// Command itemreduce screens questionnaire items for removal with the four
// rules of the 2018 social neighbourhood teams report, and keeps the review,
// the decision and its audit reproducible.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/itemreduce/itemreduce/internal/outfile"
)

func main() {
	// Ctrl-C and SIGTERM cancel the run; see interrupted.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	slowWritesForTests()
	done := make(chan int, 1)
	go func() { done <- run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr) }()
	select {
	case code := <-done:
		os.Exit(code)
	case <-ctx.Done():
		os.Exit(interrupted(ctx, os.Stderr))
	}
}

// slowWritesForTests holds every write for the duration in the environment
// variable ITEMREDUCE_TEST_SLOW_WRITE (e.g. "30s") between writing its
// temporary files and renaming them. It is for TestInterruptedWrite only,
// which stops the program at that moment; it changes no output.
func slowWritesForTests() {
	if d, err := time.ParseDuration(os.Getenv("ITEMREDUCE_TEST_SLOW_WRITE")); err == nil {
		outfile.BeforeRename = func() { time.Sleep(d) }
	}
}
