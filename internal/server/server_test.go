package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/demo"
	"samverkan/internal/server"
	"samverkan/internal/store/dbtest"
)

func newServer(t testing.TB, tls bool) (*httptest.Server, *app.App) {
	t.Helper()
	a := app.New(dbtest.Open(t))
	h, err := server.New(a, server.Config{TLS: tls, MaxBodyBytes: 1024, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, a
}

func TestSecurityHeadersAndRequestID(t *testing.T) {
	srv, _ := newServer(t, true)
	resp, err := http.Get(srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %s", csp)
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS under TLS")
	}
	if len(resp.Header.Get("X-Request-Id")) < 8 {
		t.Error("no request id")
	}
}

func TestHealthReadyAndBodyLimit(t *testing.T) {
	srv, _ := newServer(t, false)
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v %v", path, resp, err)
		}
		resp.Body.Close()
	}
	resp, err := http.Post(srv.URL+"/login", "application/x-www-form-urlencoded", bytes.NewReader(bytes.Repeat([]byte("a"), 4096)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized body: status %d, want 413", resp.StatusCode)
	}
	// An upload above the body limit reaches the handler, which applies
	// the attachment limit itself (here: not signed in).
	up, err := http.Post(srv.URL+"/api/v1/cases/1/attachments", "multipart/form-data; boundary=x", bytes.NewReader(bytes.Repeat([]byte("a"), 4096)))
	if err != nil {
		t.Fatal(err)
	}
	up.Body.Close()
	if up.StatusCode != http.StatusUnauthorized {
		t.Fatalf("upload above the body limit: status %d, want 401 from the API", up.StatusCode)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	srv, _ := newServer(t, false)
	req, _ := http.NewRequest("POST", srv.URL+"/login", strings.NewReader("email=a&password=b"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d, want 403", resp.StatusCode)
	}
}

// latencies issues n requests and returns the p50 and p99.
func latencies(b *testing.B, do func() *http.Response, n int) (p50, p99 time.Duration) {
	d := make([]time.Duration, n)
	for i := range d {
		start := time.Now()
		resp := do()
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d[i] = time.Since(start)
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[n/2], d[n*99/100]
}

func demoServer(b *testing.B) (*httptest.Server, *app.App) {
	srv, a := newServer(b, false)
	if err := demo.Load(context.Background(), a, io.Discard); err != nil {
		b.Fatal(err)
	}
	return srv, a
}

// BenchmarkAPIMembers measures GET /api/v1/members on the demo data and
// reports p50 and p99 in milliseconds (target p99 < 20 ms).
func BenchmarkAPIMembers(b *testing.B) {
	srv, a := demoServer(b)
	secret, err := a.IssueTokenByEmail(context.Background(), app.SystemActor("bench"), "admin@demo.example", "bench")
	if err != nil {
		b.Fatal(err)
	}
	do := func() *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/api/v1/members", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		return resp
	}
	b.ResetTimer()
	p50, p99 := latencies(b, do, max(b.N, 200))
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}

// BenchmarkConsoleStart measures the console start page for a signed-in
// admin on the demo data (target p99 < 20 ms).
func BenchmarkConsoleStart(b *testing.B) {
	srv, a := demoServer(b)
	token, err := a.SignIn(context.Background(), "admin@demo.example", demo.Password)
	if err != nil {
		b.Fatal(err)
	}
	do := func() *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/", nil)
		req.AddCookie(&http.Cookie{Name: "samverkan_session", Value: token})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		return resp
	}
	b.ResetTimer()
	p50, p99 := latencies(b, do, max(b.N, 200))
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}
