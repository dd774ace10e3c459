package oidctest_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"

	"samverkan/internal/auth/oidctest"
)

const (
	clientID = "app"
	secret   = "app secret/with:odd chars"
	redirect = "http://app.test/callback?from=idp"
)

var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func newProvider(t *testing.T) *oidctest.Provider {
	t.Helper()
	p := oidctest.NewProvider(t)
	p.RegisterClient(clientID, secret, redirect)
	p.SetUser("Per@Example.DK", true)
	return p
}

// authParams is a valid authorization request for the test client.
func authParams(verifier string) url.Values {
	return url.Values{
		"client_id":             {clientID},
		"redirect_uri":          {redirect},
		"response_type":         {"code"},
		"scope":                 {"openid email"},
		"state":                 {"st"},
		"nonce":                 {"nc"},
		"code_challenge":        {oauth2.S256ChallengeFromVerifier(verifier)},
		"code_challenge_method": {"S256"},
	}
}

func get(t *testing.T, u string) *http.Response {
	t.Helper()
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// code runs /authorize and returns the code from the callback.
func code(t *testing.T, p *oidctest.Provider, params url.Values) string {
	t.Helper()
	resp := get(t, p.Issuer()+"/authorize?"+params.Encode())
	q := callbackQuery(t, resp)
	if q.Get("code") == "" {
		t.Fatalf("no code in the callback: %v", q)
	}
	return q.Get("code")
}

func callbackQuery(t *testing.T, resp *http.Response) url.Values {
	t.Helper()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, "http://app.test/callback?") {
		t.Fatalf("got %s to %q, want a redirect to the registered callback", resp.Status, loc)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if u.Query().Get("from") != "idp" {
		t.Errorf("the redirect URL lost its own query: %q", loc)
	}
	return u.Query()
}

func TestDiscoveryAndKeys(t *testing.T) {
	p := newProvider(t)
	var doc map[string]any
	decode(t, get(t, p.Issuer()+"/.well-known/openid-configuration"), &doc)
	for k, want := range map[string]string{
		"issuer":                 p.Issuer(),
		"authorization_endpoint": p.Issuer() + "/authorize",
		"token_endpoint":         p.Issuer() + "/token",
		"jwks_uri":               p.Issuer() + "/jwks",
		"userinfo_endpoint":      p.Issuer() + "/userinfo",
	} {
		if doc[k] != want {
			t.Errorf("%s = %v, want %s", k, doc[k], want)
		}
	}
	var keys jose.JSONWebKeySet
	decode(t, get(t, p.Issuer()+"/jwks"), &keys)
	if len(keys.Keys) != 1 || keys.Keys[0].Algorithm != "RS256" || !keys.Keys[0].IsPublic() || keys.Keys[0].KeyID == "" {
		t.Errorf("JWKS = %+v, want one public RS256 key with a key id", keys)
	}
}

func TestAuthorizeRefusesClient(t *testing.T) {
	p := newProvider(t)
	for _, tc := range []struct {
		name string
		edit func(url.Values)
		want string
	}{
		{"unknown client", func(q url.Values) { q.Set("client_id", "nobody") }, "unknown client_id"},
		{"no client", func(q url.Values) { q.Del("client_id") }, "unknown client_id"},
		{"other redirect_uri", func(q url.Values) { q.Set("redirect_uri", "http://evil.test/callback") }, "redirect_uri"},
		{"no redirect_uri", func(q url.Values) { q.Del("redirect_uri") }, "redirect_uri"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := authParams(oauth2.GenerateVerifier())
			tc.edit(q)
			resp := get(t, p.Issuer()+"/authorize?"+q.Encode())
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" || !strings.Contains(string(body), tc.want) {
				t.Errorf("got %s %q, want 400 saying %q and no redirect", resp.Status, body, tc.want)
			}
		})
	}
}

func TestAuthorizeRefusesRequest(t *testing.T) {
	p := newProvider(t)
	for _, tc := range []struct {
		name      string
		edit      func(url.Values)
		wantError string
	}{
		{"response_type token", func(q url.Values) { q.Set("response_type", "token") }, "unsupported_response_type"},
		{"no response_type", func(q url.Values) { q.Del("response_type") }, "unsupported_response_type"},
		{"no openid scope", func(q url.Values) { q.Set("scope", "email profile") }, "invalid_scope"},
		{"plain PKCE", func(q url.Values) { q.Set("code_challenge_method", "plain") }, "invalid_request"},
		{"no PKCE method", func(q url.Values) { q.Del("code_challenge_method") }, "invalid_request"},
		{"no PKCE challenge", func(q url.Values) { q.Del("code_challenge") }, "invalid_request"},
		{"short PKCE challenge", func(q url.Values) { q.Set("code_challenge", "abc") }, "invalid_request"},
		{"repeated parameter", func(q url.Values) { q.Add("scope", "openid") }, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := authParams(oauth2.GenerateVerifier())
			tc.edit(q)
			got := callbackQuery(t, get(t, p.Issuer()+"/authorize?"+q.Encode()))
			if got.Get("error") != tc.wantError || got.Get("state") != "st" || got.Get("code") != "" || got.Get("iss") != p.Issuer() {
				t.Errorf("callback query = %v, want error %s, state st and iss", got, tc.wantError)
			}
		})
	}
}

func TestAuthorizeForm(t *testing.T) {
	p := newProvider(t)
	p.SetUser("", false)
	verifier := oauth2.GenerateVerifier()
	resp := get(t, p.Issuer()+"/authorize?"+authParams(verifier).Encode())
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `name="login_email"`) {
		t.Fatalf("got %s %q, want the sign-in form", resp.Status, body)
	}
	// Submit the form like a browser: its hidden fields plus the e-mail.
	form := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllStringSubmatch(string(body), -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	if form.Get("code_challenge") != oauth2.S256ChallengeFromVerifier(verifier) || form.Get("redirect_uri") != redirect {
		t.Fatalf("hidden fields = %v, want the authorization request", form)
	}
	form.Set("login_email", "Form.User@Example.SE")
	resp, err := noFollow.PostForm(p.Issuer()+"/authorize", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	c := callbackQuery(t, resp).Get("code")
	claims := redeem(t, p, url.Values{"grant_type": {"authorization_code"}, "code": {c}, "redirect_uri": {redirect}, "code_verifier": {verifier}}, true)
	if claims["email"] != "Form.User@Example.SE" || claims["email_verified"] != false {
		t.Errorf("claims = %v, want the form's unverified user", claims)
	}
}

func TestTokenSuccess(t *testing.T) {
	p := newProvider(t)
	for _, basic := range []bool{true, false} {
		verifier := oauth2.GenerateVerifier()
		c := code(t, p, authParams(verifier))
		claims := redeem(t, p, url.Values{"grant_type": {"authorization_code"}, "code": {c}, "redirect_uri": {redirect}, "code_verifier": {verifier}}, basic)
		want := map[string]any{"iss": p.Issuer(), "aud": clientID, "sub": oidctest.Subject("per@example.dk"),
			"nonce": "nc", "email": "Per@Example.DK", "email_verified": true}
		for k, v := range want {
			if claims[k] != v {
				t.Errorf("basic=%v: claim %s = %v, want %v", basic, k, claims[k], v)
			}
		}
		exp, iat := claims["exp"].(float64), claims["iat"].(float64)
		if exp-iat != oidctest.IDTokenLifetime.Seconds() || time.Since(time.Unix(int64(iat), 0)) > time.Minute {
			t.Errorf("basic=%v: iat %v, exp %v", basic, iat, exp)
		}
	}
}

func TestTokenRefused(t *testing.T) {
	p := newProvider(t)
	p.RegisterClient("other", "other-secret", "http://other.test/cb")
	type request struct {
		form                 url.Values
		basicID, basicSecret string
	}
	valid := func(t *testing.T) request {
		verifier := oauth2.GenerateVerifier()
		return request{
			form:    url.Values{"grant_type": {"authorization_code"}, "code": {code(t, p, authParams(verifier))}, "redirect_uri": {redirect}, "code_verifier": {verifier}},
			basicID: clientID, basicSecret: secret,
		}
	}
	for _, tc := range []struct {
		name       string
		edit       func(t *testing.T, r *request)
		wantStatus int
		wantError  string
		wantDesc   string
	}{
		{"no client authentication", func(t *testing.T, r *request) { r.basicID = "" }, 401, "invalid_client", "required"},
		{"wrong secret, basic", func(t *testing.T, r *request) { r.basicSecret = "guess" }, 401, "invalid_client", "wrong secret"},
		{"wrong secret, post", func(t *testing.T, r *request) {
			r.basicID = ""
			r.form.Set("client_id", clientID)
			r.form.Set("client_secret", "guess")
		}, 401, "invalid_client", "wrong secret"},
		{"unknown client", func(t *testing.T, r *request) { r.basicID = "nobody" }, 401, "invalid_client", "unknown client"},
		{"two authentication methods", func(t *testing.T, r *request) { r.form.Set("client_secret", secret) }, 400, "invalid_request", "one client authentication method"},
		{"wrong grant_type", func(t *testing.T, r *request) { r.form.Set("grant_type", "password") }, 400, "unsupported_grant_type", ""},
		{"unknown code", func(t *testing.T, r *request) { r.form.Set("code", "made-up") }, 400, "invalid_grant", "unknown"},
		{"no code", func(t *testing.T, r *request) { r.form.Del("code") }, 400, "invalid_grant", "unknown"},
		{"another client's code", func(t *testing.T, r *request) { r.basicID, r.basicSecret = "other", "other-secret" }, 400, "invalid_grant", "another client"},
		{"replayed code", func(t *testing.T, r *request) {
			if status, body := post(t, p, r.form, r.basicID, r.basicSecret); status != 200 {
				t.Fatalf("first redemption: %d %v", status, body)
			}
		}, 400, "invalid_grant", "already used"},
		{"code used after a failed attempt", func(t *testing.T, r *request) {
			bad := url.Values{}
			for k, v := range r.form {
				bad[k] = v
			}
			bad.Set("code_verifier", oauth2.GenerateVerifier())
			if status, _ := post(t, p, bad, r.basicID, r.basicSecret); status != 400 {
				t.Fatalf("bad verifier: status %d", status)
			}
		}, 400, "invalid_grant", "already used"},
		{"expired code", func(t *testing.T, r *request) {
			p.SetClock(func() time.Time { return time.Now().Add(oidctest.CodeLifetime + time.Second) })
			t.Cleanup(func() { p.SetClock(time.Now) })
		}, 400, "invalid_grant", "expired"},
		{"other redirect_uri", func(t *testing.T, r *request) { r.form.Set("redirect_uri", "http://app.test/other") }, 400, "invalid_grant", "redirect_uri"},
		{"no redirect_uri", func(t *testing.T, r *request) { r.form.Del("redirect_uri") }, 400, "invalid_grant", "redirect_uri"},
		{"no code_verifier", func(t *testing.T, r *request) { r.form.Del("code_verifier") }, 400, "invalid_grant", "missing"},
		{"malformed code_verifier", func(t *testing.T, r *request) { r.form.Set("code_verifier", "short") }, 400, "invalid_grant", "43-128"},
		{"wrong code_verifier", func(t *testing.T, r *request) { r.form.Set("code_verifier", oauth2.GenerateVerifier()) }, 400, "invalid_grant", "does not match"},
		{"repeated parameter", func(t *testing.T, r *request) { r.form.Add("code", "x") }, 400, "invalid_request", "more than once"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := valid(t)
			tc.edit(t, &r)
			status, body := post(t, p, r.form, r.basicID, r.basicSecret)
			if status != tc.wantStatus || body["error"] != tc.wantError || !strings.Contains(body["error_description"], tc.wantDesc) {
				t.Errorf("got %d %v, want %d %s (%q)", status, body, tc.wantStatus, tc.wantError, tc.wantDesc)
			}
			if _, ok := body["id_token"]; ok {
				t.Error("an ID token was issued")
			}
		})
	}
}

func TestTokenMethod(t *testing.T) {
	p := newProvider(t)
	resp := get(t, p.Issuer()+"/token")
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /token: %s, want 405", resp.Status)
	}
}

func TestUserinfo(t *testing.T) {
	p := newProvider(t)
	verifier := oauth2.GenerateVerifier()
	status, body := post(t, p, url.Values{"grant_type": {"authorization_code"}, "code": {code(t, p, authParams(verifier))},
		"redirect_uri": {redirect}, "code_verifier": {verifier}}, clientID, secret)
	if status != 200 || body["token_type"] != "Bearer" || body["access_token"] == "" {
		t.Fatalf("token: %d %v", status, body)
	}
	for _, tc := range []struct {
		token      string
		wantStatus int
	}{{body["access_token"], 200}, {"made-up", 401}, {"", 401}} {
		req, _ := http.NewRequest("GET", p.Issuer()+"/userinfo", nil)
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var info map[string]any
		json.NewDecoder(resp.Body).Decode(&info)
		resp.Body.Close()
		if resp.StatusCode != tc.wantStatus {
			t.Errorf("userinfo with %q: %s, want %d", tc.token, resp.Status, tc.wantStatus)
		}
		if tc.wantStatus == 200 && (info["email"] != "Per@Example.DK" || info["email_verified"] != true || info["sub"] != oidctest.Subject("per@example.dk")) {
			t.Errorf("userinfo = %v", info)
		}
	}
}

// post calls the token endpoint, with Basic authentication when basicID is
// set, and returns the status and the JSON body's string fields.
func post(t *testing.T, p *oidctest.Provider, form url.Values, basicID, basicSecret string) (int, map[string]string) {
	t.Helper()
	req, _ := http.NewRequest("POST", p.Issuer()+"/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basicID != "" {
		req.SetBasicAuth(url.QueryEscape(basicID), url.QueryEscape(basicSecret))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		t.Fatalf("token response: %v", err)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	out := map[string]string{}
	for k, v := range raw {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return resp.StatusCode, out
}

// redeem exchanges a code (client_secret_basic or client_secret_post) and
// returns the claims of the ID token after checking its signature against
// the provider's JWKS.
func redeem(t *testing.T, p *oidctest.Provider, form url.Values, basic bool) map[string]any {
	t.Helper()
	id, sec := clientID, secret
	if !basic {
		form.Set("client_id", clientID)
		form.Set("client_secret", secret)
		id = ""
	}
	status, body := post(t, p, form, id, sec)
	if status != http.StatusOK || body["id_token"] == "" {
		t.Fatalf("token: %d %v", status, body)
	}
	var keys jose.JSONWebKeySet
	decode(t, get(t, p.Issuer()+"/jwks"), &keys)
	jws, err := jose.ParseSignedCompact(body["id_token"], []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatalf("parse ID token: %v", err)
	}
	kid := jws.Signatures[0].Header.KeyID
	payload, err := jws.Verify(keys.Key(kid)[0].Key)
	if err != nil {
		t.Fatalf("verify ID token: %v", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

func decode(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", resp.Request.URL, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", resp.Request.URL, err)
	}
}
