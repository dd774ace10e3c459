package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"samverkan/internal/store/dbtest"
)

// BenchmarkServeReady builds the binary, prepares a database with the demo
// data, then starts `samverkan serve` on it repeatedly and measures the
// time until /healthz answers (target < 500 ms) and the resident memory of
// the idle server after a few requests (target < 60 MB).
func BenchmarkServeReady(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "samverkan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	db := dbtest.Source(b)
	if code := run(context.Background(), []string{"migrate", "--db", db}, io.Discard, io.Discard); code != 0 {
		b.Fatal("migrate failed")
	}
	var worst, demoReady time.Duration
	var rss float64
	b.ResetTimer()
	for i := 0; i < max(b.N, 5); i++ {
		addr := freeAddr(b)
		args := []string{"serve", "--addr", addr, "--db", db, "--log-level", "warn"}
		if i == 0 {
			args = append(args, "--demo") // the first start loads the demo organisation: demo-first-start-ms
		}
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		for {
			resp, err := http.Get("http://" + addr + "/healthz")
			if err == nil && resp.StatusCode == 200 {
				resp.Body.Close()
				break
			}
			if time.Since(start) > 20*time.Second {
				cmd.Process.Kill()
				b.Fatal("server did not start")
			}
			time.Sleep(2 * time.Millisecond)
		}
		if d := time.Since(start); i > 0 && d > worst {
			worst = d
		} else if i == 0 {
			demoReady = d
		}
		if i == 1 {
			for range 20 {
				if resp, err := http.Get("http://" + addr + "/login"); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
			time.Sleep(time.Second)
			rss = residentMB(b, cmd.Process.Pid)
		}
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ready-ms")
	b.ReportMetric(float64(demoReady.Microseconds())/1000, "demo-first-start-ms")
	b.ReportMetric(rss, "idle-rss-MB")
}

func residentMB(b *testing.B, pid int) float64 {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(rest)[0])
			return float64(kb) / 1024
		}
	}
	return 0
}
