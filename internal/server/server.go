// Package server composes Samverkan's HTTP face: the web UI, the API and the
// operational endpoints, behind one chain of middleware (request ids, access
// logs, metrics, security headers, size limits, cross-origin protection).
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"samverkan/internal/api"
	"samverkan/internal/app"
	"samverkan/internal/web"
)

// Config is what the server needs beyond the use cases.
type Config struct {
	Log  *slog.Logger
	OIDC web.OIDCProvider // nil without single sign-on
	// TLS is true when the server terminates TLS itself: cookies are marked
	// Secure and HSTS is sent.
	TLS bool
	// SecureCookies marks cookies Secure (also behind a TLS proxy).
	SecureCookies bool
	// MaxBodyBytes limits request bodies (default 1 MiB), MaxUploadBytes
	// multipart uploads (default 64 MiB: several attachments of the
	// default 10 MiB limit each).
	MaxBodyBytes   int64
	MaxUploadBytes int64
}

// New builds the whole HTTP handler.
func New(a *app.App, cfg Config) (http.Handler, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxUploadBytes == 0 {
		cfg.MaxUploadBytes = 64 << 20
	}
	webH, err := web.New(a, web.Options{Log: cfg.Log, OIDC: cfg.OIDC, SecureCookies: cfg.SecureCookies || cfg.TLS})
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := newMetrics(reg)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := a.Ready(ctx); err != nil {
			cfg.Log.Warn("not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready: " + readinessReason(err) + "\n"))
			return
		}
		w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.Handle("/api/v1/", api.New(a, cfg.Log))
	mux.Handle("/", webH)

	cop := http.NewCrossOriginProtection()
	var h http.Handler = mux
	h = cop.Handler(h)
	h = limitBody(h, cfg.MaxBodyBytes, cfg.MaxUploadBytes)
	h = securityHeaders(h, cfg.TLS)
	h = m.observe(h)
	h = accessLog(h, cfg.Log)
	h = requestID(h)
	h = recoverPanics(h, cfg.Log)
	return h, nil
}

// readinessReason says why the server is not ready without internals.
func readinessReason(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
