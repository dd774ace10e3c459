// Package api is Samverkan's JSON API under /api/v1. Every handler is thin:
// it parses the request, calls a use case of package app and renders the
// result. Authorisation and member scoping happen in app; this package only
// finds out who is asking (a bearer token) and speaks HTTP.
//
// Conventions: snake_case fields, RFC 3339 timestamps with the offset of the
// centre's time zone, dates as YYYY-MM-DD, absent optional values as null,
// lists as {"items": [...], "next_cursor": "..." | null} paged with
// ?limit=&cursor=, errors as RFC 9457 application/problem+json. The OpenAPI
// document at /api/v1/openapi.json describes all of it.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
)

// prefix is where the API lives; the server mounts us there unstripped.
const prefix = "/api/v1"

// server is the API's http.Handler.
type server struct {
	app      *app.App
	log      *slog.Logger
	mux      *http.ServeMux
	patterns []string // every registered "METHOD /path", for the OpenAPI check

	zones sync.Map // time zone name -> *time.Location
}

// New returns the handler for every path under /api/v1/.
func New(a *app.App, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.Default()
	}
	s := &server{app: a, log: log, mux: http.NewServeMux()}
	s.routes()
	return s
}

// ServeHTTP dispatches to the route, answering unknown paths and methods
// with problem documents rather than the mux's plain text.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			s.problem(w, r, status(http.StatusMethodNotAllowed, "this resource does not support "+r.Method))
			return
		}
		s.problem(w, r, fault.NotFoundf("there is no such resource"))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// allowed lists the methods the path supports ("" when none).
func (s *server) allowed(r *http.Request) string {
	var ms []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := s.mux.Handler(probe); p != "" {
			ms = append(ms, m)
		}
	}
	return strings.Join(ms, ", ")
}

// handler is an API endpoint that knows who is asking.
type handler func(w http.ResponseWriter, r *http.Request, by app.Actor)

// handle registers an endpoint that needs a bearer token.
func (s *server) handle(pattern string, h handler) {
	s.patterns = append(s.patterns, pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		by, err := s.authenticate(r)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		h(w, r, by)
	})
}

// public registers an endpoint anyone may call.
func (s *server) public(pattern string, h http.HandlerFunc) {
	s.patterns = append(s.patterns, pattern)
	s.mux.HandleFunc(pattern, h)
}

// authenticate resolves "Authorization: Bearer <token>" to the actor.
func (s *server) authenticate(r *http.Request) (app.Actor, error) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return app.Actor{}, fault.New(fault.Unauthenticated, "send an API token in the header Authorization: Bearer <token>")
	}
	return s.app.TokenActor(r.Context(), token)
}

// zone is the centre's time zone, in which every timestamp is rendered.
func (s *server) zone(ctx context.Context) *time.Location {
	c, err := s.app.Centre(ctx)
	if err != nil {
		s.log.Warn("centre settings unreadable; rendering times in UTC", "err", err)
		return time.UTC
	}
	if loc, ok := s.zones.Load(c.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		s.log.Warn("unknown centre time zone; rendering times in UTC", "zone", c.TimeZone, "err", err)
		return time.UTC
	}
	s.zones.Store(c.TimeZone, loc)
	return loc
}
