package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"samverkan/internal/auth"
	"samverkan/internal/auth/oidctest"
	"samverkan/internal/web"
)

// TestSingleSignOnWithARealProvider signs in through the whole OpenID
// Connect flow — authorization code with PKCE against a real (in-process)
// provider — by following the redirects as a browser does.
func TestSingleSignOnWithARealProvider(t *testing.T) {
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	defer srv.Close()
	idp := oidctest.NewProvider(t)
	idp.RegisterClient("samverkan", "s3cret", srv.URL+"/login/oidc/callback")
	client, err := auth.NewOIDC(context.Background(), auth.OIDCConfig{Issuer: idp.Issuer(), ClientID: "samverkan",
		ClientSecret: "s3cret", RedirectURL: srv.URL + "/login/oidc/callback"})
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, web.Options{OIDC: client})
	h = f.h

	signIn := func(email string, verified bool) (*http.Response, string) {
		t.Helper()
		idp.SetUser(email, verified)
		jar, _ := cookiejar.New(nil)
		browser := &http.Client{Jar: jar}
		resp, err := browser.Get(srv.URL + "/login/oidc")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	agent := f.people["agent"]
	resp, body := signIn(strings.ToUpper(agent.Email), true)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/" || !strings.Contains(body, agent.Name) {
		t.Fatalf("after sign-in: %d at %s\n%.400s", resp.StatusCode, resp.Request.URL, body)
	}
	// An address the provider has not verified is refused, and so is one
	// nobody in Samverkan has.
	for _, tc := range []struct {
		email    string
		verified bool
	}{{agent.Email, false}, {"stranger@example.org", true}} {
		resp, body := signIn(tc.email, tc.verified)
		if resp.Request.URL.Path == "/" || strings.Contains(body, agent.Name) {
			t.Errorf("%s (verified %v) was signed in: %s", tc.email, tc.verified, resp.Request.URL)
		}
	}
}
