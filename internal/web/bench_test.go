package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/web"
)

// mustActor resolves a session cookie to its actor.
func mustActor(t testing.TB, f *fixture, ck []*http.Cookie) app.Actor {
	t.Helper()
	a, err := f.app.SessionActor(context.Background(), ck[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// BenchmarkConsoleStart renders the console's start page for an admin.
func BenchmarkConsoleStart(b *testing.B) {
	f := newFixture(b, web.Options{})
	ck := f.as(b, "admin")
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/", nil)
		req.AddCookie(ck[0])
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
