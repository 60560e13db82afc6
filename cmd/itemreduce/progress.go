package main

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/itemreduce/itemreduce/itembank/files"
)

// progressDelay is how long a load runs before its bar appears: short
// loads show nothing.
const progressDelay = 700 * time.Millisecond

// progress draws a bar of the bytes read so far on stderr, when stderr is
// a terminal and the load takes long enough to need one; otherwise it
// draws nothing, so logs and tests see no bar.
type progress struct {
	w     io.Writer
	label string
	total int64
	start time.Time

	mu   sync.Mutex
	read int64
	bar  *progressbar.ProgressBar
}

// showProgress sets opt.Progress to follow the reading of paths, and
// returns the function that ends the bar.
func showProgress(stderr io.Writer, label string, paths []string, opt *files.LoadOptions) (done func()) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return func() {}
	}
	p := &progress{w: stderr, label: label, start: time.Now()}
	for _, path := range paths {
		if st, err := os.Stat(path); err == nil {
			p.total += st.Size()
		}
	}
	opt.Progress = p.add
	return p.finish
}

func (p *progress) add(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.read += n
	if p.bar == nil {
		if time.Since(p.start) < progressDelay {
			return
		}
		p.bar = progressbar.NewOptions64(p.total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(p.label),
			// The bar appears only after progressDelay, so a rate or time
			// estimate from its own start would be wrong: percent only.
			progressbar.OptionSetPredictTime(false),
			progressbar.OptionSetElapsedTime(false),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set64(min(p.read, p.total))
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
}
