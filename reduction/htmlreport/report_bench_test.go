package htmlreport

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/itemreduce/itemreduce/internal/benchdata"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/itembank/files"
	"github.com/itemreduce/itemreduce/reduction"
)

// benchInput screens a synthetic questionnaire of p items (benchdata,
// with themes): 300 respondents in the older wave, 400 in the newer.
func benchInput(b *testing.B, p int) Input {
	b.Helper()
	yaml, _ := benchdata.Make(p, 1, benchdata.Options{Themes: true})
	bank, err := itembank.LoadBank(bytes.NewReader(yaml), "bank.yaml")
	if err != nil {
		b.Fatal(err)
	}
	wave := func(n int, d itembank.Detail) *itembank.Summary {
		_, csv := benchdata.Make(p, n, benchdata.Options{Themes: true})
		r, err := files.LoadCSV(bytes.NewReader(csv), "wave.csv", bank, files.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := itembank.Summarize(r, d)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	prev, cur := wave(300, itembank.ItemsOnly), wave(400, itembank.WithPairs)
	rep, err := reduction.NewReport(bank, prev, cur, reduction.DefaultConfig().Thresholds)
	if err != nil {
		b.Fatal(err)
	}
	reduction.ApplyGroups(rep.Result, reduction.ThemeRestR(rep.Reliability))
	return Input{Bank: bank, Report: rep, Previous: prev, Current: cur}
}

// BenchmarkWrite writes the page; MB is its size.
//
//	go test ./reduction/htmlreport -run '^$' -bench Write
func BenchmarkWrite(b *testing.B) {
	for _, p := range []int{149, 1000} {
		b.Run(fmt.Sprintf("p=%d", p), func(b *testing.B) {
			in := benchInput(b, p)
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := Write(&buf, in); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

// BenchmarkChromiumLoad opens the page in headless Chromium: load-ms is
// the time from navigation to the page's load event as the page itself
// measures it (performance.now), wall-s the whole run of the browser,
// start to exit. Skipped without Chromium.
//
//	go test ./reduction/htmlreport -run '^$' -bench ChromiumLoad -benchtime 3x
func BenchmarkChromiumLoad(b *testing.B) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("Chromium is not installed")
	}
	for _, p := range []int{0, 149, 1000} {
		b.Run(fmt.Sprintf("p=%d", p), func(b *testing.B) {
			page := []byte("<!DOCTYPE html><html><body><p>empty</p></body></html>")
			if p > 0 {
				var buf bytes.Buffer
				if err := Write(&buf, benchInput(b, p)); err != nil {
					b.Fatal(err)
				}
				page = buf.Bytes()
			}
			const clock = `<script>addEventListener("load", function () { document.body.setAttribute("data-load-ms", Math.round(performance.now())); });</script></body>`
			path := filepath.Join(b.TempDir(), "page.html")
			if err := os.WriteFile(path, []byte(strings.Replace(string(page), "</body>", clock, 1)), 0o644); err != nil {
				b.Fatal(err)
			}
			loadMS := regexp.MustCompile(`data-load-ms="(\d+)"`)
			var load, wall float64
			for b.Loop() {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				start := time.Now()
				out, err := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
					"--user-data-dir="+b.TempDir(), "--dump-dom", "file://"+path).Output()
				wall += time.Since(start).Seconds()
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				m := loadMS.FindSubmatch(out)
				if m == nil {
					b.Fatal("the page did not report its load time")
				}
				ms, _ := strconv.Atoi(string(m[1]))
				load += float64(ms)
			}
			b.ReportMetric(load/float64(b.N), "load-ms")
			b.ReportMetric(wall/float64(b.N), "wall-s")
			b.ReportMetric(float64(len(page))/1e6, "MB")
		})
	}
}
