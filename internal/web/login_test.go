package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"samverkan/internal/web"
)

func itoa(n int64) string          { return fmt.Sprint(n) }
func contains(s, part string) bool { return strings.Contains(s, part) }

func TestLoginFlow(t *testing.T) {
	f := newFixture(t, web.Options{SecureCookies: true})
	res := f.do(t, "GET", "/people?role=agent", nil, nil)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/login?next=%2Fpeople%3Frole%3Dagent" {
		t.Fatalf("redirect to %q", loc)
	}
	res = f.do(t, "GET", "/login?next=%2Fpeople%3Frole%3Dagent", nil, nil, "Accept-Language", "en")
	wantContains(t, res, `name="next" value="/people?role=agent"`)
	if contains(res.Body, "single sign-on") {
		t.Error("single sign-on offered without a provider")
	}
	res = f.do(t, "POST", "/login", url.Values{"email": {"agent@centre.example"}, "password": {password}, "next": {"/people?role=agent"}}, nil)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/people?role=agent" {
		t.Fatalf("after sign-in to %q", loc)
	}
	ck := cookieNamed(res.Cookies(), "samverkan_session")
	if ck == nil || !ck.Secure || !ck.HttpOnly {
		t.Fatalf("session cookie %+v", ck)
	}
	// Only local paths are followed.
	for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"} {
		res = f.do(t, "POST", "/login", url.Values{"email": {"agent@centre.example"}, "password": {password}, "next": {next}}, nil)
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("next %q followed to %q", next, loc)
		}
	}
	// Signing out ends the session.
	res = f.do(t, "POST", "/logout", url.Values{}, []*http.Cookie{ck})
	wantStatus(t, res, http.StatusSeeOther)
	res = f.do(t, "GET", "/people", nil, []*http.Cookie{ck})
	wantStatus(t, res, http.StatusSeeOther)
}

func TestLoginMessages(t *testing.T) {
	f := newFixture(t, web.Options{})
	bad := url.Values{"email": {"agent@centre.example"}, "password": {"not the password"}}
	res := f.do(t, "POST", "/login", bad, nil, "Accept-Language", "en")
	wantStatus(t, res, http.StatusUnauthorized)
	wantContains(t, res, "Wrong e-mail address or password.", `role="alert"`, `value="agent@centre.example"`)
	if contains(res.Body, "not the password") {
		t.Error("the password is echoed")
	}
	for range 4 {
		f.do(t, "POST", "/login", bad, nil)
	}
	res = f.do(t, "POST", "/login", url.Values{"email": {"agent@centre.example"}, "password": {password}}, nil, "Accept-Language", "sv")
	wantStatus(t, res, http.StatusTooManyRequests)
	wantContains(t, res, "För många misslyckade inloggningar")
}

func TestOIDC(t *testing.T) {
	idp := &fakeIdP{Email: "Kim@Hoganas.example"}
	f := newFixture(t, web.Options{OIDC: idp})
	res := f.do(t, "GET", "/login", nil, nil, "Accept-Language", "en")
	wantContains(t, res, `href="/login/oidc?next=%2f"`, "Sign in with single sign-on")

	start := func(t *testing.T) (state string, ck *http.Cookie) {
		res := f.do(t, "GET", "/login/oidc?next=%2Fpeople", nil, nil)
		wantStatus(t, res, http.StatusFound)
		u, err := url.Parse(res.Header.Get("Location"))
		if err != nil || u.Host != "idp.example" || u.Query().Get("state") == "" {
			t.Fatalf("redirect to %q", res.Header.Get("Location"))
		}
		ck = cookieNamed(res.Cookies(), "samverkan_oidc")
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.MaxAge <= 0 || ck.MaxAge > 900 {
			t.Fatalf("oidc cookie %+v", ck)
		}
		return u.Query().Get("state"), ck
	}
	state, ck := start(t)
	res = f.do(t, "GET", "/login/oidc/callback?code=good&state="+state, nil, []*http.Cookie{ck})
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/people" {
		t.Fatalf("callback redirects to %q", loc)
	}
	session := cookieNamed(res.Cookies(), "samverkan_session")
	if session == nil {
		t.Fatal("no session after single sign-on")
	}
	res = f.do(t, "GET", "/portal", nil, []*http.Cookie{session})
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "Kim Kontakt")

	tests := []struct {
		name, query string
		cookie      bool
		email       string
		status      int
		msg         string
	}{
		{"wrong state", "code=good&state=forged", true, "kim@hoganas.example", 400, "did not start here"},
		{"no cookie", "code=good&state=", false, "kim@hoganas.example", 400, "did not start here"},
		{"provider error", "error=access_denied&state=", true, "kim@hoganas.example", 401, "Single sign-on did not succeed"},
		{"bad code", "code=bad&state=", true, "kim@hoganas.example", 401, "Single sign-on did not succeed"},
		{"unknown person", "code=good&state=", true, "stranger@example.se", 403, "No active account in Samverkan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state, ck := start(t)
			idp.Email = tt.email
			var cookies []*http.Cookie
			if tt.cookie {
				cookies = append(cookies, ck)
			}
			q := tt.query
			if strings.HasSuffix(q, "state=") {
				q += state
			}
			res := f.do(t, "GET", "/login/oidc/callback?"+q, nil, cookies, "Accept-Language", "en")
			wantStatus(t, res, tt.status)
			wantContains(t, res, tt.msg)
			if cookieNamed(res.Cookies(), "samverkan_session") != nil {
				t.Error("a session was opened")
			}
		})
	}
}

func TestOIDCNotConfigured(t *testing.T) {
	f := newFixture(t, web.Options{})
	for _, p := range []string{"/login/oidc", "/login/oidc/callback?state=x&code=y"} {
		wantStatus(t, f.do(t, "GET", p, nil, nil), http.StatusNotFound)
	}
}

// TestAccountTokens creates a token (its secret shown once) and revokes it.
func TestAccountTokens(t *testing.T) {
	f := newFixture(t, web.Options{})
	ck := f.as(t, "employee")
	res := f.do(t, "POST", "/account/tokens", url.Values{"token_name": {"lönespec-export"}}, ck, "Accept-Language", "en")
	wantStatus(t, res, http.StatusCreated)
	wantContains(t, res, "it is shown only this once", "svk_", "lönespec-export")
	res = f.do(t, "GET", "/account", nil, ck)
	if contains(res.Body, "svk_") {
		t.Error("secret shown again")
	}
	tokens, err := f.app.ListAPITokens(f.ctx, mustActor(t, f, ck))
	if err != nil || len(tokens) != 1 {
		t.Fatalf("tokens %v, %v", tokens, err)
	}
	res = f.do(t, "POST", "/account/tokens/"+itoa(tokens[0].ID)+"/revoke", url.Values{}, ck)
	wantStatus(t, res, http.StatusSeeOther)
	// Another person's token is not found.
	res = f.do(t, "POST", "/account/tokens/"+itoa(tokens[0].ID)+"/revoke", url.Values{}, f.as(t, "orderer"))
	wantStatus(t, res, http.StatusNotFound)
}

// TestPasswordChange changes the password through the account page.
func TestPasswordChange(t *testing.T) {
	f := newFixture(t, web.Options{})
	ck := f.as(t, "manager")
	res := f.do(t, "POST", "/account/password", url.Values{"current_password": {"wrong"}, "new_password": {"a much longer one"}}, ck, "Accept-Language", "en")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-current-password-error">The current password is wrong.`)
	res = f.do(t, "POST", "/account/password", url.Values{"current_password": {password}, "new_password": {"a much longer one"}}, ck)
	wantStatus(t, res, http.StatusSeeOther)
	res = f.do(t, "POST", "/login", url.Values{"email": {"maja@hoganas.example"}, "password": {"a much longer one"}}, nil)
	wantStatus(t, res, http.StatusSeeOther)
}
