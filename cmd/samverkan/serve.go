package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/auth"
	"samverkan/internal/demo"
	"samverkan/internal/mail"
	"samverkan/internal/server"
	"samverkan/internal/web"
)

func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	started := time.Now()
	cfg, err := parseServeConfig(args, stderr)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	db, err := openMigrated(ctx, cfg.DB, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	a := app.New(db, app.WithLogger(log))
	demoRest := func(context.Context) error { return nil }
	if cfg.Demo {
		if demoRest, err = demo.Start(ctx, a, stdout); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	var oidc web.OIDCProvider
	if cfg.OIDCIssuer != "" {
		o, err := auth.NewOIDC(ctx, auth.OIDCConfig{
			Issuer: cfg.OIDCIssuer, ClientID: cfg.OIDCClientID, ClientSecret: cfg.OIDCSecret,
			RedirectURL: strings.TrimSuffix(cfg.BaseURL, "/") + "/login/oidc/callback",
		})
		if err != nil {
			return fmt.Errorf("single sign-on: %w", err)
		}
		oidc = o
	}
	tls := cfg.TLSCert != ""
	h, err := server.New(a, server.Config{Log: log, OIDC: oidc, TLS: tls, SecureCookies: strings.HasPrefix(cfg.BaseURL, "https://")})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	cfg.Mail.BaseURL = cfg.BaseURL
	mailer, err := mail.New(cfg.Mail, db, mail.Options{Log: log,
		Processor: mail.ProcessorFunc(a.FileInboundMail), Letters: mail.LetterSourceFunc(a.MailLetter)})
	if err != nil {
		return fmt.Errorf("e-mail: %w", err)
	}
	runner := newRunner(db, a, mailer, log)
	mailer.Register(runner)
	go runner.Run(ctx)
	go func() {
		// The demo's cases, catalogue and meetings load while we serve.
		if err := demoRest(ctx); err != nil && ctx.Err() == nil {
			log.Error("demo data", "err", err)
		}
	}()
	errc := make(chan error, 1)
	go func() {
		if tls {
			errc <- srv.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	scheme := "http"
	if tls {
		scheme = "https"
	}
	log.Info("samverkan serving", "url", scheme+"://"+ln.Addr().String(), "db", db.Source,
		"engine", db.Engine, "version", version, "ready_in", time.Since(started).Round(time.Millisecond))
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

func newLogger(cfg serveConfig, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
